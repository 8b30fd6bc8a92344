"""Every iterative fit of the compendium on its real data, every number at full precision (JSON).

Run as a script (``python tests/support/fits_snapshot.py``) in a subprocess under several OpenBLAS
kernels and thread counts by tests/test_blas_kernels.py, which compares the outputs. When a notebook
starts using a new iterative fit, add it here (a test checks that every ``trends`` function the
notebooks call is).
"""

from __future__ import annotations

import json
import sys

import numpy as np


def plain(value):
    """JSON-ready: floats as floats (full precision), NumPy scalars unwrapped."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value if isinstance(value, str | int | type(None)) else str(value)


def snapshot() -> dict:
    from helpers import trends
    from helpers.data import load_processed

    table1 = load_processed("batken_table1_interregional")
    flows = table1.pivot(index="year", columns="flow", values="value")
    table2 = load_processed("batken_table2_interregional_by_sex")
    wide = table2.pivot(index=["flow", "year"], columns="sex", values="value").reset_index()
    dep = wide[wide["flow"] == "departures"]
    out = {}
    for flow in ("arrivals", "departures"):
        series = flows[flow]
        out[f"count_trend/{flow}"] = trends.count_trend(series.index, series)
        out[f"count_trend/{flow}/shift"] = trends.count_trend(series.index, series, shift_year=2016)
        ranking = trends.ets_select(series)
        out[f"ets_select/{flow}"] = ranking.drop(columns="fit").to_dict("records")
        fc = trends.ets_forecast(series.index, series, 5)
        out[f"ets_forecast/{flow}"] = fc[fc["kind"] == "forecast"][["value", "pi_low", "pi_high"]].to_numpy().tolist()
        out[f"kendall_trend/{flow}"] = trends.kendall_trend(series.index, series)
        out[f"break_candidates/{flow}"] = trends.break_candidates(series.index)
        # the bootstrap's own draws are seeded; fewer of them keep the subprocess quick
        out[f"break_year_test/{flow}"] = trends.break_year_test(series.index, series, draws=199)
        out[f"fixed_level/{flow}"] = [trends.fixed_level(params) for params in ranking["params"]]
        # a backtest: fit on all but the last three years, forecast them
        early = series.iloc[:-3]
        back = trends.ets_forecast(early.index, early, 3)
        back = back[back["kind"] == "forecast"]
        out[f"interval_coverage/{flow}"] = trends.interval_coverage(series.iloc[-3:], back["pi_low"], back["pi_high"])
    out["share_trend/departures_female"] = trends.share_trend(dep["year"], dep["female"], dep["total"])
    return plain(out)


if __name__ == "__main__":
    json.dump(snapshot(), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
