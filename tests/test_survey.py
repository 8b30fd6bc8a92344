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


def test_unattainable_percentages_name_the_rows_no_count_gives():
    import pandas as pd

    from helpers.survey import unattainable

    items = pd.DataFrame({"item_id": ["stay", "leave"], "pct": [39, 44], "decimals": [0, 0]})
    # 39 % of 50: 19/50 = 38 %, 20/50 = 40 %, so none; 44 % of 50 = 22/50 exactly.
    assert list(unattainable(items, 50)["item_id"]) == ["stay"]
    assert unattainable(items, 230).empty  # 39 % is 89 or 90 of 230, 44 % is 101 of 230


def test_outside_share_of_the_article_intention_item():
    from helpers.survey import outside_share

    # 90 of 230 intend to stay, so 140 do not (60.87 %). Wilson by hand (z = 1.96):
    # n = 230: centre 0.6069, half-width 0.0626 -> 54.43-66.95 %; n_eff = 115: 51.74-69.30 %.
    out = outside_share(90, 230, 0.05, "wilson", 2.0)
    assert out["count"] == 140 and round(out["pct"], 2) == 60.87
    assert (round(out["ci_low"], 1), round(out["ci_high"], 1)) == (54.4, 66.9)
    assert (round(out["ci_low_deff"], 1), round(out["ci_high_deff"], 1)) == (51.7, 69.3)
    assert out["majority"] == "both"
    # 110 of 230 stay, 120 do not (52.2 %): Wilson 45.7-58.5 % contains half.
    assert outside_share(110, 230)["majority"] == "neither"
    # 150 of 230 stay, 80 do not (34.8 %): the interval ends below half.
    assert outside_share(150, 230)["majority"] == "against"


def test_outside_share_is_against_a_majority_only_under_both_assumptions():
    from helpers.survey import outside_share

    # 131 of 230 stay, 99 do not (43.04 %). Wilson by hand: n = 230, centre 0.4316, half-width
    # 0.0635 -> high 49.5 %; n_eff = 115 (k_eff = 49.5), centre 0.4327, half-width 0.0891 -> high 52.2 %.
    out = outside_share(131, 230, 0.05, "wilson", 2.0)
    assert (round(out["ci_high"], 1), round(out["ci_high_deff"], 1)) == (49.5, 52.2)
    assert out["majority"] == "neither"  # below half only under simple random sampling
    assert outside_share(131, 230)["majority"] == "against"
