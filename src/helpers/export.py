"""A rendered notebook as a report page: nbconvert's HTML export with the compendium's template,
and links to the processed tables that exist where the page is written. The render tool
(:mod:`helpers.build.render`) calls it; it is report code, like the landing page (:mod:`helpers.index`).
"""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path

from helpers import paths

#: The mimetype of a report figure's HTML (inline SVG with its caption). The PNG beside it is what
#: JupyterLab shows of an untrusted notebook; it shows the PNG only if the HTML is not ``text/html``
#: (which it prefers, sanitised, with the SVG stripped), so the HTML has a type of its own,
#: rendered by the report template (below).
FIGURE_MIMETYPE = "application/vnd.migration-ca.figure+html"


def links_to_index(out_dir: Path) -> bool:
    """A report links to the landing page only where there is one: in ``reports/`` (make builds it
    there) or in an output folder that already holds an ``index.html``."""
    out_dir = Path(out_dir).resolve()
    return out_dir == paths.REPORTS.resolve() or (out_dir / paths.INDEX_PAGE).is_file()


#: A table's link to a processed CSV, as helpers.presentation writes it (a project-relative path).
_CSV_LINK = re.compile(r'<a data-csv="(?P<path>[^"]+)">(?P<text>[^<]*)</a>')


def link_data(html: str, out_dir: Path, root: Path = paths.ROOT) -> str:
    """Turn each table's ``<a data-csv="data/processed/x.csv">`` into a link relative to the report
    in ``out_dir``, or into plain text where ``root`` has no such file: a report links only to
    what exists, wherever it is written."""

    def link(match: re.Match) -> str:
        target = (Path(root) / match["path"]).resolve()
        if not target.is_file():
            return f'<span class="data-file">{match["text"]}</span>'
        href = Path(os.path.relpath(target, Path(out_dir).resolve())).as_posix()
        return f'<a href="{escape(href)}">{match["text"]}</a>'

    return _CSV_LINK.sub(link, html)


def figures_as_html(nb, mimetype: str):
    """A copy of ``nb`` whose report figures (outputs of ``mimetype``: the figure's HTML, with a PNG
    beside it for JupyterLab) are plain ``text/html`` outputs: the HTML report shows the vector figure."""
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if mimetype in output.get("data", {}):
                output["data"] = {"text/html": output["data"][mimetype]}
    return nb


def to_html(nb, title: str, index_href: str | None = paths.INDEX_PAGE) -> str:
    """Export an executed notebook to self-contained HTML (no network resources, and a
    Content-Security-Policy that allows none and no script but the page's own), with a link to
    ``index_href`` (none if None). The narrative is English, so ``<html lang="en">``; what the
    notebook computed in the report language carries its own ``lang`` (helpers.presentation)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from helpers.csp import with_content_security_policy
    from helpers.exercises import ANSWER_TAG

    exporter = HTMLExporter(
        language_code="en",
        template_name="compendium",
        extra_template_basedirs=[str(paths.TEMPLATES)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    # An exercise's answer shows only as its folded output, never as the code that computes it.
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={ANSWER_TAG}), enabled=True)
    body, _ = exporter.from_notebook_node(
        figures_as_html(nb, FIGURE_MIMETYPE), resources={"metadata": {"name": title}, "index_href": index_href}
    )
    return with_content_security_policy(body)
