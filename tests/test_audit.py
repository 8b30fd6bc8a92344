from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import audit
from helpers.claims.checks import VERDICTS


def test_verdicts_sorted_inconsistencies_first_with_corrections():
    claims = audit.verdicts("batken")
    order = [audit.VERDICT_ORDER[v] for v in claims["verdict"]]
    assert order == sorted(order)
    row = claims.set_index("claim_id").loc["batken.table1.arrivals.2021"]
    assert row["verdict"] == "inconsistent" and row["correction"] == "batken_table1_arrivals_2021"
    counts = audit.verdict_counts(claims)
    assert list(counts.index) == ["inconsistent", "not_verifiable", "consistent"] == list(VERDICTS)
    assert counts.sum() == len(claims)


def test_problem_counts_count_distinct_problems_not_rows():
    # three inconsistent rows of batken share two problems; diploma has one row, one problem
    claims = pd.DataFrame(
        {"source": ["batken"] * 4 + ["diploma"], "problem_id": ["batken.a", "batken.a", "batken.b", "", "diploma.c"]}
    )
    assert audit.problem_counts(claims).to_dict() == {"batken": 2, "diploma": 1}
    real = audit.verdicts("batken")
    assert audit.problem_counts(real)["batken"] == 5 < int((real["verdict"] == "inconsistent").sum())


def test_an_identity_printed_as_three_numbers_is_one_test():
    # arrivals 561 = departures 1578 + net (-1017), printed as three rows that each check the other two;
    # a restatement 1578 = 1578 (table 1 against table 2) is a test of its own; a GRIM row and a
    # statement are tests of their own even when they read the same numbers.
    claims = pd.DataFrame(
        {
            "claim_id": ["b.arr", "b.dep", "b.net", "b.restated", "b.grim", "b.rank", "k.arr"],
            "source": ["batken"] * 6 + ["kazakhstan"],
            "unit": ["persons"] * 4 + ["percent", "statement", "persons"],
            "value": ["561", "1578", "-1017", "1578", "39", "", "561"],
            "check": ["sum", "difference", "difference", "exact", "grim_percent", "ranking", "sum"],
            "inputs": [
                "parts=[1578, -1017]",
                "minuend=561; subtrahend=-1017",
                "minuend=561; subtrahend=1578",
                "expected=1578",
                "n=230",
                "labels=[a, b]; values=[3, 2]",
                "parts=[1578, -1017]",
            ],
        }
    )
    keys = audit.distinct_tests(claims)
    assert keys.iloc[0] == keys.iloc[1] == keys.iloc[2] == "identity:batken:persons:-1017|561|1578"
    assert keys.iloc[3] == "identity:batken:persons:1578|1578"
    assert keys.iloc[4] == "row:b.grim" and keys.iloc[5] == "row:b.rank"
    # the same numbers in another source are another test: 7 rows, 4 batken tests, 1 kazakhstan test
    assert audit.distinct_test_counts(claims).to_dict() == {"batken": 4, "kazakhstan": 1}
    with pytest.raises(KeyError, match="expected columns check, inputs"):
        audit.distinct_tests(claims.drop(columns=["check", "inputs"]))


def test_problems_explain_each_in_one_sentence():
    table = audit.problems(audit.verdicts("batken"))
    assert len(table) == 5 and table["rows"].sum() == 15
    twice = table.set_index("problem_id").loc["batken.working_age_paragraph_twice"]
    assert twice["rows"] == 8 and twice["summary"].endswith("to decide which date is wrong.")
    assert all(s.count(". ") == 0 and s.endswith(".") for s in table["summary"])


def test_cited_references_are_those_the_reasons_cite():
    batken = audit.cited_references("batken")
    assert list(batken["ref"]) == [5, 7]  # the reasons cite [5] and [7], never [3] or [4]
    diploma = audit.cited_references("diploma")
    assert {1, 2, 7, 8, 9, 12, 13, 14} == set(diploma["ref"])
    assert audit.cited_references("kazakhstan").empty


def test_report_page_per_source():
    assert audit.report_page("batken") == "reports/01_batken.html"
    assert audit.report_page("kazakhstan") == "reports/02_kazakhstan.html"
    assert audit.report_page("diploma") == "reports/03_diploma.html"


def test_index_audit_section_shows_distinct_problems_with_their_sentence():
    from helpers import index
    from helpers.data import load_processed

    claims = load_processed("claims")
    cards = {"batken": index.Card("01_batken", "Batken", "", ("x",))}
    html = index.audit_section(claims, cards)
    # batken: 15 inconsistent rows, 5 distinct problems (the last cell of its row)
    assert re.search(r'<tr><td><a href="01_batken.html">Batken</a></td><td class="n">15</td>.*?<td class="n">5</td></tr>', html)
    assert "<th>distinct tests</th><th>distinct problems</th>" in html
    # batken: rows, then distinct tests (fewer: each identity is one test), then distinct problems
    n_rows = int((claims["source"] == "batken").sum())
    n_tests = int(audit.distinct_test_counts(claims)["batken"])
    assert n_tests < n_rows
    assert f'<td class="n">{n_rows}</td><td class="n">{n_tests}</td><td class="n">5</td></tr>' in html
    summary = audit.problems(claims).set_index("problem_id").loc["batken.heading_period", "summary"]
    assert f'<b><a href="01_batken.html">Batken</a></b>: {summary} <ul' in html
    assert '<a href="01_batken.html#claim-batken.table2.heading.period_end"><code>' in html
    n_problems = int(audit.problem_counts(claims).sum())
    assert f"<h3>{n_problems} distinct problems behind the {int((claims['verdict'] == 'inconsistent').sum())} " in html
