from __future__ import annotations

import pytest

from helpers.proportions import share_interval, simultaneous_intervals


def test_wilson_interval_hand_worked():
    # p = 0.5, n = 100, z = 1.959964: (0.5 + z²/200 ± z·√(0.0025 + z²/40000)) / (1 + z²/100)
    lo, hi = share_interval(50, 100, 0.05, "wilson")
    assert float(lo) == pytest.approx(0.40383, abs=1e-5)
    assert float(hi) == pytest.approx(0.59617, abs=1e-5)


def test_unknown_method_is_a_clear_error():
    with pytest.raises(ValueError, match="ci_method='exactish' is not allowed"):
        share_interval(1, 2, 0.05, "exactish")


def test_simultaneous_intervals_are_wider_than_single_ones():
    counts = [41, 120, 69]  # about 18 / 52 / 30 % of 230
    simultaneous = simultaneous_intervals(counts, 0.05)
    lo, hi = share_interval(41, 230, 0.05, "wilson")
    assert simultaneous[0][1] - simultaneous[0][0] > float(hi - lo)
