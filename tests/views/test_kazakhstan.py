"""Tests for helpers.views.kazakhstan: the sentences report 02 prints, on small hand-made inputs."""

import pandas as pd
import pytest

from helpers.labels import Labels
from helpers.presentation import Presenter
from helpers.views import kazakhstan as view


@pytest.fixture
def p():
    return Presenter(Labels("en"), "kazakhstan")


def flows(nets: dict[str, int]) -> pd.DataFrame:
    """Regions with their nets, names, and rates per 1000 of a population of 1000 each."""
    frame = pd.DataFrame({"net": nets}).rename_axis("iso_code")
    frame["name"] = ["Region " + c for c in frame.index]
    frame["rate"] = frame["net"].astype(float)
    frame["in_rate"], frame["out_rate"] = 50.0 + frame.index.map(len), 40.0
    return frame


def test_vintage_of_prefers_the_bulletin_and_else_the_first_publication():
    intl = pd.DataFrame({"year": [2022, 2022, 2023], "vintage": ["first_published", "revised", "bulletin"]})
    assert view.vintage_of(intl, 2023) == "bulletin"
    assert view.vintage_of(intl, 2022) == "first_published"


def test_population_on_1_january_returns_totals_and_year():
    pop = pd.DataFrame(
        {"iso_code": ["A", "A", "B"], "sex": ["total", "male", "total"], "date": ["2023-01-01"] * 3, "value": [10, 4, 20]}
    )
    population, year = view.population_on_1_january(pop)
    assert year == 2023
    assert population.to_dict() == {"A": 10, "B": 20}


def test_population_on_another_day_stops_naming_file_and_column():
    pop = pd.DataFrame({"iso_code": ["A"], "sex": ["total"], "date": ["2023-07-01"], "value": [10]})
    with pytest.raises(ValueError, match=r"external_kz_population_2023\.csv, column 'date': expected one date, a 1 January"):
        view.population_on_1_january(pop)


def test_denominator_note_names_the_population_date_for_each_year(p):
    assert view.denominator_note(p, 2023, 2023) == (
        "Denominator of every rate: the population on 1 January 2023, the start of the year of the flows."
    )
    assert view.denominator_note(p, 2022, 2023).startswith(
        "Denominator of every rate: the population on 1 January 2023, not a population of 2022: "
        "the 2022 flows are set against the population at the end of 2022"
    )
    assert view.denominator_note(p, 2020, 2023) == (
        "Denominator of every rate: the population on 1 January 2023, not a population of 2020, "
        "because no other regional population is transcribed."
    )


def test_largest_gainer_names_the_region_with_the_largest_net(p):
    # Nets +30, +10, -40: B gains most; its share of net gains, 30 / 40 = 75 %, is given by the caller.
    assert view.largest_gainer(p, flows({"A": 10, "B": 30, "C": -40}), 75.0) == (
        "The largest gainer, Region B, alone receives 75.0 % of all net gains."
    )


def test_findings_say_the_cities_share_is_by_construction_and_mei_is_a_bound(p):
    regions = flows({"A": 10, "B": 30, "C": -40})  # both gainers, A and B, are cities
    lines = view.findings(
        p,
        regions,
        2023,
        2023,
        international={"arrivals": 100, "departures": 150, "net": -50},
        concentration={"cities": ["A", "B"], "gains_to_cities": 100.0, "top_gainer_share": 75.0},
        comparison=None,
        mei={2023: (12.5, 100.0, False), 2022: (10.0, 20.25, True)},
    )
    assert lines[0] == "International migration in 2023: 100 arrivals and 150 departures, a net of -50."
    assert lines[1].startswith("2 of 3 regions gained from interregional migration in 2023, all of them cities")
    assert "by construction" in lines[1]
    assert lines[2] == "The largest gainer, Region B, alone receives 75.0 % of all net gains."
    # Rates -40 (C) to +30 (B); in_rate 51 for every one-letter code, out_rate 40.
    assert "ran from -40.0 (Region C) to +30.0 (Region B)" in lines[3]
    assert "from 51.0 to 51.0 and internal departures from 40.0 to 40.0 per 1000" in lines[3]
    assert lines[4].startswith(
        "Interregional migration effectiveness (MEI, complete counts): at least 12.50 in 2023, 10.00 to 20.25 in 2022;"
    )
    assert lines[4].endswith("only a lower bound, because they include moves within regions.")


def test_findings_without_only_city_gainers_report_the_cities_share(p):
    regions = flows({"A": 10, "B": 30, "C": -40})  # B is not a city
    lines = view.findings(
        p,
        regions,
        2022,
        2023,
        international={"arrivals": 1, "departures": 1, "net": 0},
        concentration={"cities": ["A"], "gains_to_cities": 25.0, "top_gainer_share": 75.0},
        comparison=None,
        mei={2022: (5.0, 100.0, False)},
    )
    assert lines[1] == (
        "2 of 3 regions gained from interregional migration in 2022; cities of republican significance (1) "
        "received 25.0 % of all net gains."
    )
    assert "(population on 1 January 2023, after the 2022 flows)" in lines[3]


@pytest.fixture
def said(p, monkeypatch):
    """The sentences and table captions ``p`` shows, in order."""
    shown: list[str] = []
    monkeypatch.setattr(p, "say", lambda *sentences: shown.extend(sentences))
    monkeypatch.setattr(p, "table", lambda frame, columns, caption, data, note=None: shown.append(f"TABLE {caption}"))
    return shown


def test_net_check_says_whether_the_nets_sum_to_zero(p, said):
    view.say_net_check(p, n=3, total=0)
    view.say_net_check(p, n=3, total=-7)
    assert said[0].startswith("**Check:** the 3 regional nets sum to 0, as they must")
    assert said[1] == "**Check:** the 3 regional nets sum to -7, not 0: the table is internally inconsistent."


def test_concentration_names_the_one_other_gainer_and_withholds_the_losers_share(p, said):
    # A (city) +10, B +30, C -40: one non-city gainer; one loser, not more than top_n = 2.
    view.say_concentration(p, flows({"A": 10, "B": 30, "C": -40}), 2023, ["A"], 25.0, 75.0, 2, None)
    assert said == [
        "**Concentration.** 2 of 3 regions gained from interregional migration in 2023 and 1 lost.",
        "Cities of republican significance (1) receive 25.0 % of all net gains; the one other gaining region, "
        "Region B, receives the rest.",
        "The largest gainer, Region B, alone receives 75.0 % of all net gains.",
        "Only 1 region lost, no more than the 2 asked for: together they account for all net losses by "
        "construction, so no share is reported.",
    ]


@pytest.mark.parametrize(
    "new_region_growth, verdict",
    [(1.1, "appear to be whole-year counts recompiled on the new boundaries"), (3.0, "may cover only part of 2022")],
)
def test_boundary_change_reads_the_new_regions_growth_against_the_others(p, said, monkeypatch, new_region_growth, verdict):
    # New region N split from P; others O1 (×1.0) and O2 (×1.2). N's ratio inside [1.0, 1.2] or not.
    codes = ["N", "P", "O1", "O2"]
    old_arrivals = pd.Series([100.0, 200.0, 100.0, 100.0], index=codes)
    new_arrivals = old_arrivals * pd.Series([new_region_growth, 1.0, 1.0, 1.2], index=codes)
    gross = pd.concat({("arrivals", 2022): old_arrivals, ("arrivals", 2023): new_arrivals}, axis=1)
    ratios = {"arrivals": new_arrivals / old_arrivals, "departures": new_arrivals / old_arrivals}
    monkeypatch.setattr(p._, "region", lambda code: "Region " + code)
    view.boundary_change(p, {"N": "P"}, pd.Timestamp("2022-06-08"), gross, ratios, 2022, 2023)
    assert said[0] == (
        "New regions formed in 2022 (in brackets, the region each was split from): Region N (Region P); "
        "in force from June 8, 2022."
    )
    assert said[1].startswith("TABLE Regions of the 2022 boundary change")
    assert f"×{new_region_growth:.2f} to ×{new_region_growth:.2f} from 2022 to 2023" in said[2]
    assert "the other 2 regions (×1.00 to ×1.20)" in said[2]
    assert verdict in said[2]
