"""The claims verdicts as a report shows them: inconsistencies first, each with its
explanation and the correction adopted for it, if any."""

from __future__ import annotations

from html import escape

import pandas as pd

from helpers import paths
from helpers.data import load_processed, load_raw

VERDICT_ORDER = {"inconsistent": 0, "not_verifiable": 1, "consistent": 2}


def verdicts(source: str, processed_dir=paths.PROCESSED) -> pd.DataFrame:
    """Claims of ``source`` sorted inconsistencies first, with the correction that answers each."""
    claims = load_processed("claims", processed_dir)
    claims = claims[claims["source"] == source].copy()
    corrections = load_raw("corrections")
    by_claim = {cid: row.correction_id for row in corrections.itertuples()
                for cid in row.claim_ids.split(";")}
    claims["correction"] = claims["claim_id"].map(by_claim).fillna("")
    claims["_order"] = claims["verdict"].map(VERDICT_ORDER)
    return claims.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the fixed order inconsistent, not_verifiable, consistent."""
    return claims["verdict"].value_counts().reindex(list(VERDICT_ORDER), fill_value=0)


def verdict_report(source: str, g, processed_dir=paths.PROCESSED) -> tuple[str, pd.DataFrame]:
    """What a report shows for ``source``: a one-line count per verdict (markdown) and the
    verdict table with headers and verdicts in the glossary's language ``g``, the claim id first
    and the verdict id as its index (see :func:`verdict_table_html`)."""
    claims = verdicts(source, processed_dir)
    counts = verdict_counts(claims)
    summary = ", ".join(f"**{n}** {g(f'verdict.{v}')}" for v, n in counts.items()) + f" (of {len(claims)} claims)."
    shown = claims.assign(verdict=[g(f"verdict.{v}") for v in claims["verdict"]])
    shown.index = pd.Index(claims["verdict"].to_numpy(), name="verdict_id")
    columns = ["claim_id", "reported", "reproduced", "verdict", "reason"]
    if (claims["correction"] != "").any():
        columns.append("correction")
    table = g.columns(shown[columns], {
        "claim_id": "col.claim", "reported": "col.reported", "reproduced": "col.reproduced",
        "verdict": "col.verdict", "reason": "col.reason", "correction": "col.correction"})
    return summary, table


def claim_anchor(claim_id: str) -> str:
    """The HTML id of a claim's row in its report: ``claim-<claim_id>`` (the index page links to it)."""
    return f"claim-{claim_id}"


def verdict_table_html(table: pd.DataFrame) -> str:
    """The table from :func:`verdict_report` as HTML, one ``<tr id="claim-...">`` per claim (its
    first column), so that a link ``NN_name.html#claim-<claim_id>`` lands on the claim, its verdict
    and its reason. The row's class is ``verdict-<verdict id>`` (the table's index)."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in table.columns)
    rows = []
    for verdict, values in zip(table.index, table.itertuples(index=False, name=None), strict=True):
        cells = "".join(f"<td>{escape(_cell(v))}</td>" for v in values)
        rows.append(f'<tr id="{escape(claim_anchor(values[0]))}" class="verdict-{escape(verdict)}">{cells}</tr>')
    return ('<table class="dataframe claims">\n<thead><tr>' + head + "</tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def audit_finding(source: str, processed_dir=paths.PROCESSED) -> str:
    """One sentence for a report's key findings: how many of the source's printed numbers are
    inconsistent, not verifiable and consistent."""
    counts = verdict_counts(verdicts(source, processed_dir))
    return (f"Audit: of {int(counts.sum())} printed numbers, {counts['inconsistent']} are inconsistent, "
            f"{counts['not_verifiable']} cannot be verified and {counts['consistent']} are consistent.")
