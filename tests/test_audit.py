from __future__ import annotations

from helpers import audit


def test_verdicts_sorted_inconsistencies_first_with_corrections():
    claims = audit.verdicts("batken")
    order = [audit.VERDICT_ORDER[v] for v in claims["verdict"]]
    assert order == sorted(order)
    row = claims.set_index("claim_id").loc["batken.table1.arrivals.2021"]
    assert row["verdict"] == "inconsistent" and row["correction"] == "batken_table1_arrivals_2021"
    counts = audit.verdict_counts(claims)
    assert list(counts.index) == ["inconsistent", "not_verifiable", "consistent"]
    assert counts.sum() == len(claims)
