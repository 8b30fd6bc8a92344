"""How a report shows its results, in the report's language: tables, numbers, generated
sentences, numbered figures, key findings, the source's citation and the audit block.

Notebooks call one function for each (``p = Presenter(_, "batken")``, ``_`` the report
language's :class:`helpers.labels.Labels`, then ``p.table``, ``p.say``, ``p.figure``,
``p.findings``, ``p.citation``, ``p.audit``); none formats by hand.

Conventions (one owner, so every report reads alike):

- Numbers follow the language (CLDR through Babel): ``25,387`` and ``46.81`` in English,
  ``25 387`` and ``46,81`` in Russian, Kazakh and Kyrgyz. A number is first rounded by Python's
  own formatting (the digits the claims checks compare), then only its separators are localised.
- A table has no index; a column's kind fixes its format: ``count`` (integer, grouped), ``year``
  (integer, ungrouped), ``number`` (a fixed number of decimals for the whole column, grouped),
  ``pvalue`` (3 decimals, ``< 0.001`` below), ``text`` (left-aligned, as is). Units go in the
  header. A missing value shows as ``–``, and a footnote under the table says what it means.
- The report's narrative is English (``<html lang="en">``); everything computed (tables, figure
  text, captions, generated sentences, key findings) is in the report language and carries its
  ``lang`` attribute, and text that is in another language by design (a source's quote, the
  English gloss, the audit's reasons) carries its own. The translation tests read these attributes.
- Generated sentences are Markdown: their templates (the code's messages and their catalog
  translations) are ours and may carry markup (``**bold**``, code in backticks, links); every
  text value filled into them is data and is escaped (:func:`escape_markdown`), and Markdown is
  rendered with raw HTML escaped
  (:func:`render_markdown`), so a ``<script>`` or ``*`` in a region name, a label or a quote shows
  as written. Where a sentence is shown as plain text (a caption, alt text, a table cell) the
  escapes are undone and the HTML is escaped instead.
- A table links the processed CSVs it is computed from, with ``data-csv`` paths relative to the
  project; the render step turns them into links relative to the report (none if absent). File
  names are names, not words: they are marked ``translate="no"``.
"""

from __future__ import annotations

import math
import numbers
import re
import string
from dataclasses import dataclass, field
from functools import cache
from html import escape

import pandas as pd

from helpers import paths

#: What a table cell shows for a missing value (explained in a footnote under the table).
MISSING = "–"
#: Kinds of table column (see the module docstring).
KINDS = ("text", "count", "year", "number", "pvalue")
#: The smallest p-value printed as a number (3 decimals); below it a report says ``p < 0.001``.
P_FLOOR = 0.001
_NUMBER_SPEC = re.compile(r"(?P<sign>\+)?(?P<group>,)?(?:\.(?P<decimals>\d+))?(?P<type>[fd])?")


#: ASCII punctuation that Markdown (CommonMark and mistune's strikethrough, table and footnote
#: plugins) can read as inline markup or as an HTML tag or entity.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>~|!&])")
#: What makes a paragraph a heading, quote or list when it starts a line: ``# ``, ``- ``, ``1. ``.
_MARKDOWN_BLOCK_START = re.compile(r"^(#+|[-+*]|\d+[.)])(?=\s|$)")
#: Everything :func:`escape_markdown` may put a backslash before.
_MARKDOWN_ESCAPED = re.compile(r"\\([\\`*_\[\]<>~|!&#+\-.)])")


class Markdown(str):
    """A sentence in Markdown whose filled-in values are already escaped (what
    :meth:`Presenter.text` returns): filled into another sentence it is not escaped again, and
    shown as plain text its escapes are undone (:func:`plain_text`)."""


def escape_markdown(value: str) -> str:
    """``value`` (data: a name, a label, a quote) as Markdown that renders exactly as written.

    Every character that Markdown or HTML could read as markup gets a backslash
    (``\\ ` * _ [ ] < > ~ | ! &``), a block marker at the start is escaped too (``# ``, ``- ``,
    ``+ ``, ``1. ``), and line breaks become spaces (a rendered paragraph shows them as spaces
    anyway; a blank line would start a new block):
    ``escape_markdown("a*b* <i>") == "a\\*b\\* \\<i\\>"``; ``escape_markdown("- x") == "\\- x"``.
    """
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(value))
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def plain_text(text: str) -> str:
    """``text`` as plain text: a :class:`Markdown` sentence without the escapes of its values
    (its templates have no markup where plain text is shown: captions, alt text, cells); any
    other string as it is."""
    return _MARKDOWN_ESCAPED.sub(r"\1", text) if isinstance(text, Markdown) else text


def render_markdown(text: str, inline: bool = False) -> str:
    """Markdown (bold, code, links) to HTML as nbconvert renders a notebook's markdown
    (mistune with the same plugins), except that raw HTML is escaped, never passed through:
    ``render_markdown("**a** <b>") == "<p><strong>a</strong> &lt;b&gt;</p>"``. ``inline`` drops
    the paragraph around a single paragraph. A number keeps its per-cent sign on its line: the space
    between them becomes a no-break space (``44 %`` never wraps as ``44`` / ``%)`` on a phone)."""
    html = _PERCENT_AFTER_NUMBER.sub("\\1\u00a0%", _markdown_renderer()(text).strip())
    if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


#: A digit, a space, a per-cent sign: the space that must not break.
_PERCENT_AFTER_NUMBER = re.compile(r"(\d) %")


@cache
def _markdown_renderer():
    import mistune

    return mistune.create_markdown(escape=True, plugins=["strikethrough", "footnotes", "table"])


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_number(value, lang: str, decimals: int = 0, group: bool = True, sign: bool = False) -> str:
    """``value`` with ``decimals`` decimals in the conventions of ``lang``.

    Python's ``format(value, f".{decimals}f")`` rounds (so every language shows the same digits);
    Babel then writes them with the language's decimal and group separators and minus sign:
    ``format_number(1354435.5, "ru", 1) == "1\\u00a0354\\u00a0435,5"``. ``sign=True`` writes a
    plus sign before positive numbers; ``group=False`` omits group separators (years).
    """
    from decimal import Decimal

    from babel.numbers import format_decimal, get_minus_sign_symbol, get_plus_sign_symbol

    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"format_number: {value!r} is not a number") from None
    rounded = Decimal(format(value, f".{decimals}f"))
    pattern = ("#,##0" if group else "0") + ("." + "0" * decimals if decimals else "")
    text = format_decimal(abs(rounded), format=pattern, locale=lang, decimal_quantization=True)
    if rounded < 0:  # a value that rounds to zero is shown as 0, never as -0
        return get_minus_sign_symbol(lang) + text
    return (get_plus_sign_symbol(lang) + text) if sign and rounded > 0 else text


class SentenceFormatter(string.Formatter):
    """``str.format`` whose numbers follow the language and which knows plural forms.

    In a template, ``{x:+,.1f}`` is a number (sign, grouping and decimals as in Python's
    format mini-language, separators of the language), ``{n:,}`` an integer with grouping,
    ``{n}`` an integer as is (a year), and ``{n:@claim|claims}`` the form, of those listed inline
    in the catalog's order, that agrees with ``n`` (see :meth:`helpers.i18n.Translation.plural`;
    ``lookup`` is that translation). Any other value is text and is escaped for Markdown
    (:func:`escape_markdown`), unless it is a :class:`Markdown` sentence already.
    """

    def __init__(self, lang: str, lookup):
        self.lang = lang
        self.lookup = lookup

    def format_field(self, value, format_spec: str) -> str:
        if format_spec.startswith("@"):
            return self.lookup.plural(format_spec[1:], value)
        # NumPy scalars (a table's cells) are numbers too: int64 is no Python int, and
        # str.format would group it the English way.
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = int(value)
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, Markdown):  # a sentence made by Presenter.text: already escaped
            return super().format_field(value, format_spec)
        if isinstance(value, bool) or not isinstance(value, int | float) or format_spec == "s":
            return escape_markdown(super().format_field(value, format_spec))
        spec = _NUMBER_SPEC.fullmatch(format_spec)
        if spec is None:
            raise ValueError(f"number format {format_spec!r}: expected [+][,][.N][f|d] or @form|forms")
        decimals = int(spec["decimals"] or 0)
        if isinstance(value, int) and not format_spec:
            return str(value)
        return format_number(value, self.lang, decimals, group=bool(spec["group"]), sign=bool(spec["sign"]))


@dataclass(frozen=True)
class Col:
    """How to show one column: its header (text already in the report language, ``_("Flow")``,
    formatted with ``fields``), its kind (:data:`KINDS`), decimals for ``number``, an optional
    unit (translated too, ``unit=_("persons")``) appended to the header, ``labels`` (a family of
    :data:`helpers.labels.CODED`: a cell ``v`` shows ``_.label(labels, v)``),
    ``region`` (cells are ISO codes, shown as region names), ``lang`` (the language the cells
    are written in when it is not the report's, e.g. ``"en"`` for a gloss), ``verbatim`` (ids and
    values as the source printed them: never translated, marked ``translate="no"``) and ``code``
    (identifiers inside the text, a snake_case or dotted name such as a table or claim id, set as
    ``<code>``, as in the audit's English reasons)."""

    header: str
    kind: str = "text"
    decimals: int = 1
    unit: str | None = None
    labels: str | None = None
    region: bool = False
    lang: str | None = None
    verbatim: bool = False
    sign: bool = False
    fields: dict = field(default_factory=dict)
    code: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Col({self.header!r}): kind {self.kind!r}; expected one of {', '.join(KINDS)}")


class Presenter:
    """Everything a report shows, for one source in one language (``labels``: the language's
    :class:`helpers.labels.Labels`, which translates messages, coded labels and region names; the
    presenter keeps it as ``p._``)."""

    def __init__(self, labels, source: str):
        if source not in paths.SOURCES and source != "primer":
            raise ValueError(f"source={source!r}: expected one of {', '.join(paths.SOURCES)} or primer")
        self._ = labels
        self.lang = labels.lang
        self.source = source
        self.tables = 0
        self.figures = 0
        self._formatter = SentenceFormatter(self.lang, labels)

    # ---- numbers and sentences ------------------------------------------------------------------
    def number(self, value, decimals: int = 0, sign: bool = False, group: bool = True) -> str:
        """``value`` in the report language's conventions (see :func:`format_number`)."""
        return format_number(value, self.lang, decimals, group=group, sign=sign)

    def number_as_given(self, value) -> str:
        """``value`` with exactly the decimals of its shortest form, as a parameter was given:
        95 -> ``95``, 97.5 -> ``97.5`` (``97,5`` in Russian), 0.05 -> ``0.05``."""
        from decimal import Decimal

        return self.number(value, max(0, -Decimal(str(value)).as_tuple().exponent))

    def p_value(self, value: float) -> str:
        """``p = 0.123`` in the report language, or ``p < 0.001`` below :data:`P_FLOOR` (as tables print it)."""
        if value < P_FLOOR:
            return self.text(self._("p < {p:.3f}"), p=P_FLOOR)
        return self.text(self._("p = {p:.3f}"), p=value)

    def text(self, template: str, **fields) -> Markdown:
        """The sentence ``template``, already translated (``p.text(_("..."), **fields)``), with
        ``fields`` filled in (numbers localised, plurals agreed, text values escaped for Markdown;
        see :class:`SentenceFormatter`)."""
        return Markdown(self._formatter.format(template, **fields))

    def say(self, *sentences: str) -> None:
        """Display generated sentences (from :meth:`text`) as one paragraph in the report language."""
        _display_html(
            f'<div class="generated" lang="{self.lang}">{render_markdown(" ".join(sentences))}</div>', " ".join(sentences)
        )

    def findings(self, lines: list[str]) -> None:
        """Display the key findings: a list in the report language. The markdown twin (``- `` lines)
        is what the index page reads from the cell tagged ``key-findings``."""
        items = "".join(f"<li>{render_markdown(line, inline=True)}</li>" for line in lines)
        _display_html(f'<ul class="key-findings" lang="{self.lang}">{items}</ul>', "\n".join(f"- {x}" for x in lines))

    # ---- tables -------------------------------------------------------------------------------
    def header(self, col: Col) -> str:
        text = col.header.format(**col.fields) if col.fields else col.header
        return f"{text}, {col.unit}" if col.unit else text

    def cell(self, value, col: Col) -> str:  # noqa: PLR0911 -- one return per kind of cell, in order
        """One cell's text (``–`` when missing)."""
        if _is_missing(value):
            return MISSING
        if col.labels:
            return self._.label(col.labels, value)
        if col.region:
            return self._.region(value)
        if col.kind == "text":
            return plain_text(value) if isinstance(value, Markdown) else str(value)
        if col.kind == "year":
            return str(int(value))
        if col.kind == "count":
            if float(value) != int(value):
                raise ValueError(f"column {col.header!r}: {value!r} is not a whole number; use kind='number'")
            return self.number(int(value), 0, col.sign)
        if col.kind == "pvalue":
            return f"< {self.number(P_FLOOR, 3)}" if value < P_FLOOR else self.number(value, 3)
        return self.number(value, col.decimals, col.sign)

    def table_html(
        self,
        frame: pd.DataFrame,
        columns: dict[str, Col],
        caption: str,
        data: list[str],
        note: str | None = None,
        row_ids: list[str] | None = None,
        row_classes: list[str] | None = None,
        labelled: bool = False,
    ) -> str:
        """The table as HTML (see :meth:`table`). ``labelled``: each cell names its column
        (``data-col``, the frame's column) and header (``data-label``), so that a narrow screen can
        show each row as a card of labelled lines."""
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"table {caption!r}: no column {missing} in the frame; it has {list(frame.columns)}")
        if not data:
            raise ValueError(f"table {caption!r}: name the processed tables it is computed from (data=[...])")
        self.tables += 1
        head = "".join(f'<th class="{_align(c)}">{escape(self.header(c))}</th>' for c in columns.values())
        rows, any_missing = [], False
        labels = {
            key: f' data-col="{escape(key)}" data-label="{escape(self.header(c))}"' if labelled else ""
            for key, c in columns.items()
        }
        for i, values in enumerate(frame[list(columns)].itertuples(index=False, name=None)):
            cells = []
            for value, (key, col) in zip(values, columns.items(), strict=True):
                shown = self.cell(value, col)
                any_missing |= shown == MISSING
                lang = f' lang="{col.lang}"' if col.lang and col.lang != self.lang else ""
                lang += ' translate="no"' if col.verbatim and shown != MISSING else ""
                text = _IDENTIFIER.sub(r"<code>\g<0></code>", escape(shown)) if col.code else escape(shown)
                if col.verbatim and _IDENTIFIER.fullmatch(shown):  # a long id may break after . or _
                    text = re.sub(r"([._])", r"\1<wbr>", text)
                cells.append(f'<td class="{_align(col)}"{labels[key]}{lang}>{text}</td>')
            attrs = (f' id="{escape(row_ids[i])}"' if row_ids else "") + (
                f' class="{escape(row_classes[i])}"' if row_classes else ""
            )
            rows.append(f"<tr{attrs}>{''.join(cells)}</tr>")
        notes = []
        if any_missing:
            notes.append(self._("{missing}: no value (not printed by the source or not applicable)", missing=MISSING))
        if note:
            notes.append(plain_text(note))
        # File names are identifiers: never translated (translate="no").
        links = ", ".join(f'<a data-csv="data/processed/{escape(name)}.csv">{escape(name)}.csv</a>' for name in data)
        # Messages outside f-strings: the catalog extractor does not read calls inside them.
        table_word, data_word = self._("Table"), self._("Data")
        title = f"{table_word} {self.tables}. {plain_text(caption)}"
        return (
            f'<figure class="table" lang="{self.lang}"><figcaption>{escape(title)}</figcaption>'
            f'<div class="table-scroll"><table class="dataframe"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
            f'<p class="table-note">{" ".join(_sentence(n) for n in notes)} '
            f'{escape(data_word)}: <span class="data-files" translate="no">{links}</span>.</p></figure>'
        )

    def table(self, frame: pd.DataFrame, columns: dict[str, Col], caption: str, data: list[str], note: str | None = None) -> None:
        """Display ``frame``'s ``columns`` (frame column -> :class:`Col`, in display order) as
        numbered table with ``caption``, a footnote for missing values, ``note`` (already in the
        report language) and links to the processed CSVs ``data`` it is computed from."""
        _display_html(self.table_html(frame, columns, caption, data, note))

    # ---- figures ------------------------------------------------------------------------------
    def figure(self, fig, caption: str, alt: str) -> None:
        """Display ``fig`` as a numbered figure: vector (SVG, text kept as text), its ``caption``
        and its ``alt`` text (what the figure shows, for a reader who cannot see it)."""
        from IPython.display import display

        from helpers.export import FIGURE_MIMETYPE
        from helpers.figures import close, crop, png_base64, svg_text

        self.figures += 1
        figure_word = self._("Figure")  # outside the f-string, where the catalog extractor reads it
        title = f"{figure_word} {self.figures}. {plain_text(caption)}"
        area = crop(fig)  # one layout for both formats
        svg = svg_text(fig, area).replace("<svg ", f'<svg role="img" aria-label="{escape(plain_text(alt))}" ', 1)
        # A PNG beside the SVG: what JupyterLab shows of an untrusted notebook (it strips SVG from HTML).
        png = png_base64(fig, area)
        close(fig)
        # The page's Content-Security-Policy allows only the style sheets in its head: matplotlib's
        # one rule moves there (the report template's CSS), and nothing else may stay.
        svg = svg.replace(MATPLOTLIB_SVG_STYLE, "", 1)
        if "<style" in svg:
            raise ValueError("the figure's SVG carries a <style> other than matplotlib's usual rule; add it to the report CSS")
        html = (
            f'<figure class="figure" lang="{self.lang}"><div class="figure-scroll">{svg}</div>'
            f"<figcaption>{escape(title)}</figcaption></figure>"
        )
        display({FIGURE_MIMETYPE: html, "image/png": png, "text/plain": f"{title} ({plain_text(alt)})"}, raw=True)

    # ---- the source ---------------------------------------------------------------------------
    def citation(self) -> None:
        """Display the source's full citation and the parts of it this report uses (from
        ``sources.csv``), in the report language's labels; the citation keeps its own language."""
        from helpers.data import load_processed

        sources = load_processed("sources").set_index("source")
        if self.source not in sources.index:
            raise KeyError(f"data/raw/sources.csv has no row for source {self.source!r}")
        s = sources.loc[self.source]
        # Names of people and publishers are never translated (translate="no"), whatever their script.
        parts = [
            _name(s["authors"]) + ("" if s["authors"].endswith(".") else ".") if isinstance(s["authors"], str) else "",
            (f"<cite>{escape(s['title'])}</cite> " if isinstance(s["title"], str) else "")
            + f'(<span lang="en">{escape(s["title_en"])}</span>).',
            _name(s["publisher"]) + "," if isinstance(s["publisher"], str) else "",
            f"{int(s['year'])}." if not _is_missing(s["year"]) else "",
        ]
        if isinstance(s["url"], str):
            parts.append(f"<code>{escape(s['url'])}</code>.")
        # Pages as sources.csv gives them (English), or the report language's "no page numbers".
        pages = (
            f'<span lang="en">{escape(s["pages"])}</span>'
            if isinstance(s["pages"], str)
            else escape(self._("the extracted text carries no page numbers"))
        )
        # Messages outside f-strings: the catalog extractor does not read calls inside them.
        source, pages_used, parts_used = self._("Source"), self._("Pages used"), self._("Parts used")
        _display_html(
            f'<div class="citation" lang="{self.lang}"><p><strong>{escape(source)}:</strong> '
            f'<span lang="{escape(s["language"])}">{" ".join(p for p in parts if p)}</span></p>'
            f"<p><strong>{escape(pages_used)}:</strong> {pages}</p>"
            f"<p><strong>{escape(parts_used)}:</strong> "
            f'<span lang="en">{escape(s["parts_used"])}</span></p></div>'
        )

    # ---- the audit ----------------------------------------------------------------------------
    def audit_summary(self) -> str:
        """Three sentences: the source's claims per verdict with the distinct problems behind the
        inconsistencies, rows beside distinct tests (:func:`helpers.audit.distinct_tests`) and
        distinct problems, then the claims by kind of evidence (the audit block opens with them;
        key findings repeat them)."""
        from helpers import audit

        claims = audit.verdicts(self.source)
        counts = audit.verdict_counts(claims)
        n_problems = int(audit.problem_counts(claims).get(self.source, 0))
        # With no inconsistency there are no problems to count: the shorter sentence says so.
        verdict_sentence = self.text(
            self._(
                "The audit: {total:,} {total:@printed number or statement|printed numbers and statements}; "
                "inconsistent: {inconsistent:,} ({problems:,} distinct {problems:@problem|problems}), not verifiable: "
                "{not_verifiable:,}, consistent: {consistent:,}."
            )
            if counts["inconsistent"]
            else self._(
                "The audit: {total:,} {total:@printed number or statement|printed numbers and statements}; "
                "none inconsistent, not verifiable: {not_verifiable:,}, consistent: {consistent:,}."
            ),
            total=int(counts.sum()),
            inconsistent=int(counts["inconsistent"]),
            problems=n_problems,
            not_verifiable=int(counts["not_verifiable"]),
            consistent=int(counts["consistent"]),
        )
        # One row per printed number, but an identity printed as three numbers is one test.
        tests_sentence = self.text(
            self._(
                "Rows: {rows:,}; distinct tests: {tests:,}; distinct problems: {problems:,} (an identity printed "
                "as three numbers is three rows but one test)."
            )
            if counts["inconsistent"]
            else self._(
                "Rows: {rows:,}; distinct tests: {tests:,} (an identity printed as three numbers is three rows but one test)."
            ),
            rows=len(claims),
            tests=int(audit.distinct_test_counts(claims).get(self.source, 0)),
            problems=n_problems,
        )
        return f"{verdict_sentence} {tests_sentence} {self.evidence_summary(claims)}"

    def evidence_summary(self, claims) -> str:
        """One sentence counting ``claims`` by kind of evidence (the evidence rule of
        :mod:`helpers.claims.provenance`), every kind named even when it has none."""
        from helpers.claims.provenance import EvidenceKind as K

        n = claims["evidence_kind"].value_counts()
        fields = {"internal": K.INTERNAL, "same_producer": K.SAME_PRODUCER, "independent": K.INDEPENDENT}
        fields |= {"same_release": K.SAME_RELEASE, "none": K.NONE}
        return self.text(
            self._(
                "Kinds of evidence: the source's own arithmetic {internal:,}, the same producer's other tables "
                "or revisions {same_producer:,}, independent producers {independent:,}, a republication of "
                "the same release (not evidence) {same_release:,}, nothing to check against {none:,}."
            ),
            **{field: int(n.get(kind.value, 0)) for field, kind in fields.items()},
        )

    def audit(self) -> None:
        """Display the audit block (see :meth:`audit_html`)."""
        _display_html(self.audit_html())

    def audit_html(self) -> str:
        """The audit block: one sentence counting the verdicts and distinct problems, the verdict
        table (inconsistencies first, each row anchored ``claim-<id>`` with class
        ``verdict-<verdict>``), and the references the reasons cite. Reasons are the compendium's
        English audit text (``lang="en"``); ids and printed values are not translated."""
        from helpers import audit

        claims = audit.verdicts(self.source)
        summary = self.audit_summary()
        columns = {
            "claim_id": Col(self._("Claim"), verbatim=True),
            "location": Col(self._("Where (English)"), lang="en"),
            "quote": Col(self._("Quote (original)"), lang=self.source_language()),
            "quote_en": Col(self._("English gloss"), lang="en"),
            "reported": Col(self._("Printed"), lang=self.source_language(), verbatim=True),
            "reproduced": Col(self._("Reproduced (English number format)"), lang="en", code=True),
            "verdict": Col(self._("Verdict"), labels="verdict"),
            "reason": Col(self._("Reason (English)"), lang="en", code=True),
        }
        if (claims["correction"] != "").any():
            columns["correction"] = Col(self._("Correction adopted"), lang="en", code=True)
        table = self.table_html(
            claims,
            columns,
            self._("Every number and statement the source prints, with the check that recomputes it (inconsistencies first)"),
            ["claims"],
            row_ids=[audit.claim_anchor(c) for c in claims["claim_id"]],
            row_classes=[f"verdict-{v}" for v in claims["verdict"]],
            labelled=True,
        )
        parts = [
            f'<div class="generated" lang="{self.lang}">{render_markdown(summary)}</div>',
            table.replace('<table class="dataframe">', '<table class="dataframe claims">', 1),
        ]
        refs = audit.cited_references(self.source)
        if not refs.empty:
            items = "".join(
                f"<li>[{r.ref}] {escape(r.entry + ': ' if isinstance(r.entry, str) and r.entry else '')}{escape(r.note)}</li>"
                for r in refs.itertuples()
            )
            heading = self._("References the reasons cite")  # outside the f-string, for the catalog extractor
            parts.append(
                f'<div class="references" lang="{self.lang}"><p><strong>{escape(heading)}'
                f'</strong></p><ul lang="en">{items}</ul></div>'
            )
        return "\n".join(parts)

    def source_language(self) -> str:
        """The language the source is written in (``sources.csv``), e.g. ``ky`` for Batken."""
        from helpers.data import load_processed

        sources = load_processed("sources").set_index("source")
        return str(sources.loc[self.source, "language"]) if self.source in sources.index else "en"


#: The style sheet matplotlib puts in every SVG; the report template's CSS carries the same rule.
MATPLOTLIB_SVG_STYLE = '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>'

#: A snake_case or dotted identifier in running text (``external_kz_population_2023``,
#: ``diploma.survey.sex.female``, ``claims.csv``), set as code by ``Col(code=True)``; not an
#: abbreviation of single letters (``e.g``, ``i.e``).
_IDENTIFIER = re.compile(r"\b(?![a-z]\.[a-z]\b)[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b")


def _name(text: str) -> str:
    """A proper name (authors, a publisher) as HTML that translation leaves alone."""
    return f'<span translate="no">{escape(text)}</span>'


def _align(col: Col) -> str:
    return "text" if col.kind == "text" or col.labels or col.region else "num"


def _sentence(text: str) -> str:
    text = escape(text.strip())
    return text if text.endswith((".", "!", "?", ":")) else text + "."


#: A page's own ``<script>`` and ``<style>`` elements (in its ``<head>``) and every ``style``
#: attribute (matplotlib's SVG sets its fonts and colours that way).
def _display_html(html: str, markdown: str | None = None) -> None:
    from IPython.display import display

    bundle = {"text/html": html}
    if markdown is not None:
        bundle["text/markdown"] = markdown
    display(bundle, raw=True)


#: Written in Latin letters in every report language: formula symbols and the abbreviations of
#: named methods and models (a translation test allows these and no other Latin word).
LATIN_SYMBOLS = frozenset(
    {
        "A",
        "N",
        "Ad",
        "ETS",
        "AICc",
        "GLM",
        "MEI",
        "ANMR",
        "CMI",
        "CMP",
        "GRIM",
        "SRS",
        "k",
        "n",
        "p",
        "ln",
        "e",
        "b",
        "x",
        "y",
        "t",
        # The primer's formula symbols: turnover T = A + D, effectiveness E = N / T, population P
        # (mid-year P + N/2) and the sex ratio SR = 100 · M / F.
        "T",
        "E",
        "P",
        "SR",
        "z",  # the Wald z statistic of a test (the diploma report's leave-minus-stay test)
        "M",  # the number of moves M in CMP = 100 · M / P (report 02 says why it withdraws CMP)
        # The balancing equation: births B, deaths D, international arrivals I (beside emigration
        # E); and Andrews' sup-F test of a level shift at an unknown year (Batken).
        "B",
        "D",
        "I",
        "sup-F",
        "Sup-F",
        "h",  # the forecast horizon in the h-step error variance of an ETS forecast (Batken)
    }
)
