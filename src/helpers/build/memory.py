"""Peak memory of a process and everything it starts, sampled while it runs (``make bench``).

Memory is counted as the sum of each process's proportional set size (PSS): a page shared by n
processes counts 1/n in each, so the kernels and steps forked from the warm server, which share
its pages, are not counted once per process as their resident sizes (RSS) would be. The largest
single RSS is reported beside it.

A process whose parent exits is adopted by the nearest *subreaper*: :func:`adopt_orphans` makes
this process one, so that the warm server, which its starter leaves behind, is still counted.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from dataclasses import dataclass

PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


def adopt_orphans() -> bool:
    """Make this process adopt its descendants' orphans (Linux); return whether it does."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


@dataclass(frozen=True)
class Usage:
    pss: int  # bytes, summed over the processes
    largest_rss: int  # bytes, of the largest process
    processes: int


def tree_usage(pid: int, include_root: bool = True) -> Usage:
    """Memory of the descendants of process ``pid`` now, and of ``pid`` itself unless told not to
    (processes that exit meanwhile are left out)."""
    import psutil

    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)] if include_root else root.children(recursive=True)
    except psutil.NoSuchProcess:
        return Usage(0, 0, 0)
    pss = largest = counted = 0
    for process in tree:
        try:
            info = process.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        pss += info.pss
        largest = max(largest, info.rss)
        counted += 1
    return Usage(pss, largest, counted)


class PeakSampler:
    """``with PeakSampler(pid) as peak:`` samples :func:`tree_usage` every ``interval`` seconds
    in a thread; ``peak.pss`` and ``peak.largest_rss`` are the highest values seen (a sample is
    also taken at the start and the end)."""

    def __init__(self, pid: int, interval: float = 0.1, include_root: bool = True):
        self.pid, self.interval, self.include_root = pid, interval, include_root
        self.pss = self.largest_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-memory", daemon=True)

    def sample(self) -> None:
        usage = tree_usage(self.pid, self.include_root)
        self.pss = max(self.pss, usage.pss)
        self.largest_rss = max(self.largest_rss, usage.largest_rss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> PeakSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
