"""What determines the outputs, named by content: a digest of the inputs and the tool versions.

The inputs are the files under ``data/raw``, ``notebooks`` and ``src/helpers`` (analysis code,
build code and templates) and the lock file ``requirements.lock`` if there is one; hidden files,
``__pycache__`` and the benchmark tool (it builds no output the index describes) are left out.
The digest reads contents only, in sorted path order: not modification times, not git, so a
fresh clone, a copy without ``.git`` and a later commit with the same files give the same digest.
The Makefile rebuilds the index when any of these files changes (``INDEX_INPUTS``).
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
from importlib.metadata import version
from pathlib import Path

from helpers import paths

INPUT_FOLDERS = ("data/raw", "notebooks", "src/helpers")
LOCK_FILE = "requirements.lock"
NOT_INPUTS = frozenset({"src/helpers/build/bench.py"})
#: Tools whose versions shape the outputs: computation (pandas, statsmodels), execution, export.
VERSIONED = ("pandas", "statsmodels", "papermill", "nbconvert")
SHORT = 12


def _skipped(relative: Path) -> bool:
    return (
        any(part.startswith(".") or part == "__pycache__" for part in relative.parts)
        or relative.suffix == ".pyc"
        or relative.as_posix() in NOT_INPUTS
    )


def input_files(root: Path = paths.ROOT) -> list[str]:
    """The inputs as ``/``-separated paths relative to ``root``, sorted by code point."""
    found = []
    for folder in INPUT_FOLDERS:
        for path in (root / folder).rglob("*"):
            relative = path.relative_to(root)
            if path.is_file() and not _skipped(relative):
                found.append(relative.as_posix())
    if (root / LOCK_FILE).is_file():
        found.append(LOCK_FILE)
    return sorted(found)


def inputs_digest(root: Path = paths.ROOT) -> tuple[str, int]:
    """(first 12 hex digits, number of files) of sha256 over ``path NUL sha256(content) LF`` per input."""
    outer = hashlib.sha256()
    files = input_files(root)
    for relative in files:
        inner = hashlib.sha256((root / relative).read_bytes()).hexdigest()
        outer.update(f"{relative}\0{inner}\n".encode())
    return outer.hexdigest()[:SHORT], len(files)


def build_facts(root: Path = paths.ROOT) -> dict[str, str]:
    """The inputs' digest and the versions of Python and the tools, as the index shows them."""
    digest, count = inputs_digest(root)
    named = ", ".join([*INPUT_FOLDERS, *([LOCK_FILE] if (root / LOCK_FILE).is_file() else [])])
    facts = {"Inputs (sha256 of contents)": f"{digest} ({count} files in {named})", "Python": platform.python_version()}
    facts.update({name: version(name) for name in VERSIONED})
    return facts


def report_is_current(html: Path, ipynb: Path, index: Path, root: Path = paths.ROOT) -> bool:
    """Whether a report needs no render although make finds it older than an input (a fresh clone
    dates files by checkout order): both files exist, were rendered with the notebook's default
    parameters, and the landing page, built after every report, recorded the inputs' digest of
    now. So a fresh clone's first ``make`` executes no notebook whose inputs did not change."""
    if not (html.is_file() and ipynb.is_file() and index.is_file()):
        return False
    recorded = re.search(r"Inputs \(sha256 of contents\)</dt><dd>([0-9a-f]+) ", index.read_text(encoding="utf-8"))
    if not recorded or recorded[1] != inputs_digest(root)[0]:
        return False
    return not json.loads(ipynb.read_text(encoding="utf-8"))["metadata"].get("papermill", {}).get("parameters")
