"""The whole chain behind one claim, as text: where the source says it, the raw rows the checks
read (file and line), each check with its formula and inputs, the verdict and its reason, the
problem and correction it belongs to, and the report row that shows it."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path

from helpers import paths
from helpers.claims.evaluate import ADAPTERS, Evaluator, printed_value


def _wrap(label: str, text: str, width: int = 100) -> list[str]:
    lines = textwrap.wrap(str(text), width - 13) or [""]
    return [f"{label:<12} {lines[0]}"] + [f"{'':<12} {line}" for line in lines[1:]]


def _file_line(root: Path, file: str, line: int) -> str:
    try:
        return (root / file).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return "(line not found)"


def trace_text(claim_id: str, raw_dir: Path = paths.RAW, root: Path = paths.ROOT, evaluator: Evaluator | None = None) -> str:
    """Everything that makes ``claim_id``'s verdict, in reading order. Unknown ids raise KeyError.
    ``evaluator``: one already made for ``raw_dir``, to trace many claims reading the tables once."""
    from helpers.audit import claim_anchor, report_page

    evaluator = Evaluator(raw_dir) if evaluator is None else evaluator
    claim = evaluator.find(claim_id)
    e = evaluator.evaluate(claim)
    out = [
        f"{'claim':<12} {claim_id} ({claim['src_file']}, line {claim['src_line']})",
        *_wrap("location", f"{claim['source']}: {claim['location']}"),
        *_wrap("quote", claim["quote"]),
        *_wrap("gloss", claim["quote_en"]),
        *_wrap("statement", claim["statement_en"]),
        *_wrap(
            "printed",
            f"{claim['reported']} (value {printed_value(claim['value']) or 'none'}, unit {claim['unit']}, "
            f"{claim['decimals']} decimal(s))",
        ),
        "",
        "raw rows read:",
    ]
    if not e.uses:
        out.append("  none")
    for u in e.uses:
        out.append(f"  {u.arg:<11} {u.file}:{u.line}  {_file_line(root, u.file, u.line)}")
        if u.independent is not None:
            out.append(f"  {'':<11} evidence on {claim['source']}: {u.kind.value} ({u.note})")
    out += ["", *_wrap("inputs", "; ".join(f"{k}={v}" for k, v in e.inputs.items()) or "none")]
    for name, result in zip(e.checks, e.results, strict=True):
        fn = ADAPTERS[name].function
        out += ["", f"check {name}: {fn.__module__}.{fn.__name__}{inspect.signature(fn)}"]
        out += [f"  {line}" for line in (inspect.getdoc(fn) or "").splitlines()]
        out += _wrap(
            "  result",
            f"{result.verdict} (could fail: {'yes' if result.could_fail else 'no'}); "
            f"reproduced {result.reproduced or 'nothing'}; {result.reason}",
        )
    row = e.row()
    out += [
        "",
        *_wrap(
            "verdict",
            f"{row['verdict']} (could fail: {'yes' if row['could_fail'] else 'no'}; evidence: {row['evidence_kind']})",
        ),
        *_wrap("reproduced", row["reproduced"] or "nothing"),
        *_wrap("reason", row["reason"]),
    ]
    problems = evaluator.tables["problems"].set_index("problem_id")["summary"]
    if row["problem_id"]:
        out += _wrap("problem", f"{row['problem_id']}: {problems[row['problem_id']]}")
    for corr in evaluator.tables["corrections"].itertuples():
        if claim_id in corr.claim_ids.split(";"):
            out += _wrap(
                "correction",
                f"{corr.correction_id}: {corr.printed} -> {corr.adopted} in {corr.resource} "
                f"({corr.row_key}, {corr.column}); {corr.reason}",
            )
    out += _wrap("report", f"{report_page(claim['source'])}#{claim_anchor(claim_id)}")
    return "\n".join(out)
