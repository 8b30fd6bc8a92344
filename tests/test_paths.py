"""The one module that owns paths: what it finds, and what it refuses."""

from __future__ import annotations

import pytest

from helpers import paths


def test_notebooks_are_the_numbered_ones_in_order(tmp_path):
    for name in ("02_b.ipynb", "00_a.ipynb", "scratch.ipynb", "1_c.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in paths.notebooks(tmp_path)] == ["00_a.ipynb", "02_b.ipynb"]
    assert [p.stem for p in paths.notebooks()] == ["00_primer", "01_batken", "02_kazakhstan", "03_diploma"]


def test_a_folder_without_notebooks_is_an_error(tmp_path):
    (tmp_path / "notes.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="no notebook NN_name.ipynb"):
        paths.notebooks(tmp_path)
