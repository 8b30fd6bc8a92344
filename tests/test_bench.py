"""`make bench` rewrites only its table in reports/benchmarks.md; notes written by hand stay."""

from __future__ import annotations

from helpers import paths
from helpers.build.bench import BEGIN, END, with_table


def test_the_table_is_replaced_and_the_notes_are_kept():
    document = f"{BEGIN}\n# Benchmarks\n| old | 1.00 |\n{END}\n\n## Reading the targets\n\nHand-written.\n"
    assert (
        with_table(document, "# Benchmarks\n| new | 2.00 |\n")
        == f"{BEGIN}\n# Benchmarks\n| new | 2.00 |\n{END}\n\n## Reading the targets\n\nHand-written.\n"
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
    assert "## Reading the targets" in document.split(END, 1)[1]
