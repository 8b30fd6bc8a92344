"""Trend models on series whose answer is known by construction."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import trends

YEARS = np.arange(2010, 2020)


# about 100 · 1.1^t with small deviations (a perfect fit would make the GLM warn)
GROWING = [100, 112, 119, 134, 145, 163, 175, 196, 213, 235]


def test_count_trend_recovers_a_growth_rate():
    fit = trends.count_trend(YEARS, GROWING)
    assert fit["model"] == "Poisson" and fit["dispersion"] < 1
    assert fit["annual_pct_change"] == pytest.approx(100 * (np.exp(fit["slope"]) - 1))
    assert 9 < fit["annual_pct_change"] < 11
    assert fit["ci_low"] < 10 < fit["ci_high"]


def test_count_trend_switches_to_quasi_poisson_when_overdispersed():
    counts = [100, 400, 90, 500, 120, 480, 110, 520, 130, 560]
    fit = trends.count_trend(YEARS, counts)
    assert fit["model"] == "quasi-Poisson" and fit["dispersion"] > trends.DISPERSION_THRESHOLD
    plain = trends.count_trend(YEARS, GROWING)
    assert fit["ci_high"] - fit["ci_low"] > plain["ci_high"] - plain["ci_low"]


def test_kendall_exact_for_a_monotone_series():
    res = trends.kendall_trend(YEARS[:5], [1, 2, 3, 4, 5])
    # tau = 1; exact two-sided p = 2 / 5! = 1/60
    assert res["tau"] == pytest.approx(1.0) and res["method"] == "exact"
    assert res["p_value"] == pytest.approx(2 / math.factorial(5))
    assert trends.kendall_trend(YEARS[:4], [1, 1, 2, 3])["method"] == "asymptotic"


def test_share_trend_odds_ratio():
    # logit of the share rises by log(2) a year: odds double
    odds = 0.25 * 2.0 ** np.arange(5)
    totals = np.full(5, 10_000)
    successes = np.round(totals * odds / (1 + odds))
    res = trends.share_trend(YEARS[:5], successes, totals)
    assert res["odds_ratio_per_year"] == pytest.approx(2.0, rel=1e-3)
    assert res["ci_low"] < 2.0 < res["ci_high"]


def test_ets_forecast_shape_intervals_and_determinism():
    values = [311, 305, 239, 849, 829, 678, 696, 692, 561, 874, 631]
    years = np.arange(2013, 2024)
    fc = trends.ets_forecast(years, values, 3, 0.05)
    fut = fc[fc["kind"] == "forecast"]
    assert list(fut["year"]) == [2024, 2025, 2026]
    assert (fut["pi_low"] < fut["value"]).all() and (fut["value"] < fut["pi_high"]).all()
    wider = trends.ets_forecast(years, values, 3, 0.01)
    assert (wider[wider.kind == "forecast"]["pi_high"].to_numpy() > fut["pi_high"].to_numpy()).all()
    assert fc.equals(trends.ets_forecast(years, values, 3, 0.05))
