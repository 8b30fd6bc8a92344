"""The one module that owns paths: what it finds, and what it refuses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import paths


def test_notebooks_are_the_numbered_ones_in_order(tmp_path):
    for name in ("02_b.ipynb", "00_a.ipynb", "scratch.ipynb", "1_c.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in paths.notebooks(tmp_path)] == ["00_a.ipynb", "02_b.ipynb"]
    assert [p.stem for p in paths.notebooks()] == ["00_primer", "01_batken", "02_kazakhstan", "03_diploma"]


def test_a_folder_without_notebooks_is_an_error(tmp_path):
    (tmp_path / "notes.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"no notebook NN_name\.ipynb"):
        paths.notebooks(tmp_path)


def _root_seen_from(cwd, pythonpath) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    code = "from helpers import paths; print(paths.ROOT); print(paths.processed_file('claims.csv').is_file())"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_a_kernel_finds_the_data_wherever_it_starts(tmp_path):
    """In notebooks/, in a scratch folder below it, or outside the project (the editable install):
    the same root, and the processed data under it."""
    scratch = paths.NOTEBOOKS / "scratch" / "deep"
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        for cwd in (paths.NOTEBOOKS, scratch, tmp_path):
            result = _root_seen_from(cwd, paths.CODE_ROOT / "src")
            assert result.returncode == 0, result.stderr
            assert result.stdout.split() == [str(paths.ROOT), str(paths.processed_file("claims.csv").is_file())], cwd
    finally:
        scratch.rmdir()
        if not any(scratch.parent.iterdir()):
            scratch.parent.rmdir()


def test_helpers_outside_any_checkout_stop_with_one_line(tmp_path):
    package = tmp_path / "lib" / "helpers"
    package.mkdir(parents=True)
    for name in ("__init__.py", "paths.py"):
        shutil.copy(paths.CODE_ROOT / "src" / "helpers" / name, package / name)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    result = _root_seen_from(elsewhere, tmp_path / "lib")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "CheckoutError: helpers: no compendium checkout" in last and "make lab" in last
