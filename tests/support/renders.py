"""Each notebook rendered once per test run in each of its languages, shared by every test that
reads the result (the ``rendered`` fixture of tests/conftest.py).

Under pytest-xdist every worker has its own session, so the renders live in a folder all workers
share (the parent of their base temporary folders, unique to the run) and a render is claimed
with a file lock: the first worker to ask renders, a worker asking for the same render meanwhile
waits for it, and any later test anywhere reads the files. A failed render is recorded too, so
that every test asking for it fails with the same one line instead of rendering again.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from helpers import paths
from helpers.i18n import LANGS, LANGS_WITHOUT_KY

#: The languages each report is written in (the first is the notebook's default).
LANGUAGES = {"00_primer": LANGS_WITHOUT_KY, "01_batken": LANGS, "02_kazakhstan": LANGS_WITHOUT_KY, "03_diploma": LANGS_WITHOUT_KY}
#: Every (notebook, language) pair, for parametrize.
CASES = [(stem, lang) for stem, langs in LANGUAGES.items() for lang in langs]
FAILED = "render-failed.txt"


class RenderFailed(RuntimeError):
    """The shared render of a notebook failed (in this worker or another); the message says why."""


def shared_folder(base_temp: Path) -> Path:
    """Where this run's renders go: beside the xdist workers' base folders (shared by them), or in
    the session's own base folder without xdist."""
    folder = (base_temp.parent if os.environ.get("PYTEST_XDIST_WORKER") else base_temp) / "rendered"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Renders:
    """``renders(stem, lang) -> (ipynb, html)``: the render of ``notebooks/<stem>.ipynb`` in ``lang``
    (its default language's parameters left as they are), made at most once per run."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __call__(self, stem: str, lang: str) -> tuple[Path, Path]:
        from helpers.build.render import render

        out = self.folder / f"{stem}-{lang}"
        with open(self.folder / f"{stem}-{lang}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            ipynb, html, failed = out / f"{stem}.ipynb", out / f"{stem}.html", out / FAILED
            if failed.is_file():
                raise RenderFailed(failed.read_text(encoding="utf-8"))
            if not (ipynb.is_file() and html.is_file()):
                parameters = {} if lang == LANGUAGES[stem][0] else {"lang": lang}
                try:
                    render(paths.NOTEBOOKS / f"{stem}.ipynb", out, parameters)
                except Exception as exc:
                    out.mkdir(parents=True, exist_ok=True)
                    failed.write_text(f"{stem} in {lang}: {type(exc).__name__}: {exc}", encoding="utf-8")
                    raise
        return ipynb, html
