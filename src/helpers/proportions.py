"""Intervals for shares, through statsmodels (never re-derived by hand)."""

from __future__ import annotations

import numpy as np
from statsmodels.stats.proportion import multinomial_proportions_confint, proportion_confint

CI_METHODS = ("normal", "agresti_coull", "beta", "wilson", "jeffreys", "binom_test")


def share_interval(count, nobs, alpha: float = 0.05, method: str = "wilson") -> tuple:
    """Confidence interval of a share count / nobs (proportions, 0-1) by ``method``.

    Wilson: the score interval, (p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n).
    """
    if method not in CI_METHODS:
        raise ValueError(f"ci_method={method!r} is not allowed; expected one of {', '.join(CI_METHODS)}")
    lo, hi = proportion_confint(count, nobs, alpha=alpha, method=method)
    return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)


def simultaneous_intervals(counts, alpha: float = 0.05, method: str = "goodman") -> np.ndarray:
    """Simultaneous (1 - alpha) intervals for all categories of one multinomial sample."""
    return multinomial_proportions_confint(np.asarray(counts), alpha=alpha, method=method)
