"""Render a parameterised notebook: execute it with papermill, export HTML with nbconvert.

One Python process does both steps (no second CLI start). Both outputs are written
atomically and only after the whole run succeeded, so a failed run leaves the previous
``reports/NN_name.*`` untouched. Papermill's volatile metadata (timings, start and end
times) is stripped so that two builds are byte-identical and git diffs show real change.

Command line (``python -m helpers.build.render``)::

    python -m helpers.build.render notebooks/01_batken.ipynb [-p start_year 2017 -p lang ru]
        [--out-dir reports]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from helpers import paths
from helpers.build.atomic import remove_stale_temporaries, write_text_atomic

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
    for cell in nb.cells:
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
    return nb


def check_kernel(kernel_name: str = paths.KERNEL_NAME) -> None:
    """Fail early, with the fix, if the project's Jupyter kernel is not installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise RenderError(
            f"Jupyter kernel {kernel_name!r} is not installed in this environment; "
            "run `make` (it installs the kernel into .venv with --sys-prefix)"
        ) from exc


def execute(notebook: Path, parameters: dict | None = None, kernel_name: str = paths.KERNEL_NAME):
    """Execute ``notebook`` with papermill in memory and return the stripped executed notebook."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    check_kernel(kernel_name)
    notebook = Path(notebook).resolve()
    try:
        nb = papermill.execute_notebook(
            str(notebook),
            None,
            parameters=parameters or {},
            kernel_name=kernel_name,
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        raise RenderError(
            f"{notebook.name}: cell {exc.cell_index} (execution count {exc.exec_count}) failed: "
            f"{exc.ename}: {exc.evalue}"
        ) from exc
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": "Python (migration-ca)",
                                 "language": "python"}
    return strip_volatile(nb)


def report_language(notebook: Path, parameters: dict | None) -> str:
    """The language a report is written in: its ``lang`` parameter, or the notebook's default."""
    if parameters and "lang" in parameters:
        return str(parameters["lang"])
    import papermill

    declared = papermill.inspect_notebook(str(notebook)).get("lang")
    return str(ast.literal_eval(declared["default"])) if declared else "en"


def to_html(nb, title: str, lang: str = "en") -> str:
    """Export an executed notebook to self-contained HTML (no network resources), ``<html lang>``
    set to the report's language."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from helpers.exercises import ANSWER_TAG

    exporter = HTMLExporter(
        language_code=lang,
        template_name="compendium",
        extra_template_basedirs=[str(paths.TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    # An exercise's answer shows only as its folded output, never as the code that computes it.
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={ANSWER_TAG}), enabled=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def render(notebook: Path, out_dir: Path = paths.REPORTS, parameters: dict | None = None,
           kernel_name: str = paths.KERNEL_NAME) -> tuple[Path, Path]:
    """Execute ``notebook`` and write ``out_dir/<stem>.ipynb`` and ``.html``; return both paths."""
    import nbformat

    notebook = Path(notebook)
    if not notebook.is_file():
        raise RenderError(f"{notebook}: notebook not found")
    nb = execute(notebook, parameters, kernel_name)
    title = nb.metadata.get("title") or notebook.stem
    html = to_html(nb, title, report_language(notebook, parameters))
    out_dir = Path(out_dir)
    ipynb_path = out_dir / f"{notebook.stem}.ipynb"
    html_path = out_dir / f"{notebook.stem}.html"
    # Both texts exist in memory before either file is touched; a run killed earlier may have
    # left temporaries (never the targets themselves half-written): remove them first.
    for target in (ipynb_path, html_path):
        remove_stale_temporaries(target)
    write_text_atomic(ipynb_path, nbformat.writes(nb) + "\n")
    write_text_atomic(html_path, html)
    return ipynb_path, html_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.build.render", description=__doc__.split("\n")[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="override a notebook parameter")
    parser.add_argument("--out-dir", type=Path, default=paths.REPORTS)
    args = parser.parse_args(argv)
    parameters = {name: resolve_value(value) for name, value in args.parameter}
    try:
        ipynb, html = render(args.notebook, args.out_dir, parameters)
    except RenderError as exc:
        print(f"render: {exc}", file=sys.stderr)
        return 1
    print(f"render: wrote {ipynb} and {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
