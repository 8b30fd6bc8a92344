"""``python -m helpers.claims [--source S] [--verdict V]``: the audit as a readable table.

Inconsistencies come first, then not-verifiable claims, then consistent ones; a count per
source and verdict follows.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from helpers import paths
from helpers.claims.checks import VERDICTS
from helpers.claims.evaluate import evaluate_claims
from helpers.data import RawDataError

ORDER = {"inconsistent": 0, "not_verifiable": 1, "consistent": 2}


def sort_for_reading(frame):
    """Inconsistencies first; within a verdict, source order then file order (stable)."""
    key = frame["verdict"].map(ORDER) * 10 + frame["source"].map({s: i for i, s in enumerate(paths.SOURCES)})
    return frame.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k")


def render_table(frame, width: int = 100) -> str:
    lines = []
    for row in frame.itertuples(index=False):
        lines.append(f"{row.verdict.upper():<15} {row.claim_id}")
        lines.append(f"{'':<15} printed {row.reported} ({row.location})")
        for part in textwrap.wrap(row.reason, width - 16):
            lines.append(f"{'':<15} {part}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.claims", description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=paths.SOURCES)
    parser.add_argument("--verdict", choices=VERDICTS)
    args = parser.parse_args(argv)
    try:
        claims = evaluate_claims()
    except RawDataError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 1
    if args.source:
        claims = claims[claims["source"] == args.source]
    if args.verdict:
        claims = claims[claims["verdict"] == args.verdict]
    print(render_table(sort_for_reading(claims)))
    counts = (claims.groupby(["source", "verdict"]).size().unstack(fill_value=0)
              .reindex(columns=list(VERDICTS), fill_value=0))
    counts = counts.reindex([s for s in paths.SOURCES if s in counts.index])
    print("\nclaims per source and verdict:")
    print(counts.to_string())
    print(f"total: {len(claims)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
