"""The claims table: complete, computed, and what the CLI shows."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.__main__ import main as claims_cli
from helpers.claims.checks import VERDICTS
from helpers.claims.evaluate import OUTPUT_COLUMNS, evaluate_claims
from helpers.data import RawDataError, load_raw


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return evaluate_claims()


def test_columns_order_and_vocabulary(claims):
    assert list(claims.columns) == OUTPUT_COLUMNS
    assert set(claims["verdict"]) <= set(VERDICTS)
    assert claims["claim_id"].is_unique
    assert (claims["reason"].str.len() > 0).all()


def test_every_batken_table_cell_is_a_claim(claims):
    t1 = load_raw("batken_table1_interregional")
    t2 = load_raw("batken_table2_interregional_by_sex")
    ids = set(claims["claim_id"])
    assert {f"batken.table1.{r.flow}.{r.year}" for r in t1.itertuples()} <= ids
    assert {f"batken.table2.{r.flow}.{r.sex}.{r.year}" for r in t2.itertuples()} <= ids


def test_every_chart_bar_and_survey_item_is_a_claim(claims):
    ids = set(claims["claim_id"])
    chart = load_raw("kazakhstan_interregional_net_2023")
    assert {f"kazakhstan.interregional.net.chart.{c.lower().replace('-', '')}" for c in chart["iso_code"]} <= ids
    for table, key in (("diploma_figure1_reasons", "reasons"), ("diploma_figure2_satisfaction", "satisfaction"),
                       ("diploma_intention_to_stay", "intention"), ("diploma_figure3_difficulties", "difficulties"),
                       ("diploma_figure4_suggestions", "suggestions")):
        assert {f"diploma.survey.{key}.{i}" for i in load_raw(table)["item_id"]} <= ids


def test_known_findings(claims):
    verdict = claims.set_index("claim_id")["verdict"]
    assert verdict["batken.table1.arrivals.2021"] == "inconsistent"
    assert verdict["batken.table1.net.2021"] == "consistent"
    assert verdict["batken.prose.2018_statement.arrivals"] == "inconsistent"
    assert verdict["batken.prose.2023_statement.arrivals"] == "consistent"
    assert verdict["kazakhstan.international.arrivals.change_on_2022"] == "consistent"
    assert verdict["kazakhstan.interregional.arrivals.change_on_2022"] == "consistent"
    assert verdict["diploma.survey.sex.female"] == "consistent"


@pytest.mark.parametrize("source, old, new, message", [
    ("kazakhstan", ",cross_source,", ",crossource,",
     r"kazakhstan/claims\.csv, line 2, column 'check': unknown check 'crossource'"),
    ("batken", "[year=2013,flow=arrivals]", "[year=2013,flow=arival]",
     r"batken/claims\.csv, line \d+, column 'args': .*selects no row"),
])
def test_bad_claims_rows_stop_with_file_line_and_column(raw_copy, source, old, new, message):
    path = raw_copy / source / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RawDataError, match=message):
        evaluate_claims(raw_copy)


def test_cli_puts_inconsistencies_first_and_counts(capsys):
    assert claims_cli(["--source", "batken"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("INCONSISTENT")
    assert "claims per source and verdict:" in out
    assert claims_cli(["--verdict", "inconsistent"]) == 0
    out = capsys.readouterr().out
    assert "CONSISTENT " not in out.replace("INCONSISTENT", "")
