"""Render a parameterised notebook: execute it with papermill, export HTML with nbconvert.

Everything that can be checked is checked before the kernel starts: the notebook is a notebook
file, every ``-p`` names a declared parameter (a typo gets the nearest valid name), every value
passes the notebook's rules (:mod:`helpers.params`), the output folder is writable. After the
whole run, the ``.html`` and then the ``.ipynb`` are written as one set
(:func:`helpers.build.atomic.write_set`): a failed, interrupted or disk-full run changes neither.
Papermill's volatile metadata (timings) is stripped, so two builds are byte-identical.

    python -m helpers.build.render notebooks/01_batken.ipynb [-p start_year 2017 -p lang ru]
        [--out-dir reports] [--params-from-env] [--debug]

``--params-from-env`` reads more ``-p NAME VALUE`` pairs from the variable ``PARAMS`` (make's),
split as a POSIX shell would (:func:`shlex.split`) but never run by one.
"""

from __future__ import annotations

import ast
import difflib
import os
import shlex
import sys
from pathlib import Path

from helpers import params, paths
from helpers.build import cli
from helpers.build.atomic import remove_stale_temporaries, write_set
from helpers.build.kernel import KernelDied, run_notebook
from helpers.digest import report_is_current
from helpers.export import link_data, links_to_index, to_html

VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "exception", "input_path", "output_path")
VOLATILE_CELL_KEYS = ("papermill", "execution", "collapsed", "scrolled")


class RenderError(RuntimeError):
    """A notebook could not be rendered; the message names the notebook and the cell."""


def resolve_value(text: str):
    """Type a ``-p NAME VALUE`` string as papermill's CLI does: bool, None, int, float or str."""
    if text in ("True", "False"):
        return text == "True"
    if text == "None":
        return None
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def strip_volatile(nb):
    """Remove per-run metadata (timings, paths, exceptions) from an executed notebook in place."""
    pm = nb.metadata.get("papermill", {})
    for key in VOLATILE_NOTEBOOK_KEYS:
        pm.pop(key, None)
    nb.metadata.pop("widgets", None)
    # The Python's patch version (3.11.7 or 3.11.9) determines nothing a report shows.
    nb.metadata.get("language_info", {}).pop("version", None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        # papermill gives the cell it injects a random id: a fixed one makes a render with
        # parameters byte-reproducible too.
        if "injected-parameters" in cell.metadata.get("tags", []) and "id" in cell:
            cell["id"] = "injected-parameters"
    return nb


def check_notebook(notebook: Path) -> None:
    """The notebook exists and is a valid notebook file (JSON in nbformat 4)."""
    import nbformat

    if not notebook.is_file():
        raise RenderError(f"{notebook}: notebook not found")
    try:
        nbformat.read(notebook, as_version=4)
    except Exception as exc:  # noqa: BLE001 -- not JSON (a ValueError), not UTF-8, or JSON without a notebook's keys
        raise RenderError(f"{notebook}: not a valid notebook file ({' '.join(str(exc).split())[:200]})") from None


def declared_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters of the cell tagged ``parameters``, as papermill infers them (name -> facts)."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def check_parameters(notebook: Path, parameters: dict, declared: dict[str, dict]) -> None:
    """Refuse a parameter the notebook does not declare, naming the nearest declared one."""
    for name in parameters:
        if name in declared:
            continue
        close = difflib.get_close_matches(name, list(declared), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise RenderError(f"{notebook}: unknown parameter {name!r}; {hint}declared: {', '.join(declared) or 'none'}")
    defaults = {name: ast.literal_eval(facts["default"]) for name, facts in declared.items()}
    try:
        params.check(notebook.stem, defaults | parameters)
    except params.ParameterError as exc:
        raise RenderError(f"{notebook}: {exc}") from None


def params_from_env(variable: str = "PARAMS") -> list[tuple[str, str]]:
    """The ``-p NAME VALUE`` pairs of an environment variable, split by :func:`shlex.split`."""
    text = os.environ.get(variable, "")
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise RenderError(f"{variable}={text!r}: {exc}; expected -p NAME VALUE pairs, quoted as in a shell") from None
    if len(words) % 3 or any(flag not in ("-p", "--parameter") for flag in words[::3]):
        raise RenderError(f'{variable}={text!r}: expected -p NAME VALUE pairs, e.g. PARAMS="-p lang ru -p alpha 0.1"')
    return [(words[i + 1], words[i + 2]) for i in range(0, len(words), 3)]


def check_out_dir(out_dir: Path) -> None:
    """``out_dir`` is, or can be created as, a writable folder: checked before a long run."""
    existing = Path(out_dir)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise RenderError(f"cannot write to {paths.shown(out_dir)}: {paths.shown(existing)} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise RenderError(
            f"cannot write to {paths.shown(out_dir)}: {paths.shown(existing)} is read-only "
            "(or not writable for this user); no file was changed"
        )


def execute(notebook: Path, parameters: dict | None = None, kernel_name: str = paths.KERNEL_NAME):
    """Execute ``notebook`` with papermill in memory and return the stripped executed notebook."""
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook).resolve()
    try:
        nb = run_notebook(notebook, parameters or {}, kernel_name)
    except PapermillExecutionError as exc:
        raise RenderError(
            f"{notebook.name}: cell {exc.cell_index} (execution count {exc.exec_count}) failed: {exc.ename}: {exc.evalue}"
        ) from exc
    except KernelDied as exc:
        raise RenderError(f"{notebook.name}: {exc}") from exc
    nb.metadata["kernelspec"] = {**paths.KERNELSPEC, "name": kernel_name}
    return strip_volatile(nb)


def render(
    notebook: Path, out_dir: Path = paths.REPORTS, parameters: dict | None = None, kernel_name: str = paths.KERNEL_NAME
) -> tuple[Path, Path]:
    """Execute ``notebook`` and write ``out_dir/<stem>.ipynb`` and ``.html`` as a set; return both paths."""
    import nbformat

    notebook, out_dir, parameters = Path(notebook), Path(out_dir), parameters or {}
    check_notebook(notebook)
    declared = declared_parameters(notebook)
    check_parameters(notebook, parameters, declared)
    check_out_dir(out_dir)
    nb = execute(notebook, parameters, kernel_name)
    title = nb.metadata.get("title") or notebook.stem
    html = link_data(to_html(nb, title, paths.INDEX_PAGE if links_to_index(out_dir) else None), out_dir)
    ipynb_path = out_dir / f"{notebook.stem}.ipynb"
    html_path = out_dir / f"{notebook.stem}.html"
    # A writer killed earlier may have left temporaries (never a target half-written): remove them.
    for target in (ipynb_path, html_path):
        remove_stale_temporaries(target)
    # The .ipynb last, so it is never older than the .html (make's target).
    write_set({html_path: html.encode("utf-8"), ipynb_path: (nbformat.writes(nb) + "\n").encode("utf-8")})
    return ipynb_path, html_path


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("render", __doc__)
    parser.add_argument("notebook", type=Path)
    parser.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="override a notebook parameter"
    )
    parser.add_argument("--out-dir", type=Path, default=paths.REPORTS)
    parser.add_argument("--params-from-env", action="store_true", help="also read -p pairs from $PARAMS (shlex-split)")
    parser.add_argument("--unless-current", action="store_true", help="only touch a report current by content")
    args = parser.parse_args(argv)

    def action() -> str:
        pairs = args.parameter + (params_from_env() if args.params_from_env else [])
        parameters = {name: resolve_value(value) for name, value in pairs}
        html, ipynb = (args.out_dir / f"{args.notebook.stem}{suffix}" for suffix in (".html", ".ipynb"))
        if args.unless_current and not parameters and report_is_current(html, ipynb, args.out_dir / paths.INDEX_PAGE):
            for path in (html, ipynb):  # in make's order: the .ipynb never older than the .html
                os.utime(path)
            return f"{paths.shown(html)} is current (inputs as the index recorded them); not run again"
        ipynb, html = render(args.notebook, args.out_dir, parameters)
        return f"wrote {paths.shown(ipynb)} and {paths.shown(html)}"

    return cli.run("render", action, args.debug)


if __name__ == "__main__":
    sys.exit(main())
