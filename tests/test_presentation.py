"""Tests for helpers.presentation: numbers per language, sentences (plurals from the catalog), tables, figures."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest

from helpers.labels import Labels
from helpers.presentation import MISSING, Col, Presenter, SentenceFormatter, format_number

NBSP = "\u00a0"

#: The few Russian and Kazakh messages these tests use, so that they state every label they expect
#: (English needs no catalog: its messages are the text). A key (context, English) is a pgettext.
MESSAGES = {
    "ru": {
        "Table": "Таблица",
        "Figure": "Рисунок",
        "{missing}: no value (not printed by the source or not applicable)": "{missing}: нет значения",
        "Data": "Данные",
        "Year": "Год",
        "Flow": "Поток",
        "Arrivals": "Прибывшие",
        ("flow", "Arrivals"): "Прибывшие",
        "Rate": "Коэффициент",
        "per 1000": "на 1000",
        "p-value": "p-значение",
        "Claim": "Утверждение",
        "{n:,} {n:@claim|claims} at {x:+.1f} %": "{n:,} {n:@утверждение|утверждения|утверждений} при {x:+.1f} %",
    },
    "kk": {
        "Source": "Дереккөз",
        "Pages used": "Беттер",
        "Parts used": "Бөліктер",
        "the extracted text carries no page numbers": "бет нөмірлері жоқ",
    },
}
REGIONS = pd.DataFrame({"iso_code": ["KZ-71"], **{f"name_{lang}": ["Astana"] for lang in ("en", "ru", "kk", "ky")}})


def labels(lang: str) -> Labels:
    """The report language's labels from :data:`MESSAGES` (the real catalogs are not read)."""
    from babel.messages.catalog import Catalog

    if lang == "en":
        return Labels("en", regions=REGIONS)
    catalog = Catalog(locale=lang)
    for key, text in MESSAGES[lang].items():
        context, message = key if isinstance(key, tuple) else (None, key)
        catalog.add(message, text, context=context)
    return Labels(lang, regions=REGIONS, catalog=catalog)


def test_the_test_catalog_is_strict_like_a_real_one():
    from helpers.i18n import MissingTranslation

    ru = labels("ru")
    assert ru("Year") == "Год" and ru.label("flow", "arrivals") == "Прибывшие" and ru.region("KZ-71") == "Astana"
    with pytest.raises(MissingTranslation, match="no ru translation of 'Net migration'"):
        ru.label("flow", "net")


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (25387, "en", 0, "25,387"),  # English: comma groups
        (25387, "ru", 0, f"25{NBSP}387"),  # Russian: no-break space groups
        (46.81, "ru", 2, "46,81"),  # decimal comma
        (1354435.5, "kk", 1, f"1{NBSP}354{NBSP}435,5"),
        (6.88, "en", 3, "6.880"),  # fixed decimals: trailing zeros kept
        (2.675, "en", 2, "2.67"),  # Python's rounding of the binary value (2.67499...), as the claims checks
        (2.675, "ru", 2, "2,67"),  # the same digits in every language
        (-0.04, "en", 1, "0.0"),  # rounds to zero: never "-0.0"
        (-1234.5, "en", 1, "-1,234.5"),
    ],
)
def test_format_number_rounds_like_python_and_separates_like_the_language(value, lang, decimals, expected):
    assert format_number(value, lang, decimals) == expected


def test_format_number_sign_and_grouping_options():
    assert format_number(2.94, "en", 1, sign=True) == "+2.9"
    assert format_number(2023, "ru", 0, group=False) == "2023"
    with pytest.raises(TypeError, match="not a number"):
        format_number("many", "en")


def test_sentences_localise_numbers_and_agree_plurals():
    en, ru = labels("en"), labels("ru")
    template = "{n:,} {n:@claim|claims} at {x:+.1f} %"
    assert SentenceFormatter("en", en).format(en(template), n=1354, x=2.94) == "1,354 claims at +2.9 %"
    assert SentenceFormatter("en", en).format(en(template), n=1, x=0) == "1 claim at 0.0 %"
    assert SentenceFormatter("ru", ru).format(ru(template), n=22, x=-2.94) == "22 утверждения при -2,9 %"
    assert SentenceFormatter("ru", ru).format(ru(template), n=11, x=1) == "11 утверждений при +1,0 %"
    assert SentenceFormatter("en", en).format("{year}", year=2023) == "2023"  # an integer without spec: as is
    with pytest.raises(ValueError, match="number format"):
        SentenceFormatter("en", en).format("{x:e}", x=1.0)


def frame():
    return pd.DataFrame(
        {
            "year": [2022, 2023],
            "flow": ["arrivals", "arrivals"],
            "n": [1354435.0, None],
            "rate": [6.88, 15.361],
            "p": [0.0004, 0.2],
            "iso": ["KZ-71", "KZ-71"],
        },
        index=[4, 3],
    )


def columns(_) -> dict[str, Col]:
    """The test table's columns, headers in the language of ``_``."""
    return {
        "year": Col(_("Year"), "year"),
        "flow": Col(_("Flow"), labels="flow"),
        "n": Col(_("Arrivals"), "count"),
        "rate": Col(_("Rate"), "number", decimals=2, unit=_("per 1000")),
        "p": Col(_("p-value"), "pvalue"),
    }


COLUMNS = columns(labels("en"))


def cells(html):
    return [[unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", row)] for row in re.findall(r"<tr>(.*?)</tr>", html)[1:]]


def test_a_table_has_no_index_formats_each_column_and_marks_missing_values():
    html = Presenter(labels("en"), "batken").table_html(frame(), COLUMNS, "Flows", ["batken_table1_interregional"])
    assert cells(html) == [["2022", "Arrivals", "1,354,435", "6.88", "< 0.001"], ["2023", "Arrivals", MISSING, "15.36", "0.200"]]
    assert '<th class="num">Rate, per 1000</th>' in html  # the unit is in the header
    assert '<td class="text">Arrivals</td>' in html  # text is left-aligned (class text)
    # numbered, and a footnote for the dash
    assert "Table 1. Flows" in html and f"{MISSING}: no value (not printed by the source or not applicable)." in html
    assert '<a data-csv="data/processed/batken_table1_interregional.csv">' in html
    assert '<span class="data-files" translate="no"><a data-csv=' in html  # a file name is not a word to translate
    assert ">4<" not in html and ">3<" not in html  # the pandas index never shows


def test_a_russian_table_uses_russian_separators_and_numbers_tables_in_order():
    ru = labels("ru")
    p = Presenter(ru, "batken")
    p.table_html(frame(), columns(ru), "Первая", ["x"])
    html = p.table_html(frame(), columns(ru), "Потоки", ["x"])
    assert cells(html)[0] == ["2022", "Прибывшие", f"1{NBSP}354{NBSP}435", "6,88", "< 0,001"]
    assert '<th class="num">Коэффициент, на 1000</th>' in html
    assert "Таблица 2. Потоки" in html and 'lang="ru"' in html and f"{MISSING}: нет значения." in html


def test_a_table_refuses_unknown_columns_fractional_counts_and_no_data():
    p = Presenter(labels("en"), "batken")
    with pytest.raises(KeyError, match="no column"):
        p.table_html(frame(), {"nope": Col("Year")}, "X", ["x"])
    with pytest.raises(ValueError, match="not a whole number"):
        p.table_html(frame(), {"rate": Col("Rate", "count")}, "X", ["x"])
    with pytest.raises(ValueError, match="processed tables"):
        p.table_html(frame(), COLUMNS, "X", [])
    with pytest.raises(ValueError, match="kind"):
        Col("Year", "integer")


def test_cells_in_another_language_carry_their_lang():
    shown = {"flow": Col("Поток", lang="en")}
    html = Presenter(labels("ru"), "batken").table_html(frame(), shown, "X", ["x"])
    assert '<td class="text" lang="en">arrivals</td>' in html


def test_the_audit_block_anchors_every_claim_and_marks_what_is_not_translated():
    from helpers import audit

    html = Presenter(Labels("ru"), "batken").audit_html()  # the real catalog and claims
    claims = audit.verdicts("batken")
    rows = re.findall(r'<tr id="claim-([^"]+)" class="verdict-(\w+)">', html)
    assert rows == list(zip(claims["claim_id"], claims["verdict"], strict=True))  # inconsistencies first
    assert rows[0][1] == "inconsistent"
    assert html.startswith('<div class="generated" lang="ru"><p>Аудит: ')
    first = re.search(r'<tr id="claim-[^"]+"[^>]*>(.*?)</tr>', html)[1]
    # ids: never translated, and may break after a dot; each cell names its column for the phone cards
    shown = claims["claim_id"][0].replace(".", ".<wbr>")
    assert f'<td class="text" data-col="claim_id" data-label="Утверждение" translate="no">{shown}</td>' in first
    assert (
        'data-col="quote" data-label="Цитата (оригинал)" lang="ky">' in first
        and 'data-col="reason" data-label="Обоснование (на английском)" lang="en">' in first
    )
    assert "не согласуется" in first  # the verdict in Russian
    assert '<table class="dataframe claims">' in html and "Обоснование (на английском)" in html


def test_the_data_files_under_a_russian_table_are_not_read_as_untranslated_words():
    from tests.html_checks import untranslated

    ru = labels("ru")
    shown = {"year": columns(ru)["year"], "flow": columns(ru)["flow"]}
    html = Presenter(ru, "batken").table_html(frame(), shown, "Потоки", ["batken_table1_interregional"])
    assert untranslated(f'<html lang="en">{html}</html>', "ru") == []
    # the check does read the note: without the mark the file name is a leak
    unmarked = html.replace(' translate="no"', "")
    assert untranslated(f'<html lang="en">{unmarked}</html>', "ru") == [
        "batken_table1_interregional.csv: batken_table1_interregional.csv"
    ]


def test_identifiers_are_never_offered_for_translation():
    ids = pd.DataFrame(
        {
            "claim": ["diploma.survey.sex.female"],
            "reason": ["the population by sex (external_kz_population_2023) is everyone, e.g. 62 %"],
        }
    )
    html = Presenter(labels("en"), "batken").table_html(
        ids, {"claim": Col("Claim", verbatim=True), "reason": Col("Reason", code=True)}, "X", ["claims"]
    )
    # a claim id is an identifier: shown as is, marked translate="no"
    assert '<td class="text" translate="no">diploma.<wbr>survey.<wbr>sex.<wbr>female</td>' in html
    # identifiers inside prose are set as code; the words and numbers around them are not
    assert (
        '<td class="text">the population by sex (<code>external_kz_population_2023</code>) is everyone, e.g. 62 %</td>'
    ) in html
    # the processed CSVs a table links are file names, never translated
    assert '<span class="data-files" translate="no"><a data-csv="data/processed/claims.csv">claims.csv</a></span>' in html


def test_the_leak_check_passes_identifiers_marked_by_the_presenter():
    from helpers.presentation import LATIN_SYMBOLS
    from tests.html_checks import untranslated

    ids = pd.DataFrame({"claim": ["diploma.survey.sex.female"], "reason": ["see external_kz_population_2023"]})
    html = Presenter(labels("ru"), "batken").table_html(
        ids, {"claim": Col("Утверждение", verbatim=True), "reason": Col("Обоснование", lang="en", code=True)}, "Аудит", ["claims"]
    )
    assert untranslated(html, "ru", LATIN_SYMBOLS) == []
    unmarked = Presenter(labels("ru"), "batken").table_html(ids, {"claim": Col("Утверждение")}, "Аудит", ["claims"])
    assert untranslated(unmarked, "ru", LATIN_SYMBOLS) != []


def test_the_citation_keeps_names_untranslated_and_marks_only_english_as_english(monkeypatch):
    from helpers import presentation

    shown = []
    monkeypatch.setattr(presentation, "_display_html", lambda html, markdown=None: shown.append(html))
    Presenter(labels("kk"), "diploma").citation()
    html = shown[0]
    # the authors (romanised names) are names: translate="no", one full stop after the initials
    assert '<span translate="no">Zhapakov, S. M.; Omirzhanov, E. T.; Kutlymuratov, F. K.</span> (' in html
    # no page numbers: the report language's words, not marked as English
    assert "<strong>Беттер:</strong> бет нөмірлері жоқ</p>" in html


def test_numpy_numbers_in_sentences_follow_the_language():
    import numpy as np

    ru = labels("ru")
    # a table cell is a NumPy int64, not a Python int: still 1 354 with a no-break space, never "1,354"
    assert SentenceFormatter("ru", ru).format("{n:,} {d:+,}", n=np.int64(1354), d=np.int64(-339)) == f"1{NBSP}354 -339"
    assert SentenceFormatter("ru", ru).format("{year}", year=np.int64(2023)) == "2023"
    assert SentenceFormatter("ru", ru).format("{x:.2f}", x=np.float64(-0.5)) == "-0,50"


def test_identifiers_and_file_names_are_marked_not_to_translate():
    shown = {"flow": Col("Поток", verbatim=True)}
    html = Presenter(labels("ru"), "batken").table_html(frame(), shown, "X", ["batken_causes"])
    assert '<td class="text" translate="no">arrivals</td>' in html
    assert (
        '<span class="data-files" translate="no"><a data-csv="data/processed/batken_causes.csv">batken_causes.csv</a></span>'
    ) in html


def test_figures_are_numbered_svg_with_their_caption_and_alt_text(monkeypatch):
    import base64

    import matplotlib.pyplot as plt

    from helpers import export, figures

    bundles = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw=False: bundles.append(bundle))
    figures.setup()
    p = Presenter(labels("ru"), "batken")
    for caption in ("Потоки", "Доли"):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [3, 4])
        p.figure(fig, caption, alt="Линия от 3 до 4 & выше")
    shown = [bundle[export.FIGURE_MIMETYPE] for bundle in bundles]
    # beside the SVG, the same figure as PNG (what JupyterLab shows of an untrusted notebook)
    assert all(base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG") for bundle in bundles)
    assert shown[1].startswith(
        '<figure class="figure" lang="ru"><div class="figure-scroll"><svg role="img" aria-label="Линия от 3 до 4 &amp; выше" '
    )
    assert shown[1].endswith("<figcaption>Рисунок 2. Доли</figcaption></figure>")
    assert not plt.get_fignums()  # closed: figures never pile up


def test_a_parameter_shows_with_the_decimals_it_was_given():
    en, ru = Presenter(labels("en"), "batken"), Presenter(labels("ru"), "batken")
    assert [en.number_as_given(x) for x in (95, 97.5, 0.05, 1.25)] == ["95", "97.5", "0.05", "1.25"]
    assert ru.number_as_given(97.5) == "97,5"


def test_p_values_below_the_floor_print_as_an_inequality():
    p = Presenter(labels("en"), "batken")
    assert [p.p_value(x) for x in (0.0004, 0.001, 0.2346)] == ["p < 0.001", "p = 0.001", "p = 0.235"]


def test_an_audit_without_inconsistencies_counts_no_problems():
    html = Presenter(Labels("en"), "kazakhstan").audit_html()
    summary = html.split("</div>")[0]
    assert "none inconsistent" in summary and "problem" not in summary
    from helpers import audit

    rows = len(audit.verdicts("kazakhstan"))
    tests = int(audit.distinct_test_counts(audit.verdicts("kazakhstan"))["kazakhstan"])
    assert f"Rows: {rows}; distinct tests: {tests} (" in summary


# ---- data in generated sentences: escaped for Markdown, rendered without raw HTML ------------
INJECTED = "Almaty <script>document.body.dataset.x='RAN'</script> *bold* _em_ `code` [link](https://x.test) &amp; ~~s~~ |"


def test_escape_markdown_backslashes_markup_and_block_markers():
    from helpers.presentation import escape_markdown

    # Worked by hand: every markup character gets one backslash; plain punctuation stays.
    assert escape_markdown("a*b* <i> & c_d") == r"a\*b\* \<i\> \& c\_d"
    assert escape_markdown("Shymkent (city), 2.5-3") == "Shymkent (city), 2.5-3"
    assert escape_markdown("- list") == r"\- list"
    assert escape_markdown("# title") == r"\# title"
    assert escape_markdown("1. first") == r"1\. first"
    assert escape_markdown("-5") == "-5"  # a negative number is no list
    assert escape_markdown("a\n\n- b") == "a - b"  # no new block from a line break


def test_render_markdown_keeps_template_markup_and_escapes_raw_html():
    from helpers.presentation import render_markdown

    assert render_markdown("**a** <b>x</b>") == "<p><strong>a</strong> &lt;b&gt;x&lt;/b&gt;</p>"
    assert render_markdown("`c` [v](#claim-a_b)", inline=True) == '<code>c</code> <a href="#claim-a_b">v</a>'


def test_values_filled_into_a_sentence_render_literally(monkeypatch):
    from html import unescape

    from helpers import presentation

    shown = []
    monkeypatch.setattr(presentation, "_display_html", lambda html, markdown=None: shown.append(html))
    region, link = "**{name}** had {n:,} arrivals.", "[{v}](#{anchor})"
    p = Presenter(labels("en"), "batken")
    p.say(p.text(region, name=INJECTED, n=1200))
    html = shown[0]
    assert "<script" not in html and "<em>" not in html and "<a " not in html and "<del>" not in html
    assert html.startswith('<div class="generated" lang="en"><p><strong>Almaty &lt;script&gt;')
    text = re.sub(r"<[^>]+>", "", html)
    assert unescape(text) == f"{INJECTED} had 1,200 arrivals."
    # A sentence filled into another is not escaped twice; an id in a link keeps its underscore.
    p.findings([p.text(link, v=p.text(region, name="a_b", n=1), anchor="claim-x_y")])
    assert (
        shown[1]
        == '<ul class="key-findings" lang="en"><li><a href="#claim-x_y"><strong>a_b</strong> had 1 arrivals.</a></li></ul>'
    )


def test_a_sentence_shown_as_plain_text_loses_its_escapes(monkeypatch):
    import matplotlib.pyplot as plt

    from helpers import export, figures, presentation

    shown = []
    monkeypatch.setattr(presentation, "_display_html", lambda html, markdown=None: shown.append(html))
    import IPython.display

    # a figure is displayed as a bundle (its HTML beside a PNG)
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw=False: shown.append(bundle[export.FIGURE_MIMETYPE]))
    figures.setup()
    p = Presenter(labels("en"), "batken")
    caption = p.text("Flows of {name}", name="<b>A*_</b>")
    assert caption == r"Flows of \<b\>A\*\_\</b\>"
    table = p.table_html(frame(), COLUMNS, caption, ["x"], note=caption)
    assert "Table 1. Flows of &lt;b&gt;A*_&lt;/b&gt;</figcaption>" in table
    assert "Flows of &lt;b&gt;A*_&lt;/b&gt;." in table  # the note
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    p.figure(fig, caption, alt=caption)
    assert 'aria-label="Flows of &lt;b&gt;A*_&lt;/b&gt;"' in shown[0]
    assert shown[0].endswith("<figcaption>Figure 1. Flows of &lt;b&gt;A*_&lt;/b&gt;</figcaption></figure>")


# ---- the Content-Security-Policy of a page -----------------------------------------------------
@pytest.mark.parametrize("page", ["00_primer.html", "01_batken.html", "02_kazakhstan.html", "03_diploma.html", "index.html"])
def test_every_committed_page_carries_the_policy_and_no_inline_handler(page):
    from helpers import paths

    html = (paths.REPORTS / page).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in head
    assert head.index("Content-Security-Policy") < min(head.find(t) for t in ("<style", "<script") if t in head)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.IGNORECASE)  # a hash-only policy would block it


def test_a_percentage_never_wraps_away_from_its_number():
    from helpers.presentation import render_markdown

    html = render_markdown("They do not want to (44 %) or cannot say; **95 %** CI; 50 % of a 2 %-point gap.")
    assert html == (
        "<p>They do not want to (44\u00a0%) or cannot say; <strong>95\u00a0%</strong> CI; 50\u00a0% of a 2\u00a0%-point gap.</p>"
    )
    assert render_markdown("a % sign alone") == "<p>a % sign alone</p>"
