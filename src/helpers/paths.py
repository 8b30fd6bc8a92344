"""The one module that owns the compendium's paths.

Every path is derived from the repository root (the folder holding ``pyproject.toml``),
never from the current directory, so notebooks, tests and ``make`` agree wherever they run.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
DATAPACKAGE = RAW / "datapackage.json"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Jupyter kernel installed into the project's venv (``--sys-prefix``) by ``make``.
KERNEL_NAME = "migration-ca"

SOURCES = ("batken", "kazakhstan", "diploma")


def raw_file(relative: str | Path) -> Path:
    """Absolute path of a file under ``data/raw`` given its datapackage path."""
    return RAW / relative


def processed_file(name: str) -> Path:
    """Absolute path of a processed table, e.g. ``processed_file("claims.csv")``."""
    return PROCESSED / name
