"""``python -m helpers.claims trace CLAIM_ID`` prints the whole chain, for every claim."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.audit import claim_anchor, report_page
from helpers.claims.__main__ import main as claims_cli
from helpers.claims.evaluate import ADAPTERS, Evaluator
from helpers.claims.trace import trace_text

#: The claims as the data step wrote them (tests/test_data.py checks the table is current): read,
#: not evaluated again, when the tests are collected.
CLAIMS = pd.read_csv(paths.processed_file("claims.csv"), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    """One evaluator for every claim's trace: the raw tables read once."""
    return Evaluator(paths.RAW)


@pytest.mark.parametrize("claim_id", list(CLAIMS["claim_id"]))
def test_trace_every_claim(claim_id, evaluator):
    row = CLAIMS.set_index("claim_id").loc[claim_id]
    text = trace_text(claim_id, evaluator=evaluator)
    assert text.startswith(f"claim        {claim_id} (data/raw/{row['source']}/claims.csv, line ")
    for label in ("location", "quote", "gloss", "raw rows read:", "verdict", "reason", "report"):
        assert f"\n{label}" in text, label
    for name in row["check"].split("&"):
        fn = ADAPTERS[name.strip()].function
        assert f"check {name.strip()}: {fn.__module__}.{fn.__name__}(" in text
    for evidence in filter(None, row["evidence"].split("; ")):
        file, lines = evidence.rsplit(":", 1)
        for line in lines.split(","):
            assert f"{file}:{line}  " in text
    assert f"{report_page(row['source'])}#{claim_anchor(claim_id)}" in text
    assert row["verdict"] in text


def test_trace_of_a_problem_names_it_and_its_correction(capsys):
    assert claims_cli(["trace", "batken.external.2013_stated.departures"]) == 0
    out = capsys.readouterr().out
    assert "data/raw/batken/external_totals.csv:5  ten_years_later_a,2013,departures,1774," in out
    assert "problem      batken.ten_years_later_label: The sentence '10 years later, in 2013' must mean 2023" in out
    assert "correction   batken_external_year_ten_years_later: 2013 -> 2023" in out
    assert "report       reports/01_batken.html#claim-batken.external.2013_stated.departures" in out


def test_trace_of_an_unknown_claim_says_so(capsys):
    assert claims_cli(["trace", "batken.nothing"]) == 2
    assert "no claim 'batken.nothing'" in capsys.readouterr().err
