"""Committed reports: one per notebook, current with their notebook, self-contained."""

from __future__ import annotations

import nbformat

from helpers import paths
from tests.html_checks import external_resources, untranslated

NOTEBOOKS = paths.notebooks()


def _code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])]


def test_every_notebook_has_its_committed_reports():
    for notebook in NOTEBOOKS:
        for suffix in (".ipynb", ".html"):
            report = paths.REPORTS / f"{notebook.stem}{suffix}"
            assert report.is_file(), f"{report} missing: run `make`"


def test_report_code_equals_its_notebook():
    """An edited notebook with a stale report fails here (papermill's parameters cell aside)."""
    for notebook in NOTEBOOKS:
        source = nbformat.read(notebook, as_version=4)
        report = nbformat.read(paths.REPORTS / f"{notebook.stem}.ipynb", as_version=4)
        assert _code_cells(report) == _code_cells(source), f"{notebook.name}: report is stale, run `make`"


def test_source_notebooks_have_no_outputs_and_a_parameters_cell():
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), notebook.name
        tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
        assert tags.count("parameters") == 1, notebook.name


def test_html_reports_reference_no_external_resource():
    for html in sorted(paths.REPORTS.glob("*.html")):
        assert external_resources(html.read_text(encoding="utf-8")) == [], html.name


def test_html_checker_catches_cdn_script_and_css_import():
    page = (
        '<script src="https://cdn.example/require.js"></script>'
        '<style>@import "//fonts.example/x.css"; body{background:url(http://x/y.png)}</style>'
        '<a href="https://stat.gov.kz">a link a reader may click</a>'
    )
    assert external_resources(page) == ["https://cdn.example/require.js", "http://x/y.png", "//fonts.example/x.css"]


def test_the_leak_check_sees_english_words_and_keys_only_where_the_report_language_is_claimed():
    html = (
        '<html lang="en"><body><p>English narrative is fine.</p>'
        '<div lang="ru"><p>Прибывшие rose by 6,9 %</p><td lang="en">an English gloss</td>'
        '<span translate="no">claim_id_1</span><p>ANMR: 1,2</p><svg><text>flow.arrivals</text></svg></div></body></html>'
    )
    assert untranslated(html, "ru", frozenset({"ANMR"})) == [
        "rose: Прибывшие rose by 6,9 %",
        "by: Прибывшие rose by 6,9 %",
        "flow.arrivals: flow.arrivals",
    ]
    assert untranslated(html.replace("rose by", "выросли на"), "ru", frozenset({"ANMR"})) == ["flow.arrivals: flow.arrivals"]
    assert untranslated('<div lang="en"><td>ten_years_later_a</td><td>Arrivals</td></div>', "en") == [
        "ten_years_later_a: ten_years_later_a"
    ]
    # alt text and labels are read too; abbreviations of single letters are no keys; a template
    # field left unformatted is
    figure = '<figure lang="ru" aria-label="Arrivals by year"><img alt="Прибывшие" title="{n:@plural.claims}"></figure>'
    assert untranslated(figure, "ru") == [
        "Arrivals: Arrivals by year",
        "by: Arrivals by year",
        "year: Arrivals by year",
        "{n:@plural.claims}: {n:@plural.claims}",
    ]
    assert untranslated('<p lang="en">e.g. this, i.e. that</p>', "en") == []
    assert untranslated('<p lang="ru" translate="no" aria-label="Arrivals">x</p>', "ru") == []


#: What only the build may do: read data/raw, apply corrections, format tables by hand.
RAW_ACCESS = ("load_raw", "load_table", "load_all", "apply_corrections(", "data/raw", "read_csv", "paths.RAW")
HAND_FORMATTING = ("display(Markdown(f", "g.columns(", ".round(", "to_html(", "figures.show(", ".style")


def forbidden_calls(source: str, names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` the code ``source`` uses (comments ignored)."""
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    return [name for name in names if name in code]


def test_notebooks_read_processed_data_only_and_present_through_one_module():
    """Corrections are applied once, in `make data`; a notebook reads data/processed
    (load_processed, as printed where it shows the source's own figures) and shows every table,
    sentence and figure through helpers.presentation."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(notebook, as_version=4)
        for i, source in enumerate(_code_cells(nb)):
            assert forbidden_calls(source, RAW_ACCESS) == [], f"{notebook.name}, code cell {i}: reads raw data"
            assert forbidden_calls(source, HAND_FORMATTING) == [], f"{notebook.name}, code cell {i}: formats by hand"


def test_the_notebook_checks_catch_raw_reads_and_hand_formatting():
    assert forbidden_calls('t = load_table("x")  # corrected', RAW_ACCESS) == ["load_table"]
    assert forbidden_calls('# load_raw("x") was here\nt = load_processed("x")', RAW_ACCESS) == []
    assert forbidden_calls("display(Markdown(f'{x:.1f}'))", HAND_FORMATTING) == ["display(Markdown(f"]


def test_a_latin_symbol_followed_by_a_hyphen_and_cyrillic_is_the_symbol():
    assert untranslated('<p lang="ru">p-значение: 0,2</p>', "ru", frozenset({"p"})) == []
    assert untranslated('<p lang="ru">Ljung-Box</p>', "ru", frozenset({"p"})) == ["Ljung-Box: Ljung-Box"]


def test_the_leak_check_reads_a_symbol_joined_to_a_cyrillic_word_as_the_symbol():
    html = '<div lang="ru"><th>p-значение Льюнга–Бокса</th><td>Ljung-Box p-value</td></div>'
    assert untranslated(html, "ru", frozenset({"p"})) == ["Ljung-Box: Ljung-Box p-value", "p-value: Ljung-Box p-value"]
