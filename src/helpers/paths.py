"""The one module that owns the compendium's paths.

Every path is derived from the project root: the checkout holding the current folder (the
nearest folder upwards with ``pyproject.toml`` and ``src/helpers``), or, outside any checkout,
the checkout this module was imported from. So a command run in a copy of the project acts on
that copy, even when the shared .venv's editable install points at another checkout; the build
tools then refuse to run the other checkout's code (:func:`foreign_code`).

A notebook therefore finds the data wherever its kernel starts: in ``notebooks/``, in a scratch
folder below it, at the project root, or outside the project (then through the editable
install). With neither, importing this module stops with one line saying what to do.
"""

from __future__ import annotations

from pathlib import Path

#: The checkout whose ``src/helpers`` this module was imported from.
CODE_ROOT = Path(__file__).resolve().parents[2]


class CheckoutError(RuntimeError):
    """The helpers imported belong to another checkout than the current folder's."""


def project_root(start: Path) -> Path | None:
    """The compendium checkout holding ``start``, or None."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "src" / "helpers" / "__init__.py").is_file():
            return folder
    return None


def _current_root() -> Path | None:
    try:
        return project_root(Path.cwd())
    except OSError:  # the current folder was deleted
        return None


def foreign_code() -> str | None:
    """Why a build command must not run here (one line), or None: the current folder is in a
    checkout whose helpers are not the ones imported (e.g. a copy run without ``PYTHONPATH``)."""
    here = _current_root()
    if here is None or here == CODE_ROOT:
        return None
    return (
        f"the current folder is in the checkout {here} but helpers were imported from {CODE_ROOT / 'src'}; "
        f"run it through make, or with PYTHONPATH={here / 'src'}"
    )


def _root() -> Path:
    root = _current_root() or project_root(CODE_ROOT)
    if root is None:
        raise CheckoutError(
            f"helpers: no compendium checkout (a folder with pyproject.toml and src/helpers) holds the current folder "
            f"{Path.cwd()} or the imported helpers ({CODE_ROOT}); start Jupyter inside the project (make lab), or "
            "install it editable (pip install -e .)"
        )
    return root


ROOT = _root()
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
DATAPACKAGE = RAW / "datapackage.json"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
#: The landing page's file name, beside the reports (they link to it).
INDEX_PAGE = "index.html"
#: nbconvert templates travel with the code (package data).
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: ipykernel's own kernel, which every environment with ipykernel has (a conda or Binder
#: environment built from environment.yml too): ``make`` registers no kernel of its own.
KERNEL_NAME = "python3"
#: The kernelspec an executed notebook records (ipykernel's, so any environment opens it).
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"}

SOURCES = ("batken", "kazakhstan", "diploma")


def shown(path: str | Path) -> str:
    """``path`` as a message shows it: relative to the current folder when below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def raw_file(relative: str | Path) -> Path:
    """Absolute path of a file under ``data/raw`` given its datapackage path."""
    return RAW / relative


def processed_file(name: str) -> Path:
    """Absolute path of a processed table, e.g. ``processed_file("claims.csv")``."""
    return PROCESSED / name


def notebooks(folder: Path | None = None) -> list[Path]:
    """The analysis notebooks ``NN_name.ipynb`` of ``folder`` (default :data:`NOTEBOOKS`), in order;
    an empty folder is an error, so that nothing iterating over them passes by doing nothing."""
    folder = NOTEBOOKS if folder is None else folder
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"{shown(folder)}: no notebook NN_name.ipynb; expected the analysis notebooks")
    return found
