"""One small function per kind of consistency check (in the spirit of R's scrutiny).

Each function takes the reported number and what the data say, and returns a
:class:`Verdict`: the reproduced value (as text), the verdict, a one-line reason, and
``could_fail``: whether the check, for these inputs, could have found an error at all.
Verdicts are exactly ``consistent``, ``inconsistent`` and ``not_verifiable``; they are
only ever computed here, never typed into a data file.

A check that cannot fail for its inputs (GRIM at n = 230, a comparison with a copy of the
statement itself, a ranking with nothing to rank against) returns ``not_verifiable`` and
says why: a :class:`Verdict` refuses to be ``consistent`` or ``inconsistent`` unless
``could_fail`` is true.

Rounding-aware comparisons treat a number printed with ``d`` decimals as standing for any
true value within half a unit of its last digit: ``|true - printed| <= 0.5 * 10**-d``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.indices import percent_change
from helpers.rounding import EPS as _EPS
from helpers.rounding import (
    grim_counts,
    grim_mean_can_fail,
    grim_percent_can_fail,
    half_unit,
    implied_base,
    implied_count,
    rounds_to,
)

CONSISTENT, INCONSISTENT, NOT_VERIFIABLE = "consistent", "inconsistent", "not_verifiable"
#: The verdicts, in the one order every table and count uses: problems first.
VERDICTS = (INCONSISTENT, NOT_VERIFIABLE, CONSISTENT)


@dataclass(frozen=True)
class Verdict:
    reproduced: str
    verdict: str
    reason: str
    could_fail: bool

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, got {self.verdict!r}")
        if self.verdict != NOT_VERIFIABLE and not self.could_fail:
            raise ValueError(
                f"a check that could not have failed cannot be {self.verdict}; "
                f"return {NOT_VERIFIABLE} and say why ({self.reason})"
            )


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


def _judged(ok: bool, reproduced: str, reason: str) -> Verdict:
    """A verdict from a check that could have failed."""
    return Verdict(reproduced, CONSISTENT if ok else INCONSISTENT, reason, True)


def _cannot_fail(reproduced: str, reason: str) -> Verdict:
    return Verdict(reproduced, NOT_VERIFIABLE, reason, False)


def check_exact(reported: float, expected: float, what: str = "the data") -> Verdict:
    """Exact match: reported == expected (counts, or a number restated elsewhere)."""
    ok = math.isclose(reported, expected, abs_tol=_EPS)
    reason = f"equals {what}" if ok else f"{what} gives {fmt(expected)}, not {fmt(reported)}"
    return _judged(ok, fmt(expected), reason)


def check_rounded(reported: float, exact_value: float, decimals: int, what: str = "the data") -> Verdict:
    """Rounding-aware match: |exact_value - reported| <= 0.5 * 10**-decimals."""
    ok = rounds_to(exact_value, reported, decimals)
    shown = fmt(exact_value, decimals + 2)
    reason = (
        f"{what} gives {shown}, which rounds to the printed {fmt(reported, decimals)}"
        if ok
        else f"{what} gives {shown}; printed {fmt(reported, decimals)} is off by more than rounding"
    )
    return _judged(ok, shown, reason)


def check_difference(reported: float, minuend: float, subtrahend: float, what: str = "minuend - subtrahend") -> Verdict:
    """Difference identity, e.g. net = arrivals - departures."""
    value = minuend - subtrahend
    ok = math.isclose(reported, value, abs_tol=_EPS)
    reason = f"{what} = {term(minuend)} - {term(subtrahend)} = {fmt(value)}" + ("" if ok else f", not {fmt(reported)}")
    return _judged(ok, fmt(value), reason)


def check_sum(reported: float, parts: Sequence[float], what: str = "sum of parts") -> Verdict:
    """Sum identity, e.g. total = male + female."""
    value = float(sum(parts))
    ok = math.isclose(reported, value, abs_tol=_EPS)
    reason = f"{what} = {' + '.join(term(p) for p in parts)} = {fmt(value)}" + ("" if ok else f", not {fmt(reported)}")
    return _judged(ok, fmt(value), reason)


def check_percent_sum(percentages: Sequence[float], decimals: int, total: float = 100.0) -> Verdict:
    """Single-response shares sum to 100 % within rounding: |Σ p_i - 100| <= k · 0.5 · 10^-d.

    It can always fail: k shares printed with d decimals can sum to anything from 0 to
    100·k, and the slack k · 0.5 · 10^-d is far narrower than that range.
    """
    value = float(sum(percentages))
    slack = len(percentages) * half_unit(decimals)
    ok = abs(value - total) <= slack + _EPS
    reason = f"the {len(percentages)} shares sum to {fmt(value, decimals)} %" + (
        f", within rounding (±{fmt(slack, decimals + 1)}) of {fmt(total)}"
        if ok
        else f", more than rounding (±{fmt(slack, decimals + 1)}) away from {fmt(total)}"
    )
    return _judged(ok, fmt(value, decimals), reason)


def check_share(reported_pct: float, part: float, total: float, decimals: int, what: str = "part / total") -> Verdict:
    """Share of a total: 100 · part / total, compared at the printed precision."""
    value = 100.0 * part / total
    return check_rounded(reported_pct, value, decimals, f"100 × {what} = 100 × {fmt(part)} / {fmt(total)}")


def check_percent_change(
    reported_pct: float,
    new: float,
    bases: Sequence[float],
    decimals: int,
    base_rounding: Sequence[float] | None = None,
    labels: Sequence[str] | None = None,
) -> Verdict:
    """Percent change 100 · (new / base - 1) against one or more candidate bases.

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
    return _judged(ok, " / ".join(fmt(v, decimals + 1) for v in values), "; ".join(parts) + implied + which)


def check_grim_percent(reported_pct: float, n: int, decimals: int) -> Verdict:
    """GRIM: some whole count k of n respondents gives the printed percentage, 100·k/n ≈ p.

    It can fail only while one respondent moves the share by more than a printed unit,
    100/n > 10^-d (:func:`helpers.rounding.grim_percent_can_fail`); at n = 230 and whole
    percentages every value is attainable, so the verdict is not_verifiable.
    Example: 62 % of 230 -> k ∈ {142, 143}.
    """
    counts = grim_counts(reported_pct, n, decimals)
    shown = "{" + ", ".join(str(k) for k in counts) + "}" if counts else "none"
    unit = "whole percent" if decimals == 0 else f"percentage with {decimals} decimal(s)"
    if not grim_percent_can_fail(n, decimals):
        return _cannot_fail(
            shown,
            f"at n = {n} every {unit} is attainable (one respondent is "
            f"{fmt(100 / n, 2)} points, no more than the printed unit of "
            f"{fmt(10.0**-decimals, decimals)}), so GRIM cannot fail; "
            f"{fmt(reported_pct, decimals)} % is k ∈ {shown}",
        )
    if not counts:
        return _judged(False, shown, f"no whole count of {n} gives {fmt(reported_pct, decimals)} %")
    return _judged(True, shown, f"{fmt(reported_pct, decimals)} % of n = {n} is k ∈ {shown} respondents")


def check_grim_mean(reported_mean: float, n: int, decimals: int, items: int = 1) -> Verdict:
    """GRIM for a mean of integers: some total T gives T / (n · items) printing as reported.

    It can fail only while n · items < 10^d (:func:`helpers.rounding.grim_mean_can_fail`);
    otherwise consecutive totals are closer than a printed unit and every mean is attainable.
    """
    m = n * items
    if not grim_mean_can_fail(n, decimals, items):
        return _cannot_fail(
            f"n × items = {m}",
            f"with n × items = {m} >= 10^{decimals} every mean printed with "
            f"{decimals} decimal(s) is attainable, so GRIM cannot fail",
        )
    total = round(reported_mean * m)
    candidates = [t for t in (total - 1, total, total + 1) if rounds_to(t / m, reported_mean, decimals)]
    if candidates:
        return _judged(
            True,
            fmt(candidates[0] / m, decimals + 2),
            f"a total of {candidates[0]} over {m} gives {fmt(candidates[0] / m, decimals + 2)}",
        )
    return _judged(False, "none", f"no integer total over n × items = {m} gives a mean of {fmt(reported_mean, decimals)}")


def check_verbal_fraction(n: int, numerator: int, denominator: int, approximate: bool, what: str = "respondents") -> Verdict:
    """A share given in words ('a third', 'about a third') of n people: k = n · a / b.

    Exact words ('a third of 18') fail unless n · a / b is whole. 'About' a fraction sets no
    rounding rule, so no count can contradict it: not_verifiable.
    """
    exact = n * numerator / denominator
    words = f"{numerator}/{denominator}"
    if approximate:
        near = sorted({math.floor(exact), math.ceil(exact)})
        whose = "its" if len(near) == 1 else "their"
        return _cannot_fail(
            fmt(exact),
            f"{words} of {n} {what} is {fmt(exact)}; 'about' sets no rounding rule, so "
            f"{' or '.join(map(str, near))} and {whose} neighbours all fit and no count "
            "could contradict it",
        )
    ok = float(exact).is_integer()
    return _judged(ok, fmt(exact), f"{words} of {n} {what} is {fmt(exact)}" + ("" if ok else ", not a whole number"))


def check_restated(value: float, year: int, other_value: float, other_year: int) -> Verdict:
    """The same measure stated twice.

    Same year: the two figures must be equal. Different years with the same figure: at most
    one date is right (this check alone cannot tell which). Different years and different
    figures: nothing overlaps, so nothing can fail.
    """
    same_value = math.isclose(value, other_value, abs_tol=_EPS)
    if year == other_year:
        reason = (
            f"restated identically for {year}"
            if same_value
            else f"the source also gives {fmt(other_value)} for the same measure and year {year}"
        )
        return _judged(same_value, fmt(other_value), reason)
    if same_value:
        return _judged(
            False,
            f"also printed for {other_year}",
            f"the same figure {fmt(value)} is printed again for {other_year}; at most one of {year} "
            f"and {other_year} is right, and this check alone cannot tell which",
        )
    return _cannot_fail(fmt(other_value), f"the other statement is for {other_year} ({fmt(other_value)}); no overlap to compare")


def check_relative_year(stated_year: int, anchor_year: int, offset: int) -> Verdict:
    """A year given as 'N years after A' must be A + N."""
    expected = int(anchor_year) + int(offset)
    ok = int(stated_year) == expected
    return _judged(
        ok,
        str(expected),
        f"{offset} years after {anchor_year} is {expected}" + ("" if ok else f", not the printed {stated_year}"),
    )


def check_stated_year(reported: float, year: int, series: dict[int, float]) -> Verdict:
    """A figure said to be for ``year``: does the series have it there, or for another year?"""
    if year in series and math.isclose(series[year], reported, abs_tol=_EPS):
        return _judged(True, fmt(series[year]), f"the table gives {fmt(reported)} for {year}")
    elsewhere = sorted(y for y, v in series.items() if math.isclose(v, reported, abs_tol=_EPS))
    got = fmt(series[year]) if year in series else "nothing"
    tail = f"; {fmt(reported)} is the figure for {', '.join(map(str, elsewhere))}" if elsewhere else ""
    return _judged(False, got, f"the table gives {got} for {year}, not {fmt(reported)}{tail}")


def check_cross_source(
    reported: float, reference: float, decimals: int, reference_label: str, independent: bool = True, dependence: str = ""
) -> Verdict:
    """Against another source or official figures, at the printed precision.

    A reference that is not independent of the source (a republication of the same release)
    repeats the source, so agreement cannot reveal an error: not_verifiable, naming it.
    """
    if not independent:
        return _cannot_fail(
            fmt(reference, None if decimals == 0 else decimals),
            f"the only reference, {reference_label}, is not independent of the source: {dependence}",
        )
    if decimals == 0 and float(reported).is_integer():
        return check_exact(reported, reference, reference_label)
    return check_rounded(reported, reference, decimals, reference_label)


def check_lower_bound(reported: float, actual: float, what: str = "the data") -> Verdict:
    """'More than X': the reproduced value must exceed the printed bound."""
    ok = actual > reported
    reason = f"{what} gives {fmt(actual)}, " + ("above" if ok else "not above") + f" the stated 'more than {fmt(reported)}'"
    return _judged(ok, fmt(actual), reason)


def check_count(reported: float, items: Sequence, what: str = "items listed") -> Verdict:
    """A stated number of things equals the number of things listed."""
    count = len(items)
    ok = count == reported
    return _judged(ok, str(count), f"{count} {what}" + ("" if ok else f", not {fmt(reported)}"))


def check_named_set(named: Sequence[str], found: Sequence[str], what: str = "the data") -> Verdict:
    """The things a sentence names are exactly those the data single out: set(named) == set(found)."""
    missing, extra = sorted(set(named) - set(found)), sorted(set(found) - set(named))
    ok = not missing and not extra
    reason = f"{what}: {', '.join(sorted(found)) or 'none'}" + (", exactly those named" if ok else "")
    if missing:
        reason += f"; named but not found: {', '.join(missing)}"
    if extra:
        reason += f"; found but not named: {', '.join(extra)}"
    return _judged(ok, ", ".join(sorted(found)), reason)


def check_proportional(
    reported: float,
    multiplier: float,
    numerator: float,
    denominator: float,
    decimals: int,
    what: str = "multiplier × numerator / denominator",
) -> Verdict:
    """Same implied unit value, e.g. 100 MCI in tenge = 100 × (4,167,000 tenge / 1,500 MCI)."""
    value = multiplier * numerator / denominator
    return check_rounded(reported, value, decimals, f"{what} = {fmt(multiplier)} × {fmt(numerator)} / {fmt(denominator)}")


def implied_total(count: float, pct: float, count_unit: float, count_decimals: int, pct_decimals: int) -> tuple[float, float]:
    """Totals a rounded count and its rounded share allow: [c_lo / p_hi, c_hi / p_lo] × 100."""
    c_half = half_unit(count_decimals) * count_unit
    p_half = half_unit(pct_decimals)
    c = count * count_unit
    return 100 * (c - c_half) / (pct + p_half), 100 * (c + c_half) / (pct - p_half)


def common_interval(intervals: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Intersection of closed intervals [max of lows, min of highs], or None if empty."""
    lo, hi = max(i[0] for i in intervals), min(i[1] for i in intervals)
    return (lo, hi) if lo <= hi else None


def check_implied_totals_agree(interval: tuple[float, float], others: Sequence[tuple[float, float]]) -> Verdict:
    """Several rounded 'count = share of total' statements must allow a common total."""
    common = common_interval([interval, *others])
    ok = common is not None
    shown = f"{fmt(interval[0], 0)}-{fmt(interval[1], 0)}"
    reason = (
        f"implies a total of {shown}; all {len(others) + 1} statements allow {fmt(common[0], 0)}-{fmt(common[1], 0)}"
        if ok
        else f"implies a total of {shown}, which no common total of the other statements fits"
    )
    return _judged(ok, shown, reason)


def check_period(reported_year: int, bound: str, years: Sequence[int], what: str = "the table") -> Verdict:
    """A caption's or heading's period against the years its table holds.

    ``bound`` is ``start`` (the printed first year must be min(years)) or ``end`` (the
    printed last year must be max(years)).
    """
    if bound not in ("start", "end"):
        raise ValueError(f"bound must be 'start' or 'end', got {bound!r}")
    first, last = min(years), max(years)
    expected = first if bound == "start" else last
    ok = int(reported_year) == int(expected)
    reason = f"{what} covers {first}-{last}; the printed {bound} year {int(reported_year)} " + (
        "matches" if ok else f"is not its {'first' if bound == 'start' else 'last'} year ({expected})"
    )
    return _judged(ok, f"{first}-{last}", reason)


def check_ranking(labels: Sequence[str], values: Sequence[float], what: str = "the data") -> Verdict:
    """A stated order ('most to Russia, then Uzbekistan, then Kazakhstan') must be the order of
    the values: v_1 > v_2 > … along the stated order. With fewer than two items nothing is ranked."""
    shown = " > ".join(f"{fmt(v)} ({lb})" for lb, v in zip(labels, values, strict=True))
    if len(values) < 2:
        return _cannot_fail(shown, f"{what} gives only {shown}; one item cannot be out of order")
    ok = all(a > b for a, b in itertools.pairwise(values))
    return _judged(
        ok,
        shown,
        f"{what}: {shown}"
        if ok
        else f"{what} does not follow the stated order: "
        + ", ".join(f"{fmt(v)} ({lb})" for lb, v in zip(labels, values, strict=True)),
    )


def check_leads(named: Sequence[str], labels: Sequence[str], values: Sequence[float], what: str = "the data") -> Verdict:
    """The named item(s) hold the largest values of the group: the top len(named) of ``values``.

    It cannot fail when the group holds nothing but the named items (nothing to lead).
    """
    if set(named) - set(labels):
        raise ValueError(f"named {sorted(set(named) - set(labels))} are not among {list(labels)}")
    ranked = sorted(zip(values, labels, strict=True), reverse=True)
    total = float(sum(values))
    top = [lb for _, lb in ranked[: len(named)]]
    shown = ", ".join(f"{lb} {fmt(v)}" for v, lb in ranked)
    if len(labels) <= len(named):
        return _cannot_fail(
            shown, f"{what} holds only {', '.join(labels)}, the items named; with nothing else to compare, 'most' cannot fail"
        )
    ok = set(top) == set(named)
    lead = ", ".join(f"{lb} {fmt(v)} ({fmt(100 * v / total, 1)} %)" for v, lb in ranked[: len(named)])
    return _judged(
        ok,
        shown,
        f"{what}: the largest {'is' if len(named) == 1 else 'are'} {lead} of {fmt(total)}"
        + ("" if ok else f"; the statement names {', '.join(named)}"),
    )


def check_majority(shares_pct: Sequence[float], labels: Sequence[str], what: str = "the data") -> Verdict:
    """'Mainly' or 'the main role': each named share is above half, p > 50 %."""
    ok = all(p > 50 for p in shares_pct)
    shown = ", ".join(f"{lb} {fmt(p, 1)} %" for lb, p in zip(labels, shares_pct, strict=True))
    return _judged(ok, shown, f"{what}: {shown}, " + ("each above half" if ok else "not all above half"))


def check_net_gain(nets: Sequence[float], years: Sequence[int], what: str, scope_note: str = "") -> Verdict:
    """'Migrants gather in X': X's net migration is positive, N_t > 0, in every year of data.

    ``scope_note`` says the data describe a larger unit than the place named (a region for a
    city); then a gain or loss of the unit decides nothing about the place: not_verifiable.
    """
    shown = ", ".join(f"{fmt(v)} ({y})" for y, v in zip(years, nets, strict=True))
    if scope_note:
        return _cannot_fail(shown, f"{what} had net migration of {shown}, but {scope_note}")
    ok = all(v > 0 for v in nets)
    return _judged(ok, shown, f"{what} had net migration of {shown}" + ("" if ok else ", not a gain every year"))


def implied_base_of_share(part_lo: float, part_hi: float, reported_pct: float, decimals: int) -> tuple[float, float]:
    """Bases a share printed with ``decimals`` places allows: [100·part_lo / (p + h), 100·part_hi / (p - h)],
    h = 0.5 · 10^-d. Example: 1,519 = 92 % of 1,642.2-1,660.1."""
    h = half_unit(decimals)
    return 100.0 * part_lo / (reported_pct + h), 100.0 * part_hi / (reported_pct - h)


def check_denominator(
    reported_pct: float,
    decimals: int,
    part: float | None,
    base: float,
    base_label: str,
    part_half: float = 0.0,
    bound: bool = False,
    wording: str = "",
) -> Verdict:
    """'X % of Y': is Y the base the printed share implies?

    The share and its part (± ``part_half`` if the part is itself rounded) imply a base in
    [100·(part - ½u) / (p + h), 100·(part + ½u) / (p - h)]. With ``bound`` the named base is
    not printed and ``base`` is a larger total that contains it: the implied base must not
    exceed it. Without a printed part nothing is implied: not_verifiable, with the count the
    share implies (p ± h)·Y / 100.
    """
    if part is None:
        lo, hi = implied_count(base, reported_pct, decimals)
        shown = f"{fmt(lo, 0)}-{fmt(hi, 0)}"
        return _cannot_fail(
            shown,
            f"no part is printed, so the base {base_label} cannot be checked; "
            f"{fmt(reported_pct, decimals)} % of it would be {shown}",
        )
    lo, hi = implied_base_of_share(part - part_half, part + part_half, reported_pct, decimals)
    places = 1 if hi - lo < 10 else 0
    shown = f"{fmt(lo, places)}-{fmt(hi, places)}"
    head = f"{fmt(part)} is {fmt(reported_pct, decimals)} % of {shown}"
    if bound:
        ok = lo <= base + _EPS
        reason = f"{head}, " + ("within" if ok else "more than") + f" {base_label} ({fmt(base)}), which contains it"
    else:
        ok = lo - _EPS <= base <= hi + _EPS
        reason = f"{head}; {base_label} ({fmt(base)}) " + ("fits" if ok else "does not fit")
    return _judged(ok, shown, reason + (f"; {wording}" if wording else ""))


def check_composition(
    sample_pcts: Sequence[float], decimals: int, n: int, population: Sequence[float], labels: Sequence[str], alpha: float
) -> Verdict:
    """A sample said to be representative: does its composition fit the population's?

    The printed shares allow several whole-count vectors k (each k_i a GRIM count of p_i, with
    Σk_i = n); for each, Pearson's goodness of fit X² = Σ (k_i - n·π_i)² / (n·π_i) against the
    population shares π_i (scipy.stats.chisquare, df = categories - 1). The largest p-value
    over those vectors is the one most favourable to the sample; below ``alpha`` the sample
    differs from the population beyond sampling error. Goodman simultaneous (1 - alpha)
    intervals of the sample shares (statsmodels) name the categories whose population share
    lies outside. The χ² approximation needs every expected count n·π_i >= 5; otherwise
    not_verifiable.
    """
    from scipy.stats import chisquare
    from statsmodels.stats.proportion import multinomial_proportions_confint

    pi = [float(v) / float(sum(population)) for v in population]
    expected = [n * p for p in pi]
    if min(expected) < 5:
        return _cannot_fail("", f"an expected count is {fmt(min(expected), 1)} < 5, too small for the χ² approximation")
    options = [grim_counts(p, n, decimals) for p in sample_pcts]
    vectors = [k for k in itertools.product(*options) if sum(k) == n]
    if not vectors:
        return _judged(False, "none", f"no whole counts of n = {n} give the printed shares and sum to {n}")
    tests = []
    for k in vectors:
        result = chisquare(k, expected)
        tests.append((float(result.pvalue), float(result.statistic), k))
    p_max, stat, best = max(tests)
    bounds = multinomial_proportions_confint(list(best), alpha=alpha, method="goodman")
    outside = [
        f"{lb} {fmt(100 * p, 1)} % (sample {fmt(100 * lo, 1)}-{fmt(100 * hi, 1)} %)"
        for lb, p, (lo, hi) in zip(labels, pi, bounds, strict=True)
        if not lo <= p <= hi
    ]
    level = fmt(100 * (1 - alpha), 0)
    ok = p_max >= alpha
    reason = (
        f"sample {', '.join(f'{lb} {fmt(s, decimals)} %' for lb, s in zip(labels, sample_pcts, strict=True))} vs "
        f"population {', '.join(f'{lb} {fmt(100 * p, 1)} %' for lb, p in zip(labels, pi, strict=True))}: "
        f"χ²({len(labels) - 1}) >= {fmt(stat, 1)}, p <= {p_max:.2g} over the {len(vectors)} count vectors the "
        f"printed shares allow; "
        + (
            f"population shares outside the sample's {level} % simultaneous intervals: " + "; ".join(outside)
            if outside
            else f"every population share lies within the sample's {level} % simultaneous intervals"
        )
    )
    return _judged(ok, f"p <= {p_max:.2g}", reason)


def check_coverage(
    n: int,
    sampled: Sequence[str],
    strata: Sequence[str],
    shares_pct: Sequence[float],
    decimals: Sequence[int],
    labels: Sequence[str],
    alpha: float,
) -> Verdict:
    """A sample said to be representative must be able to reach every stratum: strata holding at
    least s = Σ (p_i - h_i) % of the population (printed shares, less rounding) have no sampled
    unit, and a simple random sample of n misses all of them with probability (1 - s/100)^n.
    Below ``alpha`` the sample's coverage is inconsistent with a representative draw."""
    omitted = [
        (lb, p, d) for code, lb, p, d in zip(strata, labels, shares_pct, decimals, strict=True) if code not in set(sampled)
    ]
    if not omitted:
        return _judged(True, "0 %", f"every listed stratum ({', '.join(labels)}) is sampled")
    share = sum(p - half_unit(int(d)) for _, p, d in omitted)
    prob = (1 - share / 100) ** n
    ok = prob >= alpha
    names = ", ".join(f"{lb} ({fmt(p, int(d))} %)" for lb, p, d in omitted)
    return _judged(
        ok,
        f">= {fmt(share, 1)} %",
        f"no respondent from {names}, at least {fmt(share, 1)} % of the population; a random sample of "
        f"{n} misses them all with probability (1 - {fmt(share / 100, 3)})^{n} = {prob:.2g}"
        + (f" < {alpha}" if not ok else f" >= {alpha}"),
    )


def judge_representativeness(
    result: Verdict, reference: str, limits: str, reference_is_claimed: bool, by_design: bool
) -> Verdict:
    """The one rule for a claim that a sample represents a population (README, "The audit"):

    - the test against a reference stands, consistent or inconsistent, only when the reference
      counts the claimed population itself (same units, same period): ``reference_is_claimed``;
    - an inconsistency also stands when it is built into the design (``by_design``): the sample
      cannot reach strata the claimed population contains (regions left out of the fieldwork),
      and no difference between the reference and the claimed population gives them respondents;
    - otherwise the reference is another population (another period, a cumulative total): a
      difference may be the reference's, not the sample's, and agreement would not show
      representativeness either, so the claim is unsupported (not_verifiable), not contradicted.

    A check that could not fail stays not_verifiable. The reason always names the reference and
    its limits.
    """
    named = f"reference: {reference} ({limits})"
    if result.verdict == NOT_VERIFIABLE:
        return _cannot_fail(result.reproduced, f"{result.reason}; {named}")
    if reference_is_claimed:
        return Verdict(result.reproduced, result.verdict, f"{result.reason}; {named}, the claimed population", True)
    if result.verdict == INCONSISTENT and by_design:
        return Verdict(
            result.reproduced,
            INCONSISTENT,
            f"{result.reason}; {named}; the gap is built into the design, which no difference between the reference "
            "and the claimed population can close: contradicted",
            True,
        )
    found = "a difference from it may be the reference's" if result.verdict == INCONSISTENT else "agreement with it shows nothing"
    return _cannot_fail(
        result.reproduced,
        f"{result.reason}; {named}: not the population claimed, so {found}, and the claim is unsupported, not contradicted",
    )


#: Half of a population, in %: 'most' means more than this.
HALF_PCT = 50.0


def check_sample_majority(
    complement_pct: float,
    decimals: int,
    n: int,
    alpha: float,
    deff: float = 1.0,
    method: str = "wilson",
    what: str = "respondents outside the category",
) -> Verdict:
    """'Only p % do X', so most do not: the respondents outside a single-response category
    printed as p % are a majority of the population beyond sampling error.

    The least count outside the category the printed share allows is k = n - max(GRIM counts
    of p). Its (1 - alpha) interval by ``method`` (statsmodels' proportion_confint) at Kish's
    effective sample size n / deff (:func:`helpers.survey.outside_share`) decides: wholly above
    50 %, consistent; at most 50 %, inconsistent; containing 50 %, sampling error cannot decide
    (not_verifiable). The reason also gives the interval at deff = 1.
    Example: 39 % of 230 is k ∈ {89, 90}, so k >= 140 outside (60.9 %): Wilson 95 % 54.4-66.9 %;
    with deff = 2 (n_eff = 115) 51.7-69.3 %: consistent.
    """
    from helpers.survey import outside_share

    counts = grim_counts(complement_pct, n, decimals)
    if not counts:
        return _judged(False, "none", f"no whole count of {n} gives {fmt(complement_pct, decimals)} %")
    out = outside_share(max(counts), n, alpha, method, deff)
    k, level = out["count"], fmt(100 * (1 - alpha), 0)
    shown = f"{fmt(out['ci_low_deff'], 1)}-{fmt(out['ci_high_deff'], 1)} %"
    head = (
        f"100 - {fmt(complement_pct, decimals)} = {fmt(100 - complement_pct, decimals)} % {what}: at least k = {k} of "
        f"n = {n} ({fmt(out['pct'], 1)} %); {method} {level} % interval {fmt(out['ci_low'], 1)}-{fmt(out['ci_high'], 1)} %"
    )
    if deff != 1:
        head += f", {shown} with a design effect of {fmt(deff)} (n_eff = {fmt(n / deff, 1)})"
    reproduced = f"{fmt(out['pct'], 1)} % [{shown}]"
    if out["majority"] == "both":
        return _judged(True, reproduced, f"{head}: wholly above 50 %, a majority beyond sampling error")
    if out["majority"] == "against":
        return _judged(False, reproduced, f"{head}: at most 50 %, not a majority")
    return _cannot_fail(reproduced, f"{head}: the interval contains 50 %, so sampling error cannot decide")


def check_unit_value_year(
    stated_year: int, amount: float, units: float, valid_from: Sequence[str], values: Sequence[float], what: str = "the MCI"
) -> Verdict:
    """'Amounts at the index value of year Y' (an amount in tenge printed beside a number of MCI):
    some value v in force from a date in Y gives the amount to the printed unit,
    |units · v - amount| <= 0.5. Names the dates whose value fits. A year with no value in the
    table cannot be checked: not_verifiable.
    Example: 100 MCI = 277,800 tenge fits 2,778 tenge (from 2020-04-01), not 2,651 (2020-01-01).
    """
    implied = amount / units
    rows = list(zip([str(d) for d in valid_from], [float(v) for v in values], strict=True))
    fits = [d for d, v in rows if abs(units * v - amount) <= half_unit(0) + _EPS]
    in_year = [(d, v) for d, v in rows if d[:4] == str(int(stated_year))]
    shown = f"{fmt(amount)} / {fmt(units)} = {fmt(implied)}"
    where = f"; that is {what} from {', '.join(fits)}" if fits else f"; no {what} in the table gives it"
    if not in_year:
        return _cannot_fail(fmt(implied), f"{shown}{where}; the table has no {what} for {int(stated_year)}")
    ok = any(d in fits for d, _ in in_year)
    listed = ", ".join(f"{fmt(v)} (from {d})" for d, v in in_year)
    return _judged(ok, fmt(implied), f"{shown}{where}; {what} in {int(stated_year)}: {listed}")


def check_not_verifiable(reason: str) -> Verdict:
    """No data to check against; the reason says what is missing."""
    if not reason.strip():
        raise ValueError("a not-verifiable claim needs a reason")
    return _cannot_fail("", reason)


#: How far, in units of its last printed digit, :func:`probe_values` moves a claimed value.
PROBE_UNITS = tuple(sign * k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) for sign in (-1, 1))


def probe_values(value: float, decimals: int) -> list[float]:
    """Other values the source could have printed: ``value + k · 10^-decimals`` for k in
    :data:`PROBE_UNITS` (1, 2, 5, ... 1000 units either way), rounded to ``decimals``; e.g. 71 with
    0 decimals gives 70, 72, 69, 73, 66, 76, ..., -929, 1071. A check that finds none of them
    inconsistent does not read the value."""
    return [round(value + k * 10.0**-decimals, decimals) for k in PROBE_UNITS]


def value_unchecked(result: Verdict, printed: str) -> Verdict:
    """A consistent result that no other printed value would have changed (see :func:`probe_values`):
    it checks something beside the claimed number (its year, the table it belongs to, a rounding
    rule every value passes), so for the number it is not verifiable, and says why."""
    if result.verdict != CONSISTENT:
        raise ValueError(f"only a consistent result can be found not to read its value, got {result.verdict}")
    return _cannot_fail(
        result.reproduced,
        f"{result.reason} (but this holds whatever value is printed, so it does not check the printed {printed})",
    )


def combine(results: Sequence[Verdict]) -> Verdict:
    """Several checks of one claim: inconsistent if any is; else consistent if any is; it could
    fail if any of its checks could."""
    if len(results) == 1:
        return results[0]
    verdicts = [r.verdict for r in results]
    verdict = INCONSISTENT if INCONSISTENT in verdicts else CONSISTENT if CONSISTENT in verdicts else NOT_VERIFIABLE
    return Verdict(
        " | ".join(r.reproduced for r in results if r.reproduced),
        verdict,
        "; ".join(r.reason for r in results),
        any(r.could_fail for r in results),
    )
