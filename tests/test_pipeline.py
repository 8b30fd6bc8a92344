"""The whole pipeline through `make`, on scratch copies of the project (sharing this .venv).

- Failures lose nothing: a failed notebook, `make -k`, a killed export (then `make restore-report`
  touches that report only), a corrupt raw file, Ctrl-C
  (make and its children interrupted, as a terminal or `timeout -s INT` does), a full disk and a
  read-only folder (on a small tmpfs or a read-only mount, when run as root).
- Every failure is one line (make's own "***" line aside), the traceback with VERBOSE=1.
- The graph is exact: a raw edit rewrites the tables it changes and puts every report and the
  index out of date (one report rendered again for real), editing the benchmark tool or the
  index's style renders no notebook, deleting an input or an output makes make act or fail in one
  line.
- A clean build in another time zone, locale and OpenBLAS kernel, without .git, is byte-identical
  to the committed outputs, the index included; it is the only clean build.
- The front door: PARAMS reach the renderer as data, `make -f ../Makefile` from a subfolder and
  `make test` without reports are one line, another Python is refused in one line, a venv that
  drifted from its stamp is rebuilt, and a report older than its inputs but current by content is
  not executed again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from helpers import paths
from tests.mounts import needs_mount, read_only, small_disk
from tests.support.blas import numpy_openblas_core, runnable_kernels

pytestmark = pytest.mark.slow

IGNORED = shutil.ignore_patterns(".git", ".venv", ".make", ".pytest_cache", ".ruff_cache", "__pycache__", "*.egg-info")
INSTALLED = ".venv/.installed"


def mark_outputs_current(project: Path) -> None:
    """Give outputs file times after their inputs, in build order (sources, data, reports, index),
    as a finished `make` leaves them. A fresh clone's times follow checkout order instead; that the
    committed outputs are current is checked by test_reports and by the clean build below."""
    t0 = time.time() - 3600
    stamp = project / "data" / "processed" / ".built"
    if not stamp.exists():
        stamp.write_text("".join(f"{p.name}\n" for p in sorted(stamp.parent.glob("*.csv"))), encoding="utf-8")
    stages = [
        (project / "src" / "helpers" / "locale").glob("*/LC_MESSAGES/messages.mo"),
        (project / "data" / "processed").glob("*.csv"),
        [project / "data" / "processed" / ".built"],
        (project / "reports").glob("[0-9][0-9]_*"),
        [project / "reports" / "index.html"],
    ]
    for path in project.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (t0, t0))
    for step, files in enumerate(stages, start=1):
        for path in files:
            os.utime(path, (t0 + 10 * step, t0 + 10 * step))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project, its outputs current, sharing this .venv."""
    copy = tmp_path / "project"
    shutil.copytree(paths.ROOT, copy, ignore=IGNORED, symlinks=True)
    (copy / ".venv").symlink_to(paths.ROOT / ".venv")
    mark_outputs_current(copy)
    assert make(copy, "-q").returncode == 0  # up to date; make notes which inputs exist (.make/*.list)
    return copy


def make_env(env: dict | None = None) -> dict:
    """This environment without what would steer make or Python elsewhere."""
    drop = ("PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VERBOSE")
    return {k: v for k, v in os.environ.items() if k not in drop} | (env or {})


def make(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run make in ``project``; the venv stamp is taken as up to date (-o) so nothing reinstalls."""
    return subprocess.run(
        ["make", "-o", INSTALLED, *args], cwd=project, capture_output=True, text=True, env=make_env(env), timeout=900
    )


def errors(result: subprocess.CompletedProcess) -> list[str]:
    """The error lines of a make run, make's own `*** [...] Error` lines left out."""
    return [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]


def edit_raw_table(project: Path) -> None:
    """The edit of the issue: `sed -i '4s/,-620$/,-600/' data/raw/batken/table1_interregional.csv`."""
    subprocess.run(["sed", "-i", "4s/,-620$/,-600/", "data/raw/batken/table1_interregional.csv"], cwd=project, check=True)


def snapshot(folder: Path, pattern: str = "*") -> dict[str, tuple[str, int]]:
    """name -> (sha256, mtime_ns) of the files in ``folder``."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.glob(pattern))
        if p.is_file()
    }


def digests(project: Path) -> dict[str, str]:
    files = (
        sorted((project / "reports").glob("*.html"))
        + sorted((project / "reports").glob("*.ipynb"))
        + sorted((project / "data" / "processed").glob("*.csv"))
    )
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def inject_failure(notebook: Path, code: str = 'raise RuntimeError("injected failure")') -> None:
    """A failing cell just after the parameters cell: the notebook fails before its imports."""
    nb = nbformat.read(notebook, as_version=4)
    after = next(i for i, cell in enumerate(nb.cells) if "parameters" in cell.metadata.get("tags", []))
    nb.cells.insert(after + 1, new_code_cell(code, id="injected"))
    nbformat.write(nb, notebook)


# Classes let pytest-xdist (--dist loadscope) run the clean builds beside the failure cases.
class TestFailures:
    def test_the_copy_is_up_to_date_and_builds_into_itself(self, project):
        result = make(project)
        assert result.returncode == 0, result.stderr
        assert "Nothing to be done" in result.stdout

    def test_a_bad_parameter_value_is_refused_before_a_kernel_starts(self, project):
        before = snapshot(project / "reports")
        result = make(project, "reports/02_kazakhstan.html", "PARAMS=-p year 2030")
        assert result.returncode != 0
        assert errors(result) == [
            "render: notebooks/02_kazakhstan.ipynb: parameter year=2030: expected an integer from 2022 to 2023"
        ]
        assert snapshot(project / "reports") == before

    def test_params_are_data_never_run_by_a_shell(self, project, tmp_path):
        marker = tmp_path / "ran"
        for params, line in [
            (f"-p lang en; touch {marker}", "render: PARAMS='-p lang en; touch "),
            ("-p lang 'ru", 'render: PARAMS="-p lang \'ru": No closing quotation; expected -p NAME VALUE pairs'),
        ]:
            result = make(project, "reports/02_kazakhstan.html", f"PARAMS={params}")
            assert result.returncode != 0 and len(errors(result)) == 1 and errors(result)[0].startswith(line), result.stderr
        assert not marker.exists()

    def test_make_k_builds_the_other_reports_when_one_notebook_fails(self, project):
        """02 fails; the primer, whose .ipynb was deleted (its .html current: the .ipynb's own rule),
        is rendered again all the same, byte for byte; the index, which needs 02, is left as it was.
        With 02 mended, `make` finds its report current by content and writes the index."""
        notebook = project / "notebooks" / "02_kazakhstan.ipynb"
        mended = notebook.read_bytes()
        inject_failure(notebook)
        (project / "reports" / "00_primer.ipynb").unlink()
        before = snapshot(paths.REPORTS)
        kept = snapshot(project / "reports")
        result = make(project, "-k")
        assert result.returncode != 0
        assert "02_kazakhstan.ipynb: cell 2 (execution count 2) failed: RuntimeError: injected failure" in result.stderr
        after = snapshot(project / "reports")
        for name in ("02_kazakhstan.html", "02_kazakhstan.ipynb", "index.html"):
            assert after[name] == kept[name], f"{name} changed although its build failed"
        assert after["00_primer.html"][1] > kept["00_primer.html"][1], "00_primer was not rendered again by make -k"
        for name in ("00_primer.html", "00_primer.ipynb"):
            assert after[name][0] == before[name][0], f"{name} rendered again with different content"
        assert sorted(p.name for p in (project / "reports").iterdir() if p.name.endswith(".tmp")) == []
        notebook.write_bytes(mended)
        result = make(project)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "render: reports/02_kazakhstan.html is current (inputs as the index recorded them); not run again",
            "index: wrote reports/index.html",
        ]
        assert digests(project) == digests(paths.ROOT)

    def test_a_corrupt_raw_file_stops_make_at_data_and_rebuilds_no_report(self, project):
        table = project / "data" / "raw" / "batken" / "table1_interregional.csv"
        lines = table.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3].rsplit(",", 1)[0] + ",12x"
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        reports, processed = snapshot(project / "reports"), snapshot(project / "data" / "processed", "*.csv")
        result = make(project)
        assert result.returncode != 0
        assert errors(result) == [
            "make data: data/raw/batken/table1_interregional.csv, line 4, column 'value': "
            "'12x' is not an integer; expected digits only, e.g. 1590"
        ]
        assert "render:" not in result.stdout
        assert snapshot(project / "reports") == reports
        assert snapshot(project / "data" / "processed", "*.csv") == processed

    def test_a_render_killed_while_exporting_leaves_no_half_written_report_and_restore_report_puts_it_back(self, project):
        """A render killed (SIGKILL: no clean-up runs) as it writes leaves each report whole, old
        or new; then `make restore-report` renders that report, and only it, with its default
        parameters, leaving no temporary file behind."""
        out = project / "reports"
        before = {p: p.read_bytes() for p in (out / "00_primer.html", out / "00_primer.ipynb")}
        env = make_env({"PYTHONPATH": str(project / "src")})
        command = [sys.executable, "-m", "helpers.build.render", "notebooks/00_primer.ipynb", "-p", "lang", "ru"]
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not list(out.glob(".00_primer.*.tmp")):  # the first temporary file: export has begun
            assert proc.poll() is None, "render finished before it was caught writing"
            assert time.monotonic() < deadline
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path, old in before.items():
            text = path.read_bytes()
            if text != old:  # already renamed into place: then it is the complete new file
                assert path.suffix == ".ipynb" and nbformat.reads(text.decode(), as_version=4).cells
        reports = snapshot(out, "[0-9][0-9]_*")
        result = make(project, "restore-report", "NB=00_primer")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "render: wrote reports/00_primer.ipynb and reports/00_primer.html\n"
        assert list(out.glob(".*.tmp")) == []
        after = snapshot(out, "[0-9][0-9]_*")
        assert {n for n in after if after[n][1] != reports[n][1]} == {"00_primer.html", "00_primer.ipynb"}
        assert digests(project) == digests(paths.ROOT)  # the committed report, byte for byte

    def test_a_misspelled_parameter_is_refused_before_the_run(self, project):
        before = snapshot(project / "reports")
        result = make(project, "reports/01_batken.html", "PARAMS=-p forcast_years 5")
        assert result.returncode != 0
        assert errors(result) == [
            "render: notebooks/01_batken.ipynb: unknown parameter 'forcast_years'; did you mean "
            "'forecast_years'? declared: start_year, end_year, shift_year, forecast_years, alpha, "
            "apply_corrections, lang"
        ]
        assert snapshot(project / "reports") == before


def report_language(project: Path, stem: str) -> tuple[str, str]:
    """(language of the .ipynb's parameters, language of the .html's first table) of a report."""
    nb = json.loads((project / "reports" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    html = (project / "reports" / f"{stem}.html").read_text(encoding="utf-8")
    return nb["metadata"]["papermill"]["parameters"].get("lang", "en"), re.search(r'<figure class="table" lang="(\w+)"', html)[1]


def processes_in(folder: Path) -> list[int]:
    """Processes whose current folder is ``folder`` (a kernel runs in notebooks/)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if Path(os.readlink(proc / "cwd")) == folder.resolve():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


class TestInterrupt:
    """Ctrl-C reaches make and the render (one process group); `timeout -s INT` does the same."""

    def _render_in_russian(self, project: Path) -> subprocess.Popen:
        """The primer in Russian: the report quickest to render."""
        return subprocess.Popen(
            ["make", "-o", INSTALLED, "reports/00_primer.html", "PARAMS=-p lang ru"],
            cwd=project,
            env=make_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def _after_interrupt(self, project: Path, proc: subprocess.Popen) -> str:
        with contextlib.suppress(ProcessLookupError):  # make may have finished just before
            os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
        assert "Deleting file" not in stderr, stderr
        assert sorted(p.name for p in (project / "reports").glob(".*")) == []
        deadline = time.monotonic() + 30
        while processes_in(project / "notebooks"):  # the kernel is shut down too
            assert time.monotonic() < deadline, "a kernel outlived the interrupted render"
            time.sleep(0.1)
        return stderr

    def test_ctrl_c_while_the_notebook_runs_keeps_both_previous_reports(self, project):
        before = snapshot(project / "reports")
        proc = self._render_in_russian(project)
        deadline = time.monotonic() + 120
        while not processes_in(project / "notebooks"):  # the kernel has started: the notebook runs
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        stderr = self._after_interrupt(project, proc)
        assert proc.returncode != 0
        assert "render: interrupted; no file was left half-written" in stderr
        assert "Traceback" not in stderr
        assert snapshot(project / "reports") == before
        assert "Nothing to be done" in make(project).stdout

    def test_ctrl_c_just_after_the_reports_were_written_keeps_both_new_reports(self, project):
        ipynb = project / "reports" / "00_primer.ipynb"
        old_time = ipynb.stat().st_mtime_ns
        proc = self._render_in_russian(project)
        deadline = time.monotonic() + 300
        while ipynb.stat().st_mtime_ns == old_time:  # renamed into place: the set is committed
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.0005)
        self._after_interrupt(project, proc)
        assert report_language(project, "00_primer") == ("ru", "ru")


@needs_mount
class TestFullOrReadOnlyDisk:
    def test_a_full_disk_leaves_both_reports_as_they_were(self, project):
        # room for less than the primer's page (about 380 KB)
        with small_disk(project / "reports", free_bytes=200 * 1024) as reports:
            before = snapshot(reports)
            result = make(project, "reports/00_primer.html", "PARAMS=-p lang ru")
            assert result.returncode != 0
            assert len(errors(result)) == 1, result.stderr
            assert re.fullmatch(
                r"render: cannot write reports/00_primer\.(ipynb|html): No space left on device; "
                r"no file was changed",
                errors(result)[0],
            )
            assert snapshot(reports) == before
        assert report_language(project, "00_primer") == ("en", "en")

    def test_a_full_disk_leaves_every_processed_table_as_it_was(self, project):
        edit_raw_table(project)  # two tables change: batken_table1_interregional.csv (small), claims.csv (72 KB)
        with small_disk(project / "data" / "processed", free_bytes=40 * 1024) as processed:
            before = snapshot(processed, "*") | snapshot(processed, ".built")
            result = make(project, "data")
            assert result.returncode != 0
            assert errors(result) == [
                "make data: cannot write data/processed/claims.csv: No space left on device; no file was changed"
            ]
            assert snapshot(processed, "*") | snapshot(processed, ".built") == before

    def test_read_only_reports_are_one_line_before_the_run(self, project):
        with read_only(project / "reports"):
            result = make(project, "reports/01_batken.html", "PARAMS=-p lang ru")
        assert errors(result) == [
            "render: cannot write to reports: reports is read-only (or not writable for this user); no file was changed"
        ]

    def test_read_only_processed_tables_are_one_line(self, project):
        edit_raw_table(project)
        before = snapshot(project / "data" / "processed")
        with read_only(project / "data" / "processed"):
            result = make(project, "data")
        assert errors(result) == [
            "make data: cannot write data/processed/batken_table1_interregional.csv: Read-only file system; no file was changed"
        ]
        assert snapshot(project / "data" / "processed") == before


def set_primary_key(project: Path) -> None:
    path = project / "data" / "raw" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    regions = next(r for r in package["resources"] if r["name"] == "regions")
    regions["schema"]["primaryKey"] = ["iso_cod"]
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def drop_schema(project: Path) -> None:
    path = project / "data" / "raw" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "regions").pop("schema")
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


ONE_LINE = {
    "resource without a schema": (
        drop_schema,
        "make data: data/raw/datapackage.json, resource 'regions': no schema fields; "
        'expected "schema": {"fields": [{"name": ..., "type": ...}]}',
    ),
    "bad primary key": (
        set_primary_key,
        "make data: data/raw/datapackage.json, resource 'regions', primaryKey: 'iso_cod' "
        "is not a field; expected names among iso_code, country, kind, name_en, name_ru, name_kk, name_ky, "
        "spelling_kazakhstan, spelling_diploma, spelling_batken",
    ),
    "raw file deleted": (
        lambda p: (p / "data/raw/batken/table1_interregional.csv").unlink(),
        "make data: data/raw/batken/table1_interregional.csv: file not found; declared by resource "
        "'batken_table1_interregional' in datapackage.json",
    ),
    "undeclared raw CSV": (
        lambda p: (p / "data/raw/batken/table3.csv").write_text("year,value\n2013,1\n"),
        "make data: data/raw/batken/table3.csv: not declared in datapackage.json; expected a resource "
        'with "path": "batken/table3.csv", or remove the file',
    ),
    "notebook not JSON": (
        lambda p: (p / "notebooks/01_batken.ipynb").write_text('{"cells": ['),
        "render: notebooks/01_batken.ipynb: not a valid notebook file (",
    ),
}


class TestOneLine:
    @pytest.mark.parametrize("case", sorted(ONE_LINE))
    def test_each_failure_is_one_line_and_changes_nothing(self, case, project):
        change, line = ONE_LINE[case]
        change(project)
        reports, processed = snapshot(project / "reports"), snapshot(project / "data" / "processed")
        result = make(project)
        assert result.returncode != 0
        assert len(errors(result)) == 1 and errors(result)[0].startswith(line), result.stderr
        assert snapshot(project / "reports") == reports and snapshot(project / "data" / "processed") == processed

    def test_verbose_adds_the_traceback(self, project):
        drop_schema(project)
        result = make(project, "data", "VERBOSE=1")
        assert result.returncode != 0
        assert result.stderr.startswith("Traceback (most recent call last):")
        assert "make data: data/raw/datapackage.json, resource 'regions': no schema fields" in errors(result)[-1]


class TestGraph:
    def test_a_raw_edit_rewrites_its_tables_and_makes_every_report_and_the_index_out_of_date(self, project):
        """The data step writes only the tables the edit changes; `make -j2` then plans every render
        and the index (`make -n`: every report reads the claims table), and one report made for
        real is executed again, not found current by content. The clean build below runs a whole
        `make -j2` of every report."""
        reports = snapshot(project / "reports")
        processed = snapshot(project / "data" / "processed", "*.csv")
        edit_raw_table(project)
        result = make(project, "data")
        assert result.returncode == 0, result.stderr
        # the corrected table, its copy as printed (the edited cell) and the claims that check it
        assert re.fullmatch(
            r"make data: \d+ processed tables, 3 changed \(batken_table1_interregional\.csv, "
            r"batken_table1_interregional_as_printed\.csv, claims\.csv\)\n",
            result.stdout,
        )
        now = snapshot(project / "data" / "processed", "*.csv")
        changed = {n for n in now if now[n] != processed[n]}
        assert changed == {"batken_table1_interregional.csv", "batken_table1_interregional_as_printed.csv", "claims.csv"}
        plan = make(project, "-n", "-j2")
        assert plan.returncode == 0, plan.stderr
        # one render per report (the .ipynb's rule renders only when that file is missing)
        rendered = sorted(re.findall(r"^\S+ -m helpers\.build\.render .*?(notebooks/\S+\.ipynb)$", plan.stdout, re.M))
        assert rendered == [f"notebooks/{p.name}" for p in paths.notebooks(project / "notebooks")]
        assert "-m helpers.index" in plan.stdout
        result = make(project, "reports/01_batken.html")
        assert result.stdout == "render: wrote reports/01_batken.ipynb and reports/01_batken.html\n", result.stderr
        after = snapshot(project / "reports")
        assert after["01_batken.ipynb"][0] != reports["01_batken.ipynb"][0]  # the edited value is in it

    def test_editing_the_benchmark_tool_or_the_index_style_renders_no_notebook(self, project):
        reports = snapshot(project / "reports", "[0-9][0-9]_*")
        with (project / "src/helpers/build/bench.py").open("a", encoding="utf-8") as handle:
            handle.write("# an edit\n")
        result = make(project)
        assert result.returncode == 0 and "Nothing to be done" in result.stdout, result.stdout + result.stderr
        index = project / "src/helpers/index.py"
        index.write_text(index.read_text(encoding="utf-8").replace("line-height: 1.45", "line-height: 1.5"), encoding="utf-8")
        result = make(project)
        assert (result.returncode, result.stdout, result.stderr) == (0, "index: wrote reports/index.html\n", "")
        assert "line-height: 1.5" in (project / "reports/index.html").read_text(encoding="utf-8")
        assert snapshot(project / "reports", "[0-9][0-9]_*") == reports

    def test_a_processed_table_edited_by_hand_or_deleted_is_written_again(self, project):
        regions, claims = (project / "data" / "processed" / name for name in ("regions.csv", "claims.csv"))
        texts = {regions: regions.read_bytes(), claims: claims.read_bytes()}
        regions.write_bytes(texts[regions].replace(b"Almaty", b"Almaty!", 1))
        claims.unlink()
        result = make(project, "data")
        assert result.returncode == 0, result.stderr
        assert result.stdout.endswith("2 changed (claims.csv, regions.csv)\n"), result.stdout
        assert {path: path.read_bytes() for path in texts} == texts

    def test_a_deleted_notebook_loses_its_card(self, project):
        (project / "notebooks" / "00_primer.ipynb").unlink()
        result = make(project)
        assert (result.returncode, result.stdout) == (0, "index: wrote reports/index.html\n"), result.stderr
        assert 'id="report-00_primer"' not in (project / "reports" / "index.html").read_text(encoding="utf-8")

    def test_a_deleted_index_is_written_again_and_no_report_rendered(self, project):
        """A deleted .ipynb is rendered again by make -k's test (TestFailures)."""
        (project / "reports" / "index.html").unlink()
        result = make(project)
        assert (result.returncode, result.stdout) == (0, "index: wrote reports/index.html\n"), result.stderr
        assert digests(project) == digests(paths.ROOT)  # the index included


def other_blas_kernel() -> str:
    """An OpenBLAS kernel this CPU runs that is not the one NumPy picks by itself (printed)."""
    runnable, why_not = runnable_kernels()
    default = numpy_openblas_core()
    for kernel in ("SkylakeX", "Haswell", "Sandybridge", "Prescott"):
        if runnable[kernel] and kernel.lower() != default.lower():
            print(f"machine's OpenBLAS kernel: {default}; rendering under {kernel}")
            return kernel
        if not runnable[kernel]:
            print(f"OpenBLAS kernel {kernel} skipped: {why_not[kernel]}")
    pytest.skip(f"no OpenBLAS kernel other than {default} can run on this CPU")


def decimal_comma_locale(folder: Path) -> dict[str, str]:
    """Locale variables for a language that writes 1,5: ru_RU.UTF-8, compiled into ``folder``
    (LOCPATH) when the machine has no such locale but has localedef and its sources; else C.UTF-8
    (printed), which still differs from the machine's default in its variables."""
    env = {"LANG": "kk_KZ.UTF-8", "LANGUAGE": "kk:ru"}
    if shutil.which("localedef"):
        made = subprocess.run(
            ["localedef", "-i", "ru_RU", "-f", "UTF-8", str(folder / "ru_RU.UTF-8")], capture_output=True, text=True
        )
        probe = {**os.environ, "LOCPATH": str(folder), "LC_ALL": "ru_RU.UTF-8"}
        check = "import locale; locale.setlocale(locale.LC_ALL, ''); print(locale.localeconv()['decimal_point'])"
        if (
            made.returncode == 0
            and subprocess.run([sys.executable, "-c", check], env=probe, capture_output=True, text=True).stdout.strip() == ","
        ):
            print("building under ru_RU.UTF-8 (decimal comma)")
            return {**env, "LOCPATH": str(folder), "LC_ALL": "ru_RU.UTF-8"}
    print("no decimal-comma locale can be made here: building under C.UTF-8")
    return {**env, "LC_ALL": "C.UTF-8"}


class TestDeterminismAcrossEnvironments:
    def test_a_cold_clean_build_in_another_time_zone_locale_and_blas_kernel_gives_the_committed_outputs(self, project, tmp_path):
        """The copy has no .git: the index, which names its inputs by content, is the committed one too.
        The build runs under another OpenBLAS kernel than the machine's own, on one thread."""
        assert make(project, "clean").returncode == 0
        env = {
            "TZ": "Asia/Almaty",
            **decimal_comma_locale(tmp_path),
            "SOURCE_DATE_EPOCH": "1",
            "OPENBLAS_CORETYPE": other_blas_kernel(),
            "OPENBLAS_NUM_THREADS": "1",
        }
        result = make(project, "-j2", env=env)
        assert result.returncode == 0, result.stderr
        assert not (project / ".git").exists()
        assert digests(project) == digests(paths.ROOT)


class TestFrontDoor:
    def test_make_from_a_subfolder_is_one_line(self, project):
        result = subprocess.run(
            ["make", "-f", "../Makefile"], cwd=project / "notebooks", capture_output=True, text=True, env=make_env(), timeout=60
        )
        assert result.returncode != 0
        assert result.stderr.splitlines() == [
            f"../Makefile:9: *** run make in the project folder, not in {project / 'notebooks'}: cd ../ && make.  Stop."
        ]

    def test_make_test_without_reports_says_run_make_first(self, project):
        for path in (project / "reports").glob("*.ipynb"):
            path.unlink()
        result = make(project, "test")
        assert result.returncode != 0
        assert len(errors(result)) == 1 and errors(result)[0].startswith("make test: reports/00_primer.ipynb"), result.stderr
        assert errors(result)[0].endswith("missing; run make first")

    def test_another_python_is_refused_in_one_line(self, project, tmp_path):
        fake = tmp_path / "python3.12"
        fake.write_text("#!/bin/sh\necho 3.12\n", encoding="utf-8")
        fake.chmod(0o755)
        (project / ".venv").unlink()  # the shared venv's symlink: this copy has no venv
        result = subprocess.run(
            ["make", "venv", f"PYTHON={fake}"], cwd=project, capture_output=True, text=True, env=make_env(), timeout=60
        )
        assert result.returncode != 0
        assert errors(result) == [f"make: requirements.lock is for Python 3.11, but {fake} is 3.12; run make PYTHON=python3.11"]
        assert not (project / ".venv").exists()

    def test_a_venv_that_drifted_from_its_stamp_is_rebuilt(self, project):
        """Made by another Python, or a package folder deleted: make plans to rebuild it (make -n)."""
        (project / ".venv").unlink()
        site = project / ".venv" / "lib" / "python3.11" / "site-packages"
        for name in ("pandas", "statsmodels"):
            (site / name).mkdir(parents=True)
        (project / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.11.7\n", encoding="utf-8")
        state = subprocess.run(["tools/venv-state", ".venv"], cwd=project, capture_output=True, text=True, check=True).stdout
        (project / ".venv" / ".installed").write_text(state, encoding="utf-8")

        def plan() -> str:
            return subprocess.run(["make", "-n", "venv"], cwd=project, capture_output=True, text=True, env=make_env()).stdout

        assert "rm -rf .venv" not in plan()
        (site / "statsmodels").rmdir()
        assert "rm -rf .venv" in plan()
        (site / "statsmodels").mkdir()
        assert "rm -rf .venv" not in plan()
        (project / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.10.13\n", encoding="utf-8")
        assert "rm -rf .venv" in plan()

    def test_reports_older_than_their_inputs_but_current_by_content_are_not_executed(self, project):
        """As on a fresh clone, whose checkout order dates src/ after reports/."""
        reports = snapshot(project / "reports")
        for path in [*(project / "src").rglob("*.py"), *(project / "notebooks").glob("*.ipynb")]:
            os.utime(path)
        result = make(project)
        assert result.returncode == 0, result.stderr
        stems = [p.stem for p in paths.notebooks(project / "notebooks")]
        assert sorted(line for line in result.stdout.splitlines() if line.startswith("render:")) == [
            f"render: reports/{s}.html is current (inputs as the index recorded them); not run again" for s in stems
        ]
        after = snapshot(project / "reports")
        assert {n: d for n, (d, _) in after.items()} == {n: d for n, (d, _) in reports.items()}
        assert "Nothing to be done" in make(project).stdout
