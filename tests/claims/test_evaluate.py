"""The claims table: complete, computed, honest about what a check could detect, and what the CLI shows."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from helpers import paths
from helpers.claims.__main__ import main as claims_cli
from helpers.claims.checks import VERDICTS
from helpers.claims.evaluate import OUTPUT_COLUMNS, UNEXPLAINED, evaluate_claims
from helpers.claims.provenance import EvidenceKind
from helpers.data import RawDataError, load_raw

ORIGINAL_COLUMNS = [
    "claim_id",
    "source",
    "location",
    "quote",
    "statement_en",
    "reported",
    "value",
    "unit",
    "reproduced",
    "verdict",
    "reason",
]


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return evaluate_claims()


def test_columns_order_and_vocabulary(claims):
    assert list(claims.columns) == OUTPUT_COLUMNS
    assert OUTPUT_COLUMNS[:11] == ORIGINAL_COLUMNS  # new columns are appended, never inserted
    assert set(claims["verdict"]) <= set(VERDICTS)
    assert claims["claim_id"].is_unique
    assert (claims["reason"].str.len() > 0).all()
    assert set(claims["evidence_kind"]) <= {k.value for k in EvidenceKind}


def test_no_claim_is_consistent_from_a_check_that_could_not_fail(claims):
    judged = claims[claims["verdict"] != "not_verifiable"]
    assert judged["could_fail"].all()
    assert not claims.loc[claims["verdict"] == "not_verifiable", "could_fail"].any()


def test_grim_rows_could_fail_exactly_when_rounding_lets_them(claims):
    # By hand, n = 230: one respondent is 100/230 = 0.43 points, less than a whole percent, so every
    # whole percent is attainable (GRIM cannot fail); with one decimal most are not (it can). A mean
    # of 230 whole numbers moves by 1/230 = 0.004, less than a printed 0.1 or 0.01: it cannot fail.
    raw = pd.concat([load_raw(f"{s}_claims") for s in paths.SOURCES]).set_index("claim_id")
    by_id = claims.set_index("claim_id")
    design = load_raw("diploma_study_design").set_index("measure")["value"]
    assert int(design["survey_respondents"]) == 230
    expected = {("grim_percent", 0): False, ("grim_percent", 1): True, ("grim_mean", 1): False, ("grim_mean", 2): False}
    grim = [cid for cid in raw.index if {"grim_percent", "grim_mean"} & {p.strip() for p in raw.loc[cid, "check"].split("&")}]
    assert len(grim) >= 15
    for cid in grim:
        check = next(p.strip() for p in raw.loc[cid, "check"].split("&") if p.strip().startswith("grim"))
        can = expected[(check, int(raw.loc[cid, "decimals"]))]
        if not can:  # nothing else in the row may turn a GRIM that cannot fail into "consistent"
            assert by_id.loc[cid, "verdict"] != "consistent", cid
        if raw.loc[cid, "check"] == check:  # GRIM alone: its could_fail is the row's
            assert bool(by_id.loc[cid, "could_fail"]) == can, cid
            assert (by_id.loc[cid, "verdict"] == "not_verifiable") == (not can), cid


def test_a_check_that_does_not_read_the_claimed_number_verifies_nothing(claims):
    by_id = claims.set_index("claim_id")
    # the shares of a distribution sum to 100 %, but the sum is of the table, not of this number
    row = by_id.loc["diploma.survey.education.higher"]
    assert row["verdict"] == "not_verifiable" and not row["could_fail"]
    assert row["reason"].endswith("so it does not check the printed 71)")
    # the year of the sentence is right; the number in it is compared with nothing
    row = by_id.loc["batken.external.2023_stated.departures"]
    assert row["verdict"] == "not_verifiable"
    assert "10 years after 2013 is 2023 (but this holds whatever value is printed" in row["reason"]
    # a check that does read the number keeps its verdict
    assert by_id.loc["batken.table1.net.2021", "verdict"] == "consistent"


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
    for table, key in (
        ("diploma_figure1_reasons", "reasons"),
        ("diploma_figure2_satisfaction", "satisfaction"),
        ("diploma_intention_to_stay", "intention"),
        ("diploma_figure3_difficulties", "difficulties"),
        ("diploma_figure4_suggestions", "suggestions"),
    ):
        assert {f"diploma.survey.{key}.{i}" for i in load_raw(table)["item_id"]} <= ids


def test_known_findings(claims):
    by_id = claims.set_index("claim_id")
    verdict = by_id["verdict"]
    assert verdict["batken.table1.arrivals.2021"] == "inconsistent"
    assert verdict["batken.table1.net.2021"] == "consistent"
    assert verdict["batken.prose.2018_statement.arrivals"] == "inconsistent"
    assert verdict["batken.prose.2023_statement.arrivals"] == "consistent"
    # '10 years later' than 2013 decides: the 2013 label is wrong, the 2023 sentence is right
    assert verdict["batken.external.2013_stated.departures"] == "inconsistent"
    assert "10 years after 2013 is 2023, not the printed 2013" in by_id.loc["batken.external.2013_stated.departures", "reason"]
    assert verdict["batken.external.2023_stated.departures"] == "not_verifiable"
    assert verdict["batken.table2.heading.period_start"] == "inconsistent"
    assert verdict["kazakhstan.international.arrivals.change_on_2022"] == "consistent"
    assert verdict["kazakhstan.internal.arrivals.change_on_2022"] == "consistent"
    assert verdict["diploma.survey.sex.female"] == "not_verifiable"
    assert verdict["diploma.survey.age.mean"] == "not_verifiable"
    # Representativeness (checks.judge_representativeness): the sector test compares the respondents
    # with every cohort since 2009, another population (unsupported); the regions left out are
    # left out by the design (contradicted).
    assert verdict["diploma.survey.representative.sector"] == "not_verifiable"
    assert "unsupported, not contradicted" in by_id.loc["diploma.survey.representative.sector", "reason"]
    assert verdict["diploma.survey.representative.region"] == "inconsistent"
    assert "built into the design" in by_id.loc["diploma.survey.representative.region", "reason"]
    # 'Only 39 % intend to stay' and the interviews' 'most do not plan to stay': 140 of 230 or more
    # outside, a majority beyond sampling error also under the stated design effect of 2.
    for cid in ("diploma.survey.intention.majority_not_staying", "diploma.interviews.most_not_staying"):
        assert verdict[cid] == "consistent", cid
        assert by_id.loc[cid, "reproduced"] == "60.9 % [51.7-69.3 %]", cid
        assert "54.4-66.9 %" in by_id.loc[cid, "reason"], cid
    # 277,800 tenge for 100 MCI is the MCI of 1 April 2020, as the article says.
    assert verdict["diploma.support.mci_april_2020"] == "consistent"
    assert "the MCI from 2020-04-01" in by_id.loc["diploma.support.mci_april_2020", "reason"]
    assert by_id.loc["diploma.context.internal_migration_participants_2023", "value"] == "1023573"


def test_a_republication_of_the_same_release_verifies_nothing(claims):
    by_id = claims.set_index("claim_id")
    for cid in (
        "kazakhstan.international.arrivals.2023",
        "kazakhstan.international.departures.2023",
        "kazakhstan.international.cis_share.arrivals.2023",
        "kazakhstan.international.cis_share.departures.2023",
    ):
        row = by_id.loc[cid]
        assert row["verdict"] == "not_verifiable" and row["evidence_kind"] == "same_release", cid
        assert "mgorod.kz" in row["reason"], cid
    # the 2022 bases come from the same producer's other releases: the percent changes stay
    # checkable, as consistency checks within one producer, and the reason says so
    row = by_id.loc["kazakhstan.international.arrivals.change_on_2022"]
    assert row["evidence_kind"] == "same_producer" and "same producer" in row["reason"]


def test_problem_ids_group_inconsistencies(claims):
    bad = claims[claims["verdict"] == "inconsistent"]
    assert (bad["problem_id"] != "").all()
    assert (claims.loc[claims["verdict"] != "inconsistent", "problem_id"] == "").all()
    per_source = bad.groupby("source")["problem_id"].nunique()
    assert per_source["batken"] == 5 and len(bad[bad["source"] == "batken"]) == 15
    twice = bad[bad["problem_id"] == "batken.working_age_paragraph_twice"]
    assert len(twice) == 8


def test_every_external_resource_states_its_kind_of_evidence_on_each_source():
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"].startswith("external_"):
            assert set(res["evidence"]) == set(paths.SOURCES), res["name"]


@pytest.mark.parametrize(
    "source, old, new, message",
    [
        (
            "kazakhstan",
            ",cross_source,",
            ",crossource,",
            r"kazakhstan/claims\.csv, line 2, column 'check': unknown check 'crossource'",
        ),
        (
            "batken",
            "[year=2013,flow=arrivals]",
            "[year=2013,flow=arival]",
            r"batken/claims\.csv, line \d+, column 'args': .*selects no row",
        ),
        (
            "batken",
            ",batken.table1_2021_arrivals,internal_arithmetic\n",
            ",batken.no_such_problem,internal_arithmetic\n",
            r"batken/claims\.csv, line 26, column 'problem_id': 'batken.no_such_problem' is not a problem of source 'batken'",
        ),
        (
            "diploma",
            ",281,mn_persons,",
            ",,mn_persons,",
            r"diploma/claims\.csv, line 2, column 'value': empty; expected a number",
        ),
        (  # a statement has no number for a number's check to read: it could not fail
            "batken",
            ",statement,0,ranking,",
            ",statement,0,relative_year,",
            r"batken/claims\.csv, line 120, column 'check': 'relative_year' checks a printed number and this claim has none",
        ),
        (  # a representativeness test must say which population it compares with (the rule needs it)
            "diploma",
            '; reference_is_claimed=""no""; by_design=""no""',
            "",
            r"diploma/claims\.csv, line \d+, column 'args': KeyError: .*'reference_is_claimed': a representativeness check must "
            "name its reference population",
        ),
        (  # a claim checked against itself could not fail
            "batken",
            '-1017,persons,0,difference,"minuend=batken_table2_interregional_by_sex[year=2021,flow=arrivals,sex=total]',
            '-1017,persons,0,difference,"minuend=@batken.table1.net.2021',
            r"batken/claims\.csv, line 28, column 'args': .*'minuend' is the claim itself",
        ),
    ],
)
def test_bad_claims_rows_stop_with_file_line_and_column(raw_copy, source, old, new, message):
    path = raw_copy / source / "claims.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RawDataError, match=message):
        evaluate_claims(raw_copy)


def test_an_external_resource_without_evidence_kind_is_refused(raw_copy):
    path = raw_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == "external_kz_internal_migration":
            del res["evidence"]["diploma"]
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        RawDataError, match="'external_kz_internal_migration', property 'evidence': no entry for source 'diploma'"
    ):
        evaluate_claims(raw_copy)


def test_cli_puts_inconsistencies_first_and_counts(capsys):
    assert claims_cli(["--source", "batken"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("INCONSISTENT")
    assert "claims per source and verdict, and distinct problems:" in out
    assert claims_cli(["list", "--verdict", "inconsistent"]) == 0
    out = capsys.readouterr().out
    assert "CONSISTENT " not in out.replace("INCONSISTENT", "")
    assert "distinct problems" in out.splitlines()[-1]


def test_the_committed_problems_match_the_verdicts():
    """Every inconsistency of the committed data is explained in problems.csv, every problem id
    there covers an inconsistent claim, and no consistent claim names a problem."""
    from helpers.data import load_raw

    claims = evaluate_claims()
    assert not claims["problem_id"].str.startswith(UNEXPLAINED).any(), list(
        claims.loc[claims["problem_id"].str.startswith(UNEXPLAINED), "claim_id"]
    )
    raw = pd.concat([load_raw(f"{s}_claims") for s in paths.SOURCES])
    named = raw.set_index("claim_id")["problem_id"].fillna("")
    verdicts = claims.set_index("claim_id")["verdict"]
    assert [cid for cid, pid in named.items() if pid and verdicts[cid] != "inconsistent"] == []
    assert set(load_raw("problems")["problem_id"]) == set(claims.loc[claims["problem_id"] != "", "problem_id"])


def test_a_raw_edit_that_makes_a_claim_inconsistent_gets_a_problem_of_its_own(raw_copy):
    path = raw_copy / "batken" / "table1_interregional.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2013,net,-620", "2013,net,-600"), encoding="utf-8")
    claims = evaluate_claims(raw_copy).set_index("claim_id")
    bad = claims[claims["problem_id"].str.startswith(UNEXPLAINED)]
    assert len(bad) >= 1 and (bad["verdict"] == "inconsistent").all()
