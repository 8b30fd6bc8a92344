"""The Makefile's dependency graph, read from make's own database (``make -pq``): a report
depends on what its notebook imports and nothing of the other build tools; each tool's rule
covers the build modules it imports; the index depends on every file of its digest; outputs are
precious (an interrupt never deletes one)."""

from __future__ import annotations

import ast
import os
import subprocess
from functools import cache

from helpers import paths
from helpers import digest

BUILD = "src/helpers/build"


@cache
def database() -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(
        ["make", "-pq", "-o", ".venv/.installed"], cwd=paths.ROOT, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr  # 1: something is out of date, which -q only reports
    return result.stdout


def prerequisites(target: str) -> tuple[set[str], set[str]]:
    """(normal, order-only) prerequisites of the rule for ``target`` as make expanded them."""
    for line in database().splitlines():
        if line.startswith(f"{target}:") and not line.startswith(f"{target}::"):
            normal, _, order_only = line[len(target) + 1 :].partition("|")
            return set(normal.split()), set(order_only.split())
    raise AssertionError(f"no rule for {target} in make's database")


def build_imports(module: str) -> set[str]:
    """The files of ``helpers.build`` that ``module`` imports, directly or not, at any depth of the
    source (imports inside functions count: they run when the tool does)."""
    found, todo = {f"{BUILD}/__init__.py"}, [module]
    while todo:
        path = f"{BUILD}/{todo.pop()}.py"
        if path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse((paths.ROOT / path).read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module == "helpers.build":
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers.build."):
                names = [node.module.split(".")[2]]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[2] for a in node.names if a.name.startswith("helpers.build.")]
            todo += names
    return found


def analysis_files() -> set[str]:
    return {
        p.relative_to(paths.ROOT).as_posix()
        for p in (paths.ROOT / "src" / "helpers").rglob("*.py")
        if "__pycache__" not in p.parts and not p.is_relative_to(paths.ROOT / BUILD)
    }


def test_a_report_depends_on_what_its_notebook_imports_and_nothing_else_of_the_code():
    normal, _ = prerequisites("reports/%.html reports/%.ipynb")
    template = {p.relative_to(paths.ROOT).as_posix() for p in (paths.TEMPLATES / "compendium").iterdir()}
    assert {p for p in normal if p.startswith("src/")} == analysis_files() | build_imports("render") | template
    # The data: the data step's stamp, which depends on every raw file (below).
    assert {"notebooks/%.ipynb", "data/processed/.built"} <= normal


def test_the_data_rule_covers_raw_data_and_the_modules_it_imports():
    """The step runs through the warm server (helpers.build.warm), which is therefore code of the step too."""
    normal, _ = prerequisites("data/processed/.built")
    assert build_imports("data") | analysis_files() <= normal
    assert {p for p in normal if p.startswith(f"{BUILD}/")} == build_imports("data") | build_imports("warm")
    assert {p for p in digest.input_files() if p.startswith("data/raw/")} <= normal


def test_the_index_depends_on_every_file_its_digest_reads_and_on_every_report():
    normal, _ = prerequisites("reports/index.html")
    assert set(digest.input_files()) <= normal
    assert build_imports("index") <= normal
    assert f"{BUILD}/bench.py" not in normal
    stems = [p.stem for p in paths.notebooks()]
    assert {f"reports/{s}{suffix}" for s in stems for suffix in (".html", ".ipynb")} <= normal


def test_outputs_are_precious_so_an_interrupt_deletes_none():
    normal, _ = prerequisites(".PRECIOUS")
    assert {"reports/%.html", "reports/%.ipynb", "reports/index.html", "data/processed/.built"} <= normal


def test_the_report_rule_is_one_grouped_rule_for_both_files():
    text = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert "reports/%.html reports/%.ipynb &:" in text


def test_the_render_code_is_render_kernel_warm_atomic_and_cli_only():
    assert build_imports("render") == {f"{BUILD}/{m}.py" for m in ("__init__", "render", "kernel", "warm", "atomic", "cli")}


def test_matplotlib_keeps_its_font_cache_in_the_venv():
    """Built with the venv (no kernel builds it on a fresh machine); a matplotlibrc in the user's
    home is not read by a build."""
    assert f"MPLCONFIGDIR := {paths.ROOT}/.venv/share/matplotlib" in database().splitlines()
    installed = (paths.ROOT / "Makefile").read_text(encoding="utf-8").split("$(INSTALLED):", 1)[1].split("\n\n", 1)[0]
    assert '$(PY) -c "import matplotlib.font_manager"' in installed
