"""Atomic writes: write to a temporary file beside the target, then rename.

A run that fails or is killed half-way never leaves a truncated or half-written output,
and a good previous output stays in place until the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes, *, only_if_changed: bool = False) -> bool:
    """Write ``data`` to ``path`` atomically; return True if the file was (re)written.

    With ``only_if_changed`` an identical existing file is left untouched, so its
    modification time stays and ``make`` does not rebuild what depends on it.
    """
    path = Path(path)
    if only_if_changed and path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text_atomic(path: Path, text: str, *, only_if_changed: bool = False) -> bool:
    """UTF-8, ``\\n`` line endings; see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"), only_if_changed=only_if_changed)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temporary files a killed writer of ``path`` left beside it (``.<name>.*.tmp``);
    return them. Call before writing ``path`` again, never while another writer is at work."""
    path = Path(path)
    stale = sorted(path.parent.glob(f".{path.name}.*.tmp")) if path.parent.is_dir() else []
    for tmp in stale:
        tmp.unlink(missing_ok=True)
    return stale
