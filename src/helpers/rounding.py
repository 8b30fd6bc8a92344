"""The bottom layer: what a number printed with ``d`` decimals can stand for.

A number printed with ``d`` decimals stands for any true value within half a unit of its last
digit, ``|true - printed| <= 0.5 * 10**-d``. Statistics (proportions, survey, indices) and the
claims audit both build on these functions; this module imports nothing of the compendium.
"""

from __future__ import annotations

import math

#: Floating-point slack added to every rounding comparison.
EPS = 1e-9


def half_unit(decimals: int) -> float:
    """Half a unit of the last printed digit, the rounding tolerance: 0.5 · 10^-d."""
    return 0.5 * 10.0 ** (-decimals)


def rounds_to(true_value: float, printed: float, decimals: int) -> bool:
    """True if ``true_value`` printed with ``decimals`` places can read as ``printed``:
    |true - printed| <= 0.5 · 10^-d."""
    return abs(true_value - printed) <= half_unit(decimals) + EPS


def grim_counts(reported_pct: float, n: int, decimals: int) -> list[int]:
    """GRIM for a percentage of n: every count k in 0..n with 100·k/n printing as ``reported_pct``.

    Example: 62 % of 230 -> [142, 143] (61.74 % and 62.17 % both print as 62).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    centre = reported_pct * n / 100.0
    window = half_unit(decimals) * n / 100.0
    lo, hi = max(0, math.floor(centre - window) - 1), min(n, math.ceil(centre + window) + 1)
    return [k for k in range(lo, hi + 1) if rounds_to(100.0 * k / n, reported_pct, decimals)]


def grim_percent_can_fail(n: int, decimals: int) -> bool:
    """Whether a GRIM test of a percentage of n printed with ``decimals`` places can fail at all.

    Consecutive counts are 100/n percentage points apart; when that step is no wider than one
    printed unit 10^-d (n >= 100 · 10^d), every printed percentage in [0, 100] is attained by some
    count and GRIM cannot detect an error. Example: n = 230, d = 0 -> False; n = 230, d = 1 -> True.
    """
    return 100.0 / n > 10.0 ** (-decimals) + EPS


def grim_mean_can_fail(n: int, decimals: int, items: int = 1) -> bool:
    """Whether GRIM can fail for a mean of n·items integers printed with ``decimals`` places:
    only while n·items < 10^d (otherwise every printed mean is attainable)."""
    return n * items < 10**decimals


def implied_count(total, pct, decimals):
    """The counts a share printed with ``decimals`` places implies: total · (p ± ½·10^-d) / 100.

    Example: 86.3 % of 25,387 -> (21,896.29, 21,921.67).
    """
    half = half_unit(decimals)
    return total * (pct - half) / 100.0, total * (pct + half) / 100.0


def implied_base(new: float, reported_pct: float, decimals: int) -> tuple[float, float]:
    """The base values a printed percent change implies: new / (1 + p/100), p ± half a unit.

    Example: +45.7 % to 25,387 -> (17,418.1, 17,430.1).
    """
    hi_pct, lo_pct = reported_pct + half_unit(decimals), reported_pct - half_unit(decimals)
    bounds = sorted((new / (1 + hi_pct / 100.0), new / (1 + lo_pct / 100.0)))
    return bounds[0], bounds[1]
