"""Evaluate every claim of ``data/raw/<source>/claims.csv`` with its named check.

A claim's ``check`` column names one or more checks (``grim_percent & percent_sum``); its
``args`` column supplies their inputs through :mod:`helpers.claims.refs`. The result is the
claims table of ``data/processed/claims.csv``, in source order and then file order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.claims import checks as c
from helpers.claims.refs import ArgsError, resolve, split_args
from helpers.data import RawDataError, load_all

OUTPUT_COLUMNS = ["claim_id", "source", "location", "quote", "statement_en", "reported", "value",
                  "unit", "reproduced", "verdict", "reason"]


def _list(x) -> list:
    return x if isinstance(x, list) else [x]


def _label(a: dict, default: str) -> str:
    return a.get("label", default)


# Adapters: (printed value, printed decimals, resolved args) -> Verdict.
ADAPTERS = {
    "exact": lambda v, d, a: c.check_exact(v, a["expected"], _label(a, "the data")),
    "rounded": lambda v, d, a: c.check_rounded(v, a["expected"], d, _label(a, "the data")),
    "difference": lambda v, d, a: c.check_difference(v, a["minuend"], a["subtrahend"],
                                                     _label(a, "minuend - subtrahend")),
    "sum": lambda v, d, a: c.check_sum(v, _list(a["parts"]), _label(a, "sum of parts")),
    "percent_sum": lambda v, d, a: c.check_percent_sum(_list(a["parts"]), d),
    "share": lambda v, d, a: c.check_share(v, a["part"], a["total"], d, _label(a, "part / total")),
    "percent_change": lambda v, d, a: c.check_percent_change(
        v, a["new"], _list(a["old"]), d, _list(a["old_rounding"]) if "old_rounding" in a else None,
        a["old_labels"].split("|") if "old_labels" in a else None),
    "grim_percent": lambda v, d, a: c.check_grim_percent(v, int(a["n"]), d),
    "grim_mean": lambda v, d, a: c.check_grim_mean(v, int(a["n"]), d, int(a.get("items", 1))),
    "restated": lambda v, d, a: c.check_restated(v, int(a["year"]), a["other"], int(a["other_year"])),
    "stated_year": lambda v, d, a: c.check_stated_year(
        v, int(a["year"]), dict(zip(map(int, _list(a["years"])), _list(a["series"]), strict=True))),
    "cross_source": lambda v, d, a: c.check_cross_source(v, a["reference"], d, _label(a, "the reference")),
    "lower_bound": lambda v, d, a: c.check_lower_bound(v, a["actual"], _label(a, "the data")),
    "count": lambda v, d, a: c.check_count(v, _list(a["items"]), _label(a, "items listed")),
    "proportional": lambda v, d, a: c.check_proportional(
        v, a["multiplier"], a["numerator"], a["denominator"], d, _label(a, "multiplier × numerator / denominator")),
    "implied_totals_agree": lambda v, d, a: _implied_totals(a),
    "not_verifiable": lambda v, d, a: c.check_not_verifiable(a["reason"]),
}


def _implied_totals(a: dict) -> c.Verdict:
    counts, shares = _list(a["counts"]), _list(a["shares"])
    count_dec, share_dec = _list(a["count_decimals"]), _list(a["share_decimals"])
    i = int(a["index"])
    intervals = [c.implied_total(n, p, a["count_unit"], int(cd), int(sd))
                 for n, p, cd, sd in zip(counts, shares, count_dec, share_dec, strict=True)]
    return c.check_implied_totals_agree(intervals[i], intervals[:i] + intervals[i + 1:])


def evaluate_claims(raw_dir: Path = paths.RAW) -> pd.DataFrame:
    """Every claim of the three sources with its reproduced value, verdict and reason."""
    tables = load_all(raw_dir)
    frames = []
    for source in paths.SOURCES:
        name = f"{source}_claims"
        if name in tables:
            frames.append(tables[name].assign(src_file=f"data/raw/{source}/claims.csv",
                                              src_line=range(2, len(tables[name]) + 2)))
    claims = pd.concat(frames, ignore_index=True)
    values = dict(zip(claims["claim_id"], claims["value"], strict=True))
    dup = claims["claim_id"][claims["claim_id"].duplicated()]
    if len(dup):
        raise RawDataError(f"claims: claim_id {dup.iloc[0]!r} is used twice; expected unique ids across sources")

    def claim_value(claim_id: str) -> float:
        if claim_id not in values:
            raise ArgsError(f"@{claim_id} is not a known claim")
        return values[claim_id]

    rows = []
    for row in claims.itertuples(index=False):
        where = f"{row.src_file}, line {row.src_line}"
        if not str(row.claim_id).startswith(f"{row.source}."):
            raise RawDataError(f"{where}, column 'claim_id': {row.claim_id!r} should start with '{row.source}.'")
        names = [n.strip() for n in row.check.split("&")]
        for n in names:
            if n not in ADAPTERS:
                raise RawDataError(f"{where}, column 'check': unknown check {n!r}; expected one of {', '.join(sorted(ADAPTERS))}")
        try:
            args = {k: resolve(e, tables, claim_value) for k, e in split_args(row.args).items()}
            result = c.combine([ADAPTERS[n](row.value, int(row.decimals), args) for n in names])
        except (ArgsError, KeyError, TypeError, ValueError) as exc:
            raise RawDataError(f"{where}, column 'args': {type(exc).__name__}: {exc}") from None
        rows.append({**{k: getattr(row, k) for k in OUTPUT_COLUMNS if hasattr(row, k)},
                     "reproduced": result.reproduced, "verdict": result.verdict, "reason": result.reason})
    out = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    out["value"] = [f"{v:g}" if abs(v) < 1e15 else repr(v) for v in out["value"]]
    return out


def claims_table_text(raw_dir: Path = paths.RAW) -> str:
    """``data/processed/claims.csv`` as deterministic CSV text."""
    return evaluate_claims(raw_dir).to_csv(index=False, lineterminator="\n")
