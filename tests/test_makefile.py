"""The Makefile's dependency graph, read from make's own database (``make -pq``): a report
depends on what its notebook imports and nothing of the other build tools; each tool's rule
covers the build modules it imports; the index depends on every file of its digest; outputs are
precious (an interrupt never deletes one). And the Makefile is portable: nothing newer than make
3.81 (macOS), no GNU-only shell command."""

from __future__ import annotations

import ast
import os
import subprocess
from functools import cache

from helpers import digest, paths

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


#: Report code outside the build package that no notebook imports (the Makefile's REPORT_CODE).
REPORT_CODE = {f"src/helpers/{m}.py" for m in ("export", "index", "digest", "lockfile", "catalogs")}


def analysis_files() -> set[str]:
    """The analysis library's modules and the translation catalogs they read."""
    return {
        p.relative_to(paths.ROOT).as_posix()
        for p in (paths.ROOT / "src" / "helpers").rglob("*.py")
        if "__pycache__" not in p.parts and not p.is_relative_to(paths.ROOT / BUILD)
    } - REPORT_CODE | {
        p.relative_to(paths.ROOT).as_posix() for p in (paths.ROOT / "src" / "helpers" / "locale").rglob("messages.*")
    }


def test_a_report_depends_on_what_its_notebook_imports_and_nothing_else_of_the_code():
    normal, _ = prerequisites("reports/%.html")
    template = {p.relative_to(paths.ROOT).as_posix() for p in (paths.TEMPLATES / "compendium").iterdir()}
    render_code = build_imports("render") | {"src/helpers/export.py", "src/helpers/digest.py"}
    assert {p for p in normal if p.startswith("src/")} == analysis_files() | render_code | template
    # The data: the data step's stamp, which depends on every raw file (below).
    assert {"notebooks/%.ipynb", "data/processed/.built"} <= normal


def test_the_data_rule_covers_raw_data_the_modules_it_imports_and_the_processed_tables():
    """A processed table edited by hand is newer than the stamp, so the step runs and writes it again."""
    normal, _ = prerequisites("data/processed/.built")
    assert build_imports("data") | analysis_files() <= normal
    assert {p for p in normal if p.startswith(f"{BUILD}/")} == build_imports("data")
    assert {p for p in digest.input_files() if p.startswith("data/raw/")} <= normal
    built = (paths.PROCESSED / ".built").read_text(encoding="utf-8").split()
    assert {f"data/processed/{name}" for name in built} <= normal


def test_the_index_depends_on_every_file_its_digest_reads_and_on_every_report():
    normal, _ = prerequisites("reports/index.html")
    assert set(digest.input_files()) <= normal
    assert {f"{BUILD}/{m}.py" for m in ("__init__", "atomic", "cli")} <= normal
    assert f"{BUILD}/bench.py" not in normal
    stems = [p.stem for p in paths.notebooks()]
    assert {f"reports/{s}{suffix}" for s in stems for suffix in (".html", ".ipynb")} <= normal


def test_outputs_are_precious_so_an_interrupt_deletes_none():
    normal, _ = prerequisites(".PRECIOUS")
    assert {"reports/%.html", "reports/%.ipynb", "reports/index.html", "data/processed/.built"} <= normal


def test_the_html_is_the_report_rule_and_a_lost_ipynb_is_written_again_from_it():
    normal, _ = prerequisites("reports/%.ipynb")
    assert normal == {"reports/%.html"}


def test_the_render_code_is_render_kernel_atomic_and_cli_only():
    assert build_imports("render") == {f"{BUILD}/{m}.py" for m in ("__init__", "render", "kernel", "atomic", "cli")}


def test_the_build_package_stays_small():
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (paths.ROOT / BUILD).glob("*.py"))
    assert lines <= 800, f"src/helpers/build/ has {lines} lines; the limit is 800"


#: What make 3.81 (macOS) does not understand, and shell commands that are GNU-only or absent on
#: macOS/BSD: (pattern, why).
NOT_PORTABLE = [
    (r"&:", "grouped targets need GNU make 4.3"),
    (r"\$\(file\b", "$(file ...) needs GNU make 4.0"),
    (r"^\.SHELLFLAGS", ".SHELLFLAGS needs GNU make 3.82"),
    (r"^\.ONESHELL", ".ONESHELL needs GNU make 3.82"),
    (r"^\.RECIPEPREFIX", ".RECIPEPREFIX needs GNU make 3.82"),
    (r"^[A-Za-z_]+ *(!=|::=)", "!= and ::= need GNU make 4.0"),
    (r"^\s*(undefine|private)\b", "undefine and private need GNU make 3.82"),
    (r"\$\((guile|let|intcmp)\b", "GNU make 4.x functions"),
    (r"touch -d", "touch -d is GNU (POSIX: touch -t)"),
    (r"\bnproc\b", "nproc is GNU coreutils"),
    (r"readlink -f", "readlink -f is GNU"),
    (r"sed -i", "sed -i differs between GNU and BSD"),
    (r"-printf", "find -printf is GNU"),
    (r"grep -P", "grep -P is GNU"),
    (r"stat -c", "stat -c is GNU"),
    (r"\bdate -d", "date -d is GNU"),
    (r"/bin/bash|\bbash\b", "the recipes are POSIX sh"),
    (r"apt-get|\bapt\b|sudo", "make never installs system packages"),
]


def test_the_makefile_uses_nothing_newer_than_make_381_nor_gnu_only_commands():
    import re

    found = []
    for number, line in enumerate((paths.ROOT / "Makefile").read_text(encoding="utf-8").splitlines(), start=1):
        code = line.split("#", 1)[0] if not line.startswith("\t") else line
        for pattern, why in NOT_PORTABLE:
            if re.search(pattern, code):
                found.append(f"Makefile:{number}: {why}: {line.strip()}")
    assert found == []


def test_the_tools_make_runs_are_posix_sh():
    for tool in ("venv-state",):
        text = (paths.ROOT / "tools" / tool).read_text(encoding="utf-8")
        assert text.startswith("#!/bin/sh\n"), tool
        for pattern, why in NOT_PORTABLE[8:]:
            assert not __import__("re").search(pattern, text.split("\n", 1)[1]), f"tools/{tool}: {why}"


def test_make_help_lists_every_documented_target():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    out = subprocess.run(["make", "help"], cwd=paths.ROOT, capture_output=True, text=True, env=env, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()]
    assert {"all", "test", "data", "reports", "restore-report", "venv", "lock", "bench", "clean", "help"} <= set(names)


def test_matplotlib_keeps_its_font_cache_in_the_venv():
    """Built with the venv (no kernel builds it on a fresh machine); a matplotlibrc in the user's
    home is not read by a build."""
    assert f"MPLCONFIGDIR := {paths.ROOT}/.venv/share/matplotlib" in database().splitlines()
    installed = (paths.ROOT / "Makefile").read_text(encoding="utf-8").split("$(INSTALLED):", 1)[1].split("\n\n", 1)[0]
    assert '$(PY) -c "import matplotlib.font_manager"' in installed


def test_make_clean_keeps_the_venvs_compiled_bytecode():
    """`make clean` removes generated files only: a find from the project root would also delete
    the bytecode compiled into .venv at install, and every later kernel would compile pandas,
    statsmodels and matplotlib again (make test took twice as long after make clean)."""
    plan = subprocess.run(["make", "-n", "clean"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout
    roots = []
    for line in plan.splitlines():
        if line.startswith("find "):
            words = line.split()[1:]
            roots += words[: next(i for i, w in enumerate(words) if w.startswith("-"))]
    assert roots and not {".", "./", ".venv", "./.venv"} & set(roots), roots


def test_recipes_let_python_cache_the_projects_bytecode(tmp_path):
    """Where PYTHONDONTWRITEBYTECODE is set (many CI images), make's recipes run without it."""
    probe = tmp_path / "probe.mk"
    probe.write_text('show-bytecode-setting:\n\t@echo "[$$PYTHONDONTWRITEBYTECODE]"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(
        ["make", "-s", "-f", "Makefile", "-f", str(probe), "show-bytecode-setting"],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        env=env | {"PYTHONDONTWRITEBYTECODE": "1"},
        check=True,
    )
    assert result.stdout == "[]\n"
