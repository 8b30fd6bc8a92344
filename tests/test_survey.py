from __future__ import annotations

import pandas as pd
import pytest

from helpers.survey import item_estimates


def test_item_estimates_hand_worked():
    items = pd.DataFrame({"item_id": ["stay", "leave", "undecided"], "pct": [39, 44, 17], "decimals": [0, 0, 0]})
    out = item_estimates(items, 230, 0.05, "wilson", simultaneous=True)
    # 39 % of 230 = 89.7: 89 (38.70 %) and 90 (39.13 %) print as 39 %; 44 %: 101 (43.91), 102 (44.35);
    # 17 %: 38 (16.52), 39 (16.96), 40 (17.39). The count used is the one nearest p·n: 90, 101, 39
    assert list(out["grim"]) == ["89, 90", "101, 102", "38, 39, 40"]
    assert list(out["count"]) == [90, 101, 39]
    assert (out["ci_low"] < out["pct"]).all() and (out["pct"] < out["ci_high"]).all()
    assert ((out["sim_high"] - out["sim_low"]) > (out["ci_high"] - out["ci_low"])).all()
    assert "sim_low" not in item_estimates(items, 230).columns


def test_impossible_percentage_is_an_error():
    with pytest.raises(ValueError, match="not a possible share"):
        item_estimates(pd.DataFrame({"pct": [50.5], "decimals": [1]}), 20)
