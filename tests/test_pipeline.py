"""The whole pipeline through `make`, on scratch copies of the project (sharing this .venv):
a failed notebook loses nothing, `make -k` builds the rest, a killed export leaves no half-written
report, a corrupt raw file stops at `make data` with no report rebuilt, and two clean builds (in
different time zones and locales) are byte-identical."""

from __future__ import annotations

import hashlib
import os
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

pytestmark = pytest.mark.slow

IGNORED = shutil.ignore_patterns(".git", ".venv", ".pytest_cache", ".ruff_cache", "__pycache__", "*.egg-info")
INSTALLED = ".venv/.installed"


def mark_outputs_current(project: Path) -> None:
    """Give outputs file times after their inputs, in build order (sources, data, reports, index),
    as a finished `make` leaves them. A fresh clone's times follow checkout order instead; that the
    committed outputs are current is checked by test_reports and by the clean build below."""
    t0 = time.time() - 3600
    (project / "data" / "processed" / ".built").touch()
    stages = [(project / "data" / "processed").glob("*.csv"), [project / "data" / "processed" / ".built"],
              (project / "reports").glob("[0-9][0-9]_*"), [project / "reports" / "index.html"]]
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
    return copy


def make(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run make in ``project``; the venv stamp is taken as up to date (-o) so nothing reinstalls."""
    run_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    run_env.update(env or {})
    return subprocess.run(["make", "-o", INSTALLED, *args], cwd=project, capture_output=True, text=True,
                          env=run_env, timeout=900)


def snapshot(folder: Path, pattern: str = "*") -> dict[str, tuple[str, int]]:
    """name -> (sha256, mtime_ns) of the files in ``folder``."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.glob(pattern)) if p.is_file()}


def digests(project: Path) -> dict[str, str]:
    files = sorted((project / "reports").glob("*.html")) + sorted((project / "reports").glob("*.ipynb")) \
        + sorted((project / "data" / "processed").glob("*.csv"))
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def inject_failure(notebook: Path, code: str = 'raise RuntimeError("injected failure")') -> None:
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.insert(3, new_code_cell(code, id="injected"))
    nbformat.write(nb, notebook)


# Classes let pytest-xdist (--dist loadscope) run the clean builds beside the failure cases.
class TestFailures:
    def test_the_copy_is_up_to_date_and_builds_into_itself(self, project):
        result = make(project)
        assert result.returncode == 0, result.stderr
        assert "Nothing to be done" in result.stdout


    def test_a_failing_parameter_keeps_the_previous_report_and_names_the_cell(self, project):
        before = snapshot(project / "reports")
        result = make(project, "reports/02_kazakhstan.html", "PARAMS=-p year 2030")
        assert result.returncode != 0
        assert "02_kazakhstan.ipynb: cell" in result.stderr
        assert "ParameterError: parameter year=2030: expected an integer from 2022 to 2023" in result.stderr
        assert snapshot(project / "reports") == before


    def test_make_k_builds_the_other_reports_when_one_notebook_fails(self, project):
        inject_failure(project / "notebooks" / "02_kazakhstan.ipynb")
        os.utime(project / "notebooks" / "00_primer.ipynb")  # edited: must rebuild although 02 fails
        before = snapshot(project / "reports")
        result = make(project, "-k")
        assert result.returncode != 0
        assert "02_kazakhstan.ipynb: cell 3 (execution count" in result.stderr
        assert "RuntimeError: injected failure" in result.stderr
        after = snapshot(project / "reports")
        for name in ("02_kazakhstan.html", "02_kazakhstan.ipynb", "index.html"):
            assert after[name] == before[name], f"{name} changed although its build failed"
        for name in ("00_primer.html", "00_primer.ipynb"):
            assert after[name][1] > before[name][1], f"{name} was not rebuilt by make -k"
            assert after[name][0] == before[name][0], f"{name} rebuilt with different content"
        assert sorted(p.name for p in (project / "reports").iterdir() if p.name.endswith(".tmp")) == []


    def test_a_corrupt_raw_file_stops_make_at_data_and_rebuilds_no_report(self, project):
        table = project / "data" / "raw" / "batken" / "table1_interregional.csv"
        lines = table.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3].rsplit(",", 1)[0] + ",12x"
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        reports, processed = snapshot(project / "reports"), snapshot(project / "data" / "processed", "*.csv")
        result = make(project)
        assert result.returncode != 0
        errors = [line for line in result.stderr.splitlines() if "table1_interregional.csv" in line]
        assert len(errors) == 1 and "line 4" in errors[0] and "value" in errors[0], result.stderr
        assert "helpers.build.render" not in result.stdout
        assert snapshot(project / "reports") == reports
        assert snapshot(project / "data" / "processed", "*.csv") == processed


    def test_a_render_killed_while_exporting_leaves_no_half_written_report(self, project):
        out = project / "reports"
        before = {p: p.read_bytes() for p in (out / "03_diploma.html", out / "03_diploma.ipynb")}
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(project / "src")}
        command = [sys.executable, "-m", "helpers.build.render", "notebooks/03_diploma.ipynb", "-p", "alpha", "0.1"]
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not list(out.glob(".03_diploma.*.tmp")):  # the first temporary file: export has begun
            assert proc.poll() is None, "render finished before it was caught writing"
            assert time.monotonic() < deadline
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path, old in before.items():
            text = path.read_bytes()
            if text != old:  # already renamed into place: then it is the complete new file
                assert path.suffix == ".ipynb" and nbformat.reads(text.decode(), as_version=4).cells
        result = make(project, "reports/03_diploma.html", "PARAMS=-p alpha 0.1")
        assert result.returncode == 0, result.stderr
        assert list(out.glob(".*.tmp")) == []


class TestDeterminism:
    def test_two_clean_builds_are_byte_identical(self, project):
        builds = []
        for _ in range(2):
            assert make(project, "clean").returncode == 0
            assert digests(project) == {}
            result = make(project, "-j2")
            assert result.returncode == 0, result.stderr
            builds.append(digests(project))
        assert len(builds[0]) > 40 and builds[0] == builds[1]


class TestDeterminismAcrossEnvironments:
    def test_a_clean_build_in_another_time_zone_and_locale_gives_the_committed_outputs(self, project):
        assert make(project, "clean").returncode == 0
        env = {"TZ": "Asia/Almaty", "LC_ALL": "C", "LANG": "kk_KZ.UTF-8", "SOURCE_DATE_EPOCH": "1"}
        result = make(project, "-j2", env=env)
        assert result.returncode == 0, result.stderr
        built, committed = digests(project), digests(paths.ROOT)
        # The index names the git commit it was built from; the copy is not a git checkout.
        assert {k: v for k, v in built.items() if k != "reports/index.html"} == \
            {k: v for k, v in committed.items() if k != "reports/index.html"}
