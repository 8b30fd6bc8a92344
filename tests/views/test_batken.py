"""Tests for helpers.views.batken: the report's sentences from small hand-made results."""

import pandas as pd
import pytest

from helpers.labels import Labels
from helpers.presentation import Presenter
from helpers.views import batken as view


@pytest.fixture
def p():
    return Presenter(Labels("en"), "batken")


def test_span_is_an_en_dash_range(p):
    assert view.span(p, 2013.0, 2023) == "2013–2023"


def test_break_sentence_rounds_and_signs_the_step(p):
    row = pd.Series(
        {"break_year": 2016, "sup_f": 45.23, "p_value": 0.0004, "step_pct": 120.4}
        | {"step_ci_low": 80.2, "step_ci_high": 169.6, "same_year_share": 0.97}
    )
    assert view.break_sentence(p, row, "Departures", 95) == (
        "Departures: a step fits best in 2016 (sup-F = 45.2, p < 0.001 for no step in any year); allowing for "
        "that choice, the step is +120 % (95 % interval +80 to +170 %), and 97 % of the bootstrap draws "
        "choose 2016 again."
    )


def test_describe_trend_says_whether_the_interval_excludes_zero(p):
    row = pd.Series(
        {"flow_id": "arrivals", "spec_id": "plain", "annual_pct_change": -2.5, "years": "2013–2023"}
        | {"ci_low": -4.0, "ci_high": -1.0}
    )
    assert view.describe_trend(p, row, None, 95) == (
        "The number of arrivals fell by 2.5 % a year (2013–2023; 95 % CI -4.0 to -1.0 %). The interval excludes zero."
    )
    unclear = view.describe_trend(p, row.copy().replace({-1.0: 0.5}), None, 95)
    assert unclear.endswith("The interval includes zero, so no trend is established.")


def test_step_means_average_each_side_of_the_shift(p):
    flows = pd.DataFrame({"arrivals": [10, 10, 30, 30], "departures": [100, 200, 1000, 3000]}, index=[2014, 2015, 2016, 2017])
    # departures: (100 + 200) / 2 = 150 before, (1000 + 3000) / 2 = 2000 after; arrivals 10 and 30.
    assert view.step_means_sentence(p, flows.loc[:2015], flows.loc[2016:]) == (
        "Either side of the shift: departures averaged 150 a year in 2014–2015 and 2,000 in 2016–2017; arrivals 10 and 30."
    )


def test_step_sentences_give_the_ratio_across_the_shift(p):
    flows = pd.DataFrame({"arrivals": [100, 100, 250, 250], "departures": [200, 200, 300, 300]}, index=[2014, 2015, 2016, 2017])
    fit = {"flow_id": "departures", "years": "2014–2017", "annual_pct_change": 12.0, "ci_low": 5.0, "ci_high": 19.0}
    step = {"shift_pct": 50.0, "shift_ci_low": 20.0, "shift_ci_high": 80.0}
    one_line = pd.DataFrame([fit]).set_index("flow_id", drop=False)
    headline = pd.DataFrame([fit | step]).set_index("flow_id", drop=False)
    steps = pd.Series({"arrivals": 2.5, "departures": 1.5})  # 250 / 100 and 300 / 200
    sentences = view.step_sentences(p, flows, steps, 2016, headline, one_line, 2016, 95)
    # The step's interval excludes zero, so the one line is called misleading.
    assert sentences[0] == "From 2015 to 2016 arrivals were multiplied by 2.5 and departures by 1.5."
    assert sentences[2].startswith("As one line over 2014–2017, departures would seem to change by +12.0 % a year")
    assert len(sentences) == 3  # the best year is the shift year: no warning
    assert (
        "is not the year where a step fits best (2017)"
        in view.step_sentences(p, flows, steps, 2016, headline, one_line, 2017, 95)[3]
    )


def test_the_autocorrelation_sentence_names_only_the_signs_the_fits_have(p):
    both = view.autocorrelation_sentences(p, pd.Series([-0.68, 0.2, -0.82, 0.1]), 11)
    assert both.startswith("The residuals' lag-1 autocorrelation is negative in 2 of 4 fits (")
    assert "positive in the others" in both and both.endswith(
        "With at most 11 annual points neither sign can be "
        "told from chance: a test of serial correlation such as Ljung–Box has almost no power here, so none is reported."
    )
    negative = view.autocorrelation_sentences(p, pd.Series([-0.68, -0.82]), 7)
    assert negative.startswith("The residuals' lag-1 autocorrelation is negative in every fit (2): residuals that alternate")
    assert "the others" not in negative and "too narrow" not in negative
    positive = view.autocorrelation_sentences(p, pd.Series([0.3, 0.1]), 7)
    assert positive.startswith("The residuals' lag-1 autocorrelation is positive in every fit (2), which would make")
    assert "conservative" not in positive


def test_parameter_and_bound_texts(p):
    params = {"smoothing_level": 0.12345, "initial_level": 1234.56}
    # smoothing parameters with 3 decimals, initial states with 1 (grouped)
    assert view.parameter_text(p, params) == "α = 0.123; ℓ₀ = 1,234.6"
    assert view.bound_text(p, ["smoothing_level", "smoothing_trend"]) == "α, β"
    assert view.bound_text(p, []) == "none"


def test_sentences_follow_the_report_language():
    p_ru = Presenter(Labels("ru"), "batken")
    assert view.bound_text(p_ru, []) == "нет"
    params = {"smoothing_level": 0.12345, "initial_level": 1234.56}
    assert view.parameter_text(p_ru, params) == "α = 0,123; ℓ₀ = 1\u00a0234,6"
