"""The claims audit on the command line.

``python -m helpers.claims [list] [--source S] [--verdict V]``: the audit as a readable table,
inconsistencies first, then not-verifiable claims, then consistent ones; counts of claims per
source and verdict and of distinct problems follow.

``python -m helpers.claims trace CLAIM_ID``: the whole chain behind one claim (source quote,
raw rows with file and line, checks with their formulas and inputs, verdict, report row).
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from helpers import paths
from helpers.claims.checks import VERDICTS
from helpers.claims.evaluate import evaluate_claims
from helpers.data import RawDataError


def sort_for_reading(frame):
    """Inconsistencies first; within a verdict, source order then file order (stable)."""
    order = {v: i for i, v in enumerate(VERDICTS)}
    key = frame["verdict"].map(order) * 10 + frame["source"].map({s: i for i, s in enumerate(paths.SOURCES)})
    return frame.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k")


def render_table(frame, width: int = 100) -> str:
    lines = []
    for row in frame.itertuples(index=False):
        lines.append(f"{row.verdict.upper():<15} {row.claim_id}" + (f"  [{row.problem_id}]" if row.problem_id else ""))
        lines.append(f"{'':<15} printed {row.reported} ({row.location})")
        for part in textwrap.wrap(row.reason, width - 16):
            lines.append(f"{'':<15} {part}")
    return "\n".join(lines)


def _list(argv: list[str]) -> int:
    from helpers.audit import problem_counts, verdict_counts

    parser = argparse.ArgumentParser(
        prog="python -m helpers.claims [list]", description="The audit as a readable table, inconsistencies first."
    )
    parser.add_argument("--source", choices=paths.SOURCES)
    parser.add_argument("--verdict", choices=VERDICTS)
    args = parser.parse_args(argv)
    claims = evaluate_claims()
    if args.source:
        claims = claims[claims["source"] == args.source]
    if args.verdict:
        claims = claims[claims["verdict"] == args.verdict]
    print(render_table(sort_for_reading(claims)))
    sources = [s for s in paths.SOURCES if s in set(claims["source"])]
    counts = {s: verdict_counts(claims[claims["source"] == s]) for s in sources}
    problems = problem_counts(claims)
    print("\nclaims per source and verdict, and distinct problems:")
    print(f"{'source':<12}" + "".join(f"{v:>16}" for v in VERDICTS) + f"{'problems':>10}")
    for s in sources:
        print(f"{s:<12}" + "".join(f"{int(n):>16}" for n in counts[s]) + f"{int(problems.get(s, 0)):>10}")
    print(f"total: {len(claims)} claims, {int(problems.sum())} distinct problems")
    return 0


def _trace(argv: list[str]) -> int:
    from helpers.claims.trace import trace_text

    parser = argparse.ArgumentParser(prog="python -m helpers.claims trace", description="The whole chain behind one claim.")
    parser.add_argument("claim_id")
    args = parser.parse_args(argv)
    try:
        print(trace_text(args.claim_id))
    except KeyError as exc:
        print(f"claims: {exc.args[0]}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command, rest = (argv[0], argv[1:]) if argv and argv[0] in ("list", "trace") else ("list", argv)
    try:
        return _trace(rest) if command == "trace" else _list(rest)
    except RawDataError as exc:
        print(f"claims: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
