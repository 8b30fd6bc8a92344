"""The pinned environment: ``requirements.lock`` (pip-compile, with hashes) and the conda
``environment.yml`` generated from it, so both name the same exact version of every package.

``python -m helpers.lockfile`` rewrites environment.yml from the lock (``make lock`` runs it).
"""

from __future__ import annotations

import re
import sys

from helpers import paths
from helpers.build.atomic import write_text_atomic

LOCK = paths.ROOT / "requirements.lock"
ENVIRONMENT = paths.ROOT / "environment.yml"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised name: ``Jinja2`` -> ``jinja2``, ``pre_commit`` -> ``pre-commit``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(text: str) -> dict[str, str]:
    """``name==version`` lines of a lock file or ``pip freeze`` output -> {canonical name: version}."""
    pins = {}
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonical(match[1])] = match[2]
    return pins


def environment_yml(pins: dict[str, str], python: str = "3.11") -> str:
    """A conda environment with the lock's exact versions. Everything comes from PyPI through pip,
    so the wheels, and the BLAS inside NumPy and SciPy, are the ones the lock pins."""
    lines = [
        "# Generated from requirements.lock by `make lock` (python -m helpers.lockfile): do not edit.",
        "# Conda environment with the exact versions of the lock; every package comes from PyPI through",
        "# pip, so the wheels (and the OpenBLAS inside NumPy and SciPy) are the ones `make` installs.",
        "#   conda env create -f environment.yml && conda activate migration-ca",
        "name: migration-ca",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python}",
        "  - pip:",
        *(f"      - {name}=={version}" for name, version in sorted(pins.items())),
        "      - -e .",
        "",
    ]
    return "\n".join(lines)


def environment_pins(text: str) -> tuple[str, dict[str, str]]:
    """(python version, {name: version}) of an environment.yml written by :func:`environment_yml`."""
    python = re.search(r"^\s*-\s*python=(\S+)", text, re.M)
    return (python[1] if python else ""), read_pins("\n".join(line.strip().lstrip("- ") for line in text.splitlines()))


def main() -> int:
    if not LOCK.is_file():
        print(f"lockfile: {LOCK} not found; run `make lock`", file=sys.stderr)
        return 1
    write_text_atomic(ENVIRONMENT, environment_yml(read_pins(LOCK.read_text(encoding="utf-8"))), only_if_changed=True)
    print(f"lockfile: wrote {ENVIRONMENT.name} from {LOCK.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
