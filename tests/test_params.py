from __future__ import annotations

import pytest

from helpers import params
from helpers.params import ParameterError


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: params.require_int("forecast_years", "3", 1, 10), r"forecast_years='3' \(str\): expected an integer"),
        (lambda: params.require_int("forecast_years", True, 1, 10), r"forecast_years=True \(bool\): expected an integer"),
        (lambda: params.require_int("forecast_years", 11, 1, 10), r"forecast_years=11: expected an integer from 1 to 10"),
        (lambda: params.require_alpha(1.0), r"alpha=1.0: expected a number in \(0, 1\)"),
        (lambda: params.require_alpha("0.05"), r"alpha='0.05' \(str\)"),
        (lambda: params.require_choice("lang", "de", ("en", "ru")), r"lang='de': expected one of en, ru"),
        (lambda: params.require_bool("apply_corrections", 1), r"apply_corrections=1 \(int\): expected True or False"),
        (
            lambda: params.require_year_range("start_year", 2023, "end_year", 2017, 2013, 2023),
            r"start_year=2023, end_year=2017: expected start_year at least 2 years before end_year",
        ),
        (
            lambda: params.require_year_range("start_year", 2010, "end_year", 2017, 2013, 2023),
            r"start_year=2010: expected an integer from 2013 to 2023",
        ),
    ],
)
def test_bad_parameters_name_parameter_value_and_rule(call, message):
    with pytest.raises(ParameterError, match=message):
        call()


def test_good_parameters_pass_through():
    assert params.require_year_range("s", 2017, "e", 2023, 2013, 2023) == (2017, 2023)
    assert params.require_alpha(0.01) == 0.01


def test_confidence_level_label():
    assert params.confidence_level(0.05) == 95
    assert params.confidence_level(0.005) == 99.5


def test_require_number():
    assert params.require_number("x", 2, 1, 3) == 2.0
    with pytest.raises(params.ParameterError, match=r"x=0.5: expected a number from 1 to 3"):
        params.require_number("x", 0.5, 1, 3)
    with pytest.raises(params.ParameterError, match=r"x='2' \(str\): expected a number from 1 to 3"):
        params.require_number("x", "2", 1, 3)
    with pytest.raises(params.ParameterError, match=r"x=True \(bool\)"):
        params.require_number("x", True, 0, 3)
