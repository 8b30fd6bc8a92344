"""Exercise answers that stay folded: in the HTML report a ``<details>`` element the reader opens,
in JupyterLab a cell whose source is collapsed (metadata ``jupyter.source_hidden``) and whose
input the HTML export drops (tag ``answer``)."""

from __future__ import annotations

from html import escape

from IPython.display import HTML

ANSWER_TAG = "answer"


def answer_html(markdown_text: str, summary: str = "Answer", lang: str | None = None) -> str:
    """``<details class="answer"><summary>Answer</summary>…</details>`` with ``markdown_text``
    rendered (:func:`helpers.presentation.render_markdown`: nbconvert's Markdown parser with raw
    HTML escaped; values filled in by ``Presenter.text`` are escaped already). ``lang`` marks the
    answer as written in the report's language (``<details class="answer" lang="ru">``), as every
    computed text is."""
    from helpers.presentation import render_markdown

    body = render_markdown(markdown_text) + "\n"
    marked = f' lang="{escape(lang)}"' if lang else ""
    return f'<details class="answer"{marked}><summary>{escape(summary)}</summary>\n{body}</details>'


def answer(markdown_text: str, summary: str = "Answer", lang: str | None = None) -> HTML:
    """Display an answer folded under ``summary`` (see :func:`answer_html`)."""
    return HTML(answer_html(markdown_text, summary, lang))
