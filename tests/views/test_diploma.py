"""Tests for helpers.views.diploma: the Diploma report's sentences for small hand-made results."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.labels import Labels
from helpers.presentation import Presenter
from helpers.views import diploma as view

NBSP = "\u00a0"


@pytest.fixture
def p():
    return Presenter(Labels("en"), "diploma")


@pytest.fixture
def ci(p):
    return view.interval_fields(p, 95, "wilson", 2)


def test_interval_fields_show_the_parameters_as_given(p):
    assert view.interval_fields(p, 97.5, "beta", 1.0) == {"level": "97.5", "method": "Clopper–Pearson", "deff": "1.0"}
    ru = Presenter(Labels("ru"), "diploma")
    assert view.interval_fields(ru, 97.5, "wilson", 1.5)["level"] == "97,5"


def test_overlap_sentences_name_the_least_overlap_only_when_there_is_one(p):
    # 81 % and 31 % of one group: at least 81 + 31 - 100 = 12 % named both.
    mean, overlap = view.overlap_sentences(p, 1.93, 12.0)
    assert mean == "On average a respondent named **1.93** reasons."
    assert overlap.startswith("At least 12 % named both of the two most common reasons")
    assert view.overlap_sentences(p, 1.0, 0.0)[1] == (
        "The two most common reasons need not overlap: their shares add up to no more than 100 %."
    )


def outside_share(majority):
    """90 of 230 intend to stay, so 140 (60.87 %) do not; intervals worked out in helpers.survey.outside_share."""
    return {
        "count": 140,
        "pct": 100 * 140 / 230,
        "ci_low": 54.44,
        "ci_high": 66.91,
        "ci_low_deff": 51.74,
        "ci_high_deff": 69.31,
        "majority": majority,
    }


INTENTION = pd.DataFrame({"pct": [39.0, 40.0, 21.0], "decimals": [0, 0, 0]}, index=["stay", "leave", "undecided"])


def test_not_staying_under_simple_random_sampling(p):
    ci = view.interval_fields(p, 95, "wilson", 1.0)
    share, verdict = view.not_staying_sentences(p, outside_share("both"), INTENTION, 230, 1.0, ci)
    assert share == (
        "60.9 % of respondents (k = 140 of 230) did not say they intend to stay: they do not want to (40 %) "
        "or cannot say (21 %); 95 % CI (Wilson) 54.4 to 66.9 % under simple random sampling."
    )
    assert verdict.startswith("The interval lies wholly above 50 %")


def test_not_staying_with_a_design_effect_names_both_intervals(p, ci):
    share, verdict = view.not_staying_sentences(p, outside_share("srs_only"), INTENTION, 230, 2.0, ci)
    assert share.endswith("54.4 to 66.9 % under simple random sampling, 51.7 to 69.3 % with the assumed design effect of 2.")
    assert "depends on the sampling assumption" in verdict


def test_difference_within_sampling_error_and_fewer_than_half_leaving(p, ci):
    # leave 92, stay 90 of 230: +0.9 points, the interval crosses zero; the share leaving ends at 46.3 %.
    test = {"diff": 2 / 230, "ci_low": -0.09, "ci_high": 0.11, "z": 0.17, "p_value": 0.865}
    sentences = view.difference_sentences(p, test, leave_ci_high=46.3, half=50, n=230, ci=ci)
    assert sentences[1] == "Leave minus stay: **+0.9** percentage points (95 % CI -9.0 to +11.0; z = 0.17, p = 0.865)."
    assert sentences[2].startswith("With n = 230 the difference is within sampling error")
    assert sentences[3] == "Fewer than half intend to leave: the 95 % CI of that share ends at 46.3 %."
    assert len(view.difference_sentences(p, test, leave_ci_high=50.0, half=50, n=230, ci=ci)) == 3


def test_deff_sentences(p, ci):
    assert view.deff_sentences(p, pd.DataFrame(), {}, True, 230, 230.0, 1, ci) == [
        "With a design effect of 1 (simple random sampling) the intervals are those above."
    ]
    widened = pd.DataFrame({"width_ratio": [1.38, 1.43]})
    test_deff = {"diff": 0.15, "ci_low": -0.01, "ci_high": 0.31}
    widen, difference, reading = view.deff_sentences(p, widened, test_deff, True, 230, 115.0, 2.0, ci)
    # n_eff = 230 / 2 = 115; √2 = 1.41
    assert widen == (
        "With a design effect of 2 the effective sample size is 115 instead of 230; the intervals widen by a "
        "factor of 1.38 to 1.43 (√2 = 1.41 for a normal interval)."
    )
    assert difference == "Leave minus stay with this design effect: +15.0 percentage points (95 % CI -1.0 to +31.0)."
    assert reading == "The difference is no longer clear: the reading depends on the sampling assumption."


def test_grim_counts_and_note_in_the_report_language():
    ru = Presenter(Labels("ru"), "diploma")
    frame = pd.DataFrame({"grim": [(1234, 1235), (7,)], "grim_test": ["consistent", "consistent"]})
    assert view.grim_counts_text(ru, frame) == [f"1{NBSP}234; 1{NBSP}235", "7"]
    assert view.grim_note(ru, frame, 50) is None
    en = Presenter(Labels("en"), "diploma")
    note = view.grim_note(en, frame.assign(grim_test=["not_verifiable", "consistent"]), 400)
    assert note.startswith("GRIM is not verifiable here: at n = 400 one respondent moves a share by 0.25 percentage points")
