"""Shared fixtures: a scratch copy of data/raw for tests that corrupt raw files; each notebook
rendered once per run in each language (``rendered``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import paths
from tests.support.renders import Renders, shared_folder


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw laid out as <tmp>/data/raw, safe to corrupt."""
    target = tmp_path / "data" / "raw"
    shutil.copytree(paths.RAW, target)
    return target


@pytest.fixture
def processed_copy(tmp_path: Path) -> Path:
    """An empty processed directory beside ``raw_copy``."""
    target = tmp_path / "data" / "processed"
    target.mkdir(parents=True)
    return target


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Callable[[str, str], tuple[Path, Path]]:
    """``rendered(stem, lang) -> (ipynb_path, html_path)``: ``notebooks/<stem>.ipynb`` rendered in
    ``lang`` (with its default parameters otherwise) once per run, whichever test or xdist worker
    asks first; the files are shared, read them only (tests.support.renders)."""
    return Renders(shared_folder(tmp_path_factory.getbasetemp()))
