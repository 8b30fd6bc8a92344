"""One small function per kind of consistency check (in the spirit of R's scrutiny).

Each function takes the reported number and what the data say, and returns a
:class:`Verdict`: the reproduced value (as text), the verdict and a one-line reason.
Verdicts are exactly ``consistent``, ``inconsistent`` and ``not_verifiable``; they are
only ever computed here, never typed into a data file.

Rounding-aware comparisons treat a number printed with ``d`` decimals as standing for any
true value within half a unit of its last digit: ``|true - printed| <= 0.5 * 10**-d``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.indices import percent_change
from helpers.rounding import EPS as _EPS
from helpers.rounding import grim_counts, half_unit, implied_base, rounds_to

CONSISTENT, INCONSISTENT, NOT_VERIFIABLE = "consistent", "inconsistent", "not_verifiable"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_VERIFIABLE)


@dataclass(frozen=True)
class Verdict:
    reproduced: str
    verdict: str
    reason: str

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, got {self.verdict!r}")


def fmt(x: float, decimals: int | None = None) -> str:
    """Readable number: thousands separators, ``decimals`` places (default: as needed)."""
    if decimals is None:
        if float(x).is_integer():
            return f"{int(x):,}"
        decimals = 2
    return f"{x:,.{decimals}f}"


def term(x: float) -> str:
    """A number as a term of a sum: negatives in parentheses, ``931 + (-620)``."""
    return f"({fmt(x)})" if x < 0 else fmt(x)






def _verdict(ok: bool) -> str:
    return CONSISTENT if ok else INCONSISTENT


def check_exact(reported: float, expected: float, what: str = "the data") -> Verdict:
    """Exact match: reported == expected (counts, or a number restated elsewhere)."""
    ok = math.isclose(reported, expected, abs_tol=_EPS)
    reason = f"equals {what}" if ok else f"{what} gives {fmt(expected)}, not {fmt(reported)}"
    return Verdict(fmt(expected), _verdict(ok), reason)


def check_rounded(reported: float, exact_value: float, decimals: int, what: str = "the data") -> Verdict:
    """Rounding-aware match: |exact_value - reported| <= 0.5 * 10**-decimals."""
    ok = rounds_to(exact_value, reported, decimals)
    shown = fmt(exact_value, decimals + 2)
    reason = (f"{what} gives {shown}, which rounds to the printed {fmt(reported, decimals)}" if ok
              else f"{what} gives {shown}; printed {fmt(reported, decimals)} is off by more than rounding")
    return Verdict(shown, _verdict(ok), reason)


def check_difference(reported: float, minuend: float, subtrahend: float,
                     what: str = "minuend - subtrahend") -> Verdict:
    """Difference identity, e.g. net = arrivals - departures."""
    value = minuend - subtrahend
    ok = math.isclose(reported, value, abs_tol=_EPS)
    reason = (f"{what} = {term(minuend)} - {term(subtrahend)} = {fmt(value)}"
              + ("" if ok else f", not {fmt(reported)}"))
    return Verdict(fmt(value), _verdict(ok), reason)


def check_sum(reported: float, parts: Sequence[float], what: str = "sum of parts") -> Verdict:
    """Sum identity, e.g. total = male + female."""
    value = float(sum(parts))
    ok = math.isclose(reported, value, abs_tol=_EPS)
    reason = (f"{what} = {' + '.join(term(p) for p in parts)} = {fmt(value)}"
              + ("" if ok else f", not {fmt(reported)}"))
    return Verdict(fmt(value), _verdict(ok), reason)


def check_percent_sum(percentages: Sequence[float], decimals: int, total: float = 100.0) -> Verdict:
    """Single-response shares sum to 100 % within rounding: |sum - 100| <= k * 0.5 * 10**-d."""
    value = float(sum(percentages))
    slack = len(percentages) * half_unit(decimals)
    ok = abs(value - total) <= slack + _EPS
    reason = (f"the {len(percentages)} shares sum to {fmt(value, decimals)} %"
              + (f", within rounding (±{fmt(slack, decimals + 1)}) of {fmt(total)}" if ok
                 else f", more than rounding (±{fmt(slack, decimals + 1)}) away from {fmt(total)}"))
    return Verdict(fmt(value, decimals), _verdict(ok), reason)


def check_share(reported_pct: float, part: float, total: float, decimals: int,
                what: str = "part / total") -> Verdict:
    """Share of a total: 100 * part / total, compared at the printed precision."""
    value = 100.0 * part / total
    return check_rounded(reported_pct, value, decimals,
                         f"100 × {what} = 100 × {fmt(part)} / {fmt(total)}")




def check_percent_change(reported_pct: float, new: float, bases: Sequence[float], decimals: int,
                         base_rounding: Sequence[float] | None = None,
                         labels: Sequence[str] | None = None) -> Verdict:
    """Percent change against one or more candidate bases (e.g. two vintages of 2022).

    A base published rounded to ``r`` stands for [base - r/2, base + r/2]; the printed change
    is consistent with that base if some base in the interval gives it within rounding.
    The reason also states the base the printed change implies.
    """
    base_rounding = base_rounding or [1] * len(bases)
    labels = labels or [f"base {i + 1}" for i in range(len(bases))]
    lo_base, hi_base = implied_base(new, reported_pct, decimals)
    parts, matches, values = [], [], []
    for base, rounding, label in zip(bases, base_rounding, labels, strict=True):
        value = float(percent_change(new, base))
        values.append(value)
        half = rounding / 2 if rounding > 1 else 0.0
        lo_pct, hi_pct = sorted((float(percent_change(new, base + half)), float(percent_change(new, base - half))))
        ok = (lo_pct - half_unit(decimals) - _EPS) <= reported_pct <= (hi_pct + half_unit(decimals) + _EPS)
        matches.append(ok)
        span = f" (base ±{fmt(half)}: {fmt(lo_pct, decimals + 1)} to {fmt(hi_pct, decimals + 1)})" if half else ""
        parts.append(f"{label} {fmt(base)} gives {fmt(value, decimals + 1)} %{span}")
    ok = any(matches)
    implied = f"; the printed {fmt(reported_pct, decimals)} % implies a base of {fmt(lo_base, 0)}-{fmt(hi_base, 0)}"
    which = ""
    if ok and not all(matches):
        which = f"; consistent with {', '.join(lb for lb, m in zip(labels, matches, strict=True) if m)} only"
    return Verdict(" / ".join(fmt(v, decimals + 1) for v in values), _verdict(ok),
                   "; ".join(parts) + implied + which)




def check_grim_percent(reported_pct: float, n: int, decimals: int) -> Verdict:
    """GRIM: some whole count k of n respondents gives the printed percentage (62 % of 230 -> 142, 143)."""
    counts = grim_counts(reported_pct, n, decimals)
    if not counts:
        return Verdict("none", INCONSISTENT,
                       f"no whole count of {n} gives {fmt(reported_pct, decimals)} %")
    shown = ", ".join(str(k) for k in counts)
    return Verdict(f"{{{shown}}}", CONSISTENT,
                   f"{fmt(reported_pct, decimals)} % of n = {n} is k ∈ {{{shown}}} respondents")


def check_grim_mean(reported_mean: float, n: int, decimals: int, items: int = 1) -> Verdict:
    """GRIM for a mean of integers: some total T gives T / (n * items) printing as reported."""
    m = n * items
    if m >= 10 ** decimals:
        return Verdict(f"n = {n}", CONSISTENT,
                       f"any mean with {decimals} decimal(s) is attainable with n × items = {m} "
                       f">= 10^{decimals}, so GRIM cannot detect an error here")
    total = round(reported_mean * m)
    candidates = [t for t in (total - 1, total, total + 1) if rounds_to(t / m, reported_mean, decimals)]
    if candidates:
        return Verdict(fmt(candidates[0] / m, decimals + 2), CONSISTENT,
                       f"a total of {candidates[0]} over {m} gives {fmt(candidates[0] / m, decimals + 2)}")
    return Verdict("none", INCONSISTENT,
                   f"no integer total over n × items = {m} gives a mean of {fmt(reported_mean, decimals)}")


def check_restated(value: float, year: int, other_value: float, other_year: int) -> Verdict:
    """The same measure stated twice: the same figure for two different years, or two
    different figures for the same year. Either way at most one statement can be right."""
    same_value = math.isclose(value, other_value, abs_tol=_EPS)
    if same_value and year == other_year:
        return Verdict(fmt(other_value), CONSISTENT, f"restated identically for {year}")
    if same_value:
        return Verdict(fmt(other_value), INCONSISTENT,
                       f"the same figure {fmt(value)} is also given for {other_year}; "
                       f"it cannot describe both {year} and {other_year}")
    if year == other_year:
        return Verdict(fmt(other_value), INCONSISTENT,
                       f"the source also gives {fmt(other_value)} for the same measure and year {year}")
    return Verdict(fmt(other_value), NOT_VERIFIABLE,
                   f"the other statement is for {other_year} ({fmt(other_value)}); no overlap to compare")


def check_stated_year(reported: float, year: int, series: dict[int, float]) -> Verdict:
    """A figure said to be for ``year``: does the series have it there, or for another year?"""
    if year in series and math.isclose(series[year], reported, abs_tol=_EPS):
        return Verdict(fmt(series[year]), CONSISTENT, f"the table gives {fmt(reported)} for {year}")
    elsewhere = sorted(y for y, v in series.items() if math.isclose(v, reported, abs_tol=_EPS))
    got = fmt(series[year]) if year in series else "nothing"
    tail = f"; {fmt(reported)} is the figure for {', '.join(map(str, elsewhere))}" if elsewhere else ""
    return Verdict(got, INCONSISTENT, f"the table gives {got} for {year}, not {fmt(reported)}{tail}")


def check_cross_source(reported: float, reference: float, decimals: int, reference_label: str) -> Verdict:
    """Against another source or official figures, at the printed precision."""
    if decimals == 0 and float(reported).is_integer():
        return check_exact(reported, reference, reference_label)
    return check_rounded(reported, reference, decimals, reference_label)


def check_lower_bound(reported: float, actual: float, what: str = "the data") -> Verdict:
    """'More than X': the reproduced value must exceed the printed bound."""
    ok = actual > reported
    reason = f"{what} gives {fmt(actual)}, " + ("above" if ok else "not above") + f" the stated 'more than {fmt(reported)}'"
    return Verdict(fmt(actual), _verdict(ok), reason)


def check_count(reported: float, items: Sequence, what: str = "items listed") -> Verdict:
    """A stated number of things equals the number of things listed."""
    count = len(items)
    ok = count == reported
    return Verdict(str(count), _verdict(ok),
                   f"{count} {what}" + ("" if ok else f", not {fmt(reported)}"))


def check_proportional(reported: float, multiplier: float, numerator: float, denominator: float,
                       decimals: int, what: str = "multiplier × numerator / denominator") -> Verdict:
    """Same implied unit value, e.g. 100 MCI in tenge = 100 × (4,167,000 tenge / 1,500 MCI)."""
    value = multiplier * numerator / denominator
    return check_rounded(reported, value, decimals,
                         f"{what} = {fmt(multiplier)} × {fmt(numerator)} / {fmt(denominator)}")


def implied_total(count: float, pct: float, count_unit: float, count_decimals: int,
                  pct_decimals: int) -> tuple[float, float]:
    """Totals a rounded count and its rounded share allow: [c_lo / p_hi, c_hi / p_lo] × 100."""
    c_half = half_unit(count_decimals) * count_unit
    p_half = half_unit(pct_decimals)
    c = count * count_unit
    return 100 * (c - c_half) / (pct + p_half), 100 * (c + c_half) / (pct - p_half)


def common_interval(intervals: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Intersection of closed intervals [max of lows, min of highs], or None if empty."""
    lo, hi = max(i[0] for i in intervals), min(i[1] for i in intervals)
    return (lo, hi) if lo <= hi else None


def check_implied_totals_agree(interval: tuple[float, float],
                               others: Sequence[tuple[float, float]]) -> Verdict:
    """Several rounded 'count = share of total' statements must allow a common total."""
    common = common_interval([interval, *others])
    ok = common is not None
    shown = f"{fmt(interval[0], 0)}-{fmt(interval[1], 0)}"
    reason = (f"implies a total of {shown}; all {len(others) + 1} statements allow {fmt(common[0], 0)}-{fmt(common[1], 0)}"
              if ok else f"implies a total of {shown}, which no common total of the other statements fits")
    return Verdict(shown, _verdict(ok), reason)


def check_not_verifiable(reason: str) -> Verdict:
    """No data to check against; the reason says what is missing."""
    if not reason.strip():
        raise ValueError("a not-verifiable claim needs a reason")
    return Verdict("", NOT_VERIFIABLE, reason)


def combine(results: Sequence[Verdict]) -> Verdict:
    """Several checks of one claim: inconsistent if any is; else consistent if any is."""
    if len(results) == 1:
        return results[0]
    verdicts = [r.verdict for r in results]
    verdict = (INCONSISTENT if INCONSISTENT in verdicts
               else CONSISTENT if CONSISTENT in verdicts else NOT_VERIFIABLE)
    return Verdict(" | ".join(r.reproduced for r in results if r.reproduced),
                   verdict, "; ".join(r.reason for r in results))
