"""Survey items published only as percentages: counts by GRIM, and intervals for each share."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.claims.checks import check_grim_percent
from helpers.proportions import (
    count_from_percent,
    design_effect_interval,
    effective_sample_size,
    share_interval,
    simultaneous_intervals,
)
from helpers.rounding import grim_counts


def item_estimates(
    items: pd.DataFrame, n: int, alpha: float = 0.05, method: str = "wilson", simultaneous: bool = False
) -> pd.DataFrame:
    """Add to a table with ``pct`` and ``decimals`` columns, for n respondents:

    - ``grim``: every whole count k with 100k/n printing as ``pct``, a tuple (e.g. ``(142, 143)``;
      a report formats it in its language);
    - ``count``: the one of those closest to pct·n/100, used for the interval;
    - ``ci_low``, ``ci_high``: the (1 - alpha) interval of the share by ``method``, in %;
    - with ``simultaneous`` (single-response items only): ``sim_low``, ``sim_high``, Goodman's
      simultaneous multinomial intervals for all categories at once, in %.
    """
    decimals = items["decimals"].astype(int)
    counts = [count_from_percent(p, n, d) for p, d in zip(items["pct"], decimals, strict=True)]
    lo, hi = share_interval(np.array(counts), n, alpha, method)
    out = items.assign(
        grim=[tuple(grim_counts(p, n, d)) for p, d in zip(items["pct"], decimals, strict=True)],
        count=counts,
        ci_low=100 * lo,
        ci_high=100 * hi,
    )
    if simultaneous:
        sim = simultaneous_intervals(np.array(counts), alpha)
        out = out.assign(sim_low=100 * sim[:, 0], sim_high=100 * sim[:, 1])
    return out


def with_design_effect(estimates: pd.DataFrame, n: int, deff: float, alpha: float = 0.05, method: str = "wilson") -> pd.DataFrame:
    """Add to the output of :func:`item_estimates` (its ``count`` column, for n respondents)
    the intervals under a design effect ``deff``:

    - ``deff`` and ``n_eff`` = n / deff, Kish's effective sample size;
    - ``ci_low_deff``, ``ci_high_deff``: the (1 - alpha) ``method`` interval of each share at
      n_eff, in % (:func:`helpers.proportions.design_effect_interval`).

    deff = 1 is simple random sampling with no item non-response: the columns then equal
    ``ci_low`` and ``ci_high``.
    """
    if "count" not in estimates.columns:
        raise ValueError("estimates: expected a 'count' column (the output of item_estimates)")
    lo, hi = design_effect_interval(estimates["count"].to_numpy(), n, deff, alpha, method)
    return estimates.assign(
        deff=float(deff), n_eff=float(effective_sample_size(n, deff)), ci_low_deff=100 * lo, ci_high_deff=100 * hi
    )


def grim_verdicts(items: pd.DataFrame, n: int) -> list[str]:
    """GRIM's verdict on each printed percentage of a table (``pct``, ``decimals``) for n
    respondents (:func:`helpers.claims.checks.check_grim_percent`):

    - ``not_verifiable`` when one respondent moves a share by no more than a printed unit,
      100/n <= 10^-d: then every printed value is attainable and GRIM cannot fail;
    - otherwise ``consistent`` if some whole k gives 100·k/n printing as pct, else ``inconsistent``.

    Example: n = 50, whole percent (100/50 = 2 > 1): 38 % is 19/50, consistent; 39 % is
    inconsistent (19/50 = 38 %, 20/50 = 40 %). n = 230: 100/230 = 0.43 <= 1, not_verifiable.
    """
    return [check_grim_percent(p, n, int(d)).verdict for p, d in zip(items["pct"], items["decimals"], strict=True)]


def unattainable(items: pd.DataFrame, n: int) -> pd.DataFrame:
    """The rows of a table of printed percentages (``pct``, ``decimals``) that no whole count of
    n respondents gives (GRIM: no k with 100k/n printing as pct). Empty when n fits them all;
    a report checks this before it computes anything, to refuse such an n in one line.
    Example: 39 % of 50 is impossible (19/50 = 38 %, 20/50 = 40 %); of 230 it is 89 or 90."""
    fits = [bool(grim_counts(p, n, int(d))) for p, d in zip(items["pct"], items["decimals"], strict=True)]
    return items[[not f for f in fits]]


def outside_share(count: int, n: int, alpha: float = 0.05, method: str = "wilson", deff: float = 1.0) -> dict:
    """The respondents outside a single-response category counted ``count`` of n ('only 39 %
    intend to stay': everyone else does not intend to), as a share with its intervals:

    - ``count``: k = n - count, and ``pct`` = 100·k/n;
    - ``ci_low``, ``ci_high``: the (1 - alpha) ``method`` interval at n, in %;
    - ``ci_low_deff``, ``ci_high_deff``: the same at Kish's effective sample size n / deff
      (:func:`helpers.proportions.design_effect_interval`), in %;
    - ``majority``: ``"both"`` if the interval lies wholly above 50 % under both assumptions,
      ``"srs_only"`` if only under simple random sampling, ``"against"`` if the interval ends at or
      below 50 % under both (so also with the design effect), ``"neither"`` otherwise.
    Example: 90 of 230 stay, so 140 (60.9 %): Wilson 95 % 54.4-66.9 %; deff 2: 51.7-69.3 %: both.
    """
    if not 0 <= count <= n:
        raise ValueError(f"count: expected 0 <= count <= n = {n}, got {count}")
    outside = n - count
    lo, hi = (100 * float(x) for x in design_effect_interval(outside, n, 1.0, alpha, method))
    dlo, dhi = (100 * float(x) for x in design_effect_interval(outside, n, deff, alpha, method))
    half = 50.0
    if dhi <= half:
        majority = "against"
    elif lo > half:
        majority = "both" if dlo > half else "srs_only"
    else:
        majority = "neither"
    return {
        "count": outside,
        "pct": 100 * outside / n,
        "ci_low": lo,
        "ci_high": hi,
        "ci_low_deff": dlo,
        "ci_high_deff": dhi,
        "majority": majority,
    }
