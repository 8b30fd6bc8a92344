"""Shared fixtures: a scratch copy of data/raw for tests that corrupt raw files, and headless
Chromium for the browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import paths
from tests.support.browser import CHROMIUM_ARGS, chromium_path


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


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the tests of a module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(pw), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items):
    """The long scopes first (a stable sort: otherwise in collection order): the slow tests and
    nbval's reports (a kernel each), so that pytest-xdist hands them out before the short ones and
    no worker is left running one long scope alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None and item.path.suffix != ".ipynb")
