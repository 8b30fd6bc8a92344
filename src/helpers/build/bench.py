"""``make bench``: time the build and the tests with hyperfine; print and write a table.

A benchmark, not a test. hyperfine (Debian package ``hyperfine``) runs each command ``--runs``
times (default 3) and reports median, min and max wall-clock seconds:

- the first ``make`` of a fresh clone (``git clone`` of this checkout, empty uv and pip caches,
  so every package is downloaded; one run) against the goal of 45 s;
- a clean ``make -j2`` (data, every report, the index; ``make clean`` before each run);
- a no-op ``make``;
- ``make test`` against the goal of 120 s.

The table goes to ``reports/benchmarks.md``, between two markers; the rest of the file (notes
written by hand on what the figures mean) is kept as it is. Without hyperfine the bench says so
in one line and writes nothing.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import paths
from helpers.build import cli
from helpers.build.atomic import write_text_atomic

GOALS = {"fresh": 45.0, "test": 120.0}
BEGIN = "<!-- begin: written by `make bench`; notes go outside these markers -->"
END = "<!-- end: written by `make bench` -->"


def hyperfine(command: str, runs: int, prepare: str | None = None, env: dict | None = None) -> dict:
    """hyperfine's result for ``command`` run in the project folder: median, min, max, runs."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "result.json"
        args = ["hyperfine", "--style", "none", "--runs", str(runs), "--export-json", str(out)]
        args += ["--prepare", prepare] if prepare else []
        # A fresh make each time, not a sub-make of `make bench` (no inherited jobserver or flags).
        base = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PARAMS")}
        subprocess.run([*args, command], cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL, env=base | (env or {}))
        result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    return {"median": result["median"], "min": result["min"], "max": result["max"], "runs": len(result["times"])}


def row(label: str, result: dict, goal: float | None = None) -> str:
    note = "" if goal is None else f"goal ≤ {goal:g} s: {'met' if result['median'] <= goal else 'not met'}"
    return f"| {label} | " + " | ".join(f"{result[k]:.2f}" for k in ("median", "min", "max")) + f" | {result['runs']} | {note} |"


def with_table(document: str, table: str) -> str:
    """``document`` with the text between the markers replaced by ``table``; a document without
    the markers gets the table first and keeps all its text after it."""
    if BEGIN in document and END in document:
        before, rest = document.split(BEGIN, 1)
        return f"{before}{BEGIN}\n{table.strip()}\n{END}{rest.split(END, 1)[1]}"
    return f"{BEGIN}\n{table.strip()}\n{END}\n" + (f"\n{document}" if document else "")


def bench(runs: int, fresh: bool) -> str:
    rows = []
    if fresh and (paths.ROOT / ".git").exists():
        with tempfile.TemporaryDirectory(prefix="bench-fresh-") as tmp:
            clone, root = shlex.quote(f"{tmp}/clone"), shlex.quote(str(paths.ROOT))
            command = f"git clone -q {root} {clone} && make -C {clone}"
            fresh = hyperfine(command, 1, env={"UV_CACHE_DIR": f"{tmp}/uv-cache", "PIP_NO_CACHE_DIR": "1"})
            rows.append(row("first `make` of a fresh clone (empty caches: downloads included)", fresh, GOALS["fresh"]))
    rows.append(row("clean `make -j2` (data, reports, index)", hyperfine("make -j2", runs, prepare="make clean")))
    rows.append(row("no-op `make`", hyperfine("make", runs)))
    rows.append(row("`make test`", hyperfine("make test", runs), GOALS["test"]))
    machine = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {platform.platform(terse=True)}"
    head = ["# Benchmarks", "", f"Machine: {machine}. Written by `make bench` (hyperfine), seconds of wall-clock time.", ""]
    return "\n".join([*head, "| what | median | min | max | runs | note |", "|---|---|---|---|---|---|", *rows, ""])


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("bench", __doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh clone's first make")
    args = parser.parse_args(argv)
    if not shutil.which("hyperfine"):
        print("bench: skipped, hyperfine is not installed (Debian: apt-get install hyperfine)")
        return 0

    def action() -> str:
        table = bench(args.runs, not args.no_fresh)
        print(table)
        target = paths.REPORTS / "benchmarks.md"
        write_text_atomic(target, with_table(target.read_text(encoding="utf-8") if target.exists() else "", table))
        return f"wrote {paths.shown(target)}"

    return cli.run("bench", action, args.debug)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
