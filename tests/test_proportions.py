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
    # Goodman (1965), by hand: A = χ²₁ quantile at 1 - 0.05/3 = 5.731139; for x of n = 230,
    # (A + 2x ∓ √(A (A + 4x(n - x)/n))) / (2 (n + A)); x = 41: (5.7311 + 82 ∓ 28.3761) / 471.4623
    expected = [0.125896, 0.246271, 0.443321, 0.599101, 0.233244, 0.376481]
    assert list(simultaneous.ravel()) == pytest.approx(expected, abs=1e-6)


def test_count_from_percent_picks_the_closest_grim_count():
    from helpers.proportions import count_from_percent

    assert count_from_percent(62, 230, 0) == 143  # 142.6 -> 143 (142 and 143 both fit)
    assert count_from_percent(44, 230, 0) == 101  # 101.2 -> 101
    with pytest.raises(ValueError, match="not a possible share"):
        count_from_percent(50.5, 20, 1)


def test_multiple_response_summaries():
    from helpers.proportions import mean_answers, min_overlap

    assert mean_answers([81, 67, 48, 32, 15]) == pytest.approx(2.43)
    assert min_overlap(81, 67) == 48 and min_overlap(32, 15) == 0


def test_multinomial_difference_hand_worked():
    from helpers.proportions import multinomial_difference

    # 101 leave vs 90 stay of 230: d = 11/230 = 0.047826; Var = (191/230 - d²)/230
    res = multinomial_difference(101, 90, 230)
    assert res["diff"] == pytest.approx(0.047826, abs=1e-6)
    assert res["se"] == pytest.approx(((191 / 230 - (11 / 230) ** 2) / 230) ** 0.5)
    # se = √((0.830435 - 0.002287) / 230) = 0.060005; z = 0.047826 / 0.060005 = 0.79703;
    # p = 2 (1 - Φ(0.79703)) = 0.42543; 95 % CI = d ± 1.959964 · se = (-0.069782, 0.165434)
    assert res["se"] == pytest.approx(0.060005, abs=1e-6)
    assert res["z"] == pytest.approx(0.797030, abs=1e-5)
    assert res["p_value"] == pytest.approx(0.42543, abs=1e-5)
    assert (res["ci_low"], res["ci_high"]) == pytest.approx((-0.069782, 0.165434), abs=1e-6)
    # design effect 2: the variance doubles, SE × √2, z / √2
    res2 = multinomial_difference(101, 90, 230, deff=2.0)
    assert res2["diff"] == res["diff"] and res2["se"] == pytest.approx(res["se"] * 2**0.5)
    assert res2["z"] == pytest.approx(0.797030 / 2**0.5, abs=1e-5)


def test_design_effect_interval_uses_the_effective_sample_size():
    from helpers.proportions import design_effect_interval, effective_sample_size

    # 92 of 230 = 0.4 with deff = 2: n_eff = 115, effective count 46. Wilson, z = 1.959964, z² = 3.841459:
    # centre = (0.4 + 3.841459/230) / (1 + 3.841459/115) = 0.416702 / 1.033404 = 0.403232
    # half   = 1.959964 · √(0.24/115 + 3.841459/52900) / 1.033404 = 1.959964 · 0.046471 / 1.033404 = 0.088138
    lo, hi = design_effect_interval(92, 230, deff=2.0)
    assert float(lo) == pytest.approx(0.315095, abs=1e-6)
    assert float(hi) == pytest.approx(0.491370, abs=1e-6)
    # the SRS interval at n = 230 is narrower: (0.338831, 0.464455)
    lo1, hi1 = design_effect_interval(92, 230, deff=1.0)
    assert (float(lo1), float(hi1)) == pytest.approx((0.338831, 0.464455), abs=1e-6)
    assert (float(lo1), float(hi1)) == pytest.approx(tuple(map(float, share_interval(92, 230))))
    assert effective_sample_size(230, 2.0) == pytest.approx(115.0)


def test_design_effect_nonsense_is_refused():
    from helpers.proportions import design_effect_interval

    with pytest.raises(ValueError, match="deff: expected a design effect >= 1"):
        design_effect_interval(92, 230, deff=0.8)
    with pytest.raises(ValueError, match="nobs: expected a sample size > 0"):
        design_effect_interval(0, 0, deff=1.5)
    with pytest.raises(ValueError, match="count: expected 0 <= count <= nobs"):
        design_effect_interval(231, 230, deff=1.5)
    with pytest.raises(ValueError, match="binom_test' needs whole effective counts"):
        design_effect_interval(91, 230, deff=2.0, method="binom_test")
