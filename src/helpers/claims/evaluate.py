"""Evaluate every claim of ``data/raw/<source>/claims.csv`` with its named check.

A claim's ``check`` column names one or more checks (``grim_percent & percent_sum``); its
``args`` column supplies their inputs through :mod:`helpers.claims.refs`. The result is the
claims table of ``data/processed/claims.csv``, in source order and then file order, with the
inputs each check used, the raw rows they came from (file:line), whether the check could have
failed, the kind of evidence it rests on (the evidence rule of :mod:`helpers.claims.provenance`:
the kind a claim declares must be the kind its check read, and the verdict one the rule allows),
and the problem the row
belongs to (``data/raw/problems.csv``) if it is inconsistent.

Whether a check could have failed is computed, not declared: each check says so for its inputs
(GRIM at n = 230 cannot), and a check that finds a claimed number consistent is run again on other
values the source could have printed (:func:`helpers.claims.checks.probe_values`). If none of them
would have been inconsistent, the check did not read the number (it checked its year, or the
table it belongs to), and for that number it is reported as not verifiable.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.claims import checks as c
from helpers.claims import provenance as ev
from helpers.claims.provenance import Provenance
from helpers.claims.refs import ArgsError, resolve, split_args
from helpers.data import RawDataError, datapackage, load_all

#: The first eleven columns are the original claims table; later ones are appended, never inserted.
OUTPUT_COLUMNS = [
    "claim_id",
    "source",
    "location",
    "quote",
    "statement_en",
    "reported",
    "value",
    "unit",
    "reproduced",
    "verdict",
    "reason",
    "quote_en",
    "check",
    "inputs",
    "evidence",
    "could_fail",
    "evidence_kind",
    "problem_id",
]

#: Unit of a claim that states something without a number (a ranking, a destination, a quality).
STATEMENT_UNIT = "statement"


def _list(x) -> list:
    return x if isinstance(x, list) else [x]


def _label(a: dict, default: str) -> str:
    return a.get("label", default)


def _args_for(check: str, args: dict) -> dict:
    """The args one check sees: ``<check>_label`` (e.g. ``sum_label``) overrides ``label`` for it."""
    own = f"{check}_label"
    return {**args, "label": args[own]} if own in args else args


def _text(x) -> str:
    """A cell that may be empty (None or NaN) as text."""
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


@dataclass(frozen=True)
class Use:
    """One raw row an argument of a check read."""

    arg: str
    resource: str
    file: str
    line: int
    column: str | None
    kind: ev.EvidenceKind | None  # None: the source's own table (or another claim)
    note: str

    @property
    def independent(self) -> bool | None:
        """Whether agreement with this row could reveal an error in the source (None: the source's own)."""
        return None if self.kind is None else self.kind is not ev.EvidenceKind.SAME_RELEASE


class Context:
    """What an adapter may ask about its arguments' provenance."""

    def __init__(self, uses: list[Use]):
        self.uses = uses

    def independence(self, arg: str) -> tuple[bool, str]:
        """(independent?, why not): an argument is independent if any external row it read is."""
        external = [u for u in self.uses if u.arg == arg and u.independent is not None]
        if not external or any(u.independent for u in external):
            return True, ""
        return False, "; ".join(dict.fromkeys(u.note for u in external))


@dataclass(frozen=True)
class Adapter:
    """A check function and how a claim's (value, decimals, args, context) call it."""

    function: Callable
    call: Callable


def _cross_source(v, d, a, ctx):
    independent, why = ctx.independence("reference")
    return c.check_cross_source(v, a["reference"], d, _label(a, "the reference"), independent, why)


def _implied_totals(v, d, a, ctx) -> c.Verdict:
    counts, shares = _list(a["counts"]), _list(a["shares"])
    count_dec, share_dec = _list(a["count_decimals"]), _list(a["share_decimals"])
    i = int(a["index"])
    intervals = [
        c.implied_total(n, p, a["count_unit"], int(cd), int(sd))
        for n, p, cd, sd in zip(counts, shares, count_dec, share_dec, strict=True)
    ]
    return c.check_implied_totals_agree(intervals[i], intervals[:i] + intervals[i + 1 :])


def _majority(v, d, a, ctx) -> c.Verdict:
    if "part" in a:
        shares, labels = [100.0 * float(a["part"]) / float(a["total"])], [a["share_label"]]
    else:
        shares, labels = _list(a["shares"]), _list(a["share_labels"])
    return c.check_majority(shares, labels, _label(a, "the data"))


def _denominator(v, d, a, ctx) -> c.Verdict:
    mode = a.get("mode", "named")
    if mode not in ("named", "bound"):
        raise ValueError(f'mode must be "named" or "bound", got {mode!r}')
    part = a.get("part")
    half = c.half_unit(int(a["part_decimals"])) * float(a.get("part_unit", 1)) if "part_decimals" in a else 0.0
    return c.check_denominator(
        v,
        d,
        None if part is None else float(part) * float(a.get("part_unit", 1)),
        float(a["base"]),
        a["base_label"],
        half,
        mode == "bound",
        a.get("wording", ""),
    )


def _composition(v, d, a, ctx) -> c.Verdict:
    # The population's categories are grouped into the sample's through a crosswalk table.
    totals = dict.fromkeys(_list(a["labels"]), 0.0)
    mapping = dict(zip(_list(a["crosswalk_from"]), _list(a["crosswalk_to"]), strict=True))
    for label, count in zip(_list(a["population_labels"]), _list(a["population"]), strict=True):
        if label not in mapping or mapping[label] not in totals:
            raise ValueError(f"population category {label!r} has no sample category in the crosswalk")
        totals[mapping[label]] += float(count)
    result = c.check_composition(
        _list(a["sample"]), int(a["sample_decimals"]), int(a["n"]), list(totals.values()), _list(a["labels"]), float(a["alpha"])
    )
    return _representative(result, a)


def _flag(a: dict, name: str) -> bool:
    value = a.get(name, "no")
    if value not in ("yes", "no"):
        raise ValueError(f'{name} must be "yes" or "no", got {value!r}')
    return value == "yes"


def _representative(result: c.Verdict, a: dict) -> c.Verdict:
    """A representativeness test (composition, coverage) judged by the one rule,
    :func:`checks.judge_representativeness`: its args name the reference population and its limits."""
    for name in ("reference", "limits", "reference_is_claimed", "by_design"):
        if name not in a:
            raise KeyError(f"{name!r}: a representativeness check must name its reference population and its limits")
    return c.judge_representativeness(
        result, a["reference"], a["limits"], _flag(a, "reference_is_claimed"), _flag(a, "by_design")
    )


def _coverage(v, d, a, ctx) -> c.Verdict:
    result = c.check_coverage(
        int(a["n"]),
        [str(s) for s in _list(a["sampled"])],
        [str(s) for s in _list(a["strata"])],
        _list(a["shares"]),
        [int(s) for s in _list(a["decimals"])],
        [str(s) for s in _list(a["labels"])],
        float(a["alpha"]),
    )
    return _representative(result, a)


def _sample_majority(v, d, a, ctx) -> c.Verdict:
    # The printed value is the complement ('only 39 %') when the claim has one; a statement
    # without a number ('most do not plan to stay') names it in ``complement``.
    complement = v if v is not None else float(a["complement"])
    decimals = d if v is not None else int(a["complement_decimals"])
    return c.check_sample_majority(
        complement,
        decimals,
        int(a["n"]),
        float(a["alpha"]),
        float(a.get("deff", 1.0)),
        a.get("method", "wilson"),
        _label(a, "respondents outside the category"),
    )


ADAPTERS: dict[str, Adapter] = {
    "exact": Adapter(c.check_exact, lambda v, d, a, x: c.check_exact(v, a["expected"], _label(a, "the data"))),
    "rounded": Adapter(c.check_rounded, lambda v, d, a, x: c.check_rounded(v, a["expected"], d, _label(a, "the data"))),
    "difference": Adapter(
        c.check_difference,
        lambda v, d, a, x: c.check_difference(v, a["minuend"], a["subtrahend"], _label(a, "minuend - subtrahend")),
    ),
    "sum": Adapter(c.check_sum, lambda v, d, a, x: c.check_sum(v, _list(a["parts"]), _label(a, "sum of parts"))),
    "percent_sum": Adapter(c.check_percent_sum, lambda v, d, a, x: c.check_percent_sum(_list(a["parts"]), d)),
    "share": Adapter(c.check_share, lambda v, d, a, x: c.check_share(v, a["part"], a["total"], d, _label(a, "part / total"))),
    "percent_change": Adapter(
        c.check_percent_change,
        lambda v, d, a, x: c.check_percent_change(
            v,
            a["new"],
            _list(a["old"]),
            d,
            _list(a["old_rounding"]) if "old_rounding" in a else None,
            a["old_labels"].split("|") if "old_labels" in a else None,
        ),
    ),
    "grim_percent": Adapter(c.check_grim_percent, lambda v, d, a, x: c.check_grim_percent(v, int(a["n"]), d)),
    "grim_mean": Adapter(c.check_grim_mean, lambda v, d, a, x: c.check_grim_mean(v, int(a["n"]), d, int(a.get("items", 1)))),
    "verbal_fraction": Adapter(
        c.check_verbal_fraction,
        lambda v, d, a, x: c.check_verbal_fraction(
            int(a["n"]), int(a["numerator"]), int(a["denominator"]), _flag(a, "approximate"), _label(a, "respondents")
        ),
    ),
    "restated": Adapter(
        c.check_restated, lambda v, d, a, x: c.check_restated(v, int(a["year"]), a["other"], int(a["other_year"]))
    ),
    "relative_year": Adapter(
        c.check_relative_year, lambda v, d, a, x: c.check_relative_year(int(a["year"]), int(a["anchor"]), int(a["offset"]))
    ),
    "stated_year": Adapter(
        c.check_stated_year,
        lambda v, d, a, x: c.check_stated_year(
            v, int(a["year"]), dict(zip(map(int, _list(a["years"])), _list(a["series"]), strict=True))
        ),
    ),
    "cross_source": Adapter(c.check_cross_source, _cross_source),
    "lower_bound": Adapter(c.check_lower_bound, lambda v, d, a, x: c.check_lower_bound(v, a["actual"], _label(a, "the data"))),
    "count": Adapter(c.check_count, lambda v, d, a, x: c.check_count(v, _list(a["items"]), _label(a, "items listed"))),
    "named_set": Adapter(
        c.check_named_set, lambda v, d, a, x: c.check_named_set(_list(a["named"]), _list(a["found"]), _label(a, "the data"))
    ),
    "proportional": Adapter(
        c.check_proportional,
        lambda v, d, a, x: c.check_proportional(
            v, a["multiplier"], a["numerator"], a["denominator"], d, _label(a, "multiplier × numerator / denominator")
        ),
    ),
    "implied_totals_agree": Adapter(c.check_implied_totals_agree, _implied_totals),
    "period": Adapter(
        c.check_period,
        lambda v, d, a, x: c.check_period(int(v), a["bound"], [int(y) for y in _list(a["years"])], _label(a, "the table")),
    ),
    "ranking": Adapter(
        c.check_ranking,
        lambda v, d, a, x: c.check_ranking([str(s) for s in _list(a["labels"])], _list(a["values"]), _label(a, "the data")),
    ),
    "leads": Adapter(
        c.check_leads,
        lambda v, d, a, x: c.check_leads(
            [str(s) for s in _list(a["named"])], [str(s) for s in _list(a["labels"])], _list(a["values"]), _label(a, "the data")
        ),
    ),
    "majority": Adapter(c.check_majority, _majority),
    "net_gain": Adapter(
        c.check_net_gain,
        lambda v, d, a, x: c.check_net_gain(
            _list(a["nets"]), [int(y) for y in _list(a["years"])], _label(a, "the place"), a.get("scope_note", "")
        ),
    ),
    "denominator": Adapter(c.check_denominator, _denominator),
    "composition": Adapter(c.check_composition, _composition),
    "coverage": Adapter(c.check_coverage, _coverage),
    "sample_majority": Adapter(c.check_sample_majority, _sample_majority),
    "unit_value_year": Adapter(
        c.check_unit_value_year,
        lambda v, d, a, x: c.check_unit_value_year(
            int(v), float(a["amount"]), float(a["units"]), _list(a["valid_from"]), _list(a["values"]), _label(a, "the MCI")
        ),
    ),
    "not_verifiable": Adapter(c.check_not_verifiable, lambda v, d, a, x: c.check_not_verifiable(a["reason"])),
}

#: Checks of a statement without a number (a ranking, who leads, a majority, a net gain, a sample's
#: make-up): the only checks a claim with no printed value may name, since every other check is
#: only a check of the claim when it reads the claim's number (see :meth:`Evaluator._anchored`).
STATEMENT_CHECKS = {
    "ranking",
    "leads",
    "majority",
    "net_gain",
    "named_set",
    "composition",
    "coverage",
    "sample_majority",
    "not_verifiable",
}

#: Checks that weigh the independence of their evidence themselves; any other check given only
#: non-independent external evidence is refused.
INDEPENDENCE_AWARE = {"cross_source"}


def printed_value(value) -> str:
    """A claim's value as text with every digit: 1023573 -> ``1023573``, 85.5 -> ``85.5``, NaN -> ``""``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _show(x) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(_show(i) for i in x) + "]"
    if isinstance(x, float):
        return printed_value(x)
    return str(x)


@dataclass(frozen=True)
class Evaluation:
    """One claim evaluated: its raw row, the checks run, their inputs, the rows read and the verdicts."""

    claim: dict
    checks: tuple[str, ...]
    inputs: dict
    uses: tuple[Use, ...]
    results: tuple[c.Verdict, ...]
    result: c.Verdict

    @property
    def evidence_kind(self) -> ev.EvidenceKind:
        """The kind of evidence the checks read (:func:`helpers.claims.provenance.claim_kind`)."""
        return ev.claim_kind([u.kind for u in self.uses if u.kind is not None], any(u.kind is None for u in self.uses))

    def row(self) -> dict:
        claim = self.claim
        lines: dict[str, list[int]] = {}
        for u in self.uses:
            if u.line not in lines.setdefault(u.file, []):
                lines[u.file].append(u.line)
        shown = {k: v for k, v in self.inputs.items() if k not in ("reason", "wording") and not k.endswith("label")}
        return {
            **{k: claim[k] for k in ("claim_id", "source", "location", "quote", "statement_en", "reported", "unit")},
            "value": printed_value(claim["value"]),
            "reproduced": self.result.reproduced,
            "verdict": self.result.verdict,
            "reason": ev.qualify_reason(self.evidence_kind, self.result.verdict, self.result.reason),
            "quote_en": claim["quote_en"],
            "check": claim["check"],
            "inputs": "; ".join(f"{k}={_show(v)}" for k, v in shown.items()),
            "evidence": "; ".join(f"{f}:{','.join(map(str, ls))}" for f, ls in lines.items()),
            "could_fail": self.result.could_fail,
            "evidence_kind": self.evidence_kind.value,
            "problem_id": _text(claim["problem_id"]),
        }


class Evaluator:
    """Evaluates the claims of one raw directory (tables, provenance and claims loaded once)."""

    def __init__(self, raw_dir: Path = paths.RAW):
        self.tables = load_all(raw_dir)
        self.provenance = Provenance(datapackage(raw_dir))
        frames = []
        for source in paths.SOURCES:
            name = f"{source}_claims"
            if name in self.tables:
                frames.append(
                    self.tables[name].assign(
                        src_file=f"data/raw/{source}/claims.csv", src_line=range(2, len(self.tables[name]) + 2)
                    )
                )
        self.claims = pd.concat(frames, ignore_index=True)
        dup = self.claims["claim_id"][self.claims["claim_id"].duplicated()]
        if len(dup):
            raise RawDataError(f"claims: claim_id {dup.iloc[0]!r} is used twice; expected unique ids across sources")
        self.values = dict(zip(self.claims["claim_id"], self.claims["value"], strict=True))
        self.lines = dict(
            zip(self.claims["claim_id"], zip(self.claims["src_file"], self.claims["src_line"], strict=True), strict=True)
        )

    def _claim_value(self, claim_id: str) -> float:
        if claim_id not in self.values:
            raise ArgsError(f"@{claim_id} is not a known claim")
        return self.values[claim_id]

    def evaluate(self, claim: dict) -> Evaluation:
        where = f"{claim['src_file']}, line {claim['src_line']}"
        source = claim["source"]
        if not str(claim["claim_id"]).startswith(f"{source}."):
            raise RawDataError(f"{where}, column 'claim_id': {claim['claim_id']!r} should start with '{source}.'")
        value = claim["value"]
        if pd.isna(value) and claim["unit"] != STATEMENT_UNIT:
            raise RawDataError(f"{where}, column 'value': empty; expected a number (only unit {STATEMENT_UNIT!r} may have none)")
        names = tuple(n.strip() for n in claim["check"].split("&"))
        for n in names:
            if n not in ADAPTERS:
                raise RawDataError(f"{where}, column 'check': unknown check {n!r}; expected one of {', '.join(sorted(ADAPTERS))}")
            if pd.isna(value) and n not in STATEMENT_CHECKS:
                raise RawDataError(
                    f"{where}, column 'check': {n!r} checks a printed number and this claim has none; "
                    f"expected one of {', '.join(sorted(STATEMENT_CHECKS))}"
                )
        uses: list[Use] = []
        try:
            args = {}
            for name, expr in split_args(claim["args"]).items():
                if expr.strip() == f"@{claim['claim_id']}":
                    raise ArgsError(f"{name!r} is the claim itself; a claim cannot be checked against its own value")
                args[name] = resolve(expr, self.tables, self._claim_value, self._recorder(name, source, uses))
            ctx = Context(uses)
            for name in args:
                if ctx.independence(name)[0] is False and not set(names) & INDEPENDENCE_AWARE:
                    raise ArgsError(
                        f"{name!r} reads only evidence that is not independent of {source}, "
                        f"which check(s) {', '.join(names)} cannot weigh; use cross_source"
                    )
            v = None if pd.isna(value) else float(value)
            d = int(claim["decimals"])
            results = tuple(
                self._anchored(ADAPTERS[n].call, ADAPTERS[n].call(v, d, _args_for(n, args), ctx), v, d, _args_for(n, args), ctx)
                for n in names
            )
        except (ArgsError, KeyError, TypeError, ValueError) as exc:
            raise RawDataError(f"{where}, column 'args': {type(exc).__name__}: {exc}") from None
        evaluation = Evaluation(claim, names, args, tuple(uses), results, c.combine(results))
        declared = ev.kind_of(str(claim.get("evidence_kind", "")), f"{where}, column 'evidence_kind'")
        if declared is not evaluation.evidence_kind:
            raise RawDataError(
                f"{where}, column 'evidence_kind': {declared.value!r}, but its check reads evidence of kind "
                f"{evaluation.evidence_kind.value!r}; expected {evaluation.evidence_kind.value!r}"
            )
        breach = ev.rule_breach(declared.value, evaluation.result.verdict, evaluation.row()["reason"])
        if breach:
            raise RawDataError(f"{where}, column 'evidence_kind': the evidence rule is broken: {breach}")
        return evaluation

    @staticmethod
    def _anchored(call: Callable, result: c.Verdict, v: float | None, d: int, args: dict, ctx: Context) -> c.Verdict:
        """``result``, unless it is consistent for a claimed number and would be for every other value
        the source could have printed (:func:`checks.probe_values`): then the check could not have
        failed for this number, which it reports as not verifiable (:func:`checks.value_unchecked`)."""
        if v is None or result.verdict != c.CONSISTENT:
            return result
        if any(call(p, d, args, ctx).verdict == c.INCONSISTENT for p in c.probe_values(v, d)):
            return result
        return c.value_unchecked(result, c.fmt(v, d))

    def _recorder(self, arg: str, source: str, uses: list[Use]):
        def record(table: str, rows, column):
            if table == "@":
                file, line = self.lines[rows]
                uses.append(Use(arg, f"{source}_claims", file, int(line), "value", None, ""))
                return
            frame = self.tables[table]
            for position in rows:
                ind = self.provenance.evidence(table, source, frame.iloc[position])
                uses.append(
                    Use(
                        arg,
                        table,
                        self.provenance.paths[table],
                        Provenance.line(position),
                        column,
                        None if ind is None else ind.kind,
                        "" if ind is None else ind.reason,
                    )
                )

        return record

    def evaluate_all(self) -> list[Evaluation]:
        return [self.evaluate(claim) for claim in self.claims.to_dict("records")]

    def find(self, claim_id: str) -> dict:
        rows = self.claims[self.claims["claim_id"] == claim_id]
        if rows.empty:
            raise KeyError(f"no claim {claim_id!r}; ids look like batken.table1.arrivals.2021")
        return rows.iloc[0].to_dict()


#: Prefix of the problem id an inconsistent claim gets when data/raw/problems.csv has none for it.
UNEXPLAINED = "unexplained."


def check_problems(table: pd.DataFrame, problems: pd.DataFrame, lines: dict) -> None:
    """Every problem id a claim names is a problem of its own source in ``data/raw/problems.csv``
    (a typo there is an error in the raw data, stopped with file, line and column)."""
    known = dict(zip(problems["problem_id"], problems["source"], strict=True))
    for row in table.itertuples(index=False):
        pid = row.problem_id
        if pid and known.get(pid) != row.source:
            file, line = lines[row.claim_id]
            raise RawDataError(
                f"{file}, line {line}, column 'problem_id': {pid!r} is not a problem of source "
                f"{row.source!r} in data/raw/problems.csv"
            )


def reconcile_problems(table: pd.DataFrame) -> pd.DataFrame:
    """Problem ids as the verdicts now stand, so that an edit of the raw data never stops the build:
    an inconsistent claim that names no problem becomes a problem of its own, ``unexplained.<claim
    id>`` (explained by its reason alone); a claim that is no longer inconsistent drops its problem.
    tests/claims/test_evaluate.py checks that the committed data need neither."""
    out = table.copy()
    inconsistent = out["verdict"] == c.INCONSISTENT
    missing = inconsistent & (out["problem_id"] == "")
    out.loc[missing, "problem_id"] = UNEXPLAINED + out.loc[missing, "claim_id"]
    out.loc[~inconsistent, "problem_id"] = ""
    return out


def evaluate_claims(raw_dir: Path = paths.RAW) -> pd.DataFrame:
    """Every claim of the three sources with its reproduced value, verdict, reason and provenance."""
    evaluator = Evaluator(raw_dir)
    out = pd.DataFrame([e.row() for e in evaluator.evaluate_all()], columns=OUTPUT_COLUMNS)
    check_problems(out, evaluator.tables["problems"], evaluator.lines)
    return reconcile_problems(out)


def claims_table_text(raw_dir: Path = paths.RAW) -> str:
    """``data/processed/claims.csv`` as deterministic CSV text."""
    return evaluate_claims(raw_dir).to_csv(index=False, lineterminator="\n")
