"""Hand-worked decompositions of a change between two years."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.decomposition import anmr_change_decomposition, net_change_decomposition


def test_anmr_change_is_intensity_times_effectiveness():
    before = pd.DataFrame({"arrivals": [30, 10], "departures": [10, 30], "population": [400, 600]})
    after = pd.DataFrame({"arrivals": [50, 10], "departures": [10, 50], "population": [400, 600]})
    out = anmr_change_decomposition(before, after).set_index("measure")
    # before: CMI = 1000 · 40 / 1000 = 40, MEI = 100 · 40 / 80 = 50, ANMR = 50 · 40 / 1000 = 2
    # after:  CMI = 1000 · 60 / 1000 = 60, MEI = 100 · 80 / 120 = 66.667, ANMR = 66.667 · 60 / 1000 = 4
    np.testing.assert_allclose(out["before"], [2.0, 40.0, 50.0])
    np.testing.assert_allclose(out["after"], [4.0, 60.0, 200 / 3])
    # ratios: ANMR 2 = CMI 1.5 · MEI 4/3
    np.testing.assert_allclose(out["ratio"], [2.0, 1.5, 4 / 3])
    assert out.loc["cmi", "ratio"] * out.loc["mei", "ratio"] == pytest.approx(out.loc["anmr", "ratio"])
    # log shares: ln 1.5 / ln 2 = 0.584963, ln(4/3) / ln 2 = 0.415037
    np.testing.assert_allclose(out["log_share"], [1.0, 0.584963, 0.415037], atol=1e-6)


def test_anmr_unchanged_has_no_log_share_and_missing_columns_are_named():
    frame = pd.DataFrame({"arrivals": [30, 10], "departures": [10, 30], "population": [400, 600]})
    out = anmr_change_decomposition(frame, frame)
    assert list(out["ratio"]) == [1.0, 1.0, 1.0] and all(math.isnan(v) for v in out["log_share"])
    with pytest.raises(ValueError, match="after: expected columns arrivals, departures, population; missing population"):
        anmr_change_decomposition(frame, frame.drop(columns="population"))


def test_net_change_is_arrivals_part_minus_departures_part():
    before = pd.DataFrame({"arrivals": [30, 10, 100, 5], "departures": [10, 30, 80, 5]}, index=["X", "Y", "Z", "W"])
    after = pd.DataFrame({"arrivals": [50, 10, 130, 9], "departures": [10, 50, 120, 9]}, index=["X", "Y", "Z", "W"])
    out = net_change_decomposition(before, after)
    # X: N 20 -> 40, ΔN = +20 = ΔA 20 - ΔD 0: shares 100 / 0
    # Y: N -20 -> -40, ΔN = -20 = ΔA 0 - ΔD 20: shares 0 / 100
    # Z: N 20 -> 10, ΔN = -10 = ΔA 30 - ΔD 40: shares 30/-10 = -300 % and -40/-10 = 400 %
    # W: N 0 -> 0, ΔN = 0: shares undefined
    assert list(out["net_change"]) == [20, -20, -10, 0]
    assert list(out["arrivals_part"]) == [20, 0, 30, 4]
    assert list(out["departures_part"]) == [0, -20, -40, -4]
    np.testing.assert_allclose(out["arrivals_share"], [100.0, 0.0, -300.0, np.nan])
    np.testing.assert_allclose(out["departures_share"], [0.0, 100.0, 400.0, np.nan])
    assert (out["arrivals_part"] + out["departures_part"] == out["net_change"]).all()
    with pytest.raises(ValueError, match="after: expected the same index"):
        net_change_decomposition(before, after.iloc[::-1])
    with pytest.raises(ValueError, match=r"before.departures: expected a count >= 0, got -1.0 at position 0"):
        net_change_decomposition(before.assign(departures=[-1, 0, 0, 0]), after)
