"""``make bench``: time the build and the tests on this machine; print and write a table.

A benchmark, not a test. Each figure is the median of ``--runs`` runs (default 3) with min and
max, in seconds of wall-clock time, all measured in the same run:

- a clean ``make -j2`` (data, every report, the index) against the baseline, ``jupyter nbconvert
  --execute --to html`` on each notebook in sequence, and their ratio; the same build cold
  (``WARM=0``: each step and kernel a process of its own, without the warm server); the peak
  memory of the clean build (:mod:`helpers.build.memory`);
- a no-op ``make``;
- ``make test``;
- the notebooks' pure compute: their code cells run as one script in a warm interpreter (figures
  still encoded as PNG), the practical lower bound of any build;
- where the rest goes: a kernel start-up (papermill on an empty notebook), and for each notebook
  its cold render (``python -m helpers.build.render``) split into kernel start and stop, imports
  (the cells with ``import`` statements) and compute (the other cells), beside its warm render
  (forked by a warm server that has imported the libraries).

The table goes to ``reports/benchmarks.md``, between two markers; the rest of the file (notes
written by hand on what the figures mean) is kept as it is. A file without the markers keeps all
its text, below the new table.
"""

from __future__ import annotations

import contextlib
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from helpers import paths
from helpers.build import cli
from helpers.build.atomic import write_text_atomic

TARGETS = {"ratio": 0.35, "noop": 0.1, "test": 120.0}
BEGIN = "<!-- begin: written by `make bench`; notes go outside these markers -->"
END = "<!-- end: written by `make bench` -->"


def run(command: list[str]) -> None:
    # A fresh make each time, not a sub-make of `make bench` (no inherited jobserver or flags).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    subprocess.run(command, cwd=paths.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def timed(action: Callable[[], None], runs: int, before: Callable[[], None] | None = None) -> list[float]:
    """Wall-clock seconds of ``action`` over ``runs`` runs (``before`` runs untimed first)."""
    out = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def notebooks() -> list[Path]:
    return paths.notebooks()


def baseline(out_dir: Path) -> None:
    """``jupyter nbconvert --execute --to html`` on each notebook, one after the other."""
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    for nb in notebooks():
        run([jupyter, "nbconvert", "--execute", "--to", "html", "--output-dir", str(out_dir), str(nb)])


def notebook_script(notebook: Path) -> str:
    """A notebook's code cells joined into one script (the parameters cell keeps its defaults)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


def pure_compute(scripts: list[str]) -> None:
    """Run every notebook's code in this interpreter; ``plt.show`` encodes the open figures as PNG,
    as the inline backend does, and output is discarded."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def show(*_args, **_kwargs):
        for number in plt.get_fignums():
            plt.figure(number).savefig(io.BytesIO(), format="png")

    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original, plt.show = plt.show, show
        try:
            for script in scripts:
                exec(compile(script, "<notebook>", "exec"), {"__name__": "__notebook__"})  # noqa: S102
                plt.close("all")
        finally:
            plt.show = original


def kernel_start(empty: Path) -> None:
    import papermill

    papermill.execute_notebook(str(empty), None, kernel_name=paths.KERNEL_NAME, progress_bar=False)


def imports_something(source: str) -> bool:
    """The cell's code has an ``import`` statement at its top level."""
    import ast

    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython syntax (magics): not an import cell
        return False
    return any(isinstance(node, ast.Import | ast.ImportFrom) for node in body)


def split(executed, wall: float) -> dict[str, float]:
    """Where the ``wall`` seconds of running a notebook went, from papermill's timing of each cell:
    ``imports`` (cells with an import statement), ``compute`` (the other cells) and ``kernel`` (the
    rest: the kernel's start and stop, papermill's own work)."""
    cells = [c for c in executed.cells if c.cell_type == "code"]
    seconds = [float(c.metadata.get("papermill", {}).get("duration") or 0.0) for c in cells]
    imports = sum(s for c, s in zip(cells, seconds, strict=True) if imports_something(c.source))
    return {"kernel": wall - sum(seconds), "imports": imports, "compute": sum(seconds) - imports}


def profile(notebook: Path) -> dict[str, float]:
    """Run ``notebook`` in a cold kernel; :func:`split` of its wall time."""
    from helpers.build.kernel import run_notebook

    start = time.perf_counter()
    executed = run_notebook(notebook.resolve(), {})
    return split(executed, time.perf_counter() - start)


def render_cold(notebook: Path, out_dir: Path) -> None:
    run([sys.executable, "-m", "helpers.build.render", str(notebook), "--out-dir", str(out_dir)])


def render_warm(notebook: Path, out_dir: Path) -> None:
    """A render through the warm server this process owns (started by the first)."""
    run(
        [
            sys.executable,
            "-m",
            "helpers.build.warm",
            "--owner",
            str(os.getpid()),
            "render",
            str(notebook),
            "--out-dir",
            str(out_dir),
        ]
    )


def megabytes(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def per_notebook_rows(seconds: dict[str, dict[str, list[float]]]) -> list[str]:
    """Rows of the per-notebook table: the median of each measure."""
    rows = []
    for name, measures in seconds.items():
        cells = [f"{statistics.median(measures[key]):.2f}" for key in ("cold", "kernel", "imports", "compute", "warm")]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


def stats(seconds: list[float]) -> tuple[float, float, float]:
    return statistics.median(seconds), min(seconds), max(seconds)


def row(label: str, seconds: list[float], note: str = "") -> str:
    med, lo, hi = stats(seconds)
    return f"| {label} | {med:.2f} | {lo:.2f} | {hi:.2f} | {len(seconds)} | {note} |"


def verdict(value: float, target: float, unit: str = "") -> str:
    """``target ≤ 1 s: met`` or ``... not met``."""
    return f"target ≤ {target:g}{unit}: {'met' if value <= target else 'not met'}"


def with_table(document: str, table: str) -> str:
    """``document`` with the section between :data:`BEGIN` and :data:`END` replaced by ``table``;
    without the markers, the section goes first and the whole document is kept after it."""
    section = f"{BEGIN}\n{table.strip()}\n{END}"
    if BEGIN in document and END in document.split(BEGIN, 1)[1]:
        before, rest = document.split(BEGIN, 1)
        return before + section + rest.split(END, 1)[1]
    return section + "\n" + (f"\n{document}" if document.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("bench", __doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-test", action="store_true", help="leave out `make test` (slowest)")
    args = parser.parse_args(argv)
    return cli.run("bench", lambda: bench(args.runs, args.skip_test), args.debug)


def bench(runs: int, skip_test: bool) -> str:
    """Measure, print the table, write it into reports/benchmarks.md; return what was written."""
    import nbformat

    from helpers.build.memory import PeakSampler, adopt_orphans

    adopt_orphans()  # the warm server a build leaves behind stays this process's descendant
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_dir = Path(tmp)
        clean = timed(lambda: run(["make", "-j2"]), runs, before=lambda: run(["make", "clean"]))
        run(["make", "clean"])
        with PeakSampler(os.getpid(), include_root=False) as peak:  # one more build, untimed: sampling costs CPU
            run(["make", "-j2"])
        cold = timed(lambda: run(["make", "-j2", "WARM=0"]), runs, before=lambda: run(["make", "clean"]))
        base = timed(lambda: baseline(tmp_dir), runs)
        noop = timed(lambda: run(["make"]), runs, before=lambda: run(["make"]))
        test = None if skip_test else timed(lambda: run(["make", "test"]), runs)
        scripts = [notebook_script(nb) for nb in notebooks()]
        pure_compute(scripts)  # warm: imports and caches
        compute = timed(lambda: pure_compute(scripts), runs)
        empty = tmp_dir / "empty.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), empty)
        kernel = timed(lambda: kernel_start(empty), runs)
        render_warm(notebooks()[0], tmp_dir / "warm-up")  # the server starts and imports once
        each: dict[str, dict[str, list[float]]] = {}
        for nb in notebooks():
            measures = each[nb.stem] = {key: [] for key in ("cold", "kernel", "imports", "compute", "warm")}
            measures["cold"] = timed(lambda nb=nb: render_cold(nb, tmp_dir / "cold"), runs)
            measures["warm"] = timed(lambda nb=nb: render_warm(nb, tmp_dir / "warm"), runs)
            for _ in range(runs):
                for key, value in profile(nb).items():
                    measures[key].append(value)

    ratio = stats(clean)[0] / stats(base)[0]
    rows = [
        row(
            "clean `make -j2` (data, reports, index)",
            clean,
            f"ratio {ratio:.2f}, " + verdict(ratio, TARGETS["ratio"], " × baseline"),
        ),
        row("clean `make -j2 WARM=0` (each step and kernel cold)", cold, f"ratio {stats(cold)[0] / stats(base)[0]:.2f}"),
        row("baseline: `jupyter nbconvert --execute --to html`, each notebook in sequence", base),
        row("no-op `make`", noop, verdict(stats(noop)[0], TARGETS["noop"], " s")),
    ]
    if test:
        rows.append(row("`make test`", test, verdict(stats(test)[0], TARGETS["test"], " s")))
    rows += [
        row("pure compute: every notebook's code in one warm interpreter", compute, "lower bound"),
        row("one kernel start-up and shutdown (papermill, empty notebook)", kernel, f"× {len(scripts)} notebooks cold"),
    ]
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}. Written by `make bench`.",
            "",
            "Seconds of wall-clock time; median, min and max over the runs, all measured in one run.",
            "",
            "| what | median | min | max | runs | note |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"Clean build / baseline = **{ratio:.2f}** (median over median). Peak memory of a clean build: "
            f"{megabytes(peak.pss)} (sum of the processes' proportional set sizes), largest process "
            f"{megabytes(peak.largest_rss)} (resident).",
            "",
            "Each notebook, medians in seconds: its cold render (`python -m helpers.build.render`), the same run's "
            "kernel start and stop, imports (cells with an import statement) and compute (the other cells), and its "
            "render forked by a warm server.",
            "",
            "| notebook | cold render | kernel start and stop | imports | compute | warm render |",
            "|---|---|---|---|---|---|",
            *per_notebook_rows(each),
            "",
        ]
    )
    print(text)
    target = paths.REPORTS / "benchmarks.md"
    write_text_atomic(target, with_table(target.read_text(encoding="utf-8") if target.exists() else "", text))
    return f"wrote the table of {paths.shown(target)}"


if __name__ == "__main__":
    sys.exit(main())
