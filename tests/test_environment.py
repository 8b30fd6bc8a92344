"""environment.yml (conda) and pyproject.toml must list the same packages and lower bounds."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement

from helpers import paths


def _pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    out = {}
    for text in reqs:
        req = Requirement(text)
        out[req.name.lower()] = str(req.specifier)
    out["python"] = project["requires-python"]
    return out


def _conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    out = {}
    for item in env["dependencies"]:
        if isinstance(item, dict) or item == "pip":
            continue
        req = Requirement(item)
        out[req.name.lower()] = str(req.specifier)
    return out


def test_environment_yml_matches_pyproject():
    assert _conda_requirements() == _pyproject_requirements()


def test_every_requirement_has_a_lower_bound():
    for name, spec in _pyproject_requirements().items():
        assert spec.startswith(">="), f"{name} has no lower bound: {spec!r}"
