"""``make bench``: time the build and test commands on this machine; print and write a table.

Each figure is the median of ``--runs`` runs (default 3) with min and max, in seconds:
a no-op ``make``, ``make data`` from scratch, rendering each notebook (papermill + nbconvert
in one process), and ``make test``. The table goes to ``reports/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

from helpers import paths
from helpers.atomic import write_text_atomic


def timed(command: list[str], runs: int, before: list[str] | None = None) -> list[float]:
    """Wall-clock seconds of ``command`` over ``runs`` runs (``before`` runs untimed first)."""
    out = []
    for _ in range(runs):
        if before:
            subprocess.run(before, cwd=paths.ROOT, check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=paths.ROOT, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def row(label: str, seconds: list[float]) -> str:
    return (f"| {label} | {statistics.median(seconds):.2f} | {min(seconds):.2f} | {max(seconds):.2f} "
            f"| {len(seconds)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-test", action="store_true", help="leave out `make test` (slowest)")
    args = parser.parse_args(argv)
    py = sys.executable
    rows = [row("no-op `make`", timed(["make"], args.runs, before=["make"])),
            row("`make data` from scratch", timed(["make", "data"], args.runs,
                                                  before=["rm", "-f", str(paths.PROCESSED / ".built")]))]
    for nb in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        out_dir = f"/tmp/bench-{os.getpid()}"
        rows.append(row(f"render `{nb.name}`", timed([py, "-m", "helpers.render", str(nb), "--out-dir", out_dir],
                                                     args.runs)))
    if not args.skip_test:
        rows.append(row("`make test`", timed(["make", "test"], args.runs)))
    text = "\n".join([
        "# Benchmarks", "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}.", "",
        "Seconds of wall-clock time; median, min and max over the runs.", "",
        "| what | median | min | max | runs |", "|---|---|---|---|---|", *rows, ""])
    print(text)
    write_text_atomic(paths.REPORTS / "benchmarks.md", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
