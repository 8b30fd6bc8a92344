"""`make bench`: it rewrites only its table in reports/benchmarks.md (notes written by hand stay),
says where it missed a goal, and skips in one line without hyperfine."""

from __future__ import annotations

import shutil

import pytest

from helpers import paths
from helpers.build import bench
from helpers.build.bench import BEGIN, END, GOALS, row, with_table


def test_the_table_is_replaced_and_the_notes_are_kept():
    document = f"{BEGIN}\n# Benchmarks\n| old | 1.00 |\n{END}\n\n## Reading the figures\n\nHand-written.\n"
    assert (
        with_table(document, "# Benchmarks\n| new | 2.00 |\n")
        == f"{BEGIN}\n# Benchmarks\n| new | 2.00 |\n{END}\n\n## Reading the figures\n\nHand-written.\n"
    )


def test_notes_before_the_table_are_kept_too():
    document = f"Intro by hand.\n\n{BEGIN}\nold\n{END}\nAfter.\n"
    assert with_table(document, "new") == f"Intro by hand.\n\n{BEGIN}\nnew\n{END}\nAfter.\n"


def test_a_file_without_markers_loses_nothing():
    assert (
        with_table("Notes written before the markers existed.\n", "table")
        == f"{BEGIN}\ntable\n{END}\n\nNotes written before the markers existed.\n"
    )
    assert with_table("", "table") == f"{BEGIN}\ntable\n{END}\n"


def test_the_committed_benchmarks_keep_their_notes_outside_the_table():
    document = (paths.REPORTS / "benchmarks.md").read_text(encoding="utf-8")
    assert document.count(BEGIN) == 1 and document.count(END) == 1
    assert "## Reading the figures" in document.split(END, 1)[1]


def test_a_row_says_whether_its_goal_is_met():
    result = {"median": 130.0, "min": 120.5, "max": 140.25, "runs": 3}
    assert row("`make test`", result, GOALS["test"]) == "| `make test` | 130.00 | 120.50 | 140.25 | 3 | goal ≤ 120 s: not met |"
    assert row("no-op", {**result, "median": 0.02}) == "| no-op | 0.02 | 120.50 | 140.25 | 3 |  |"
    assert row("first make", {**result, "median": 45.0}, GOALS["fresh"]).endswith("goal ≤ 45 s: met |")


def test_the_goals_of_the_issue():
    assert GOALS == {"fresh": 45.0, "test": 120.0}


def test_without_hyperfine_the_bench_skips_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    before = (paths.REPORTS / "benchmarks.md").read_bytes()
    assert bench.main([]) == 0
    out = capsys.readouterr()
    assert out.out == "bench: skipped, hyperfine is not installed (Debian: apt-get install hyperfine)\n" and out.err == ""
    assert (paths.REPORTS / "benchmarks.md").read_bytes() == before


@pytest.mark.skipif(shutil.which("hyperfine") is None, reason="hyperfine is not installed (apt-get install hyperfine)")
def test_hyperfine_gives_median_min_max_and_runs():
    result = bench.hyperfine("true", 2)
    assert result["runs"] == 2 and 0 <= result["min"] <= result["median"] <= result["max"] < 5
