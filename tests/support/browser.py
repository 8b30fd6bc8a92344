"""Headless Chromium for the browser tests, kept off the network: ``$CHROMIUM``, the PATH
(Debian's ``chromium``) or Playwright's own browser; where there is none, the test is skipped with
one line saying how to run it. ``make test`` never installs a system package."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Keep Chromium off the network entirely: no background services, and every host resolves nowhere.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
]


#: One line saying how to run the browser tests where no Chromium is found.
NO_BROWSER = (
    "no Chromium: install Debian's chromium (apt-get install chromium; .ci/run does), or Playwright's "
    "(.venv/bin/playwright install chromium), or set CHROMIUM=/path/to/chromium, to run the browser tests"
)


def chromium_path(pw) -> str | None:
    """$CHROMIUM, else a chromium on the PATH, else Playwright's installed browser (None: its own)."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if Path(pw.chromium.executable_path).is_file():
        return None
    pytest.skip(NO_BROWSER)
