"""The code is linted as `make lint` and the pre-commit hooks lint it: ruff check and ruff format
on src, tests and notebooks (the notebooks are code too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths

RUFF = Path(sys.executable).with_name("ruff")
TARGETS = ("src", "tests", "notebooks")


@pytest.mark.parametrize("command", (["check"], ["format", "--check"]), ids=("check", "format"))
def test_ruff_is_clean_on_src_tests_and_notebooks(command):
    result = subprocess.run([str(RUFF), *command, *TARGETS], cwd=paths.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_lint_and_pre_commit_run_the_same_checks():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    hooks = (paths.ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    for command in ("ruff check", "ruff format --check"):
        assert f"$(VENV)/bin/{command} src tests notebooks" in makefile
        assert f".venv/bin/{command}" in hooks
    assert "nbstripout" in hooks and "^notebooks/" in hooks
