"""Hand-worked cases for every check: a consistent one, an inconsistent one, and a
near miss that rounding makes consistent."""

from __future__ import annotations

import pytest

from helpers.claims import checks as c


def test_exact():
    assert c.check_exact(561, 561).verdict == c.CONSISTENT
    wrong = c.check_exact(261, 561, "Table 2 total")
    assert wrong.verdict == c.INCONSISTENT
    assert wrong.reason == "Table 2 total gives 561, not 261"


def test_rounded_near_miss_and_miss():
    # 141 / 165 = 85.4545...% prints as 85.5 with one decimal
    assert c.check_rounded(85.5, 100 * 141 / 165, 1).verdict == c.CONSISTENT
    assert c.check_rounded(85.4, 100 * 141 / 165, 1).verdict == c.INCONSISTENT
    # the edge: 92.05 is exactly half a unit from 92.1 and from 92.0
    assert c.check_rounded(92.1, 92.05, 1).verdict == c.CONSISTENT


def test_difference_net_identity():
    ok = c.check_difference(-1017, 561, 1578, "arrivals - departures")
    assert ok.verdict == c.CONSISTENT and ok.reproduced == "-1,017"
    bad = c.check_difference(-1017, 261, 1578, "arrivals - departures")
    assert bad.verdict == c.INCONSISTENT
    assert bad.reason == "arrivals - departures = 261 - 1,578 = -1,317, not -1,017"
    assert "311 - (-620)" in c.check_difference(931, 311, -620).reason


def test_sum_total_is_male_plus_female():
    assert c.check_sum(561, [242, 319]).verdict == c.CONSISTENT
    assert c.check_sum(560, [242, 319]).verdict == c.INCONSISTENT


def test_percent_sum_within_rounding():
    # 71.2 + 21.2 + 2.7 + 1.4 + 0.8 + 2.8 = 100.1: six shares, slack 6 × 0.05 = 0.3
    assert c.check_percent_sum([71.2, 21.2, 2.7, 1.4, 0.8, 2.8], 1).verdict == c.CONSISTENT
    assert c.check_percent_sum([18, 52, 30], 0).verdict == c.CONSISTENT
    # 40 + 40 + 30 = 110 is far beyond 3 × 0.5
    assert c.check_percent_sum([40, 40, 30], 0).verdict == c.INCONSISTENT
    # 34 + 34 + 33.5 = 101.5: exactly at the slack of 1.5, still consistent
    assert c.check_percent_sum([34, 34, 33.5], 0).verdict == c.CONSISTENT


def test_share_of_total():
    # 42,745 / 60,065 = 71.165 % -> 71.2
    assert c.check_share(71.2, 42745, 60065, 1).verdict == c.CONSISTENT
    assert c.check_share(71.0, 42745, 60065, 1).verdict == c.INCONSISTENT


def test_percent_change_and_implied_base():
    # 25,387 / 17,293 - 1 = 46.81 %: the first-published base does not give 45.7
    assert float(c.percent_change(25387, 17293)) == pytest.approx(46.8051, abs=1e-4)
    first = c.check_percent_change(45.7, 25387, [17293], 1)
    assert first.verdict == c.INCONSISTENT
    # revised 17.4 thousand (±50) gives 45.48 .. 46.32 %: 45.7 fits
    both = c.check_percent_change(45.7, 25387, [17293, 17400], 1, [1, 100], ["first", "revised"])
    assert both.verdict == c.CONSISTENT
    assert both.reason.endswith("consistent with revised only")
    # implied base: 25,387 / 1.4575 .. 25,387 / 1.4565 = 17,418.2 .. 17,430.1
    lo, hi = c.implied_base(25387, 45.7, 1)
    assert lo == pytest.approx(17418.2, abs=0.1) and hi == pytest.approx(17430.1, abs=0.1)
    # 1,023,573 / 803,033 - 1 = 27.46 % -> 27.5 (a near miss made good by rounding)
    assert c.check_percent_change(27.5, 1023573, [803033], 1).verdict == c.CONSISTENT


def test_grim_counts_for_percentages():
    # 62 % of 230 = 142.6: 142 (61.74 %) and 143 (62.17 %) both print as 62 %
    assert c.grim_counts(62, 230, 0) == [142, 143]
    assert c.check_grim_percent(62, 230, 0).reproduced == "{142, 143}"
    # 33.3 % of 18 is 6 (33.33 %); 50.5 % of 20 is impossible (k/20 moves in 5 % steps)
    assert c.grim_counts(33.3, 18, 1) == [6]
    assert c.check_grim_percent(50.5, 20, 1).verdict == c.INCONSISTENT
    with pytest.raises(ValueError):
        c.grim_counts(10, 0, 0)


def test_grim_percent_that_cannot_fail_is_not_verifiable():
    # n = 230, whole percent: one respondent is 100/230 = 0.43 points < 1 printed point, so every
    # whole percent 0..100 has a count; the test is blind and says so
    blind = c.check_grim_percent(62, 230, 0)
    assert blind.verdict == c.NOT_VERIFIABLE and not blind.could_fail
    assert "at n = 230 every whole percent is attainable" in blind.reason
    # one decimal at n = 230: 0.43 > 0.1, so it can fail; 61.7 % = 141.9 -> 142 (61.739 %) prints as 61.7
    sharp = c.check_grim_percent(61.7, 230, 1)
    assert sharp.verdict == c.CONSISTENT and sharp.could_fail
    # 61.8 % of 230 = 142.14: 142 gives 61.739 (61.7) and 143 gives 62.174 (62.2), so no count prints 61.8
    assert c.check_grim_percent(61.8, 230, 1).verdict == c.INCONSISTENT
    # by hand: it can fail while one respondent (100/n points) is more than a printed unit apart:
    # 100/99 = 1.01 > 1 can; 100/100 = 1 and 100/101 = 0.99 cannot; 100/18 = 5.6 > 0.1 can
    for n, d, can in [(230, 0, False), (230, 1, True), (18, 1, True), (99, 0, True), (100, 0, False), (101, 0, False)]:
        assert c.check_grim_percent(50, n, d).could_fail is can, (n, d)


def test_grim_for_means():
    # n = 20, two decimals: 5.15 is attainable (103/20), 5.17 is not (nearest 5.15 or 5.20)
    assert c.check_grim_mean(5.15, 20, 2).verdict == c.CONSISTENT
    assert c.check_grim_mean(5.17, 20, 2).verdict == c.INCONSISTENT
    # n = 230 >= 10: every one-decimal mean is attainable (steps of 1/230 = 0.004 < 0.1): blind
    age = c.check_grim_mean(24.7, 230, 1)
    assert age.verdict == c.NOT_VERIFIABLE and not age.could_fail and "GRIM cannot fail" in age.reason


def test_grim_for_means_of_several_items():
    # 5 respondents x 2 items: totals over 10 answers, so means move in steps of 0.1:
    # 3.40 (34/10) is attainable, 3.45 is not (33.5 is no total); 10 < 10^2, so it could fail
    assert c.check_grim_mean(3.40, 5, 2, items=2).verdict == c.CONSISTENT
    assert c.check_grim_mean(3.45, 5, 2, items=2).verdict == c.INCONSISTENT
    # 50 respondents x 2 items = 100 >= 10^2: every two-decimal mean is attainable
    assert c.check_grim_mean(3.45, 50, 2, items=2).verdict == c.NOT_VERIFIABLE


def test_probe_values_move_the_last_printed_digit():
    # 71 % with 0 decimals: 1, 2, 5 ... 1000 units either way
    assert c.probe_values(71, 0)[:6] == [70, 72, 69, 73, 66, 76]
    assert c.probe_values(71, 0)[-2:] == [-929, 1071]
    # 9.3 with one decimal: a unit is 0.1, rounded so that 9.3 - 0.1 is 9.2, not 9.200000000000001
    assert c.probe_values(9.3, 1)[:2] == [9.2, 9.4]
    assert len(c.probe_values(9.3, 1)) == len(c.PROBE_UNITS) == 20


def test_a_consistent_result_that_reads_no_value_is_not_verifiable():
    year = c.check_relative_year(2023, 2013, 10)
    assert year.verdict == c.CONSISTENT
    unchecked = c.value_unchecked(year, "1,774")
    assert unchecked.verdict == c.NOT_VERIFIABLE and not unchecked.could_fail
    assert unchecked.reason == (
        "10 years after 2013 is 2023 (but this holds whatever value is printed, so it does not check the printed 1,774)"
    )
    with pytest.raises(ValueError, match="only a consistent result"):
        c.value_unchecked(c.check_exact(1, 2), "1")


def test_verbal_fraction():
    # 'about a third' of 18 is 6 exactly, but 'about' has no rounding rule: 5 or 7 would do as well
    about = c.check_verbal_fraction(18, 1, 3, approximate=True)
    assert about.verdict == c.NOT_VERIFIABLE and not about.could_fail and about.reproduced == "6"
    # 'a third' of 18 = 6 (whole); of 20 = 6.67 (no whole count of people)
    assert c.check_verbal_fraction(18, 1, 3, approximate=False).verdict == c.CONSISTENT
    assert c.check_verbal_fraction(20, 1, 3, approximate=False).verdict == c.INCONSISTENT


def test_restated_figures():
    # the same figure for two different years: at most one date is right
    twice = c.check_restated(1774, 2013, 1774, 2023)
    assert twice.verdict == c.INCONSISTENT and twice.reproduced == "also printed for 2023"
    assert c.check_restated(1774, 2013, 1657, 2013).verdict == c.INCONSISTENT  # two figures for 2013
    assert c.check_restated(631, 2023, 631, 2023).verdict == c.CONSISTENT
    apart = c.check_restated(1774, 2023, 1657, 2013)  # different years and figures: nothing to compare
    assert apart.verdict == c.NOT_VERIFIABLE and not apart.could_fail


def test_relative_year():
    # '10 years later' than 2013 is 2013 + 10 = 2023
    assert c.check_relative_year(2023, 2013, 10).verdict == c.CONSISTENT
    wrong = c.check_relative_year(2013, 2013, 10)
    assert wrong.verdict == c.INCONSISTENT and wrong.reason == "10 years after 2013 is 2023, not the printed 2013"


def test_stated_year():
    series = {2018: 678, 2023: 631}
    assert c.check_stated_year(631, 2023, series).verdict == c.CONSISTENT
    wrong = c.check_stated_year(631, 2018, series)
    assert wrong.verdict == c.INCONSISTENT and wrong.reason.endswith("631 is the figure for 2023")


def test_cross_source():
    assert c.check_cross_source(50078, 50078, 0, "BNS").verdict == c.CONSISTENT
    assert c.check_cross_source(86.3, 86.34, 1, "BNS").verdict == c.CONSISTENT
    assert c.check_cross_source(86.3, 86.4, 1, "BNS").verdict == c.INCONSISTENT


def test_cross_source_against_a_republication_cannot_fail():
    copy = c.check_cross_source(
        86.3, 86.3, 1, "the share as republished (mgorod.kz)", independent=False, dependence="a copy of the same release"
    )
    assert copy.verdict == c.NOT_VERIFIABLE and not copy.could_fail
    assert "mgorod.kz" in copy.reason and "a copy of the same release" in copy.reason


def test_lower_bound_and_count():
    assert c.check_lower_bound(60000, 60065).verdict == c.CONSISTENT
    assert c.check_lower_bound(60000, 59999).verdict == c.INCONSISTENT
    assert c.check_count(3, ["KZ-71", "KZ-75", "KZ-79"]).verdict == c.CONSISTENT
    assert c.check_count(8, ["KZ-11"] * 7).verdict == c.INCONSISTENT


def test_proportional_mci():
    # 100 MCI = 277,800 tenge <=> MCI = 2,778; 1500 × 2,778 = 4,167,000
    assert c.check_proportional(4167000, 1500, 277800, 100, 0).verdict == c.CONSISTENT
    assert c.check_proportional(4200000, 1500, 277800, 100, 0).verdict == c.INCONSISTENT


def test_implied_totals():
    # 7.8 thousand = 17.3 %: 7,750 / 0.1735 .. 7,850 / 0.1725 = 44,669 .. 45,507
    lo, hi = c.implied_total(7.8, 17.3, 1000, 1, 1)
    assert (round(lo), round(hi)) == (44669, 45507)
    other = c.implied_total(4.9, 11.0, 1000, 1, 1)
    assert c.check_implied_totals_agree((lo, hi), [other]).verdict == c.CONSISTENT
    far = c.implied_total(4.9, 5.0, 1000, 1, 1)
    assert c.check_implied_totals_agree((lo, hi), [far]).verdict == c.INCONSISTENT


def test_not_verifiable_needs_a_reason():
    assert c.check_not_verifiable("no total is published").verdict == c.NOT_VERIFIABLE
    with pytest.raises(ValueError):
        c.check_not_verifiable("  ")


def test_combine_and_verdict_vocabulary():
    ok, bad = c.Verdict("1", c.CONSISTENT, "a", True), c.Verdict("2", c.INCONSISTENT, "b", True)
    blind = c.Verdict("", c.NOT_VERIFIABLE, "c", False)
    assert c.combine([ok, bad]).verdict == c.INCONSISTENT
    both = c.combine([ok, blind])
    assert both.verdict == c.CONSISTENT and both.could_fail and both.reason == "a; c"
    assert not c.combine([blind, blind]).could_fail
    with pytest.raises(ValueError):
        c.Verdict("1", "probably", "typed by hand", True)


def test_a_check_that_could_not_fail_cannot_pass_or_fail():
    with pytest.raises(ValueError, match="could not have failed"):
        c.Verdict("{142, 143}", c.CONSISTENT, "GRIM at n = 230", could_fail=False)
    with pytest.raises(ValueError, match="could not have failed"):
        c.Verdict("", c.INCONSISTENT, "x", could_fail=False)


def test_percent_sum_can_always_fail():
    # three whole shares may sum to anything in 0..300; the slack is 3 × 0.5 = 1.5
    assert c.check_percent_sum([18, 52, 30], 0).could_fail
    assert c.check_percent_sum([40, 40, 30], 0).could_fail


def test_common_interval():
    assert c.common_interval([(1, 5), (3, 7), (4, 9)]) == (4, 5)
    assert c.common_interval([(1, 2), (3, 4)]) is None
