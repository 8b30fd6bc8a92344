"""Atomic writes, alone and as sets: whole or not at all, on a full disk, a read-only folder, Ctrl-C."""

from __future__ import annotations

import errno
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from helpers.build.atomic import WriteError, deferred_interrupts, write_set, write_text_atomic
from tests.mounts import needs_mount, read_only, small_disk


def test_write_creates_and_reports_change(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    assert write_text_atomic(target, "ә ғ қ\n") is True
    assert target.read_text(encoding="utf-8") == "ә ғ қ\n"


def test_only_if_changed_keeps_mtime(tmp_path):
    target = tmp_path / "out.csv"
    write_text_atomic(target, "a\n")
    os.utime(target, ns=(1, 1))
    assert write_text_atomic(target, "a\n", only_if_changed=True) is False
    assert target.stat().st_mtime_ns == 1
    assert write_text_atomic(target, "b\n", only_if_changed=True) is True


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    write_text_atomic(target, "good")

    def failing_fsync(_fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_text_atomic(target, "half")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_remove_stale_temporaries_deletes_only_leftovers_of_that_target(tmp_path):
    from helpers.build.atomic import remove_stale_temporaries

    target = tmp_path / "01_batken.html"
    target.write_text("good")
    leftover = tmp_path / ".01_batken.html.k2j3.tmp"
    other = tmp_path / ".02_kazakhstan.html.x1.tmp"
    leftover.write_text("half")
    other.write_text("half")
    assert remove_stale_temporaries(target) == [leftover]
    assert not leftover.exists() and other.exists() and target.read_text() == "good"


def test_a_set_is_written_whole_and_unchanged_files_keep_their_time(tmp_path):
    a, b, stamp, stale = (tmp_path / n for n in ("a.csv", "b.csv", ".built", "old.csv"))
    write_set({a: b"1\n", b: b"2\n"})
    stale.write_text("gone\n")
    os.utime(a, ns=(1, 1))
    changed = write_set({a: b"1\n", b: b"3\n", stamp: b"a.csv\nb.csv\n"}, only_if_changed=True, rewrite={stamp}, remove=[stale])
    assert changed == [b, stamp, stale]
    assert a.stat().st_mtime_ns == 1 and b.read_text() == "3\n" and not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".built", "a.csv", "b.csv"]


def test_a_set_that_cannot_be_staged_changes_no_file(tmp_path, monkeypatch):
    a, b = tmp_path / "01_batken.ipynb", tmp_path / "01_batken.html"
    write_set({a: b"old ipynb", b: b"old html"})
    real_fsync, calls = os.fsync, []

    def fsync_fails_the_second_time(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_fails_the_second_time)
    with pytest.raises(WriteError) as info:
        write_set({a: b"new ipynb", b: b"new html"})
    assert str(info.value).endswith("01_batken.html: No space left on device; no file was changed")
    assert "\n" not in str(info.value)
    assert (a.read_bytes(), b.read_bytes()) == (b"old ipynb", b"old html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01_batken.html", "01_batken.ipynb"]


def test_a_set_whose_second_rename_fails_is_rolled_back(tmp_path, monkeypatch):
    a, b, new = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    write_set({a: b"old a", b: b"old b"})
    real_replace = os.replace

    def replace_fails_onto_b(src, dst):
        if Path(dst) == b and str(src).endswith(".tmp") and Path(src).read_bytes() == b"new b":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_fails_onto_b)
    with pytest.raises(WriteError, match=r"cannot write .*b\.csv: Input/output error; no file was changed"):
        write_set({a: b"new a", new: b"new c", b: b"new b"})
    assert (a.read_bytes(), b.read_bytes(), new.exists()) == (b"old a", b"old b", False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_interrupts_wait_until_the_commit_is_done():
    done, handler = [], signal.getsignal(signal.SIGINT)
    other = threading.Thread(target=time.sleep, args=(0.5,))  # the signal may reach any thread
    other.start()
    with pytest.raises(KeyboardInterrupt), deferred_interrupts() as held:
        os.kill(os.getpid(), signal.SIGINT)
        deadline = time.monotonic() + 10  # another thread may take the signal; on a busy machine, late
        while not held and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held == [signal.SIGINT]
        done.append("renamed")  # still runs: the signal is held until the block ends
    other.join()
    assert done == ["renamed"]
    assert signal.getsignal(signal.SIGINT) is handler


@needs_mount
def test_a_full_disk_changes_no_file_of_the_set(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    small, large = folder / "01_batken.ipynb", folder / "01_batken.html"
    write_set({small: b"en" * 1000, large: b"en" * 1000})
    with small_disk(folder, free_bytes=64 * 1024):
        with pytest.raises(WriteError, match=r"01_batken\.html: No space left on device; no file was changed"):
            write_set({small: b"ru" * 1000, large: b"ru" * 200_000})
        assert (small.read_bytes(), large.read_bytes()) == (b"en" * 1000, b"en" * 1000)
        assert sorted(p.name for p in folder.iterdir()) == ["01_batken.html", "01_batken.ipynb"]


@needs_mount
def test_a_read_only_folder_is_one_line_naming_the_file(tmp_path):
    target = tmp_path / "out" / "claims.csv"
    write_set({target: b"old"})
    with read_only(target.parent), pytest.raises(WriteError, match=r"claims\.csv: Read-only file system; no file was changed"):
        write_set({target: b"new"})
    assert target.read_bytes() == b"old"
