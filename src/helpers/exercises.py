"""Exercise answers that stay folded: in the HTML report a ``<details>`` element the reader opens,
in JupyterLab a cell whose source is collapsed (metadata ``jupyter.source_hidden``) and whose
input the HTML export drops (tag ``answer``)."""

from __future__ import annotations

from html import escape

from IPython.display import HTML

ANSWER_TAG = "answer"


def answer_html(markdown_text: str, summary: str = "Answer") -> str:
    """``<details class="answer"><summary>Answer</summary>…</details>`` with ``markdown_text``
    rendered (mistune, nbconvert's own Markdown parser)."""
    import mistune

    body = mistune.html(markdown_text)
    return f'<details class="answer"><summary>{escape(summary)}</summary>\n{body}</details>'


def answer(markdown_text: str, summary: str = "Answer") -> HTML:
    """Display an answer folded under ``summary`` (see :func:`answer_html`)."""
    return HTML(answer_html(markdown_text, summary))
