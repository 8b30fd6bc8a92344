"""Hand-worked cases for the checks of statements: periods, rankings, destinations, bases of
shares, and whether a sample represents its population."""

from __future__ import annotations

import pytest

from helpers.claims import checks as c


def test_period_of_a_heading_against_its_table():
    years = [2017, 2018, 2019, 2020, 2021, 2022, 2023]
    start = c.check_period(2014, "start", years, "Table 2")
    assert start.verdict == c.INCONSISTENT and start.reproduced == "2017-2023"
    assert start.reason == "Table 2 covers 2017-2023; the printed start year 2014 is not its first year (2017)"
    assert c.check_period(2017, "start", years).verdict == c.CONSISTENT
    assert c.check_period(2024, "end", years).verdict == c.INCONSISTENT
    assert c.check_period(2023, "end", years).verdict == c.CONSISTENT
    with pytest.raises(ValueError):
        c.check_period(2023, "middle", years)


def test_ranking_follows_the_stated_order():
    # 'Russia, then Uzbekistan, then Kazakhstan': 7,529 > 566 > 247
    assert c.check_ranking(["RU", "UZ", "KZ"], [7529, 566, 247]).verdict == c.CONSISTENT
    assert c.check_ranking(["UZ", "RU"], [566, 7529]).verdict == c.INCONSISTENT
    alone = c.check_ranking(["RU"], [7529])
    assert alone.verdict == c.NOT_VERIFIABLE and not alone.could_fail


def test_leads_names_the_largest():
    labels, values = ["RU", "UZ", "KZ", "US", "TR"], [7529, 566, 247, 105, 40]
    # 7,529 of 7,529 + 566 + 247 + 105 + 40 = 8,487 is 88.7 %
    lead = c.check_leads(["RU"], labels, values, "destinations")
    assert lead.verdict == c.CONSISTENT and "RU 7,529 (88.7 %) of 8,487" in lead.reason
    assert c.check_leads(["UZ"], labels, values).verdict == c.INCONSISTENT
    # the group holds only the two named countries: 'most go to Turkey and the USA' cannot fail
    only = c.check_leads(["TR", "US"], ["US", "TR"], [105, 40])
    assert only.verdict == c.NOT_VERIFIABLE and not only.could_fail
    with pytest.raises(ValueError):
        c.check_leads(["FR"], labels, values)


def test_majority_and_net_gain():
    assert c.check_majority([86.3, 77.3], ["arrivals", "departures"]).verdict == c.CONSISTENT
    assert c.check_majority([86.3, 49.9], ["arrivals", "departures"]).verdict == c.INCONSISTENT
    assert c.check_net_gain([33798, 50078], [2022, 2023], "Astana").verdict == c.CONSISTENT
    assert c.check_net_gain([-3075, -4446], [2022, 2023], "Karaganda region").verdict == c.INCONSISTENT
    city = c.check_net_gain([-3075, -4446], [2022, 2023], "Karaganda region", scope_note="the city is not separated")
    assert city.verdict == c.NOT_VERIFIABLE and not city.could_fail and city.reason.endswith("the city is not separated")


def test_named_set():
    named = ["Астана", "Алматы", "Шымкент"]
    assert c.check_named_set(named, ["Шымкент", "Астана", "Алматы"]).verdict == c.CONSISTENT
    more = c.check_named_set(named, ["Шымкент", "Астана", "Алматы", "Абай"])
    assert more.verdict == c.INCONSISTENT and "found but not named: Абай" in more.reason


def test_denominator_of_a_share():
    # 1,519 = 92 % (±0.5) of 151,900 / 92.5 .. 151,900 / 91.5 = 1,642.2 .. 1,660.1: the 1,650 departures fit
    lo, hi = c.implied_base_of_share(1519, 1519, 92, 0)
    assert (round(lo, 1), round(hi, 1)) == (1642.2, 1660.1)
    assert c.check_denominator(92, 0, 1519, 1650, "departures").verdict == c.CONSISTENT
    assert c.check_denominator(92, 0, 1519, 165, "arrivals").verdict == c.INCONSISTENT
    # a rounded part: 7.8 thousand (±50) = 17.3 % (±0.05) of 775,000 / 17.35 .. 785,000 / 17.25 = 44,669 .. 45,507;
    # the base is not printed, but it cannot exceed the whole programme's 60,065
    bound = c.check_denominator(17.3, 1, 7800, 60065, "the whole programme", part_half=50, bound=True)
    assert bound.verdict == c.CONSISTENT and bound.reproduced == "44,669-45,507"
    assert c.check_denominator(17.3, 1, 7800, 40000, "x", part_half=50, bound=True).verdict == c.INCONSISTENT
    # no part printed: 86.3 % of 25,387 would be 25,387 × 0.8625 .. × 0.8635 = 21,896 .. 21,922, unchecked
    blind = c.check_denominator(86.3, 1, None, 25387, "all arrivals")
    assert blind.verdict == c.NOT_VERIFIABLE and not blind.could_fail and blind.reproduced == "21,896-21,922"


def test_composition_against_the_population():
    from scipy.stats import chi2  # imported by the test that uses it, not by every worker's collection

    # n = 100, whole percent: 70 % and 30 % are exactly 70 and 30 people. Against a 50/50 population,
    # expected 50 and 50: X² = (70-50)²/50 + (30-50)²/50 = 8 + 8 = 16 on 1 df, p = 6.3e-5 < 0.05
    skewed = c.check_composition([70, 30], 0, 100, [500, 500], ["a", "b"], 0.05)
    assert skewed.verdict == c.INCONSISTENT and skewed.could_fail
    assert f"p <= {chi2.sf(16, 1):.2g}" == skewed.reproduced == "p <= 6.3e-05"
    assert "χ²(1) >= 16.0" in skewed.reason and "a 50.0 %" in skewed.reason
    # 52/48 against 50/50: X² = 0.08 + 0.08 = 0.16, p = 0.69: the sample fits
    assert c.check_composition([52, 48], 0, 100, [1, 1], ["a", "b"], 0.05).verdict == c.CONSISTENT
    # an expected count below 5 (1 % of 100 = 1) is too small for the χ² approximation
    small = c.check_composition([50, 50], 0, 100, [1, 99], ["a", "b"], 0.05)
    assert small.verdict == c.NOT_VERIFIABLE and not small.could_fail


def test_coverage_of_the_strata():
    # a stratum printed as 20 % (at least 19.5 %) has no respondent; a random sample of 10 misses it
    # with probability 0.805^10 = 0.1143 >= 0.05 (possible), of 230 with 0.805^230 = e^(230·ln 0.805) = 2.2e-22
    few = c.check_coverage(10, ["A"], ["A", "B"], [80, 20], [0, 0], ["a", "b"], 0.05)
    assert few.verdict == c.CONSISTENT
    assert few.reason.endswith("a random sample of 10 misses them all with probability (1 - 0.195)^10 = 0.11 >= 0.05")
    many = c.check_coverage(230, ["A"], ["A", "B"], [80, 20], [0, 0], ["a", "b"], 0.05)
    assert many.verdict == c.INCONSISTENT and many.reproduced == ">= 19.5 %"
    assert "= 2.2e-22 < 0.05" in many.reason
    assert c.check_coverage(230, ["A", "B"], ["A", "B"], [80, 20], [0, 0], ["a", "b"], 0.05).verdict == c.CONSISTENT


def test_representativeness_rule_names_the_reference_and_judges_by_it():
    # A test that finds the sample different from its reference.
    differs = c.Verdict("p <= 0.001", c.INCONSISTENT, "sample differs", True)
    agrees = c.Verdict("p <= 0.8", c.CONSISTENT, "sample fits", True)
    # The reference is the claimed population: the test stands, either way.
    same = c.judge_representativeness(differs, "participants in 2024", "the survey's year", True, False)
    assert same.verdict == c.INCONSISTENT and "reference: participants in 2024 (the survey's year)" in same.reason
    assert c.judge_representativeness(agrees, "participants in 2024", "the survey's year", True, False).verdict == c.CONSISTENT
    # Another population (another period): a difference is only unsupported, and agreement shows nothing.
    other = c.judge_representativeness(differs, "cumulative since 2009", "other cohorts", False, False)
    assert other.verdict == c.NOT_VERIFIABLE and not other.could_fail
    assert "unsupported, not contradicted" in other.reason and "cumulative since 2009" in other.reason
    assert c.judge_representativeness(agrees, "cumulative since 2009", "other cohorts", False, False).verdict == c.NOT_VERIFIABLE
    # A stratum the design cannot reach: contradicted even against another period.
    design = c.judge_representativeness(differs, "last five years", "undated window", False, True)
    assert design.verdict == c.INCONSISTENT and "built into the design" in design.reason
    # A test that could not fail stays so.
    blind = c.Verdict("", c.NOT_VERIFIABLE, "too few", False)
    assert not c.judge_representativeness(blind, "x", "y", True, True).could_fail


def test_sample_majority_outside_a_printed_share():
    # 39 % of 230: k ∈ {89, 90} (89/230 = 38.70 %, 90/230 = 39.13 %), so at least 140 outside (60.87 %).
    # Wilson by hand, z = 1.96, n = 230: centre (0.6087 + z²/460) / (1 + z²/230) = 0.6069,
    # half-width 1.96 · √(0.6087 · 0.3913 / 230 + z²/4·230²) / 1.0167 = 0.0626 -> 54.4-66.9 %.
    # deff = 2: n_eff = 115, k_eff = 70: centre 0.6052, half-width 0.0878 -> 51.7-69.3 %.
    srs = c.check_sample_majority(39, 0, 230, 0.05)
    assert srs.verdict == c.CONSISTENT and "at least k = 140 of n = 230" in srs.reason and "54.4-66.9 %" in srs.reason
    deff = c.check_sample_majority(39, 0, 230, 0.05, deff=2.0)
    assert deff.verdict == c.CONSISTENT and deff.reproduced == "60.9 % [51.7-69.3 %]"
    assert "51.7-69.3 % with a design effect of 2 (n_eff = 115.0)" in deff.reason
    # 60 % of 230 is 138 only, so 92 outside (40 %): Wilson 33.9-46.4 %, wholly below half.
    assert c.check_sample_majority(60, 0, 230, 0.05).verdict == c.INCONSISTENT
    # 47 % of 230: k ∈ {108, 109}, at least 121 outside (52.6 %): Wilson 46.2-59.0 % contains 50 %.
    undecided = c.check_sample_majority(47, 0, 230, 0.05)
    assert undecided.verdict == c.NOT_VERIFIABLE and "contains 50 %" in undecided.reason


def test_unit_value_year_finds_the_index_of_the_stated_year():
    dates, mci = ["2019-01-01", "2020-01-01", "2020-04-01", "2021-01-01"], [2525, 2651, 2778, 2917]
    # 277,800 / 100 = 2,778: the MCI from 1 April 2020, not that of 1 January 2020 (265,100 tenge).
    april = c.check_unit_value_year(2020, 277_800, 100, dates, mci)
    assert april.verdict == c.CONSISTENT and april.reproduced == "2,778" and "the MCI from 2020-04-01" in april.reason
    assert c.check_unit_value_year(2021, 277_800, 100, dates, mci).verdict == c.INCONSISTENT
    # 1500 MCI = 4,167,000 tenge also fits (1500 × 2778); 4,167,001 would not (off by more than half a tenge).
    assert c.check_unit_value_year(2020, 4_167_000, 1500, dates, mci).verdict == c.CONSISTENT
    assert c.check_unit_value_year(2020, 4_167_001, 1500, dates, mci).verdict == c.INCONSISTENT
    # A year the table does not hold cannot be checked.
    unknown = c.check_unit_value_year(2022, 277_800, 100, dates, mci)
    assert unknown.verdict == c.NOT_VERIFIABLE and not unknown.could_fail
