"""The claims verdicts, ready for a report (helpers.presentation shows them): inconsistencies first,
each with the correction adopted for it, if any; the counts per verdict; the distinct tests the rows
make up (an identity printed as three numbers is three rows, one test); the distinct problems
behind the inconsistencies; and the references the reasons cite."""

from __future__ import annotations

import re

import pandas as pd

from helpers import paths
from helpers.claims.checks import VERDICTS
from helpers.data import load_processed

#: Reading order of the verdicts (derived from the one definition, helpers.claims.checks.VERDICTS).
VERDICT_ORDER = {v: i for i, v in enumerate(VERDICTS)}

_CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def verdicts(source: str, processed_dir=paths.PROCESSED) -> pd.DataFrame:
    """Claims of ``source`` sorted inconsistencies first, with the correction that answers each."""
    claims = load_processed("claims", processed_dir)
    claims = claims[claims["source"] == source].copy()
    corrections = load_processed("corrections_applied", processed_dir)
    by_claim = {cid: row.correction_id for row in corrections.itertuples() for cid in row.claim_ids.split(";")}
    claims["correction"] = claims["claim_id"].map(by_claim).fillna("")
    claims["_order"] = claims["verdict"].map(VERDICT_ORDER)
    return claims.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, in the fixed order inconsistent, not_verifiable, consistent."""
    return claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


def problem_counts(claims: pd.DataFrame) -> pd.Series:
    """Distinct problems per source: the number of different non-empty ``problem_id`` among its
    claims (several inconsistent rows can share one problem), in the order of paths.SOURCES."""
    ids = claims["problem_id"].fillna("").astype(str)
    with_problem = claims[ids != ""]
    counts = with_problem.groupby("source")["problem_id"].nunique()
    present = [s for s in paths.SOURCES if s in set(claims["source"])]
    return counts.reindex(present, fill_value=0).astype(int)


#: Checks that state a relation among printed numbers that holds whichever of them is checked
#: against the others: every row of one identity (arrivals = departures + net) repeats one test.
IDENTITY_CHECKS = frozenset({"exact", "sum", "difference"})

#: Columns a claims table needs for :func:`distinct_tests`.
TEST_COLUMNS = ("claim_id", "source", "unit", "value", "check", "inputs")

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def claim_test_key(row) -> str:
    """The test a claims row belongs to. A row whose checks are all identity checks
    (:data:`IDENTITY_CHECKS`) is keyed by its source, unit and the sorted numbers it relates (its
    printed value and every number of its inputs), so the three rows of arrivals = departures + net
    (561 = 1578 + (-1017), 1578 = 561 - (-1017), -1017 = 561 - 1578) share the key
    ``identity:batken:persons:-1017|561|1578``. Any other row is a test of its own,
    ``row:<claim_id>``."""
    checks = {c.strip() for c in str(row["check"]).split("&")}
    value = str(row["value"]).strip()
    if not value or value == "nan" or not checks <= IDENTITY_CHECKS:
        return f"row:{row['claim_id']}"
    numbers = [float(value)]
    for part in str(row["inputs"]).split(";"):
        numbers += [float(x) for x in _NUMBER.findall(part.partition("=")[2])]
    shown = "|".join(f"{x:g}" for x in sorted(numbers))
    return f"identity:{row['source']}:{row['unit']}:{shown}"


def distinct_tests(claims: pd.DataFrame) -> pd.Series:
    """The test of each claims row (:func:`claim_test_key`), aligned with ``claims``: rows that check
    one identity among the same printed numbers share one test; the audit keeps one row per
    printed number but counts tests with ``distinct_tests(claims).nunique()``."""
    missing = [c for c in TEST_COLUMNS if c not in claims.columns]
    if missing:
        raise KeyError(f"claims: expected columns {', '.join(missing)} to group rows into tests")
    return pd.Series([claim_test_key(row) for _, row in claims.iterrows()], index=claims.index, dtype=object)


def distinct_test_counts(claims: pd.DataFrame) -> pd.Series:
    """Distinct tests per source (:func:`distinct_tests`), in the order of paths.SOURCES."""
    keys = distinct_tests(claims)
    counts = keys.groupby(claims["source"]).nunique()
    present = [s for s in paths.SOURCES if s in set(claims["source"])]
    return counts.reindex(present, fill_value=0).astype(int)


def problems(claims: pd.DataFrame, processed_dir=paths.PROCESSED) -> pd.DataFrame:
    """One row per distinct problem among ``claims``: problem_id, source, summary (the sentence of
    ``data/raw/problems.csv``), rows (how many claims it covers) and claim_ids (in claims order)."""
    table = load_processed("problems", processed_dir).set_index("problem_id")
    ids = claims["problem_id"].fillna("").astype(str)
    rows = []
    for pid, group in claims[ids != ""].groupby(ids[ids != ""], sort=False):
        if pid in table.index:
            source, summary = table.loc[pid, "source"], table.loc[pid, "summary"]
        else:  # an inconsistency data/raw/problems.csv does not explain yet: its reason must do
            source, summary = group["source"].iloc[0], f"Not yet explained in problems.csv: {group['reason'].iloc[0]}"
        rows.append(
            {"problem_id": pid, "source": source, "summary": summary, "rows": len(group), "claim_ids": list(group["claim_id"])}
        )
    return pd.DataFrame(rows, columns=["problem_id", "source", "summary", "rows", "claim_ids"])


def claim_anchor(claim_id: str) -> str:
    """The HTML id of a claim's row in its report: ``claim-<claim_id>`` (the index page links to it)."""
    return f"claim-{claim_id}"


def report_page(source: str, notebooks_dir=paths.NOTEBOOKS) -> str:
    """The report that shows ``source``'s claims, e.g. ``reports/01_batken.html``: the notebook
    ``NN_<source>.ipynb`` renders to ``reports/NN_<source>.html``."""
    found = sorted(p.stem for p in notebooks_dir.glob(f"[0-9][0-9]_{source}.ipynb"))
    if len(found) != 1:
        raise KeyError(f"{notebooks_dir}: expected one notebook NN_{source}.ipynb, found {found or 'none'}")
    return f"reports/{found[0]}.html"


def cited_references(source: str, processed_dir=paths.PROCESSED) -> pd.DataFrame:
    """The entries of ``data/raw/<source>/references.csv`` that the reasons of ``source``'s claims
    cite as ``[n]`` or ``[n,m]``, in reference order (empty if the source has no such file)."""
    reasons = verdicts(source, processed_dir)["reason"].fillna("")
    cited = {int(n) for text in reasons for group in _CITATION.findall(text) for n in group.split(",")}
    name = f"{source}_references"
    try:
        refs = load_processed(name, processed_dir)
    except KeyError:
        return pd.DataFrame(columns=["ref", "cited_as", "entry", "note"])
    return refs[refs["ref"].isin(cited)].sort_values("ref").reset_index(drop=True)
