"""Hand-worked cases for the rounding layer."""

from __future__ import annotations

import pytest

from helpers import rounding


def test_half_unit_and_rounds_to():
    assert rounding.half_unit(1) == pytest.approx(0.05)
    # 141 / 165 = 85.4545...% prints as 85.5 with one decimal, not as 85.4
    assert rounding.rounds_to(100 * 141 / 165, 85.5, 1)
    assert not rounding.rounds_to(100 * 141 / 165, 85.4, 1)


def test_grim_counts():
    # 142/230 = 61.74 %, 143/230 = 62.17 %: both print as 62
    assert rounding.grim_counts(62, 230, 0) == [142, 143]
    # 6/18 = 33.33 %
    assert rounding.grim_counts(33.3, 18, 1) == [6]
    assert rounding.grim_counts(33.4, 18, 1) == []
    with pytest.raises(ValueError, match="n must be >= 1"):
        rounding.grim_counts(50, 0, 0)


def test_grim_percent_can_fail():
    # n = 230: counts are 100/230 = 0.43 points apart, finer than a whole percent: cannot fail
    assert not rounding.grim_percent_can_fail(230, 0)
    # ... but coarser than a tenth of a percent: can fail
    assert rounding.grim_percent_can_fail(230, 1)
    # n = 18: 5.6 points apart: a whole percentage can miss every count
    assert rounding.grim_percent_can_fail(18, 0)
    # n = 100, whole percent: steps of exactly one point, every whole percent attained
    assert not rounding.grim_percent_can_fail(100, 0)


def test_grim_percent_can_fail_agrees_with_brute_force():
    for n in (7, 18, 99, 100, 101, 230, 1000):
        for d in (0, 1):
            printed = [round(i * 10.0**-d, d) for i in range(0, 100 * 10**d + 1)]
            some_impossible = any(not rounding.grim_counts(p, n, d) for p in printed)
            assert rounding.grim_percent_can_fail(n, d) == some_impossible, (n, d)


def test_grim_mean_can_fail():
    # a mean of 230 ages printed with one decimal: totals step 1/230 < 0.1, every mean attainable
    assert not rounding.grim_mean_can_fail(230, 1)
    assert rounding.grim_mean_can_fail(28, 2)


def test_implied_count_and_base():
    # 86.3 % of 25,387 with one decimal: 25,387 · 0.8625 .. 25,387 · 0.8635
    lo, hi = rounding.implied_count(25387, 86.3, 1)
    assert lo == pytest.approx(21896.29, abs=0.01) and hi == pytest.approx(21921.67, abs=0.01)
    # +45.7 % ± 0.05 to 25,387: 25,387 / 1.4575 .. 25,387 / 1.4565
    lo, hi = rounding.implied_base(25387, 45.7, 1)
    assert lo == pytest.approx(25387 / 1.4575) and hi == pytest.approx(25387 / 1.4565)
