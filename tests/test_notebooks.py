"""Each notebook runs with other valid parameters and refuses bad ones with one clear line."""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.render import RenderError, execute

pytestmark = pytest.mark.slow

BATKEN = paths.NOTEBOOKS / "01_batken.ipynb"


@pytest.mark.parametrize("parameters", [
    {"start_year": 2017, "lang": "ru"},
    {"forecast_years": 5},
    {"lang": "ky", "apply_corrections": False, "alpha": 0.01},
    {"start_year": 2013, "end_year": 2016},
])
def test_batken_runs_with_valid_parameters(parameters):
    nb = execute(BATKEN, parameters)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.parametrize("parameters, message", [
    ({"start_year": "2017"}, r"start_year='2017' \(str\): expected an integer"),
    ({"start_year": 2020, "end_year": 2017}, r"expected start_year at least 2 years before end_year"),
    ({"end_year": 2030}, r"end_year=2030: expected an integer from 2013 to 2023"),
    ({"alpha": 1.5}, r"alpha=1.5: expected a number in \(0, 1\)"),
    ({"lang": "kk"}, r"lang='kk': expected one of en, ru, ky"),
    ({"forecast_years": 0}, r"forecast_years=0: expected an integer from 1 to 10"),
])
def test_batken_refuses_bad_parameters(parameters, message):
    with pytest.raises(RenderError, match=r"01_batken\.ipynb: cell \d+ .*ParameterError: .*" + message):
        execute(BATKEN, parameters)


KAZAKHSTAN = paths.NOTEBOOKS / "02_kazakhstan.ipynb"


@pytest.mark.parametrize("parameters", [
    {"year": 2022, "compare_year": None, "lang": "kk"},
    {"top_n": 3},
    {"lang": "ru"},
])
def test_kazakhstan_runs_with_valid_parameters(parameters):
    nb = execute(KAZAKHSTAN, parameters)
    assert [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"] == []


@pytest.mark.parametrize("parameters, message", [
    ({"year": "2023"}, r"year='2023' \(str\): expected an integer"),
    ({"year": 2030}, r"year=2030: expected an integer from 2022 to 2023"),
    ({"compare_year": 2023}, r"compare_year=2023: expected a year other than year=2023"),
    ({"top_n": 0}, r"top_n=0: expected an integer from 1 to 19"),
    ({"alpha": 0}, r"alpha=0: expected a number in \(0, 1\)"),
    ({"lang": "ky"}, r"lang='ky': expected one of en, ru, kk"),
])
def test_kazakhstan_refuses_bad_parameters(parameters, message):
    with pytest.raises(RenderError, match=r"02_kazakhstan\.ipynb: cell \d+ .*ParameterError: .*" + message):
        execute(KAZAKHSTAN, parameters)


DIPLOMA = paths.NOTEBOOKS / "03_diploma.ipynb"


@pytest.mark.parametrize("parameters", [
    {"alpha": 0.01, "ci_method": "beta", "lang": "ru"},
    {"lang": "kk", "ci_method": "jeffreys"},
])
def test_diploma_runs_with_valid_parameters(parameters):
    nb = execute(DIPLOMA, parameters)
    assert [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"] == []


@pytest.mark.parametrize("parameters, message", [
    ({"n_respondents": 0}, r"n_respondents=0: expected an integer from 1 to 100000"),
    ({"n_respondents": "230"}, r"n_respondents='230' \(str\): expected an integer"),
    ({"ci_method": "exact"}, r"ci_method='exact': expected one of normal, agresti_coull, beta, wilson"),
    ({"alpha": -0.1}, r"alpha=-0.1: expected a number in \(0, 1\)"),
    ({"lang": "ky"}, r"lang='ky': expected one of en, ru, kk"),
])
def test_diploma_refuses_bad_parameters(parameters, message):
    with pytest.raises(RenderError, match=r"03_diploma\.ipynb: cell \d+ .*ParameterError: .*" + message):
        execute(DIPLOMA, parameters)
