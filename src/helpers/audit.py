"""The claims verdicts as a report shows them: inconsistencies first, each with its location,
quote and gloss, explanation and the correction adopted for it, if any; the distinct problems
behind the inconsistencies; and the references the reasons cite."""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from helpers import paths
from helpers.claims.checks import INCONSISTENT, VERDICTS
from helpers.data import load_processed

#: Reading order of the verdicts (derived from the one definition, helpers.claims.checks.VERDICTS).
VERDICT_ORDER = {v: i for i, v in enumerate(VERDICTS)}

_CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def verdicts(source: str, processed_dir=paths.PROCESSED) -> pd.DataFrame:
    """Claims of ``source`` sorted inconsistencies first, with the correction that answers each."""
    claims = load_processed("claims", processed_dir)
    claims = claims[claims["source"] == source].copy()
    corrections = load_processed("corrections_applied", processed_dir)
    by_claim = {cid: row.correction_id for row in corrections.itertuples()
                for cid in row.claim_ids.split(";")}
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
        rows.append({"problem_id": pid, "source": source, "summary": summary,
                     "rows": len(group), "claim_ids": list(group["claim_id"])})
    return pd.DataFrame(rows, columns=["problem_id", "source", "summary", "rows", "claim_ids"])


def verdict_report(source: str, g, processed_dir=paths.PROCESSED) -> tuple[str, pd.DataFrame]:
    """What a report shows for ``source``: a one-line count per verdict with the distinct problems
    (markdown), and the verdict table with headers and verdicts in the glossary's language ``g``:
    claim id, location, quote and its English gloss, printed, reproduced, verdict, reason (and the
    correction adopted, if any), with the verdict id as its index (see :func:`verdict_table_html`)."""
    claims = verdicts(source, processed_dir)
    counts = verdict_counts(claims)
    n_problems = int(problem_counts(claims).get(source, 0))
    parts = []
    for v, n in counts.items():
        part = f"**{n}** {g(f'verdict.{v}')}"
        if v == INCONSISTENT and n:
            part += f" ({g('audit.problems', n=n_problems)})"
        parts.append(part)
    summary = ", ".join(parts) + f" (of {len(claims)} claims)."
    shown = claims.assign(verdict=[g(f"verdict.{v}") for v in claims["verdict"]])
    shown.index = pd.Index(claims["verdict"].to_numpy(), name="verdict_id")
    columns = ["claim_id", "location", "quote", "quote_en", "reported", "reproduced", "verdict", "reason"]
    if (claims["correction"] != "").any():
        columns.append("correction")
    table = g.columns(shown[columns], {
        "claim_id": "col.claim", "location": "col.location", "quote": "col.quote", "quote_en": "col.gloss",
        "reported": "col.reported", "reproduced": "col.reproduced", "verdict": "col.verdict",
        "reason": "col.reason", "correction": "col.correction"})
    return summary, table


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


def references_markdown(source: str, g, processed_dir=paths.PROCESSED) -> str:
    """The cited references as a markdown list under a heading in the glossary's language (empty
    text if the reasons cite none): ``- [7] <entry or note>``."""
    refs = cited_references(source, processed_dir)
    if refs.empty:
        return ""
    lines = [f"- [{r.ref}] {r.entry + ': ' if isinstance(r.entry, str) and r.entry else ''}{r.note}"
             for r in refs.itertuples()]
    return f"**{g('audit.references')}**\n\n" + "\n".join(lines)


def audit_finding(source: str, processed_dir=paths.PROCESSED) -> str:
    """One sentence for a report's key findings: how many of the source's claims are inconsistent
    (and in how many distinct problems), not verifiable and consistent."""
    claims = verdicts(source, processed_dir)
    counts = verdict_counts(claims)
    n_problems = int(problem_counts(claims).get(source, 0))
    return (f"Audit: of {int(counts.sum())} printed numbers and statements, {counts['inconsistent']} are inconsistent "
            f"({n_problems} distinct problem{'' if n_problems == 1 else 's'}), {counts['not_verifiable']} cannot be "
            f"verified and {counts['consistent']} are consistent.")
