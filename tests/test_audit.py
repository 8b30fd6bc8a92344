from __future__ import annotations

import re

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


def test_verdict_report_in_russian():
    from helpers.labels import Glossary

    summary, table = audit.verdict_report("batken", Glossary("ru"))
    assert re.match(r"\*\*\d+\*\* не согласуется, \*\*\d+\*\* не проверяемо", summary)
    assert list(table.columns) == ["Утверждение", "Опубликовано", "Воспроизведено", "Вердикт", "Обоснование",
                                   "Принятая поправка"]
    _, kz = audit.verdict_report("kazakhstan", Glossary("en"))
    assert "Correction adopted" not in kz.columns  # no correction concerns the bulletin
