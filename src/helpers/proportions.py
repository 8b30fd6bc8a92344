"""Intervals for shares, through statsmodels (never re-derived by hand)."""

from __future__ import annotations

import numpy as np

#: statsmodels is imported by each function, not here: the render tool checks a ``ci_method``
#: parameter against this list before the kernel starts, and needs no statsmodels for that.
CI_METHODS = ("normal", "agresti_coull", "beta", "wilson", "jeffreys", "binom_test")


def share_interval(count, nobs, alpha: float = 0.05, method: str = "wilson") -> tuple:
    """Confidence interval of a share count / nobs (proportions, 0-1) by ``method``.

    Wilson: the score interval, (p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n).
    """
    if method not in CI_METHODS:
        raise ValueError(f"ci_method={method!r} is not allowed; expected one of {', '.join(CI_METHODS)}")
    from statsmodels.stats.proportion import proportion_confint

    lo, hi = proportion_confint(count, nobs, alpha=alpha, method=method)
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def effective_sample_size(nobs, deff: float = 1.0):
    """Kish's effective sample size of a complex sample: n_eff = n / deff.

    deff = 1 is a simple random sample with no item non-response; clustering, weighting and
    item non-response make deff > 1. Values below 1 (a design more efficient than SRS, as
    stratification can give) are refused: no source here documents a design that earns them.
    """
    if isinstance(deff, bool) or not np.isfinite(deff) or deff < 1:
        raise ValueError(f"deff: expected a design effect >= 1 (1 = simple random sample), got {deff!r}")
    n = np.asarray(nobs, dtype=float)
    if not np.all(np.isfinite(n)) or np.any(n <= 0):
        raise ValueError(f"nobs: expected a sample size > 0, got {nobs!r}")
    return n / deff


def design_effect_interval(count, nobs, deff: float = 1.0, alpha: float = 0.05, method: str = "wilson") -> tuple:
    """Interval of a share count / nobs (0-1) from a sample with design effect ``deff``.

    The share p̂ = count / n keeps its value; its interval is the ``method`` interval at the
    effective sample size n_eff = n / deff with effective count p̂ · n_eff (statsmodels'
    proportion_confint). deff = 1 (simple random sampling, no item non-response) gives
    :func:`share_interval`. ``binom_test`` needs whole effective counts.
    """
    n_eff = effective_sample_size(nobs, deff)
    k = np.asarray(count, dtype=float)
    n = np.asarray(nobs, dtype=float)
    if not np.all(np.isfinite(k)) or np.any(k < 0) or np.any(k > n):
        raise ValueError(f"count: expected 0 <= count <= nobs, got count={count!r}, nobs={nobs!r}")
    k_eff = k / n * n_eff
    if method == "binom_test":
        if not (np.all(np.isclose(k_eff, np.round(k_eff))) and np.all(np.isclose(n_eff, np.round(n_eff)))):
            raise ValueError(f"ci_method='binom_test' needs whole effective counts; with deff={deff} they are not")
        k_eff, n_eff = np.round(k_eff).astype(int), np.round(n_eff).astype(int)
    return share_interval(k_eff, n_eff, alpha, method)


def simultaneous_intervals(counts, alpha: float = 0.05, method: str = "goodman") -> np.ndarray:
    """Simultaneous (1 - alpha) intervals for all categories of one multinomial sample."""
    from statsmodels.stats.proportion import multinomial_proportions_confint

    return multinomial_proportions_confint(np.asarray(counts), alpha=alpha, method=method)


def count_from_percent(pct: float, n: int, decimals: int) -> int:
    """The GRIM-consistent count k (100k/n prints as pct) closest to pct·n/100.

    Raises ValueError when no count fits: the percentage is impossible for that n.
    """
    from helpers.rounding import grim_counts

    counts = grim_counts(pct, n, decimals)
    if not counts:
        raise ValueError(f"{pct} % is not a possible share of n = {n} at {decimals} decimals (GRIM)")
    return min(counts, key=lambda k: (abs(k - pct * n / 100), k))


def mean_answers(pcts) -> float:
    """Multiple response: mean number of answers per respondent, Σ p_i / 100."""
    return float(np.sum(pcts) / 100.0)


def min_overlap(p1: float, p2: float) -> float:
    """Multiple response: least % of respondents who gave both answers, max(0, p1 + p2 - 100)."""
    return max(0.0, p1 + p2 - 100.0)


def multinomial_difference(k1: int, k2: int, n: int, alpha: float = 0.05, deff: float = 1.0) -> dict:
    """Difference of two shares of one multinomial sample (e.g. 'leave' vs 'stay').

    d = p1 - p2, Var(d) = deff · (p1 + p2 - d²) / n (the categories are negatively correlated;
    a design effect deff >= 1 inflates the simple-random-sampling variance); Wald z = d / SE,
    two-sided p from the normal, CI d ± z_(1-alpha/2)·SE.
    """
    from scipy import stats

    n_eff = float(effective_sample_size(n, deff))
    p1, p2 = k1 / n, k2 / n
    diff = p1 - p2
    se = float(np.sqrt((p1 + p2 - diff**2) / n_eff))
    z = diff / se
    q = stats.norm.ppf(1 - alpha / 2)
    return {
        "diff": diff,
        "se": se,
        "z": z,
        "p_value": float(2 * stats.norm.sf(abs(z))),
        "ci_low": diff - q * se,
        "ci_high": diff + q * se,
    }
