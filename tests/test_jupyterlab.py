"""An executed report notebook opened in JupyterLab shows its figures, untrusted.

A JupyterLab server from the venv serves a temporary copy of ``reports/01_batken.ipynb`` on a free
localhost port (fixed token, no browser, its config, data, runtime and settings directories and
HOME all temporary, so the user's own settings play no part). Headless Chromium opens the notebook
and every figure's PNG (the fallback beside the custom figure mimetype, which JupyterLab ignores)
must be decoded in an output area. Windowing is switched off in the (temporary) user settings, so
every cell's outputs are in the DOM without scrolling.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import paths
from tests.support.browser import CHROMIUM_ARGS, chromium_path

pytestmark = pytest.mark.browser

NOTEBOOK = paths.REPORTS / "01_batken.ipynb"
TOKEN = "migration-ca-test-token"
#: The report's figures: each a PNG beside the custom figure mimetype.
FIGURES = 5
FIGURES_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output img')]
    .filter(img => img.complete && img.naturalWidth > 0).length"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture
def jupyterlab(tmp_path: Path):
    """``(port, log)`` of a JupyterLab server on a copy of the notebook, stopped afterwards."""
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy2(NOTEBOOK, root / NOTEBOOK.name)
    home, config, data, runtime, settings, workspaces = (
        tmp_path / name for name in ("home", "config", "data", "runtime", "settings", "workspaces")
    )
    for folder in (home, config, data, runtime, settings, workspaces):
        folder.mkdir()
    # User settings (the temporary ones): every cell rendered, whether scrolled to or not.
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"checkForUpdates": False, "fetchNews": "false"}), encoding="utf-8")
    env = os.environ | {
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(data),
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(workspaces),
    }
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    port = free_port()
    log = tmp_path / "jupyterlab.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.allow_root=True",  # CI containers run as root
        "--ServerApp.terminals_enabled=False",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={TOKEN}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={workspaces}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        status = f"http://127.0.0.1:{port}/api/status?token={TOKEN}"
        deadline = time.monotonic() + 60
        while not answers(status):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer on port {port}:\n{log.read_text(encoding='utf-8')}")
            time.sleep(0.2)
        yield port, log
    finally:
        stop(server, port)


def stop(server: subprocess.Popen, port: int) -> None:
    """Ask the server to shut down (its kernels with it), then terminate, then kill it."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/shutdown?token={TOKEN}", method="POST")
    try:
        urllib.request.urlopen(request, timeout=10).close()
    except (urllib.error.URLError, OSError):
        server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)


def test_report_notebook_shows_its_figures_in_jupyterlab(jupyterlab):
    from playwright.sync_api import sync_playwright

    port, log = jupyterlab
    # Chromium stays off the network, except for this one server's loopback address.
    args = [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if arg.startswith("--host-resolver-rules=") else arg
        for arg in CHROMIUM_ARGS
    ] + ["--proxy-bypass-list=127.0.0.1"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(pw), headless=True, args=args)
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            outside: list[str] = []
            local = f"http://127.0.0.1:{port}/"
            tab.on("request", lambda r: None if r.url.startswith((local, "data:", "blob:")) else outside.append(r.url))
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(f"http://127.0.0.1:{port}/lab/tree/01_batken.ipynb?token={TOKEN}", timeout=60_000)
            tab.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            # Windowing off: every cell is in the DOM, so no figure is left out for being off screen.
            cells = len(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])
            tab.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-Cell').length >= {cells}", timeout=60_000)
            tab.wait_for_function(f"() => ({FIGURES_JS})() >= {FIGURES}", timeout=60_000)
            shown = tab.evaluate(FIGURES_JS)
            assert shown >= FIGURES, f"{shown} figures decoded; server log:\n{log.read_text(encoding='utf-8')}"
            # Untrusted: the notebook was opened as it is, not trusted by the test.
            assert errors == [], errors
            assert outside == [], f"requests beyond the server: {outside}"
        finally:
            browser.close()
