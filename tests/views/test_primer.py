"""Tests for helpers.views.primer: the primer's sentences and answers for small hand-made inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import presentation
from helpers.labels import Labels
from helpers.presentation import Presenter
from helpers.views import primer


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The HTML the views display (sentences through the presenter, answers through IPython)."""
    html: list[str] = []
    monkeypatch.setattr(presentation, "_display_html", lambda text, markdown=None: html.append(text))
    monkeypatch.setattr(primer, "display", lambda obj: html.append(obj.data))
    return html


def report(lang: str = "en") -> Presenter:
    return Presenter(Labels(lang), "primer")


def test_the_net_and_gross_answer_is_folded_and_worked_out(shown):
    # 10 arrivals, 4 departures: N = 10 - 4 = 6, T = 10 + 4 = 14
    primer.answer_net_and_gross(report(), "KZ-71", 2023, arrivals=10, departures=4, net=6, turnover=14)
    assert shown[0].startswith('<details class="answer" lang="en"><summary>Answer</summary>')
    assert "Astana city, 2023: N = 10 − 4 = <strong>6</strong>; T = 10 + 4 = <strong>14</strong>" in shown[0]


def test_a_net_loss_reads_as_a_loss_with_the_share_of_all_moves(shown):
    # N = -30, T = 120: E = -30 / 120 = -0.25, a loss equal to 25 % of all moves
    primer.say_effectiveness(report(), 2023, net=-30, turnover=120, effectiveness=-0.25)
    assert "E = -30 / 120 = <strong>-0.25</strong>: the oblast's net loss equals 25\u00a0% of all moves" in shown[0]
    primer.say_effectiveness(report(), 2023, net=30, turnover=120, effectiveness=0.25)
    assert "net gain equals 25\u00a0%" in shown[1]


def test_mei_across_a_boundary_change_is_no_finding(shown):
    regions = {"KZ-10", "KZ-11"}
    primer.answer_mei_comparison(report(), 2022, 2023, 9.06, 8.95, [2022], 3, regions, regions)
    assert "redrawn in 2022 (3 new regions)" in shown[0]
    assert "A difference of 0.11 percentage points" in shown[0] and "it is not a finding" in shown[0]


def test_mei_without_a_boundary_change_compares_and_names_the_units(shown):
    primer.answer_mei_comparison(report(), 2021, 2022, 9.5, 9.0, [2023], 3, {"KZ-10", "KZ-11"}, {"KZ-10", "KZ-11"})
    assert "migration was more effective in 2021" in shown[0]
    assert "Both years cover the same 2 regions" in shown[0]
    primer.answer_mei_comparison(report(), 2021, 2022, 9.0, 9.0, [], 0, {"KZ-10", "KZ-11", "KZ-15"}, {"KZ-10", "KZ-11"})
    assert "the same as in 2022" in shown[1]
    assert "different sets of regions (3 and 2)" in shown[1]


def test_grim_probes_name_the_nearest_attainable_shares():
    # 39.5 % of 230 is 90.85 people: 90 / 230 = 39.13 %, 91 / 230 = 39.57 %
    text = primer.grim_probe_text(report(), 39.5, 230, [])
    assert (
        text
        == "39.5 % with one decimal is **impossible**: no whole count out of 230 gives it (the nearest are 39.13 % and 39.57 %)."
    )
    # 40 % of 18 is 7.2 people: 7 / 18 = 38.9 %, 8 / 18 = 44.4 %
    small = primer.grim_small_n_text(report(), 40, 18, [], attainable=19)
    assert "7 of 18 is 38.9 % and 8 of 18 is 44.4 %. Only 19 of the 101" in small
    assert primer.grim_probe_text(report(), 39.6, 230, [91]) == "39.6 % with one decimal is possible: k = 91."


def test_the_interval_level_keeps_its_decimal_in_the_report_language():
    assert primer.interval_words(report(), 0.05, "wilson") == ("95", "Wilson score interval")
    assert primer.interval_words(report("ru"), 0.005, "wilson")[0] == "99,5"


def test_regional_nets_that_do_not_cancel_are_flagged(shown):
    primer.say_internal_total(report(), 2023, regions=2, total=5)
    assert "sum to <strong>5</strong>, not 0" in shown[0]


def test_a_population_table_of_another_date_stops_with_one_line():
    population = pd.DataFrame({"date": ["2023-07-01"], "sex": ["total"], "iso_code": ["KZ-10"], "value": [100]})
    with pytest.raises(ValueError, match=r"^data/processed/external_kz_population_2023.csv, column 'date': .*1 January 2023"):
        primer.population_on_1_january(population, 2023)
    population["date"] = "2023-01-01"
    assert primer.population_on_1_january(population, 2023).to_dict() == {"KZ-10": 100}
