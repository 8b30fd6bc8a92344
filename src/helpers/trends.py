"""Trend models and tests for short annual series, each returning a tidy one-row result.

- :func:`count_trend`: log-linear Poisson GLM, quasi-Poisson when overdispersed;
- :func:`kendall_trend`: Kendall's tau of value on year (Mann-Kendall), exact when possible;
- :func:`share_trend`: binomial GLM (logit) for a trend in a share, quasi-binomial when overdispersed;
- :func:`ets_forecast`: damped-trend exponential smoothing (statsmodels ``ETSModel``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.tools.sm_exceptions import ConvergenceWarning

#: Pearson dispersion above which a quasi-likelihood model replaces Poisson or binomial.
DISPERSION_THRESHOLD = 1.5


def _design(years) -> tuple[np.ndarray, float]:
    years = np.asarray(years, dtype=float)
    centre = float(years.mean())
    return sm.add_constant(years - centre), centre


def pearson_dispersion(result) -> float:
    """Pearson dispersion statistic φ = X² / (n - p); about 1 when the variance model fits."""
    return float(result.pearson_chi2 / result.df_resid)


def _fit_glm(endog, X, family, quasi_name: str):
    """Fit a GLM; refit with scale φ (quasi-likelihood, t-based) when φ > DISPERSION_THRESHOLD.

    Returns (result, model name, φ). The slope is the second parameter.
    """
    plain = sm.GLM(endog, X, family=family).fit()
    phi = pearson_dispersion(plain)
    if phi > DISPERSION_THRESHOLD:
        return sm.GLM(endog, X, family=family).fit(scale=phi, use_t=True), quasi_name, phi
    return plain, family.__class__.__name__, phi


def count_trend(years, counts, alpha: float = 0.05) -> dict:
    """Annual % change of a count series from log E[y_t] = a + b·(t - t̄).

    Fits a Poisson GLM; if the Pearson dispersion φ exceeds DISPERSION_THRESHOLD, refits as
    quasi-Poisson (same b, standard errors × √φ, t-based intervals). The annual change is
    100·(e^b - 1) with CI 100·(e^(b ± q·se) - 1).
    """
    X, _ = _design(years)
    y = np.asarray(counts, dtype=float)
    result, model, phi = _fit_glm(y, X, sm.families.Poisson(), "quasi-Poisson")
    b = float(result.params[1])
    lo, hi = result.conf_int(alpha=alpha)[1]
    return {
        "model": model, "dispersion": phi, "slope": b,
        "annual_pct_change": 100 * np.expm1(b), "ci_low": 100 * np.expm1(lo), "ci_high": 100 * np.expm1(hi),
        "p_value": float(result.pvalues[1]), "n_years": len(y),
    }


def kendall_trend(years, values) -> dict:
    """Mann-Kendall trend test as Kendall's tau between year and value.

    Exact null distribution when there are no ties (small n), else the normal approximation.
    """
    values = np.asarray(values, dtype=float)
    method = "exact" if len(np.unique(values)) == len(values) else "asymptotic"
    res = stats.kendalltau(np.asarray(years, dtype=float), values, method=method)
    return {"tau": float(res.statistic), "p_value": float(res.pvalue), "method": method, "n_years": len(values)}


def share_trend(years, successes, totals, alpha: float = 0.05) -> dict:
    """Trend in a share: binomial GLM logit(π_t) = a + b·(t - t̄); odds ratio per year e^b.

    Quasi-binomial (standard errors × √φ) when the Pearson dispersion φ exceeds the threshold.
    """
    X, _ = _design(years)
    k = np.asarray(successes, dtype=float)
    n = np.asarray(totals, dtype=float)
    result, model, phi = _fit_glm(np.column_stack([k, n - k]), X, sm.families.Binomial(), "quasi-binomial")
    b = float(result.params[1])
    lo, hi = result.conf_int(alpha=alpha)[1]
    return {"model": model, "dispersion": phi, "odds_ratio_per_year": float(np.exp(b)),
            "ci_low": float(np.exp(lo)), "ci_high": float(np.exp(hi)), "p_value": float(result.pvalues[1]),
            "n_years": len(k)}


def ets_forecast(years, values, horizon: int, alpha: float = 0.05) -> pd.DataFrame:
    """Damped additive-trend ETS(A,Ad,N) forecast with (1 - alpha) prediction intervals.

    Returns one row per year: the fitted values for observed years and the forecast with its
    interval for the next ``horizon`` years (``kind`` = observed / forecast), plus whether the
    optimiser converged.
    """
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    years = np.asarray(years, dtype=int)
    y = np.asarray(values, dtype=float)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        fit = ETSModel(pd.Series(y), error="add", trend="add", damped_trend=True).fit(disp=False)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=alpha)
    future = pd.DataFrame({
        "year": years[-1] + np.arange(1, horizon + 1), "kind": "forecast",
        "value": frame["mean"].to_numpy(), "pi_low": frame["pi_lower"].to_numpy(),
        "pi_high": frame["pi_upper"].to_numpy(),
    })
    past = pd.DataFrame({"year": years, "kind": "observed", "value": y, "pi_low": np.nan, "pi_high": np.nan})
    out = pd.concat([past, future], ignore_index=True)
    out.attrs.update(converged=converged, aic=float(fit.aic), damping=float(fit.damping_trend))
    return out
