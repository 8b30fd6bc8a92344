from __future__ import annotations

import os

import pytest

from helpers.build.atomic import write_bytes_atomic, write_text_atomic


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
        write_bytes_atomic(target, b"half")
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
