from __future__ import annotations

import pandas as pd
import pytest

from helpers.survey import item_estimates, with_design_effect


def test_item_estimates_hand_worked():
    items = pd.DataFrame({"item_id": ["stay", "leave", "undecided"], "pct": [39, 44, 17], "decimals": [0, 0, 0]})
    out = item_estimates(items, 230, 0.05, "wilson", simultaneous=True)
    # 39 % of 230 = 89.7: 89 (38.70 %) and 90 (39.13 %) print as 39 %; 44 %: 101 (43.91), 102 (44.35);
    # 17 %: 38 (16.52), 39 (16.96), 40 (17.39). The count used is the one nearest p·n: 90, 101, 39
    assert list(out["grim"]) == [(89, 90), (101, 102), (38, 39, 40)]
    assert list(out["count"]) == [90, 101, 39]
    assert (out["ci_low"] < out["pct"]).all() and (out["pct"] < out["ci_high"]).all()
    assert ((out["sim_high"] - out["sim_low"]) > (out["ci_high"] - out["ci_low"])).all()
    assert "sim_low" not in item_estimates(items, 230).columns


def test_impossible_percentage_is_an_error():
    with pytest.raises(ValueError, match="not a possible share"):
        item_estimates(pd.DataFrame({"pct": [50.5], "decimals": [1]}), 20)


def test_with_design_effect_adds_wider_intervals():
    items = pd.DataFrame({"item_id": ["stay", "leave"], "pct": [39, 44], "decimals": [0, 0]})
    est = item_estimates(items, 230)
    out = with_design_effect(est, 230, 2.0)
    # stay: count 90 of 230; deff 2 -> 45 of 115, p = 0.391304. Wilson at n = 115:
    # centre = (0.391304 + 3.841459/230) / 1.033404 = 0.394818, half = 1.959964 · √0.00214379 / 1.033404 = 0.087815
    assert out.loc[0, "ci_low_deff"] == pytest.approx(30.7003, abs=1e-4)
    assert out.loc[0, "ci_high_deff"] == pytest.approx(48.2633, abs=1e-4)
    assert list(out["n_eff"]) == [115.0, 115.0] and list(out["deff"]) == [2.0, 2.0]
    assert ((out["ci_high_deff"] - out["ci_low_deff"]) > (out["ci_high"] - out["ci_low"])).all()
    # deff = 1: simple random sampling, the intervals of item_estimates
    srs = with_design_effect(est, 230, 1.0)
    assert list(srs["ci_low_deff"]) == pytest.approx(list(srs["ci_low"]))
    with pytest.raises(ValueError, match="expected a 'count' column"):
        with_design_effect(items, 230, 2.0)
