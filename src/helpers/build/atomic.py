"""Files written whole or not at all, alone or as a set.

A file is first written to a temporary file beside its target (same folder, so the final rename
is atomic), then renamed over the target. A *set* of files (a report's ``.ipynb`` and ``.html``,
the tables of ``make data``) is staged completely before any target changes, then committed with
interrupts deferred, and rolled back if a rename fails: afterwards either every file of the set is
new or every file is as it was. A failure (disk full, read-only folder) raises :class:`WriteError`,
one line naming the path and the cause.
"""

from __future__ import annotations

import os
import secrets
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from helpers.paths import shown

#: Signals deferred while a set is committed: Ctrl-C, `kill`, a closed terminal.
DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class WriteError(OSError):
    """A file or set could not be written; no file of it changed. ``str()`` is one line."""

    def __init__(self, path: Path, cause: OSError):
        super().__init__(cause.errno, f"cannot write {shown(path)}: {cause.strerror or cause}; no file was changed")
        self.path = Path(path)

    def __str__(self) -> str:
        return self.strerror


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (flushed to disk); return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _backup(path: Path) -> Path:
    """A second name (hard link) for the current ``path``, so it can be put back; no data is copied."""
    backup = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    os.link(path, backup)
    return backup


@contextmanager
def deferred_interrupts() -> Iterator[list[int]]:
    """Hold Ctrl-C and termination signals until the block ends, then deliver them; the block gets
    the list of signals held so far. Python runs signal handlers in the main thread only, so only
    there can they be held (a signal mask would not do: the process may have other threads, e.g.
    zmq's, that receive the signal instead)."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = {sig: signal.getsignal(sig) for sig in DEFERRED_SIGNALS}
    held = [sig for sig, handler in previous.items() if handler is not None]  # None: set outside Python
    for sig in held:
        signal.signal(sig, lambda signum, _frame: caught.append(signum))
    try:
        yield caught
    finally:
        for sig in held:
            signal.signal(sig, previous[sig])
        for sig in dict.fromkeys(caught):
            signal.raise_signal(sig)


def _commit(staged: Mapping[Path, Path], removed: list[Path], backups: dict[Path, Path]) -> None:
    """Rename every staged file over its target and delete ``removed``; undo all on failure."""
    done: list[Path] = []
    current = None
    try:
        for current in (*staged, *removed):
            if current.exists():
                backups[current] = _backup(current)
        for current, tmp in staged.items():
            os.replace(tmp, current)
            done.append(current)
        for current in removed:
            current.unlink()
            done.append(current)
    except OSError as exc:
        for path in reversed(done):
            if path in backups:
                os.replace(backups.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        raise WriteError(current, exc) from exc


def write_set(
    files: Mapping[Path, bytes], *, only_if_changed: bool = False, rewrite: Iterable[Path] = (), remove: Iterable[Path] = ()
) -> list[Path]:
    """Write every ``path -> bytes`` of ``files`` and delete every existing path of ``remove``, as one
    set; return the paths written or removed. With ``only_if_changed`` an identical file is left
    untouched (its modification time stays, so ``make`` rebuilds nothing that depends on it), except
    the paths of ``rewrite`` (a stamp whose time must move).

    Either every change is made or none: all contents are staged first (a full disk or a read-only
    folder fails here, before any target changes), then renamed into place with interrupts deferred.
    """
    files = {Path(p): data for p, data in files.items()}
    always = {Path(p) for p in rewrite}
    wanted = {p: data for p, data in files.items() if p in always or not (only_if_changed and _unchanged(p, data))}
    removed = [Path(p) for p in remove if Path(p).exists()]
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    try:
        for path, data in wanted.items():
            try:
                staged[path] = _stage(path, data)
            except OSError as exc:
                raise WriteError(path, exc) from exc
        with deferred_interrupts():
            try:
                _commit(staged, removed, backups)
            finally:  # still deferred: an interrupt waiting for the commit cannot leave a backup behind
                _discard([*staged.values(), *backups.values()])
    finally:
        _discard(staged.values())  # staging was interrupted or failed
    return [*wanted, *removed]


def _discard(paths: Iterable[Path]) -> None:
    for leftover in paths:
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str, *, only_if_changed: bool = False) -> bool:
    """Write ``text`` (UTF-8) to ``path`` atomically; return True if the file was (re)written."""
    return bool(write_set({path: text.encode("utf-8")}, only_if_changed=only_if_changed))


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Delete temporary files a killed writer of ``path`` left beside it (``.<name>.*.tmp``);
    return them. Call before writing ``path`` again, never while another writer is at work."""
    path = Path(path)
    stale = sorted(path.parent.glob(f".{path.name}.*.tmp")) if path.parent.is_dir() else []
    for tmp in stale:
        tmp.unlink(missing_ok=True)
    return stale
