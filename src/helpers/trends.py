"""Trend models and tests for short annual series, each returning a tidy one-row result.

- :func:`count_trend`: log-linear Poisson GLM with quasi-likelihood scale, optionally a level shift;
- :func:`kendall_trend`: Kendall's tau of value on year (Mann-Kendall), exact when possible;
- :func:`share_trend`: binomial GLM (logit) for a trend in a share, quasi-likelihood scale;
- :func:`break_year_test`: sup-F (Andrews) test for a level shift at an unknown year, with a
  parametric-bootstrap p-value and a step interval that re-chooses the year in every draw;
- :func:`ets_forecast`: exponential smoothing (statsmodels ``ETSModel``), the model chosen by AICc
  from ETS(A,N,N), ETS(A,A,N) and ETS(A,Ad,N) (:func:`ets_select`), optionally on the log scale;
- :func:`interval_coverage`: how many held-out observations a forecast interval contains.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: IRLS stops when no coefficient changes by more than this: near machine precision, so the
#: estimates, and every digit printed from them, do not depend on the BLAS kernel.
GLM_TOLERANCE = 1e-12


class FitError(RuntimeError):
    """An iterative fit did not converge; the message names the model."""


def _design(years, shift_year: int | None = None) -> np.ndarray:
    """Columns: constant, t - t̄ and, with ``shift_year``, the step 1[t >= shift_year]."""
    years = np.asarray(years, dtype=float)
    columns = [np.ones_like(years), years - years.mean()]
    if shift_year is not None:
        step = (years >= shift_year).astype(float)
        if step.sum() < 2 or (1 - step).sum() < 2:
            raise ValueError(
                f"shift_year={shift_year}: expected at least two years on each side of the shift "
                f"within {int(years.min())}-{int(years.max())}"
            )
        columns.append(step)
    return np.column_stack(columns)


def pearson_dispersion(result) -> float:
    """Pearson dispersion statistic φ = X² / (n - p); about 1 when the variance model fits."""
    return float(result.pearson_chi2 / result.df_resid)


def _fit_glm(endog, X, family, quasi_name: str):
    """Fit a GLM by IRLS to GLM_TOLERANCE, with quasi-likelihood scale φ̂ = max(1, X²/(n - p)).

    The scale is the Pearson dispersion, never below 1: overdispersion widens the intervals
    (t-based, standard errors × √φ̂) and underdispersion never narrows them. No threshold switches
    models. Returns (result, model name, Pearson φ, diagnostics): the lag-1 autocorrelation of the
    Pearson residuals and the Ljung-Box p-value for it. Positive autocorrelation makes the intervals
    too narrow, negative makes them conservative; on a dozen points neither test nor sign says much.
    """
    from statsmodels.genmod.generalized_linear_model import GLM
    from statsmodels.stats.diagnostic import acorr_ljungbox

    plain = GLM(endog, X, family=family).fit(tol=GLM_TOLERANCE, tol_criterion="params", maxiter=200)
    if not plain.converged:
        raise FitError(f"{family.__class__.__name__} GLM did not converge in 200 IRLS iterations")
    phi = pearson_dispersion(plain)
    if phi > 1:
        result, model = (
            GLM(endog, X, family=family).fit(scale=phi, use_t=True, tol=GLM_TOLERANCE, tol_criterion="params", maxiter=200),
            quasi_name,
        )
    else:
        result, model = plain, family.__class__.__name__
    model_id = model.lower().replace("-", "_")  # e.g. quasi_poisson: its label is labels.CODED["model"][model_id]
    resid = np.asarray(plain.resid_pearson, dtype=float)
    lag1 = float(np.corrcoef(resid[:-1], resid[1:])[0, 1]) if len(resid) > 2 else float("nan")
    ljung_box = float(acorr_ljungbox(resid, lags=[1])["lb_pvalue"].iloc[0])
    return result, model, phi, {"model_id": model_id, "resid_lag1": lag1, "ljung_box_p": ljung_box}


def count_trend(years, counts, alpha: float = 0.05, shift_year: int | None = None) -> dict:
    """Annual % change of a count series from log E[y_t] = a + b·(t - t̄) [+ c·1(t >= shift_year)].

    A Poisson GLM with quasi-likelihood scale max(1, φ) (see :func:`_fit_glm`). The annual change
    is 100·(e^b - 1) with CI 100·(e^(b ± q·se) - 1); with ``shift_year``, the trend is the one
    within each period and the level shift 100·(e^c - 1) % (the jump in the year of the shift
    beyond the trend) has its own CI.
    """
    from statsmodels.genmod.families import Poisson

    X = _design(years, shift_year)
    y = np.asarray(counts, dtype=float)
    result, model, phi, diagnostics = _fit_glm(y, X, Poisson(), "quasi-Poisson")
    b = float(result.params[1])
    ci = result.conf_int(alpha=alpha)
    out = {
        "model": model,
        "dispersion": phi,
        "slope": b,
        "annual_pct_change": 100 * np.expm1(b),
        "ci_low": 100 * np.expm1(ci[1][0]),
        "ci_high": 100 * np.expm1(ci[1][1]),
        "p_value": float(result.pvalues[1]),
        "n_years": len(y),
        "shift_year": shift_year,
        **diagnostics,
    }
    if shift_year is not None:
        c = float(result.params[2])
        out.update(
            shift_pct=100 * np.expm1(c),
            shift_ci_low=100 * np.expm1(ci[2][0]),
            shift_ci_high=100 * np.expm1(ci[2][1]),
            shift_p_value=float(result.pvalues[2]),
        )
    return out


def break_candidates(years) -> list[int]:
    """Years τ that can start a level shift: at least two years on each side (τ in t_3 ... t_{n-1})."""
    years = sorted(int(y) for y in years)
    return years[2:-1]


def break_year_test(years, counts, draws: int = 1999, alpha: float = 0.05, seed: int = 20160101) -> dict:
    """Sup-F (Andrews 1993) test for one level shift at an unknown year in a log-linear trend.

    On z_t = log y_t, the null is one line z_t = a + b·(t - t̄) + e_t, the alternative adds a step
    c·1(t >= τ) for a year τ among :func:`break_candidates`. For each τ, with SSE₀ the null fit's
    and SSE₁(τ) the step fit's sum of squared residuals (OLS, n years, 3 parameters),

        F(τ) = (SSE₀ - SSE₁(τ)) / (SSE₁(τ) / (n - 3)),   sup-F = max_τ F(τ),

    and τ̂ is the year of the largest F (the least SSE₁). Because the year is chosen by the data,
    F(τ̂) is not F-distributed: the p-value comes from a parametric bootstrap under the null,
    p = (1 + #{sup-F* >= sup-F}) / (draws + 1), each draw z* = line₀ + σ̂₀·ε with ε ~ N(0, 1) iid
    (sup-F does not depend on the line or on σ, so under Gaussian iid errors this is an exact Monte
    Carlo test). The step's interval re-chooses the year too: draws z* = fit₁(τ̂) + σ̂₁·ε, each
    refitted at its own best year; the (alpha/2, 1 - alpha/2) percentiles of 100·(e^{c*} - 1) are
    the interval, and ``same_year_share`` is the share of draws that choose τ̂ again.
    Returns sup_f, break_year, step_pct (100·(e^ĉ - 1) at τ̂), step_ci_low/high, p_value, draws,
    same_year_share and ``sse`` (SSE₁ per candidate year, and SSE₀ under the key None).
    """
    years = np.asarray(years, dtype=int)
    z = np.log(np.asarray(counts, dtype=float))
    n = len(z)
    candidates = break_candidates(years)
    if not candidates:
        raise ValueError(f"years {years.min()}-{years.max()}: expected at least 4 years for a level-shift test")

    sup_f, tau_hat, step, sse0, sse1 = (v[0] for v in _best_steps(years, z[None, :], candidates))
    X0, X1 = _design(years), _design(years, int(tau_hat))
    line0 = X0 @ np.linalg.lstsq(X0, z, rcond=None)[0]
    fit1 = X1 @ np.linalg.lstsq(X1, z, rcond=None)[0]
    sigma0, sigma1 = np.sqrt(sse0 / (n - 2)), np.sqrt(sse1[candidates.index(tau_hat)] / (n - 3))
    rng = np.random.default_rng(seed)
    null_f = _best_steps(years, line0 + sigma0 * rng.standard_normal((draws, n)), candidates)[0]
    _, redrawn_years, redrawn_steps, _, _ = _best_steps(years, fit1 + sigma1 * rng.standard_normal((draws, n)), candidates)
    steps = 100 * np.expm1(redrawn_steps)
    return {
        "sup_f": float(sup_f),
        "break_year": int(tau_hat),
        "step_pct": float(100 * np.expm1(step)),
        "step_ci_low": float(np.quantile(steps, alpha / 2)),
        "step_ci_high": float(np.quantile(steps, 1 - alpha / 2)),
        "p_value": float((1 + np.sum(null_f >= sup_f)) / (draws + 1)),
        "draws": draws,
        "same_year_share": float(np.mean(redrawn_years == tau_hat)),
        "n_candidates": len(candidates),
        "sse": {None: float(sse0), **{int(t): float(sse1[i]) for i, t in enumerate(candidates)}},
    }


def _best_steps(years: np.ndarray, rows: np.ndarray, candidates: list[int]) -> tuple[np.ndarray, ...]:
    """For each row of ``rows`` (log values of one series per row), as :func:`break_year_test`
    defines them: F(τ̂), the best year τ̂ (the least SSE₁, the first candidate on a tie), its step
    ĉ, SSE₀, and SSE₁ per candidate (one column per candidate). Every row is fitted at once: one
    least-squares solve per candidate year."""
    n = rows.shape[1]
    sse0 = _sse(_design(years), rows.T)[0]
    fits = [_sse(_design(years, tau), rows.T) for tau in candidates]
    sse1 = np.array([f[0] for f in fits])
    steps = np.array([f[1][2] for f in fits])
    best = np.argmin(sse1, axis=0)
    each = np.arange(rows.shape[0])
    sse_best = sse1[best, each]
    return (sse0 - sse_best) / (sse_best / (n - 3)), np.asarray(candidates)[best], steps[best, each], sse0, sse1.T


def _sse(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OLS of each column of ``Y`` on ``X``: (SSE per column, coefficients, one column each)."""
    coef = np.linalg.lstsq(X, Y, rcond=None)[0]
    resid = Y - X @ coef
    return np.einsum("ij,ij->j", resid, resid), coef


def kendall_trend(years, values) -> dict:
    """Mann-Kendall trend test as Kendall's tau between year and value.

    Exact null distribution when there are no ties (small n), else the normal approximation.
    """
    from scipy import stats

    values = np.asarray(values, dtype=float)
    method = "exact" if len(np.unique(values)) == len(values) else "asymptotic"
    res = stats.kendalltau(np.asarray(years, dtype=float), values, method=method)
    return {"tau": float(res.statistic), "p_value": float(res.pvalue), "method": method, "n_years": len(values)}


def share_trend(years, successes, totals, alpha: float = 0.05) -> dict:
    """Trend in a share: binomial GLM logit(π_t) = a + b·(t - t̄); odds ratio per year e^b.

    Quasi-likelihood scale max(1, φ) as in :func:`count_trend`.
    """
    from statsmodels.genmod.families import Binomial

    X = _design(years)
    k = np.asarray(successes, dtype=float)
    n = np.asarray(totals, dtype=float)
    result, model, phi, diagnostics = _fit_glm(np.column_stack([k, n - k]), X, Binomial(), "quasi-binomial")
    b = float(result.params[1])
    lo, hi = result.conf_int(alpha=alpha)[1]
    return {
        "model": model,
        "dispersion": phi,
        "odds_ratio_per_year": float(np.exp(b)),
        "ci_low": float(np.exp(lo)),
        "ci_high": float(np.exp(hi)),
        "p_value": float(result.pvalues[1]),
        "n_years": len(k),
        **diagnostics,
    }


#: Candidate ETS models (error, trend, damped): simple, Holt's linear and damped trend.
ETS_CANDIDATES = (("A", "N", False), ("A", "A", False), ("A", "A", True))
#: Bounds of the smoothing parameters, as statsmodels' ETSModel sets them.
ETS_BOUNDS = {"smoothing_level": (1e-4, 1 - 1e-4), "smoothing_trend": (1e-4, 1 - 1e-4), "damping_trend": (0.8, 0.98)}
#: How reports write the ETS parameters.
ETS_SYMBOLS = {"smoothing_level": "α", "smoothing_trend": "β", "damping_trend": "φ", "initial_level": "ℓ₀", "initial_trend": "b₀"}
#: A parameter within this distance of a bound is reported as sitting on it.
BOUND_TOLERANCE = 1e-3


def ets_name(trend: str, damped: bool) -> str:
    """ETS(error, trend, season) label: ``ETS(A,N,N)``, ``ETS(A,A,N)``, ``ETS(A,Ad,N)``."""
    return f"ETS(A,{trend}{'d' if damped else ''},N)"


def _one_step_errors(
    y: np.ndarray, alpha: float, beta: float, phi: float, level0: float, trend0: float, has_trend: bool
) -> np.ndarray:
    """One-step-ahead errors of additive-error ETS: ŷ_t = l + φb, e_t = y_t - ŷ_t,
    l ← l + φb + α·e_t, b ← φb + β·e_t (b ≡ 0 without a trend)."""
    errors = np.empty_like(y)
    level, slope = level0, trend0 if has_trend else 0.0
    for t, obs in enumerate(y):
        damped = phi * slope if has_trend else 0.0
        errors[t] = obs - (level + damped)
        level = level + damped + alpha * errors[t]
        slope = damped + beta * errors[t] if has_trend else 0.0
    return errors


def _profile_initial_states(y: np.ndarray, alpha: float, beta: float, phi: float, has_trend: bool):
    """Initial states x0 = (l0[, b0]) minimising the sum of squared one-step errors, in closed form.

    For fixed smoothing parameters the errors are affine in x0, e(x0) = e(0) - W·x0, so the
    best x0 is the least-squares solution of W·x0 = e(0). Returns (x0, SSE).
    """
    base = _one_step_errors(y, alpha, beta, phi, 0.0, 0.0, has_trend)
    units = [(1.0, 0.0), (0.0, 1.0)] if has_trend else [(1.0, 0.0)]
    W = np.column_stack([base - _one_step_errors(y, alpha, beta, phi, l0, b0, has_trend) for l0, b0 in units])
    x0, *_ = np.linalg.lstsq(W, base, rcond=None)
    resid = base - W @ x0
    return x0, float(resid @ resid)


def _sse_gradient(y: np.ndarray, alpha: float, beta: float, phi: float, x0: np.ndarray, has_trend: bool) -> np.ndarray:
    """Exact gradient of the SSE in (α, β, φ) at the profiled initial states x0.

    x0 minimises the SSE for these parameters, so by the envelope theorem the gradient of the
    profiled SSE is that at fixed x0: 2·Σ e_t·∂e_t/∂θ, the derivatives of the states carried
    forward alongside them (forward-mode differentiation of the recursion in _one_step_errors).
    """
    level, slope = x0[0], (x0[1] if has_trend else 0.0)
    d_level, d_slope = np.zeros(3), np.zeros(3)  # ∂l/∂(α, β, φ), ∂b/∂(α, β, φ)
    unit = np.eye(3)
    grad = np.zeros(3)
    for obs in y:
        damped = phi * slope if has_trend else 0.0
        d_damped = (phi * d_slope + slope * unit[2]) if has_trend else np.zeros(3)
        error = obs - (level + damped)
        d_error = -(d_level + d_damped)
        grad += 2.0 * error * d_error
        level, d_level = level + damped + alpha * error, d_level + d_damped + error * unit[0] + alpha * d_error
        if has_trend:
            slope, d_slope = damped + beta * error, d_damped + error * unit[1] + beta * d_error
    return grad


def _fit_smoothing(y: np.ndarray, trend: str, damped: bool) -> np.ndarray:
    """Maximum-likelihood smoothing parameters, the initial states profiled out.

    With additive Gaussian errors the likelihood is maximal where the profiled SSE is least.
    The search runs over (α, β* = β/α, φ) within statsmodels' bounds (so β <= α) with the exact
    gradient (:func:`_sse_gradient`): for ETS(A,N,N) every root of dSSE/dα on a grid of 200 brackets
    (Brent's method) and both bounds, otherwise L-BFGS-B from the five best points of a grid, to
    relative gradient 1e-14 and a Newton polish (:func:`_newton_polish`); the least SSE wins.
    The optimum is thus found to about machine precision, not to a finite-difference tolerance.
    Returns (α, β, φ), with β = 0 and φ = 1 where the model has no trend or no damping.
    """
    from scipy import optimize

    has_trend = trend == "A"
    names = ["smoothing_level"] + (["smoothing_trend"] if has_trend else []) + (["damping_trend"] if damped else [])
    bounds = [ETS_BOUNDS[name] for name in names]

    def unpack(theta):
        alpha = theta[0]
        return alpha, (alpha * theta[1] if has_trend else 0.0), (theta[2] if damped else 1.0)

    def objective(theta):
        alpha, beta, phi = unpack(theta)
        x0, sse = _profile_initial_states(y, alpha, beta, phi, has_trend)
        g_alpha, g_beta, g_phi = _sse_gradient(y, alpha, beta, phi, x0, has_trend)
        grad = [g_alpha + (theta[1] * g_beta if has_trend else 0.0)]  # β = α·β*: chain rule
        if has_trend:
            grad.append(theta[0] * g_beta)
        if damped:
            grad.append(g_phi)
        return sse, np.array(grad)

    if not has_trend:
        # The profiled SSE need not be convex in α: every root of dSSE/dα between grid points
        # and both bounds are candidates, and the least SSE wins.
        (lo, hi), slope = bounds[0], (lambda a: objective([a])[1][0])
        grid = np.linspace(lo, hi, 201)
        slopes = [slope(a) for a in grid]
        candidates = [lo, hi] + [
            optimize.brentq(slope, a, b, xtol=1e-15, rtol=4 * np.finfo(float).eps)
            for a, b, sa, sb in zip(grid[:-1], grid[1:], slopes[:-1], slopes[1:], strict=True)
            if sa < 0 < sb
        ]
        return np.array([min(candidates, key=lambda a: objective([a])[0]), 0.0, 1.0])
    # Several local optima are possible: L-BFGS-B from the five best points of a grid, least SSE wins.
    grid = [np.linspace(lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo), 6) for lo, hi in bounds]
    points = np.array(np.meshgrid(*grid, indexing="ij")).reshape(len(bounds), -1).T
    starts = sorted(points, key=lambda theta: objective(theta)[0])[:5]
    scale = objective(starts[0])[0]  # the SSE in units of the best start's, so gtol is relative

    def scaled(theta):
        sse, grad = objective(theta)
        return sse / scale, grad / scale

    fits = [
        optimize.minimize(
            scaled,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"ftol": 0.0, "gtol": 1e-14, "maxiter": 10_000, "maxls": 100},
        )
        for start in starts
    ]
    best = min(fits, key=lambda res: res.fun).x
    return np.array(unpack(_newton_polish(lambda theta: objective(theta)[1], best, bounds)))


def _newton_polish(gradient, theta: np.ndarray, bounds, steps: int = 8) -> np.ndarray:
    """Newton steps on the coordinates off their bounds, solving gradient = 0 to machine precision
    (Hessian by central differences of the exact gradient). Quasi-Newton methods stop where the
    gradient is merely small; along a flat direction that leaves the optimum loose in its last digits."""
    theta = np.array(theta, dtype=float)
    free = [i for i, (lo, hi) in enumerate(bounds) if lo + 1e-9 < theta[i] < hi - 1e-9]
    for _ in range(steps if free else 0):
        g = gradient(theta)[free]
        hessian = np.empty((len(free), len(free)))
        for column, i in enumerate(free):
            h = 1e-6 * max(1.0, abs(theta[i]))
            up, down = theta.copy(), theta.copy()
            up[i] += h
            down[i] -= h
            hessian[:, column] = (gradient(up)[free] - gradient(down)[free]) / (2 * h)
        try:
            step = np.linalg.solve(hessian, -g)
        except np.linalg.LinAlgError:
            break
        candidate = theta.copy()
        candidate[free] = np.clip(theta[free] + step, [bounds[i][0] for i in free], [bounds[i][1] for i in free])
        if np.allclose(candidate, theta, rtol=0, atol=1e-15):
            break
        theta = candidate
    return theta


def ets_fit(values, trend: str = "N", damped: bool = False):
    """Fit additive-error ETS(A, trend, N) by maximum likelihood; return statsmodels' results.

    The initial states are profiled out in closed form (:func:`_profile_initial_states`) and the
    smoothing parameters found to a tolerance at the limit of double precision, so that the
    optimum, and every digit printed from it, is the same on any BLAS kernel; statsmodels'
    ``ETSModel.smooth`` then gives the likelihood, AICc and prediction intervals.
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = np.asarray(values, dtype=float)
    if trend not in ("N", "A") or (damped and trend == "N"):
        raise ValueError(f"trend={trend!r}, damped={damped}: expected trend 'N' or 'A' (damped only with 'A')")
    alpha, beta, phi = _fit_smoothing(y, trend, damped)
    x0, _ = _profile_initial_states(y, alpha, beta, phi, trend == "A")
    model = ETSModel(pd.Series(y), error="add", trend=None if trend == "N" else "add", damped_trend=damped)
    params = [alpha] + ([beta] if trend == "A" else []) + ([phi] if damped else []) + list(x0)
    return model.smooth(np.array(params))


def on_bounds(fit) -> list[str]:
    """Names of the smoothing parameters of an ETS fit within BOUND_TOLERANCE of their bounds."""
    named = dict(zip(fit.model.param_names, fit.params, strict=True))
    return [
        name
        for name, (lo, hi) in ETS_BOUNDS.items()
        if name in named and min(named[name] - lo, hi - named[name]) < BOUND_TOLERANCE
    ]


def fixed_line(params: dict) -> bool:
    """Whether an ETS fit with a trend is a fixed line: both α (``smoothing_level``) and β
    (``smoothing_trend``) lie within BOUND_TOLERANCE of their lower bound, so the level and slope
    hardly move from their initial values ℓ₀ and b₀ and the forecast is the line ℓ₀ + b₀·h.
    ``params`` maps parameter names to values (as in :func:`ets_select`'s ``params``); a fit
    without a trend is never a fixed line."""
    if "smoothing_trend" not in params:
        return False
    return all(params[name] - ETS_BOUNDS[name][0] < BOUND_TOLERANCE for name in ("smoothing_level", "smoothing_trend"))


def fixed_level(params: dict) -> bool:
    """Whether an ETS fit's level never updates: α (``smoothing_level``) within BOUND_TOLERANCE of
    its lower bound. For ETS(A,N,N) the h-step forecast variance is σ²·(1 + (h - 1)·α²), so the
    prediction interval then has about the same width at every horizon."""
    return params["smoothing_level"] - ETS_BOUNDS["smoothing_level"][0] < BOUND_TOLERANCE


def ets_select(values, candidates=ETS_CANDIDATES) -> pd.DataFrame:
    """Fit each candidate ETS model and rank them by AICc (lowest first, the chosen model first).

    AICc = -2·logL + 2k + 2k(k+1)/(n-k-1), k counting the smoothing parameters, initial states
    and the error variance. Columns: model, aicc, delta_aicc, log_likelihood, params (name=value
    text), on_bound (parameters on a bound), and the fitted results object in ``fit``.
    """
    rows = []
    for _error, trend, damped in candidates:
        fit = ets_fit(values, trend, damped)
        rows.append(
            {
                "model": ets_name(trend, damped),
                "aicc": float(fit.aicc),
                "log_likelihood": float(fit.llf),
                "params": dict(zip(fit.model.param_names, map(float, fit.params), strict=True)),
                "on_bound": on_bounds(fit),
                "fit": fit,
            }
        )
    table = pd.DataFrame(rows).sort_values("aicc", kind="stable").reset_index(drop=True)
    return table.assign(delta_aicc=table["aicc"] - table["aicc"].iloc[0])


def ets_forecast(
    years, values, horizon: int, alpha: float = 0.05, candidates=ETS_CANDIDATES, log_scale: bool = False
) -> pd.DataFrame:
    """Forecast with the ETS model AICc selects from ``candidates``, with (1 - alpha) prediction intervals.

    Returns one row per year: observed values, then the forecast with its interval for the next
    ``horizon`` years (``kind`` = observed / forecast). ``attrs`` hold the chosen model's name,
    parameters, AICc and the parameters on a bound, and the whole candidate table
    (:func:`ets_select`, without the results objects).

    With ``log_scale`` the models are fitted to log y (counts must be positive) and the forecast and
    its bounds are exp(·) of those on the log scale: the point is the forecast median, and the
    interval, exp(m ± q·s), can never fall below zero. Parameters and AICc are then on the log scale.
    """
    years = np.asarray(years, dtype=int)
    y = np.asarray(values, dtype=float)
    if log_scale and not (y > 0).all():
        raise ValueError("ets_forecast(log_scale=True): expected every value > 0")
    ranking = ets_select(np.log(y) if log_scale else y, candidates)
    best = ranking.iloc[0]
    frame = best["fit"].get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=alpha)
    back = np.exp if log_scale else np.asarray
    future = pd.DataFrame(
        {
            "year": years[-1] + np.arange(1, horizon + 1),
            "kind": "forecast",
            "value": back(frame["mean"].to_numpy()),
            "pi_low": back(frame["pi_lower"].to_numpy()),
            "pi_high": back(frame["pi_upper"].to_numpy()),
        }
    )
    past = pd.DataFrame({"year": years, "kind": "observed", "value": y, "pi_low": np.nan, "pi_high": np.nan})
    out = pd.concat([past, future], ignore_index=True)
    out.attrs.update(
        model=best["model"],
        aicc=best["aicc"],
        params=best["params"],
        on_bound=best["on_bound"],
        candidates=ranking.drop(columns="fit"),
        log_scale=log_scale,
    )
    return out


def interval_coverage(observed, low, high) -> tuple[int, int]:
    """(k, n): how many of n observed values lie within their interval, low <= y <= high."""
    observed, low, high = (np.asarray(a, dtype=float) for a in (observed, low, high))
    return int(np.sum((observed >= low) & (observed <= high))), len(observed)
