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
    # the MLE of log-linear growth through these counts is 9.92 % a year (the by-hand check below)
    assert fit["annual_pct_change"] == pytest.approx(9.9206, abs=1e-4)
    assert fit["ci_low"] < 10 < fit["ci_high"]


@pytest.mark.parametrize("counts", [GROWING, [100, 400, 90, 500, 120, 480, 110, 520, 130, 560]], ids=["under", "over"])
def test_count_trend_by_hand_from_the_score_equations(counts):
    # A Poisson GLM's fitted means μ̂ = exp(a + b·t), t = year - mean year, solve Xᵀ(y - μ̂) = 0:
    # Σ y = Σ μ̂ gives a for the fitted b, and then Σ t·y = Σ t·μ̂ must hold (b is the MLE).
    # From μ̂, by hand: φ = Σ (y - μ̂)²/μ̂ / (n - 2); se(b) = √(max(1, φ) · [(XᵀWX)⁻¹]₂₂) with
    # W = diag(μ̂); CI b ± q·se, q the normal quantile if φ <= 1, else t(n - 2); Pearson residuals
    # e = (y - μ̂)/√μ̂, r₁ their lag-1 autocorrelation, Ljung-Box Q = n(n + 2)·r₁²/(n - 1) ~ χ²₁.
    from scipy import stats

    y = np.asarray(counts, dtype=float)
    fit = trends.count_trend(YEARS, y)
    t = YEARS - YEARS.mean()
    b = fit["slope"]
    a = np.log(y.sum() / np.exp(b * t).sum())
    mu = np.exp(a + b * t)
    assert (t * y).sum() == pytest.approx((t * mu).sum(), abs=1e-6)
    n = len(y)
    phi = ((y - mu) ** 2 / mu).sum() / (n - 2)
    assert fit["dispersion"] == pytest.approx(phi, rel=1e-8)
    X = np.column_stack([np.ones(n), t])
    se = np.sqrt(max(1.0, phi) * np.linalg.inv(X.T @ (mu[:, None] * X))[1, 1])
    q = stats.norm.ppf(0.975) if phi <= 1 else stats.t.ppf(0.975, n - 2)
    assert fit["ci_low"] == pytest.approx(100 * np.expm1(b - q * se), abs=1e-6)
    assert fit["ci_high"] == pytest.approx(100 * np.expm1(b + q * se), abs=1e-6)
    e = (y - mu) / np.sqrt(mu)
    d = e - e.mean()
    r1 = (d[:-1] * d[1:]).sum() / (d**2).sum()
    assert fit["ljung_box_p"] == pytest.approx(stats.chi2.sf(n * (n + 2) * r1**2 / (n - 1), 1), abs=1e-8)
    assert fit["resid_lag1"] == pytest.approx(np.corrcoef(e[:-1], e[1:])[0, 1], abs=1e-8)


def test_count_trend_scale_is_pearson_dispersion_never_below_one():
    counts = [100, 400, 90, 500, 120, 480, 110, 520, 130, 560]
    fit = trends.count_trend(YEARS, counts)
    assert fit["model"] == "quasi-Poisson" and fit["dispersion"] > 1
    plain = trends.count_trend(YEARS, GROWING)
    # GROWING is underdispersed (φ < 1): Poisson scale 1 is kept, intervals are not narrowed
    assert plain["model"] == "Poisson"
    assert fit["ci_high"] - fit["ci_low"] > plain["ci_high"] - plain["ci_low"]
    # alternating residuals: strongly negative lag-1 autocorrelation
    assert fit["resid_lag1"] < -0.5 and fit["ljung_box_p"] < 0.05


def test_count_trend_with_a_level_shift():
    # 100·1.05^t before 2015, then the level doubles: log y = a + b·t + c·step with b = log 1.05, c = log 2
    years = np.arange(2010, 2020)
    counts = np.round(1000 * 1.05 ** (years - 2010) * np.where(years >= 2015, 2.0, 1.0) * (1 + 0.002 * (-1) ** years))
    fit = trends.count_trend(years, counts, shift_year=2015)
    assert fit["annual_pct_change"] == pytest.approx(5.0, abs=0.1)
    assert fit["shift_pct"] == pytest.approx(100.0, abs=1.0)
    assert fit["shift_ci_low"] < fit["shift_pct"] < fit["shift_ci_high"]
    # without the shift term, the doubling is read as a much faster trend
    assert trends.count_trend(years, counts)["annual_pct_change"] > 10
    with pytest.raises(ValueError, match="at least two years on each side"):
        trends.count_trend(years, counts, shift_year=2019)


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


BATKEN_ARRIVALS = [311, 305, 239, 849, 829, 678, 696, 692, 561, 874, 631]


def test_ets_forecast_shape_intervals_and_determinism():
    years = np.arange(2013, 2024)
    fc = trends.ets_forecast(years, BATKEN_ARRIVALS, 3, 0.05)
    fut = fc[fc["kind"] == "forecast"]
    assert list(fut["year"]) == [2024, 2025, 2026]
    assert (fut["pi_low"] < fut["value"]).all() and (fut["value"] < fut["pi_high"]).all()
    wider = trends.ets_forecast(years, BATKEN_ARRIVALS, 3, 0.01)
    assert (wider[wider.kind == "forecast"]["pi_high"].to_numpy() > fut["pi_high"].to_numpy()).all()
    assert fc.equals(trends.ets_forecast(years, BATKEN_ARRIVALS, 3, 0.05))


def test_profiled_initial_level_is_least_squares():
    # ETS(A,N,N) with α = 0.5 on y = (2, 4): ŷ1 = l0, l1 = l0 + 0.5(2 - l0) = 1 + l0/2, ŷ2 = l1.
    # SSE = (2 - l0)² + (3 - l0/2)²; d/dl0 = -2(2 - l0) - (3 - l0/2) = 2.5·l0 - 7 = 0 -> l0 = 2.8,
    # errors -0.8 and 1.6, SSE = 0.64 + 2.56 = 3.2
    x0, sse = trends._profile_initial_states(np.array([2.0, 4.0]), 0.5, 0.0, 1.0, False)
    assert x0[0] == pytest.approx(2.8) and sse == pytest.approx(3.2)


def test_sse_gradient_matches_finite_differences():
    y = np.array(BATKEN_ARRIVALS, dtype=float)
    alpha, beta, phi = 0.3, 0.1, 0.9
    x0, _ = trends._profile_initial_states(y, alpha, beta, phi, True)
    grad = trends._sse_gradient(y, alpha, beta, phi, x0, True)
    h = 1e-6
    for i in range(3):
        up, down = np.array([alpha, beta, phi]), np.array([alpha, beta, phi])
        up[i] += h
        down[i] -= h
        numeric = (trends._profile_initial_states(y, *up, True)[1] - trends._profile_initial_states(y, *down, True)[1]) / (2 * h)
        assert grad[i] == pytest.approx(numeric, rel=1e-5)


def test_ets_fit_reaches_at_least_statsmodels_own_optimum():
    import warnings

    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = np.array(BATKEN_ARRIVALS, dtype=float)
    for trend, damped in (("N", False), ("A", False), ("A", True)):
        ours = trends.ets_fit(y, trend, damped)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = ETSModel(pd.Series(y), error="add", trend=None if trend == "N" else "add", damped_trend=damped).fit(
                disp=False, maxiter=10_000, pgtol=1e-12, factr=10
            )
        assert ours.llf >= theirs.llf - 1e-7


def test_ets_select_ranks_by_aicc_and_flags_bounds():
    ranking = trends.ets_select(BATKEN_ARRIVALS)
    assert list(ranking["aicc"]) == sorted(ranking["aicc"]) and ranking["delta_aicc"].iloc[0] == 0
    assert set(ranking["model"]) == {"ETS(A,N,N)", "ETS(A,A,N)", "ETS(A,Ad,N)"}
    # a level that never moves: α at its lower bound
    flat = trends.ets_fit([10.0, 10.2, 9.9, 10.1, 9.8, 10.0, 10.1, 9.9], "N")
    assert trends.on_bounds(flat) == ["smoothing_level"]
    with pytest.raises(ValueError, match="damped only with 'A'"):
        trends.ets_fit(BATKEN_ARRIVALS, "N", True)


def test_fixed_line_needs_both_alpha_and_beta_at_their_lower_bound():
    # lower bounds are 1e-4; BOUND_TOLERANCE is 1e-3:
    # α = 1.5e-4: 1.5e-4 - 1e-4 = 5e-5 < 1e-3, β = 1e-4: 0 < 1e-3 -> both at the bound: a fixed line
    assert trends.fixed_line({"smoothing_level": 1.5e-4, "smoothing_trend": 1e-4, "initial_level": 366.2})
    # α = 0.5: 0.5 - 1e-4 = 0.4999 >= 1e-3 -> the level still updates
    assert not trends.fixed_line({"smoothing_level": 0.5, "smoothing_trend": 1e-4})
    # β = 0.0012: 0.0012 - 0.0001 = 0.0011 >= 1e-3 -> the slope still updates (just above the tolerance)
    assert not trends.fixed_line({"smoothing_level": 1e-4, "smoothing_trend": 0.0012})
    # no trend: a level model is never a fixed line, even with α at its bound
    assert not trends.fixed_line({"smoothing_level": 1e-4, "initial_level": 10.0})


def test_break_year_test_by_hand():
    # z = log y = 0, 0, 1, 2 in years 0-3; the only candidate break is year 2.
    # One line: t̄ = 1.5, z̄ = 0.75, Sxy = 3.5, Sxx = 5, slope 0.7; fitted -0.3, 0.4, 1.1, 1.8;
    # residuals 0.3, -0.4, -0.1, 0.2, so SSE₀ = 0.09 + 0.16 + 0.01 + 0.04 = 0.30.
    # With the step: pooled within-group slope 0.5 (Sxy 0 + 0.5, Sxx 0.5 + 0.5); residuals
    # ±0.25 in both groups, SSE₁ = 0.25; the lines -0.25 + 0.5t and 0.25 + 0.5t differ by c = 0.5.
    # F = (0.30 - 0.25) / (0.25 / (4 - 3)) = 0.2; the step is 100·(e^0.5 - 1) = 64.872 %.
    result = trends.break_year_test([0, 1, 2, 3], np.exp([0, 0, 1, 2]), draws=19)
    assert result["break_year"] == 2
    assert result["sse"][None] == pytest.approx(0.30)
    assert result["sse"][2] == pytest.approx(0.25)
    assert result["sup_f"] == pytest.approx(0.2)
    assert result["step_pct"] == pytest.approx(64.872, abs=1e-3)
    assert 1 / 20 <= result["p_value"] <= 1


def test_the_draws_are_fitted_at_once_as_each_would_be_alone():
    """The bootstrap fits every draw in one solve per candidate year: each row's F, best year and
    step are those of the same row fitted alone (the hand-worked series above among them)."""
    years = np.array([0, 1, 2, 3, 4, 5])
    rows = np.array([[0, 0, 1, 2, 2.5, 3], [1, 1.2, 0.9, 3, 3.1, 2.9], [0.1, 0.4, 1.2, 1.4, 2.1, 2.4]])
    candidates = trends.break_candidates(years)
    together = trends._best_steps(years, rows, candidates)
    for i, row in enumerate(rows):
        alone = trends._best_steps(years, row[None, :], candidates)
        for t, a in zip(together, alone, strict=True):
            np.testing.assert_allclose(t[i], a[0], rtol=1e-12, atol=1e-12)
    assert list(together[1]) == [3, 3, 2]  # the best year differs between rows: each row chose its own


def test_break_year_test_finds_a_clear_step_and_its_year():
    years = np.arange(2010, 2021)
    noise = np.array([0.02, -0.01, 0.015, -0.02, 0.01, -0.015, 0.02, 0.0, -0.01, 0.012, -0.005])
    counts = np.exp(6 + 0.01 * (years - 2015) + np.where(years >= 2014, 0.7, 0.0) + noise)
    result = trends.break_year_test(years, counts, draws=199)
    assert result["break_year"] == 2014
    assert result["p_value"] == pytest.approx(1 / 200)  # no null draw comes near so large a sup-F
    assert result["step_ci_low"] < 100 * math.expm1(0.7) < result["step_ci_high"]
    assert result["same_year_share"] > 0.9
    assert trends.break_year_test(years, counts, draws=199) == result  # seeded: deterministic


def test_break_year_test_p_value_is_roughly_uniform_without_a_step():
    rng = np.random.default_rng(1)
    years = np.arange(2000, 2011)
    p_values = [
        trends.break_year_test(years, np.exp(5 + 0.1 * rng.standard_normal(len(years))), draws=99, seed=k)["p_value"]
        for k in range(40)
    ]
    assert 0.02 <= np.mean(np.array(p_values) < 0.2) <= 0.45  # about 20 % under the null


def test_break_candidates_keep_two_years_each_side():
    assert trends.break_candidates([2013, 2014, 2015, 2016, 2017]) == [2015, 2016]
    with pytest.raises(ValueError, match="at least 4 years"):
        trends.break_year_test([1, 2, 3], [1, 2, 3])


def test_log_scale_forecast_respects_zero():
    values = [40, 5, 60, 8, 50, 3, 45]
    plain = trends.ets_forecast(range(7), values, 3)
    logged = trends.ets_forecast(range(7), values, 3, log_scale=True)
    assert (plain["pi_low"].dropna() < 0).any()  # the example is one where the plain interval crosses zero
    assert (logged["pi_low"].dropna() > 0).all()
    assert logged.attrs["log_scale"]


def test_interval_coverage_counts_values_inside_bounds():
    # 5 in [4, 6], 9 outside [4, 8], 2 on the bound of [2, 3]: two of three.
    assert trends.interval_coverage([5, 9, 2], [4, 4, 2], [6, 8, 3]) == (2, 3)


def test_fixed_level_is_alpha_at_its_lower_bound():
    # lower bound 1e-4, tolerance 1e-3: 5e-4 is on it, 0.2 is not.
    assert trends.fixed_level({"smoothing_level": 5e-4})
    assert not trends.fixed_level({"smoothing_level": 0.2})
