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


def test_verdict_table_html_gives_each_claim_an_anchor_and_escapes_text():
    import pandas as pd

    table = pd.DataFrame({"Claim": ["src.a.2021", "src.b"], "Reason": ["x < y & z", None]},
                         index=pd.Index(["inconsistent", "consistent"], name="verdict_id"))
    html = audit.verdict_table_html(table)
    assert '<tr id="claim-src.a.2021" class="verdict-inconsistent"><td>src.a.2021</td><td>x &lt; y &amp; z</td></tr>' in html
    assert '<tr id="claim-src.b" class="verdict-consistent"><td>src.b</td><td></td></tr>' in html
    assert "<th>Claim</th><th>Reason</th>" in html


def test_audit_finding_counts_the_source_claims():
    claims = audit.verdicts("kazakhstan")
    n = len(claims)
    consistent = int((claims["verdict"] == "consistent").sum())
    assert audit.audit_finding("kazakhstan").startswith(f"Audit: of {n} printed numbers, ")
    assert audit.audit_finding("kazakhstan").endswith(f"and {consistent} are consistent.")
