"""Translations the gettext way: strict lookups, the catalogs' plural forms, compiled catalogs that
match their sources, and a check that fails on a missing or fuzzy entry for a message in use."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from helpers import catalogs, i18n
from helpers.i18n import MissingTranslation, Translation


def test_english_is_the_messages_themselves():
    _ = Translation("en")
    assert _("Persons") == "Persons"
    assert _("{start}-{end}", start=2013, end=2023) == "2013-2023"
    assert _.pgettext("flow", "Arrivals") == "Arrivals"
    assert _.ngettext("{n} region", "{n} regions", 1) == "1 region"
    assert _.ngettext("{n} region", "{n} regions", 20) == "20 regions"


def test_a_catalog_translates_with_its_context():
    ru = Translation("ru")
    assert ru("Persons") == "Человек"
    # the same English, two translations told apart by their context
    assert ru.pgettext("word", "Answer") == "Ответ"
    assert ru.pgettext("col", "Answer") == "Вариант ответа"


def test_a_missing_message_is_an_error_not_english():
    for lang in i18n.TRANSLATED:
        with pytest.raises(MissingTranslation, match=f"no {lang} translation of 'No such sentence.'"):
            Translation(lang)("No such sentence.")
    with pytest.raises(MissingTranslation, match=re.escape("no ru translation of 'nowhere|Arrivals'")):
        Translation("ru").pgettext("nowhere", "Arrivals")
    with pytest.raises(ValueError, match="lang='de'"):
        Translation("de")


def test_plural_forms_follow_the_catalog_header():
    # Russian, 3 forms (Plural-Forms of the catalog): 1, 21 -> one; 2-4, 22 -> few; 5-20, 11-14, 25 -> many;
    # a fourth form, if given, is for counts that are not whole (1,5 процентного пункта).
    ru = Translation("ru")
    assert ru.nplurals == 3
    forms = "регион|региона|регионов|региона"
    expected = {1: "регион", 21: "регион", 2: "региона", 4: "региона", 22: "региона", 5: "регионов", 11: "регионов",
                12: "регионов", 14: "регионов", 20: "регионов", 25: "регионов", 111: "регионов", 0: "регионов"}  # fmt: skip
    assert {n: ru.plural(forms, n) for n in expected} == expected
    assert ru.plural("процентный пункт|процентных пункта|процентных пунктов|процентного пункта", 1.5) == "процентного пункта"
    assert ru.plural(forms, 5.0) == "регионов"  # a float that is whole counts as a whole number
    assert ru.plural("регион|региона|регионов", 2.5) == "регионов"  # no fraction form: the last one
    # English, 2 forms: n != 1; 1.5 points
    en = Translation("en")
    assert [en.plural("point|points", n) for n in (1, 0, 1.5)] == ["point", "points", "points"]
    # Kazakh and Kyrgyz: 2 forms by Babel's rule, and one form serves every number
    kk = Translation("kk")
    assert kk.nplurals == 2 and kk.plural("өңір", 5) == "өңір"
    with pytest.raises(ValueError, match="2 plural forms; ru has 3"):
        ru.plural("регион|регионы", 5)


def test_a_fractional_count_needs_inline_forms_not_ngettext():
    with pytest.raises(ValueError, match="not a whole number"):
        Translation("en").ngettext("{n} point", "{n} points", 1.5)


def test_the_compiled_catalogs_are_current():
    """`make` compiles each messages.po; the committed messages.mo must be exactly that."""
    from babel.messages.mofile import write_mo as write

    for lang in i18n.TRANSLATED:
        buffer = io.BytesIO()
        write(buffer, catalogs.read_catalog(lang), use_fuzzy=False)
        assert i18n.catalog_path(lang, ".mo").read_bytes() == buffer.getvalue(), (
            f"{lang}: messages.mo is older than messages.po; run python -m helpers.catalogs compile"
        )


def _catalog(lang: str, entries: list[tuple]) -> Catalog:
    catalog = Catalog(locale=lang)
    for msgid, string, flags in entries:
        catalog.add(msgid, string, flags=flags)
    return catalog


def test_the_check_fails_on_a_missing_fuzzy_or_empty_entry_and_on_bad_fields():
    used = [
        catalogs.Message("Arrivals", None, "nb cell 1"),
        catalogs.Message("Net migration was {net:,} in {year}.", None, "nb cell 2"),
        catalogs.Message("{n} {n:@region|regions}", None, "nb cell 3"),
        catalogs.Message("Departures", None, "nb cell 4"),
        catalogs.Message("Turnover", None, "nb cell 5"),
        catalogs.Message("Total {total:,}", None, "nb cell 6"),
    ]
    catalog = _catalog(
        "ru",
        [
            ("Arrivals", "Прибывшие", ()),
            ("Net migration was {net:,} in {year}.", "Сальдо в {year} г. — {net:,} ({rate}).", ()),  # a field English lacks
            ("{n} {n:@region|regions}", "{n} {n:@регион|региона}", ()),  # 2 forms, ru has 3
            ("Departures", "Выбывшие", ("fuzzy",)),
            ("Turnover", "", ()),
        ],
    )
    found = catalogs.problems("ru", used, catalog)
    assert len(found) == 5, found
    assert "names fields the English lacks: ['rate']" in found[0]
    assert "lists 2 plural forms; ru has 3" in found[1]
    assert "'Departures' is fuzzy (used at nb cell 4)" in found[2]
    assert "'Turnover' has no translation" in found[3]
    assert "no entry for 'Total {total:,}' (used at nb cell 6)" in found[4]
    counts = catalogs.coverage("ru", used, catalog)
    assert counts == {"used": 6, "translated": 3, "fuzzy": 1, "missing": 2, "unused": 0}


def test_a_fuzzy_entry_is_never_compiled():
    catalog = _catalog("ru", [("Arrivals", "Прибывшие", ()), ("Departures", "Выбывшие", ("fuzzy",))])
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    assert "Прибывшие".encode() in buffer.getvalue() and "Выбывшие".encode() not in buffer.getvalue()


def test_messages_are_extracted_from_notebook_cells_and_modules(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell('_("not code")'),
        nbformat.v4.new_code_cell('p.say(p.text(_("Net migration was {net:,} "\n "in {year}."), net=1, year=2))'),
        nbformat.v4.new_code_cell('label = _.pgettext("flow", "Arrivals")\nx = _.ngettext("{n} year", "{n} years", 3)'),
    ]
    path = tmp_path / "01_x.ipynb"
    nbformat.write(nb, path)
    module = tmp_path / "m.py"
    module.write_text('LABELS = {"net": N_("Net migration"), "in": NP_("flow", "Arrivals")}\n', encoding="utf-8")
    found = catalogs.extract([path], [module])
    assert [(m.id, m.context) for m in found] == [
        ("Net migration was {net:,} in {year}.", None),
        ("Arrivals", "flow"),
        (("{n} year", "{n} years"), None),
        ("Net migration", None),
        ("Arrivals", "flow"),
    ]
    assert found[0].where.endswith("01_x.ipynb cell 2:1")


def test_the_check_reads_a_notebooks_messages_and_fails_on_a_missing_or_fuzzy_one(tmp_path):
    """End to end, as for the real notebooks: the messages of a notebook's code cells, checked
    against the real Russian catalog, with one entry made fuzzy."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('_ = Labels(lang)\np.say(p.text(_("A sentence no catalog has, {n:,}."), n=1))'),
        nbformat.v4.new_code_cell('header = _("Persons")\nflow = _.pgettext("flow", "Arrivals")'),
    ]
    path = tmp_path / "09_x.ipynb"
    nbformat.write(nb, path)
    used = catalogs.extract([path], [])
    catalog = catalogs.read_catalog("ru")
    assert catalogs.problems("ru", used, catalog) == [
        "src/helpers/locale/ru/LC_MESSAGES/messages.po: no entry for 'A sentence no catalog has, {n:,}.' (used at "
        f"{path.as_posix()} cell 1:2)"
    ]
    catalog.get("Persons").flags.add("fuzzy")
    assert [line.split(": ", 1)[1] for line in catalogs.problems("ru", used[1:], catalog)] == [
        f"the entry for 'Persons' is fuzzy (used at {path.as_posix()} cell 2:1)"
    ]


def test_every_message_a_report_uses_is_translated():
    """Every message the notebooks and the analysis library (with the reports' view modules) mark
    (``_``, ``N_``, ``pgettext``...) has a translation in ru, kk and ky that is neither missing nor
    fuzzy."""
    from helpers import paths

    used = catalogs.extract()
    notebooks = paths.notebooks()
    assert len(notebooks) >= 4
    for nb in notebooks:  # every report translates this way: in its cells or its view module
        assert "Labels(lang)" in nb.read_text(encoding="utf-8"), f"{nb.name}: no `_ = Labels(lang)`"
        view = f"src/helpers/views/{nb.stem.split('_', 1)[1]}.py"
        assert any(m.where.startswith((paths.shown(nb) + " cell", view)) for m in used), f"{nb.name}: no message extracted"
    # a report's sentences live in its notebook and its view module: together hundreds of them
    reports = [m for m in used if m.where.startswith(("notebooks/", "src/helpers/views/"))]
    assert len(reports) >= 300, f"only {len(reports)} messages extracted from the notebooks and views"
    found = [line for lang in i18n.TRANSLATED for line in catalogs.problems(lang, used)]
    assert found == [], "\n".join(found[:20])


def test_update_adds_used_messages_empty_and_prune_drops_the_rest(tmp_path, monkeypatch):
    from babel.messages.pofile import write_po

    monkeypatch.setattr(i18n, "LOCALE", tmp_path)
    for lang in i18n.TRANSLATED:
        i18n.catalog_path(lang).parent.mkdir(parents=True)
        with i18n.catalog_path(lang).open("wb") as stream:
            write_po(stream, _catalog(lang, [("Arrivals", "A", ()), ("Old sentence.", "O", ())]))
    used = [catalogs.Message("Arrivals", None, "nb"), catalogs.Message("New sentence {n}.", None, "nb")]
    catalogs.update(used)
    assert catalogs.coverage("kk", used) == {"used": 2, "translated": 1, "fuzzy": 0, "missing": 1, "unused": 1}
    assert catalogs.prune(used) == {lang: 1 for lang in i18n.TRANSLATED}
    ru = catalogs.read_catalog("ru")
    assert [m.id for m in ru if m.id] == ["Arrivals", "New sentence {n}."] and ru.get("New sentence {n}.").string == ""


def test_no_message_is_marked_inside_an_f_string():
    """Babel's extractor (on Python 3.11) does not read calls inside f-strings, so a message marked
    there would escape the coverage check: every ``_()`` / ``pgettext`` call stands outside them."""
    import ast

    from helpers import catalogs, i18n

    def marked(node) -> bool:
        func = node.func if isinstance(node, ast.Call) else None
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        return name in i18n.KEYWORDS

    found = []
    for module in catalogs.library_files():
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                found += [f"{module.name}:{call.lineno}" for call in ast.walk(node) if marked(call)]
    assert found == []
    probe = ast.parse("f\"{self._('Table')} {n}\"").body[0].value
    assert any(marked(call) for call in ast.walk(probe))  # the check sees such a call


def test_english_messages_write_a_percentage_with_a_space():
    """One convention in every message the reports compute ("95 % CI", "44.1 %"), as in their
    tables, so a sentence never mixes "95% CI" with "(21 %)". The source quotes keep their own."""
    import re

    from helpers import catalogs

    glued = re.compile(r"(?:\d|\})%")
    messages = [m.id for m in catalogs.read_catalog("ru") if m.id]
    ids = [i for m in messages for i in (m if isinstance(m, tuple) else (m,))]
    assert len(ids) > 500  # the whole catalog was read
    assert [i for i in ids if glued.search(i)] == []
    assert glued.search("{level}% CI") and not glued.search("{level} % CI")
