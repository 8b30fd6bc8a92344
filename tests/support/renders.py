"""The renders a test run checks: each notebook with its defaults (the committed report, which the
pipeline's clean build proves equal to a fresh one) and with a few other valid parameter sets.

The sets are chosen together, so that each notebook is rendered as few times as its branches and
languages need: every branch the parameters open (no level shift, a backtest, too few years for a
section, the table as printed, no comparison year, another design effect or interval method) and
every language of each report, each in at least one render. ``tests/test_invariants.py`` checks
every render; ``tests/test_notebooks.py`` checks that the sets cover every language.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from helpers import paths
from helpers.i18n import LANGS, LANGS_WITHOUT_KY

#: The languages each report is written in (the first is the notebook's default).
LANGUAGES = {"00_primer": LANGS_WITHOUT_KY, "01_batken": LANGS, "02_kazakhstan": LANGS_WITHOUT_KY, "03_diploma": LANGS_WITHOUT_KY}

#: Each notebook's parameter sets besides its defaults ({} is the committed report).
PARAMETER_SETS = {
    "00_primer": [
        {},
        {"lang": "ru", "alpha": 0.01, "ci_method": "beta"},
        {"lang": "kk", "alpha": 0.1, "ci_method": "normal"},
    ],
    "01_batken": [
        {},
        # no level shift, and a backtest of 2020-2023
        {"shift_year": None, "end_year": 2019, "forecast_years": 4, "lang": "ru"},
        # four years, none of Table 2, the table as printed, a ten-year forecast
        {"start_year": 2013, "end_year": 2016, "apply_corrections": False, "forecast_years": 10, "lang": "ky"},
        # from 2017 (the years of Table 2), a shift year where the series has no step, a 99 % level
        {"start_year": 2017, "shift_year": 2018, "forecast_years": 5, "alpha": 0.01, "lang": "kk"},
    ],
    "02_kazakhstan": [
        {},
        # 2022 against the other year (compare_year's default), no natural increase
        {"year": 2022, "natural_increase_per_1000": 0.0, "lang": "ru"},
        # 2022 alone, the top 3
        {"year": 2022, "compare_year": None, "top_n": 3, "lang": "kk"},
    ],
    "03_diploma": [
        {},
        # a 99 % level, Clopper-Pearson intervals, a larger design effect
        {"alpha": 0.01, "ci_method": "beta", "design_effect": 4.0, "lang": "ru"},
        # another survey size, simple random sampling, the exact binomial interval
        {"n_respondents": 100, "design_effect": 1.0, "ci_method": "binom_test", "lang": "kk"},
    ],
}


def language(stem: str, parameters: dict) -> str:
    return parameters.get("lang", LANGUAGES[stem][0])


def render_once(stem: str, parameters: dict, folder: Path) -> tuple[Path, Path]:
    """``(ipynb, html)`` of ``notebooks/<stem>.ipynb`` rendered with ``parameters`` into ``folder``
    (the committed reports for the defaults)."""
    from helpers.build.render import render

    if not parameters:
        return paths.REPORTS / f"{stem}.ipynb", paths.REPORTS / f"{stem}.html"
    name = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()[:12]
    return render(paths.NOTEBOOKS / f"{stem}.ipynb", folder / f"{stem}-{name}", parameters)
