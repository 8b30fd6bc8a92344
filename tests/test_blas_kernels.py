"""Same digits on every machine: every iterative fit, run in subprocesses under several OpenBLAS
kernels and thread counts, gives the same numbers (tests/support/fits_snapshot.py).

Agreement is required to a relative 1e-10, far beyond the at most 6 significant digits a report
prints: the fits are converged to the limit of double precision (closed-form initial states, exact
gradients and a Newton polish for ETS, IRLS to 1e-12 in the coefficients), and agree to about 1e-13.

A kernel the CPU cannot run is skipped, with the reason. The rendered reports under another kernel
are compared byte for byte with the committed ones by the pipeline's clean-build test."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths
from tests.support.blas import numpy_openblas_core, runnable_kernels

SNAPSHOT = Path(__file__).parent / "support" / "fits_snapshot.py"
RUNNABLE, WHY_NOT = runnable_kernels()
#: Each kernel once, the thread counts shared out among them (with the reference's one thread, each
#: count is met twice): every kernel and every count is covered without running all six pairs.
CASES = (("Haswell", "2"), ("SkylakeX", "1"), ("Sandybridge", "2"))


def run_snapshot(kernel: str | None, threads: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    env.update(PYTHONPATH=os.pathsep.join([str(paths.ROOT / "src"), str(paths.ROOT)]), OPENBLAS_NUM_THREADS=threads)
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    result = subprocess.run([sys.executable, str(SNAPSHOT)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


RELATIVE = 1e-10


def differences(a, b, where: str = "") -> list[str]:
    """Where two snapshots disagree: numbers beyond RELATIVE, anything else not equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys {sorted(a.keys() ^ b.keys())}"]
        return [d for k in a for d in differences(a[k], b[k], f"{where}/{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: lengths {len(a)} and {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in differences(x, y, f"{where}[{i}]")]
    if isinstance(a, float) and isinstance(b, float):
        same = (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=RELATIVE, abs_tol=1e-12)
        return [] if same else [f"{where}: {a!r} vs {b!r}"]
    return [] if a == b else [f"{where}: {a!r} vs {b!r}"]


def test_differences_catches_a_wobble():
    assert differences({"x": [1.0, 2.0]}, {"x": [1.0, 2.0 * (1 + 1e-12)]}) == []
    assert differences({"x": [1.0, 798.0]}, {"x": [1.0, 799.0]}) == ["/x[1]: 798.0 vs 799.0"]


#: The reference every kernel is compared with: the generic SSE3 kernel, which no tested kernel
#: is, so that no case compares the machine's own kernel with itself.
REFERENCE_KERNEL = "Prescott"


@pytest.fixture(scope="module")
def reference() -> str:
    if not RUNNABLE.get(REFERENCE_KERNEL, False):
        pytest.skip(f"the reference kernel {REFERENCE_KERNEL} cannot run here: {WHY_NOT.get(REFERENCE_KERNEL)}")
    return run_snapshot(REFERENCE_KERNEL, "1")


@pytest.mark.parametrize(("kernel", "threads"), CASES)
def test_fits_print_the_same_digits_under_every_kernel(kernel, threads, reference):
    if not RUNNABLE[kernel]:
        pytest.skip(f"OpenBLAS kernel {kernel} cannot run here: {WHY_NOT[kernel]}")
    assert differences(json.loads(run_snapshot(kernel, threads)), json.loads(reference)) == []


def test_the_snapshot_is_not_empty(reference):
    fits = json.loads(reference)
    assert {"ets_select/arrivals", "count_trend/departures", "share_trend/departures_female"} <= set(fits)
    assert fits["ets_select/arrivals"][0]["model"].startswith("ETS(")


def test_every_trends_function_the_notebooks_call_is_in_the_snapshot():
    called = set()
    for notebook in paths.notebooks():
        called |= set(re.findall(r"trends\.([a-z_]+)\(", notebook.read_text(encoding="utf-8")))
    covered = set(re.findall(r"trends\.([a-z_]+)\(", SNAPSHOT.read_text(encoding="utf-8")))
    assert called <= covered, f"fits used in notebooks but not checked across kernels: {sorted(called - covered)}"


def test_the_machine_default_kernel_is_known():
    # The pipeline renders under a kernel other than this one; it must be readable.
    assert numpy_openblas_core()
