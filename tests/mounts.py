"""Small real file systems for failure tests: a tmpfs of a given size (disk full) or mounted
read-only. Mounting needs root; the tests that use these skip, with the reason, otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

CAN_MOUNT = os.geteuid() == 0 and shutil.which("mount") is not None
needs_mount = pytest.mark.skipif(not CAN_MOUNT, reason="mounting a small tmpfs needs root")


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here: {result.stderr.strip()}")


@contextmanager
def small_disk(folder: Path, free_bytes: int):
    """Mount a tmpfs over ``folder`` holding a copy of its files and ``free_bytes`` (rounded up to
    whole 4 KiB pages) of free space; on exit, copy the files back and unmount."""
    folder = Path(folder)
    saved = folder.with_name(folder.name + ".saved")
    shutil.copytree(folder, saved)
    used = sum(-(-p.stat().st_size // 4096) * 4096 for p in saved.rglob("*") if p.is_file())
    _mount("-t", "tmpfs", "-o", f"size={used + free_bytes}", "tmpfs", str(folder))
    try:
        shutil.copytree(saved, folder, dirs_exist_ok=True, copy_function=shutil.copy2)
        yield folder
    finally:
        kept = folder.with_name(folder.name + ".after")
        shutil.copytree(folder, kept, copy_function=shutil.copy2)
        subprocess.run(["umount", str(folder)], check=True)
        shutil.rmtree(folder)
        kept.rename(folder)
        shutil.rmtree(saved)


@contextmanager
def read_only(folder: Path):
    """Make ``folder`` read-only (a read-only bind mount of itself) for the block."""
    folder = Path(folder)
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,ro,bind", str(folder))
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
