"""Each notebook refuses bad parameters with one clear line. Its runs with other valid parameters
and in every language of its report are the renders of tests/test_invariants.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers.params import ParameterError
from tests.support.renders import LANGUAGES

PAPERMILL = Path(sys.executable).with_name("papermill")

pytestmark = pytest.mark.slow

INVALID = [
    ("00_primer", {"lang": "ky"}, r"lang='ky': expected one of en, ru, kk"),
    ("00_primer", {"alpha": "0.05"}, r"alpha='0.05' \(str\): expected a number in \(0, 1\)"),
    ("00_primer", {"ci_method": "exact"}, r"ci_method='exact': expected one of normal, "),
    ("01_batken", {"start_year": "2017"}, r"start_year='2017' \(str\): expected an integer"),
    ("01_batken", {"start_year": 2020, "end_year": 2017}, r"expected start_year at least 2 years before end_year"),
    ("01_batken", {"end_year": 2030}, r"end_year=2030: expected an integer from 2013 to 2023"),
    ("01_batken", {"alpha": 1.5}, r"alpha=1.5: expected a number in \(0, 1\)"),
    ("01_batken", {"lang": "de"}, r"lang='de': expected one of en, ru, kk, ky"),
    ("01_batken", {"forecast_years": 0}, r"forecast_years=0: expected an integer from 1 to 10"),
    ("01_batken", {"shift_year": 2014}, r"shift_year=2014: expected an integer from 2015 to 2022"),
    ("01_batken", {"apply_corrections": "yes"}, r"apply_corrections='yes' \(str\): expected True or False"),
    ("02_kazakhstan", {"year": "2023"}, r"year='2023' \(str\): expected an integer"),
    ("02_kazakhstan", {"year": 2030}, r"year=2030: expected an integer from 2022 to 2023"),
    ("02_kazakhstan", {"compare_year": 2023}, r"compare_year=2023: expected a year other than year=2023"),
    ("02_kazakhstan", {"top_n": 0}, r"top_n=0: expected an integer from 1 to 19"),
    ("02_kazakhstan", {"compare_year": "next"}, r"compare_year='next': expected \"other\", a year or None"),
    ("02_kazakhstan", {"lang": "ky"}, r"lang='ky': expected one of en, ru, kk"),
    ("02_kazakhstan", {"natural_increase_per_1000": -5}, r"natural_increase_per_1000=-5: expected a number from 0 to 100"),
    ("03_diploma", {"n_respondents": 0}, r"n_respondents=0: expected an integer from 1 to 100000"),
    ("03_diploma", {"n_respondents": "230"}, r"n_respondents='230' \(str\): expected an integer"),
    ("03_diploma", {"ci_method": "exact"}, r"ci_method='exact': expected one of normal, agresti_coull, beta, wilson"),
    ("03_diploma", {"alpha": -0.1}, r"alpha=-0.1: expected a number in \(0, 1\)"),
    ("03_diploma", {"lang": "ky"}, r"lang='ky': expected one of en, ru, kk"),
    ("03_diploma", {"design_effect": 0.5}, r"design_effect=0.5: expected a number from 1 to 230"),
    ("03_diploma", {"design_effect": 2.0, "ci_method": "binom_test"}, r"binom_test needs whole effective counts"),
    (
        "03_diploma",
        {"n_respondents": 50},
        r"n_respondents=50: data/processed/diploma_\w+\.csv, line \d+: the printed [\d.]+ % is no whole count out of 50",
    ),
]


def validate_in_process(name: str, parameters: dict) -> dict:
    """Run a notebook's parameters cell, papermill's overrides and its setup (validation) cell in
    this interpreter, as the kernel would run them; return the namespace."""
    nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    at = next(i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    exec(code[at].source, namespace)
    namespace.update(parameters)
    exec(code[at + 1].source, namespace)
    return namespace


class TestInvalidParameters:
    @pytest.mark.parametrize("name, parameters, message", INVALID)
    def test_setup_cell_refuses_bad_parameters(self, name, parameters, message):
        with pytest.raises(ParameterError, match=message):
            validate_in_process(name, parameters)

    @pytest.mark.parametrize("name", sorted(LANGUAGES))
    def test_setup_cell_accepts_the_defaults(self, name):
        assert validate_in_process(name, {})["lang"] == "en"

    @pytest.mark.parametrize("name, parameters, message", [next(c for c in INVALID if c[0] == "01_batken")])
    def test_papermill_exits_non_zero_naming_the_cell_and_parameter(self, name, parameters, message, tmp_path):
        """Through the real papermill command line, once (a cold kernel start): that each notebook's
        setup cell refuses its bad parameters is the in-process test above, which runs the cells
        papermill runs (parameters, injected parameters, setup)."""
        args = [arg for key, value in parameters.items() for arg in ("-p", key, str(value))]
        if any(isinstance(v, str) for v in parameters.values()):
            args = [arg for key, value in parameters.items() for arg in ("-r", key, str(value))]  # raw string
        result = subprocess.run(
            [
                str(PAPERMILL),
                str(paths.NOTEBOOKS / f"{name}.ipynb"),
                str(tmp_path / "out.ipynb"),
                "-k",
                paths.KERNEL_NAME,
                "--cwd",
                str(tmp_path),
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode != 0
        assert re.search(r"ParameterError: .*" + message, result.stderr + result.stdout)


def test_every_notebook_has_invalid_parameter_cases():
    """Its valid parameter sets and languages are rendered by tests/test_invariants.py."""
    assert {n for n, _, _ in INVALID} == {p.stem for p in paths.notebooks()}
