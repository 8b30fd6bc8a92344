"""The pinned environment: pyproject.toml's bounds, requirements.lock's exact versions (with hashes),
environment.yml and the installed .venv must agree; any drift fails here."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import yaml
from packaging.requirements import Requirement

from helpers import lockfile, paths


def _pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    texts = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        texts += extra
    return [Requirement(text) for text in texts]


def _lock_text() -> str:
    return lockfile.LOCK.read_text(encoding="utf-8")


def test_read_pins_and_canonical_names():
    text = "Jinja2==3.1.6 \\\n    --hash=sha256:abc\n    # via nbconvert\npre_commit==4.7.0\n-e /work/main\n"
    assert lockfile.read_pins(text) == {"jinja2": "3.1.6", "pre-commit": "4.7.0"}
    assert lockfile.canonical("Ruamel.YAML_clib") == "ruamel-yaml-clib"


def test_every_requirement_has_a_lower_bound():
    for req in _pyproject_requirements():
        assert str(req.specifier).startswith(">="), f"{req.name} has no lower bound: {req.specifier!r}"


def test_the_lock_pins_every_requirement_within_its_bounds():
    pins = lockfile.read_pins(_lock_text())
    for req in _pyproject_requirements():
        name = lockfile.canonical(req.name)
        assert name in pins, f"pyproject.toml requires {req} but requirements.lock does not pin it; run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject.toml's {req.specifier}; run `make lock`"
        )


def test_the_lock_covers_every_extra_and_has_hashes():
    text = _lock_text()
    extras = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra in extras:
        assert f"--extra={extra}" in text, f"requirements.lock was not compiled with the extra {extra!r}"
    blocks = [b for b in text.split("\n") if lockfile.read_pins(b)]
    assert len(blocks) > 100
    for line in blocks:
        assert line.rstrip().endswith("\\"), f"no hash follows {line.strip()}"


def test_environment_yml_is_generated_from_the_lock():
    text = (paths.ROOT / "environment.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["name"] == "migration-ca"
    python, pins = lockfile.environment_pins(text)
    assert python == "3.11"
    assert pins == lockfile.read_pins(_lock_text())
    assert text == lockfile.environment_yml(pins), "environment.yml differs from what `make lock` writes"


def test_the_installed_environment_is_the_lock():
    # Without PYTHONPATH (make sets it to src/, where setuptools leaves the project's egg-info, which
    # pip would list as a second, non-editable copy): what the venv itself holds.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    freeze = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=paths.ROOT.parent,
    ).stdout
    installed, locked = lockfile.read_pins(freeze), lockfile.read_pins(_lock_text())
    drift = {
        name: (installed.get(name), locked.get(name))
        for name in installed.keys() | locked.keys()
        if installed.get(name) != locked.get(name)
    }
    assert drift == {}, f"(installed, locked) differ: {drift}; run `make` after `make lock`"


def test_uv_is_bootstrapped_with_the_locks_own_pin_and_hashes():
    """`make` installs uv with pip from tools/uv-requirement.txt, then uv installs the lock: both
    name the same uv, with the same hashes."""
    boot = (paths.ROOT / "tools" / "uv-requirement.txt").read_text(encoding="utf-8")
    lock = _lock_text()
    block = lock[lock.index("\nuv==") + 1 :].split("    # via", 1)[0]
    assert [line for line in boot.splitlines() if not line.startswith("#")] == block.splitlines()
    assert lockfile.read_pins(boot) == {"uv": lockfile.read_pins(lock)["uv"]}


def test_the_venv_stamp_is_the_venv_state():
    """What `make` compares to see whether .venv drifted (another Python, a package folder lost)."""
    venv = paths.ROOT / ".venv"
    state = subprocess.run(
        [str(paths.ROOT / "tools" / "venv-state"), str(venv)], capture_output=True, text=True, check=True
    ).stdout
    assert state.startswith(f"version = {sys.version_info.major}.{sys.version_info.minor}.")
    assert (venv / ".installed").read_text(encoding="utf-8") == state, "the venv drifted from its stamp; run make"
