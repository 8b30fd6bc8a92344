"""`make bench`: it rewrites only its table in reports/benchmarks.md (notes written by hand stay),
splits a notebook's run into kernel, imports and compute, and measures the peak memory of a build
with everything it starts, the warm server left behind included."""

from __future__ import annotations

import os
import subprocess
import sys

import nbformat
import pytest

from helpers import paths
from helpers.build.bench import BEGIN, END, TARGETS, imports_something, per_notebook_rows, split, verdict, with_table
from helpers.build.memory import PeakSampler, tree_usage


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


# ---- Where a notebook's time goes ------------------------------------------------------------


def _executed(cells: list[tuple[str, str, float | None]]):
    """A notebook as papermill returns it: (kind, source, seconds papermill timed) per cell."""
    nb = nbformat.v4.new_notebook()
    for kind, source, seconds in cells:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        if seconds is not None:
            cell.metadata["papermill"] = {"duration": seconds}
        nb.cells.append(cell)
    return nb


def test_a_run_splits_into_kernel_imports_and_compute():
    nb = _executed(
        [
            ("code", "lang = 'en'", 0.05),
            ("code", "import pandas as pd\nfrom helpers import trends\nx = 1", 1.5),
            ("markdown", "# A heading", None),
            ("code", "print('import pandas')", 0.25),
            ("code", "def f():\n    import scipy\n    return 1\nf()", 0.5),
        ]
    )
    # cells: 0.05 + 1.5 + 0.25 + 0.5 = 2.3 s; imports: the one cell with a top-level import, 1.5 s;
    # compute: 2.3 - 1.5 = 0.8 s; kernel (start, stop, papermill): wall 3.0 - 2.3 = 0.7 s.
    assert split(nb, 3.0) == pytest.approx({"kernel": 0.7, "imports": 1.5, "compute": 0.8})


def test_only_top_level_import_statements_make_an_import_cell():
    assert imports_something("import numpy")
    assert imports_something("x = 1\nfrom helpers.data import load_raw")
    assert not imports_something("s = 'import numpy'")
    assert not imports_something("def f():\n    import numpy")
    assert not imports_something("%matplotlib inline")  # IPython syntax


def test_per_notebook_rows_show_medians():
    measures = {
        "cold": [5.0, 4.0, 9.0],
        "kernel": [1.0, 1.2, 1.1],
        "imports": [3.0, 3.0, 3.0],
        "compute": [0.5, 0.7, 0.6],
        "warm": [2.0, 1.0, 1.5],
    }
    assert per_notebook_rows({"01_batken": measures}) == ["| 01_batken | 5.00 | 1.10 | 3.00 | 0.60 | 1.50 |"]


def test_targets_of_the_issue():
    assert TARGETS == {"ratio": 0.35, "noop": 0.1, "test": 120.0}
    assert verdict(0.36, TARGETS["ratio"], " × baseline") == "target ≤ 0.35 × baseline: not met"
    assert verdict(0.08, TARGETS["noop"], " s") == "target ≤ 0.1 s: met"


# ---- Peak memory ----------------------------------------------------------------------------

ALLOCATE = "import sys, time\nblock = b'x' * (64 * 2**20)\nprint('ready', flush=True)\ntime.sleep(float(sys.argv[1]))"


def test_the_memory_of_a_child_is_counted():
    child = subprocess.Popen([sys.executable, "-c", ALLOCATE, "30"], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "ready\n"
        usage = tree_usage(os.getpid(), include_root=False)
        assert usage.processes >= 1
        assert usage.pss >= 64 * 2**20 and usage.largest_rss >= 64 * 2**20
    finally:
        child.kill()
        child.wait()
        child.stdout.close()


def test_the_sampler_keeps_the_peak_of_a_process_that_has_exited():
    with PeakSampler(os.getpid(), interval=0.02, include_root=False) as peak:
        subprocess.run([sys.executable, "-c", ALLOCATE, "0.3"], check=True, capture_output=True)
    assert peak.pss >= 64 * 2**20
    assert tree_usage(os.getpid(), include_root=False).pss < 64 * 2**20  # it is gone now


ORPHAN = """
import os, subprocess, sys, time
from helpers.build.memory import adopt_orphans
assert adopt_orphans()
# A child that starts a grandchild and exits at once: the grandchild is orphaned.
subprocess.run([sys.executable, "-c", "import subprocess, sys; print(subprocess.Popen(['sleep', '5']).pid)"],
               check=True, stdout=open("pid.txt", "w"))
grandchild = int(open("pid.txt").read())
time.sleep(0.2)
print(open(f"/proc/{grandchild}/stat").read().rsplit(") ", 1)[1].split()[1] == str(os.getpid()))
os.kill(grandchild, 9)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a subreaper is a Linux feature")
def test_an_orphan_of_the_build_stays_in_the_tree(tmp_path):
    """The warm server is left behind by its starter; adopted, it is still counted."""
    env = dict(os.environ, PYTHONPATH=str(paths.ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", ORPHAN], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert out.stdout == "True\n"
