"""Every quote occurs word for word in its source text (and every citation of references.csv too).

The full texts are not part of the compendium: they are read from <project root>/../shared/sources
when that folder exists; otherwise the test is skipped, saying why.
"""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.claims.quotes import SOURCES_DIR, missing_quotes, normalise, read_source, source_text_names
from helpers.data import datapackage, load_raw

TEXTS = source_text_names(datapackage())


def test_every_source_names_its_text():
    assert set(TEXTS) == set(paths.SOURCES)


def test_normalise_joins_line_end_hyphenation_and_collapses_whitespace():
    assert (
        normalise("2023-жылкы маалымат боюнча об-\nлуска  көчүп\n\nкелгендер")
        == "2023-жылкы маалымат боюнча облуска көчүп келгендер"
    )
    assert normalise("көші – қон") == "көші – қон"  # a dash between spaces is text, not hyphenation


def test_missing_quotes_finds_made_up_text():
    text = "Келгендер 311 305 239"
    assert missing_quotes([("a", "311"), ("b", "Келгендер … 2013 … 311"), ("c", " ")], text) == ["b", "c"]


@pytest.mark.parametrize("source", paths.SOURCES)
def test_every_quote_occurs_in_the_source(source):
    if not (SOURCES_DIR / TEXTS[source]).is_file():
        pytest.skip(f"source text {SOURCES_DIR / TEXTS[source]} is not on this machine; quotes not checked")
    claims = load_raw(f"{source}_claims")
    missing = missing_quotes(list(zip(claims["claim_id"], claims["quote"], strict=True)), read_source(TEXTS[source]))
    assert missing == [], f"{len(missing)} quotes of {source} do not occur in {TEXTS[source]}: {missing[:5]}"


@pytest.mark.parametrize("source", ["batken", "diploma"])
def test_every_reference_is_cited_as_printed(source):
    if not (SOURCES_DIR / TEXTS[source]).is_file():
        pytest.skip(f"source text {SOURCES_DIR / TEXTS[source]} is not on this machine; citations not checked")
    refs = load_raw(f"{source}_references")
    pairs = [(str(r.ref), r.cited_as) for r in refs.itertuples()]
    assert missing_quotes(pairs, read_source(TEXTS[source])) == []
