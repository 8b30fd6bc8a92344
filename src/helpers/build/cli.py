"""What the build tools share on the command line: one line per outcome.

A tool prints ``<tool>: <what it did>`` on success and ``<tool>: <what failed>`` on failure
(exit 1), never a traceback unless asked for with ``--debug`` or ``VERBOSE=1`` (make passes its
``VERBOSE`` to the tools through the environment). Ctrl-C prints one line and exits 130. A tool
refuses to run on another checkout than the one of the current folder (see
:func:`helpers.paths.foreign_code`).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable

from helpers import paths


def parser(tool: str, doc: str) -> argparse.ArgumentParser:
    """An argument parser for ``python -m helpers.build.<tool>`` with ``--debug``."""
    out = argparse.ArgumentParser(prog=f"python -m helpers.build.{tool}", description=doc.strip().splitlines()[0])
    out.add_argument("--debug", action="store_true", help="show the traceback of a failure (also VERBOSE=1)")
    return out


def verbose(debug: bool = False) -> bool:
    """``--debug`` given, or ``VERBOSE`` set to anything but empty or 0."""
    return debug or os.environ.get("VERBOSE", "") not in ("", "0")


def one_line(exc: BaseException) -> str:
    """The failure as one line: the message of the project's own errors (they name the file and
    the cause), else ``Type: message``. A tool run with ``-m`` defines its errors in ``__main__``."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if type(exc).__module__.split(".")[0] in ("helpers", "__main__"):
        return text
    return f"{type(exc).__name__}: {text}"


def run(tool: str, action: Callable[[], str], debug: bool = False) -> int:
    """Run ``action`` (which returns what it did) and report in one line; return the exit status."""
    try:
        refusal = paths.foreign_code()
        if refusal:
            raise paths.CheckoutError(refusal)
        done = action()
    except KeyboardInterrupt:
        print(f"{tool}: interrupted; no file was left half-written", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 -- every failure becomes one line; the traceback on request
        if verbose(debug):
            traceback.print_exc()
        print(f"{tool}: {one_line(exc)}", file=sys.stderr)
        return 1
    print(f"{tool}: {done}")
    return 0
