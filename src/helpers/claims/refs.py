"""Resolve the ``args`` of a claim: references into the raw tables, in a small syntax.

``args`` is ``name=EXPR; name=EXPR``. An EXPR is one of

- ``table[filters].column``: the cells of ``column`` (default ``value``) in the rows of raw
  table ``table`` (a datapackage resource name) that pass every filter; one row gives a
  number, several give a list. Filters are ``col=v`` (``col=v|w`` for alternatives),
  ``col>v`` or ``col<v``, separated by commas; ``table`` alone takes every row;
- ``sum(EXPR)``: the sum of a list;
- ``@claim_id``: the printed value of another claim;
- a number, or text in double quotes (labels, reasons).

References read the raw tables as printed: the audit checks what the sources say. Pass a
``record`` callable to learn which rows each expression read (for provenance and trace):
it is called with ``(table, row_positions, column)``, or ``("@", claim_id, None)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

_REF = re.compile(r"^(?P<table>[a-z0-9_]+)(?:\[(?P<filters>[^\]]*)\])?(?:\.(?P<column>[a-z0-9_]+))?$")
_FILTER = re.compile(r"^(?P<col>[a-z0-9_]+)\s*(?P<op>[=<>])\s*(?P<val>.+)$")


class ArgsError(ValueError):
    """An ``args`` expression that cannot be resolved; the message says why."""


def split_args(text: str) -> dict[str, str]:
    """``"a=x[k=v]; b=2"`` -> ``{"a": "x[k=v]", "b": "2"}`` (``;`` inside quotes is kept)."""
    out: dict[str, str] = {}
    for raw_part in re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', text or ""):
        part = raw_part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ArgsError(f"{part!r} is not name=expression")
        name, expr = part.split("=", 1)
        out[name.strip()] = expr.strip()
    return out


def _select(frame: pd.DataFrame, filters: str, table: str) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for item in filter(None, (f.strip() for f in (filters or "").split(","))):
        match = _FILTER.match(item)
        if not match or match["col"] not in frame.columns:
            raise ArgsError(f"bad filter {item!r} on {table} (columns: {', '.join(frame.columns)})")
        col, op, val = match["col"], match["op"], match["val"].strip()
        if op == "=":
            mask &= frame[col].astype(str).isin(val.split("|"))
        else:
            number = pd.to_numeric(frame[col], errors="coerce")
            mask &= number > float(val) if op == ">" else number < float(val)
    return frame[mask]


def resolve(
    expr: str,
    tables: dict[str, pd.DataFrame],
    claim_value: Callable[[str], float],
    record: Callable[[str, object, str | None], None] | None = None,
):
    """Evaluate one EXPR (see module docstring) to a number, text or list."""
    expr = expr.strip()
    if expr.startswith('"') and expr.endswith('"'):
        return expr[1:-1]
    if expr.startswith("sum(") and expr.endswith(")"):
        inner = resolve(expr[4:-1], tables, claim_value, record)
        return float(sum(inner if isinstance(inner, list) else [inner]))
    if expr.startswith("@"):
        value = claim_value(expr[1:])
        if record:
            record("@", expr[1:], None)
        return value
    try:
        return float(expr)
    except ValueError:
        pass
    match = _REF.match(expr)
    if not match or match["table"] not in tables:
        raise ArgsError(f"{expr!r} is not a reference to a known table")
    frame = tables[match["table"]]
    column = match["column"] or "value"
    if column not in frame.columns:
        raise ArgsError(f"{expr!r}: table {match['table']} has no column {column!r}")
    rows = _select(frame, match["filters"], match["table"])
    if rows.empty:
        raise ArgsError(f"{expr!r} selects no row")
    if record:
        record(match["table"], [frame.index.get_loc(i) for i in rows.index], column)
    values = [v.item() if hasattr(v, "item") else v for v in rows[column].tolist()]
    return values[0] if len(values) == 1 and match["filters"] and "|" not in match["filters"] else values
