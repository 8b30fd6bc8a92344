from __future__ import annotations

import ast

import pytest

from helpers import params, paths
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


def test_a_survey_size_must_make_every_printed_percentage_attainable(tmp_path):
    """Hand-worked: at n = 50 a count moves a share by 2 points, so 62 % (31/50) is attainable and
    24.3 % (1 decimal) is not: 12/50 = 24.0 %, 13/50 = 26.0 %. At n = 230, 24.3 % is 56/230 = 24.35 %."""
    (tmp_path / "survey.csv").write_text("order,item_id,pct,decimals\n1,a,62,0\n2,b,24.3,1\n", encoding="utf-8")
    with pytest.raises(
        ParameterError, match=r"^parameter n_respondents=50: data/processed/survey\.csv, line 3: the printed 24\.3 %"
    ):
        params.require_attainable_n("n_respondents", 50, ("survey",), processed=tmp_path)
    assert params.require_attainable_n("n_respondents", 230, ("survey",), processed=tmp_path) == 230


def test_percent_rows_of_a_value_table_count_and_others_do_not(tmp_path):
    (tmp_path / "profile.csv").write_text(
        "variable,value,unit,decimals\nage,24.7,years,1\nsex,62.0,percent,0\n", encoding="utf-8"
    )
    assert params.require_attainable_n("n", 50, ("profile",), processed=tmp_path) == 50  # 24.7 years is no share
    with pytest.raises(ParameterError, match=r"line 3: the printed 62\.0 %"):
        params.require_attainable_n("n", 7, ("profile",), processed=tmp_path)  # 4/7 = 57.1 %, 5/7 = 71.4 %


@pytest.mark.parametrize(
    "notebook, values, message",
    [
        ("03_diploma", {"n_respondents": 50}, r"n_respondents=50: data/processed/diploma_\w+\.csv, line \d+"),
        ("03_diploma", {"n_respondents": 10**22}, r"n_respondents=10000000000000000000000: expected an integer from 1 to 100000"),
        ("01_batken", {"start_year": 2023, "end_year": 2017}, r"expected start_year at least 2 years before end_year"),
        ("02_kazakhstan", {"compare_year": 2023}, r"compare_year=2023: expected a year other than year=2023, or None"),
        ("00_primer", {"ci_method": "exact"}, r"ci_method='exact': expected one of"),
    ],
)
def test_each_notebooks_rules_refuse_a_bad_value(notebook, values, message):
    from helpers.build.render import declared_parameters

    declared = declared_parameters(paths.NOTEBOOKS / f"{notebook}.ipynb")
    defaults = {name: ast.literal_eval(facts["default"]) for name, facts in declared.items()}
    # The defaults pass, typed and resolved: an alpha of 0.05 stays a float; 02's compare_year "other"
    # is the data's other year; 03's design effect None is the assumption of survey_assumptions.csv.
    resolved = {
        "00_primer": {"alpha": 0.05},
        "01_batken": {"alpha": 0.05},
        "02_kazakhstan": {"compare_year": 2022},
        "03_diploma": {"alpha": 0.05, "design_effect": 2.0},
    }
    assert params.check(notebook, defaults) == defaults | resolved[notebook]
    with pytest.raises(ParameterError, match=message):
        params.check(notebook, defaults | values)


def test_every_notebook_has_rules():
    assert set(params.RULES) == {p.stem for p in paths.notebooks()}
