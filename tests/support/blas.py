"""OpenBLAS kernels: which one NumPy runs on, and which ones this CPU can run.

OpenBLAS picks a kernel for the CPU at start-up; ``OPENBLAS_CORETYPE`` forces another one. A
kernel whose instructions the CPU lacks would crash with SIGILL, so it is skipped instead.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np

#: CPU flags (from /proc/cpuinfo) each kernel needs.
KERNEL_FLAGS = {
    "Prescott": {"pni"},  # /proc/cpuinfo names SSE3 "pni"
    "Sandybridge": {"avx"},
    "Haswell": {"avx2", "fma"},
    "SkylakeX": {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"},
}


def cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def runnable_kernels() -> tuple[dict[str, bool], dict[str, str]]:
    """(kernel -> runnable, kernel -> reason it is not)."""
    flags = cpu_flags()
    missing = {name: sorted(need - flags) for name, need in KERNEL_FLAGS.items()}
    return (
        {name: not miss for name, miss in missing.items()},
        {name: f"the CPU lacks {', '.join(miss)}" for name, miss in missing.items() if miss},
    )


def numpy_openblas_core() -> str:
    """The kernel NumPy's bundled OpenBLAS chose (e.g. 'SkylakeX'), or '' if it cannot be asked."""
    libs = sorted((Path(np.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    for lib in libs:
        handle = ctypes.CDLL(str(lib))
        for symbol in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            if hasattr(handle, symbol):
                func = getattr(handle, symbol)
                func.restype = ctypes.c_char_p
                return func().decode()
    return ""
