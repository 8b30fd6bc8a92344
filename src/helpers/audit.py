"""The claims verdicts as a report shows them: inconsistencies first, each with its
explanation and the correction adopted for it, if any."""

from __future__ import annotations

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
    verdict table with headers and verdicts in the glossary's language ``g``."""
    claims = verdicts(source, processed_dir)
    counts = verdict_counts(claims)
    summary = ", ".join(f"**{n}** {g(f'verdict.{v}')}" for v, n in counts.items()) + f" (of {len(claims)} claims)."
    shown = claims.assign(verdict=[g(f"verdict.{v}") for v in claims["verdict"]])
    columns = ["claim_id", "reported", "reproduced", "verdict", "reason"]
    if (claims["correction"] != "").any():
        columns.append("correction")
    table = g.columns(shown[columns], {
        "claim_id": "col.claim", "reported": "col.reported", "reproduced": "col.reproduced",
        "verdict": "col.verdict", "reason": "col.reason", "correction": "col.correction"})
    return summary, table
