"""Tests for helpers.labels: coded values and region names in the report language, strictly, and no
sentence key of the former glossary left in a notebook."""

from __future__ import annotations

import ast
import re

import pytest

from helpers.labels import CODED, Labels, MissingTranslation


def test_coded_values_region_names_and_placeholders():
    # Translations as the catalogs and regions.csv give them (read there, not computed).
    assert Labels("ru").label("flow", "arrivals") == "Прибывшие"
    assert Labels("kk").label("flow", "arrivals") == "Келгендер"
    assert Labels("ky").label("set", "published", n=12) == "Жарыяланган 12 регион"
    assert Labels("en").label("set", "published", n=12) == "12 published regions"
    assert Labels("kk").region("KZ-71") == "Астана қаласы"


def test_missing_label_or_translation_is_an_error_not_a_fallback():
    with pytest.raises(KeyError, match=r"CODED\['flow'\] has no code 'nowhere'; expected one of arrivals"):
        Labels("en").label("flow", "nowhere")
    with pytest.raises(KeyError, match="CODED has no family 'nowhere'"):
        Labels("en").label("nowhere", "x")
    with pytest.raises(MissingTranslation, match="no ky name for 'KZ-71'"):
        Labels("ky").region("KZ-71")
    with pytest.raises(MissingTranslation, match=re.escape("no ru translation of 'No such label.'")):
        Labels("ru")("No such label.")
    with pytest.raises(ValueError, match="lang='de'"):
        Labels("de")


#: The namespaces of the keys of data/raw/glossary.csv, the keyed sentence templates that gettext
#: catalogs replaced (issue 28): ``bt.say.trend_up``, ``col.flow``, ``pr.ci.wilson``...
GLOSSARY_NAMESPACES = frozenset({
    "bt", "kz", "dp", "pr", "col", "fig", "axis", "legend", "unit", "word", "term", "table", "citation", "audit",
    "source", "pvalue", "denominator", "survey", "bears_on", "profile", "measure", "theme", "sector", "cause",
    "country", "model", "flow", "vintage", "verdict", "spec", "sex", "scope", "group", "status", "set", "role",
    "method", "list",
})  # fmt: skip
#: A dotted code of a survey item is data, not a key (``sex.female``, ``sector.education``).
DATA_CODE_PREFIXES = frozenset(code.split(".")[0] for family in CODED.values() for code in family if "." in code)
_KEY_SHAPED = re.compile(r"(?P<namespace>[a-z][a-z0-9_]*)\.[A-Za-z0-9_.]*")


def glossary_keys(source: str) -> list[str]:
    """The string literals of ``source`` (and the fixed parts of its f-strings, ``f"pr.ci.{m}"``)
    shaped like a key of the former glossary: a dotted name in one of its namespaces."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _KEY_SHAPED.fullmatch(node.value)
            namespace = match and match["namespace"]
            if namespace in GLOSSARY_NAMESPACES and namespace not in DATA_CODE_PREFIXES:
                found.append(node.value)
    return found


def test_the_key_search_finds_keys_and_passes_data():
    # Worked by hand: keys as the notebooks wrote them before issue 28, then literals that are no key.
    cell = (
        'p.say(p.text("bt.say.trend_up", pct=2.0))\n'
        'cols = {"flow": Col("col.flow", unit="unit.persons", labels="flow")}\n'
        'title = g(f"pr.ci.{method}")\n'
        'claims = verdicts[verdicts.claim_id.str.startswith("kazakhstan.international.")]\n'
        'women = survey.loc["sex.female"]\n'
        'path = "claims.csv"\n'
    )
    assert sorted(glossary_keys(cell)) == ["bt.say.trend_up", "col.flow", "pr.ci.", "unit.persons"]


def test_no_glossary_key_in_a_notebook():
    import nbformat

    from helpers import paths

    notebooks = paths.notebooks()
    assert len(notebooks) >= 4
    for nb in notebooks:
        code = [cell.source for cell in nbformat.read(nb, as_version=4).cells if cell.cell_type == "code"]
        assert code, f"{nb.name}: no code cell read"
        keys = [key for source in code for key in glossary_keys(source)]
        assert keys == [], f"{nb.name}: glossary keys {keys}; write the English text in _(...) instead"
