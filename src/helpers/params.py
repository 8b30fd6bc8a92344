"""Validation of notebook parameters: one clear line naming the parameter, value and rule.

Each check raises :class:`ParameterError` (a ValueError). :func:`check` holds every notebook's
rules in one place (:data:`RULES`: type, range or choices, rules across parameters, bounds read
from the processed data): the render tool applies them before a kernel starts, and each
notebook's setup cell applies the same function to the values it runs with.
"""

from __future__ import annotations

import csv
import numbers
from collections.abc import Callable

from helpers import paths


class ParameterError(ValueError):
    """A notebook parameter has a wrong type or value."""


def require_int(name: str, value, low: int | None = None, high: int | None = None) -> int:
    """An integer (bools and strings refused) within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(f"parameter {name}={value!r} ({type(value).__name__}): expected an integer")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ParameterError(f"parameter {name}={value!r}: expected an integer from {low} to {high}")
    return int(value)


def require_number(name: str, value, low: float, high: float) -> float:
    """A real number (bools and strings refused) within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"parameter {name}={value!r} ({type(value).__name__}): expected a number from {low:g} to {high:g}")
    if not low <= value <= high:
        raise ParameterError(f"parameter {name}={value!r}: expected a number from {low:g} to {high:g}")
    return float(value)


def require_alpha(value, name: str = "alpha") -> float:
    """A significance level strictly between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"parameter {name}={value!r} ({type(value).__name__}): expected a number in (0, 1)")
    if not 0 < value < 1:
        raise ParameterError(f"parameter {name}={value!r}: expected a number in (0, 1), e.g. 0.05")
    return float(value)


def require_choice(name: str, value, allowed) -> str:
    """One of a fixed set of strings."""
    if value not in allowed:
        raise ParameterError(f"parameter {name}={value!r}: expected one of {', '.join(map(str, allowed))}")
    return value


def require_bool(name: str, value) -> bool:
    """True or False (not 0/1, not a string)."""
    if not isinstance(value, bool):
        raise ParameterError(f"parameter {name}={value!r} ({type(value).__name__}): expected True or False")
    return value


def require_year_range(start_name: str, start, end_name: str, end, low: int, high: int) -> tuple[int, int]:
    """Two years within the data [low, high], start before end (at least 3 years for a trend)."""
    start = require_int(start_name, start, low, high)
    end = require_int(end_name, end, low, high)
    if end - start < 2:
        raise ParameterError(
            f"parameters {start_name}={start}, {end_name}={end}: expected {start_name} at least 2 years before {end_name}"
        )
    return start, end


def confidence_level(alpha: float):
    """The confidence level in percent for labels, 100·(1 - alpha): 95 for 0.05, 99.5 for 0.005."""
    level = round(100 * (1 - alpha), 2)
    return int(level) if float(level).is_integer() else level


def _rows(table: str, processed=None) -> list[dict]:
    """The rows of ``data/processed/<table>.csv`` (csv module: no pandas needed before the kernel)."""
    with open((processed or paths.PROCESSED) / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def require_attainable_n(name: str, n: int, tables: tuple[str, ...], processed=None) -> int:
    """A survey size at which every percentage the survey printed is attainable (GRIM): some whole
    count k of n has 100·k/n printing as the percentage (with its decimals). Rows are read from the
    processed ``tables`` (columns ``pct`` and ``decimals``, or ``value``/``unit``/``decimals`` with
    ``unit == percent``). Example, n = 50: 62 % (0 decimals) is 31/50, attainable; 24.3 % (1 decimal)
    is not (12/50 = 24.0 %, 13/50 = 26.0 %)."""
    from helpers.rounding import grim_counts

    processed = processed or paths.PROCESSED
    for table in tables:
        for row_number, row in enumerate(_rows(table, processed), start=2):
            pct = row.get("pct") or (row.get("value") if row.get("unit") == "percent" else None)
            if pct is None:
                continue
            decimals = int(row["decimals"])
            if not grim_counts(float(pct), n, decimals):
                raise ParameterError(
                    f"parameter {name}={n}: data/processed/{table}.csv, line {row_number}: the printed {pct} % is no "
                    f"whole count out of {n} (GRIM); expected a survey size at which every printed percentage is attainable"
                )
    return n


def _years(table: str) -> list[int]:
    return sorted({int(row["year"]) for row in _rows(table)})


def _primer(v: dict) -> dict:
    from helpers.i18n import LANGS_WITHOUT_KY
    from helpers.proportions import CI_METHODS

    v["lang"] = require_choice("lang", v["lang"], LANGS_WITHOUT_KY)
    v["alpha"] = require_alpha(v["alpha"])
    v["ci_method"] = require_choice("ci_method", v["ci_method"], CI_METHODS)
    return v


def _batken(v: dict) -> dict:
    from helpers.i18n import LANGS

    v["apply_corrections"] = require_bool("apply_corrections", v["apply_corrections"])
    v["forecast_years"] = require_int("forecast_years", v["forecast_years"], 1, 10)
    v["alpha"] = require_alpha(v["alpha"])
    v["lang"] = require_choice("lang", v["lang"], LANGS)
    years = _years("batken_table1_interregional" if v["apply_corrections"] else "batken_table1_interregional_as_printed")
    v["start_year"], v["end_year"] = require_year_range(
        "start_year", v["start_year"], "end_year", v["end_year"], years[0], years[-1]
    )
    if v["shift_year"] is not None:
        v["shift_year"] = require_int("shift_year", v["shift_year"], years[0] + 2, years[-1] - 1)
    return v


def _kazakhstan(v: dict) -> dict:
    """``compare_year`` may be "other" (the default: the other year of the data, the one before
    ``year`` if there is one), a year other than ``year``, or None (no comparison)."""
    from helpers.i18n import LANGS_WITHOUT_KY

    years = _years("external_kz_internal_migration")
    v["year"] = require_int("year", v["year"], years[0], years[-1])
    if v["compare_year"] == "other":
        earlier, later = [y for y in years if y < v["year"]], [y for y in years if y > v["year"]]
        v["compare_year"] = earlier[-1] if earlier else later[0] if later else None
    elif isinstance(v["compare_year"], str):
        raise ParameterError(f'parameter compare_year={v["compare_year"]!r}: expected "other", a year or None')
    if v["compare_year"] is not None:
        v["compare_year"] = require_int("compare_year", v["compare_year"], years[0], years[-1])
        if v["compare_year"] == v["year"]:
            raise ParameterError(
                f"parameter compare_year={v['compare_year']!r}: expected a year other than year={v['year']}, or None"
            )
    n_regions = len({row["iso_code"] for row in _rows("external_kz_internal_migration")})
    v["top_n"] = require_int("top_n", v["top_n"], 1, n_regions - 1)
    v["natural_increase_per_1000"] = require_number("natural_increase_per_1000", v["natural_increase_per_1000"], 0, 100)
    v["lang"] = require_choice("lang", v["lang"], LANGS_WITHOUT_KY)
    return v


#: The diploma survey's tables of printed percentages (GRIM feasibility of n_respondents).
SURVEY_TABLES = (
    "diploma_survey_profile",
    "diploma_figure1_reasons",
    "diploma_figure2_satisfaction",
    "diploma_figure3_difficulties",
    "diploma_figure4_suggestions",
    "diploma_intention_to_stay",
)


def _diploma(v: dict) -> dict:
    from helpers.i18n import LANGS_WITHOUT_KY
    from helpers.proportions import CI_METHODS

    v["n_respondents"] = require_int("n_respondents", v["n_respondents"], 1, 100_000)
    require_attainable_n("n_respondents", v["n_respondents"], SURVEY_TABLES)
    v["alpha"] = require_alpha(v["alpha"])
    v["ci_method"] = require_choice("ci_method", v["ci_method"], CI_METHODS)
    if v["design_effect"] is None:  # the assumption stated as data, with its basis
        assumed = {row["assumption"]: row["value"] for row in _rows("diploma_survey_assumptions")}
        v["design_effect"] = float(assumed["design_effect"])
    v["design_effect"] = require_number("design_effect", v["design_effect"], 1, v["n_respondents"])
    if v["ci_method"] == "binom_test" and v["design_effect"] != 1:
        raise ParameterError(
            f"parameters ci_method='binom_test', design_effect={v['design_effect']:g}: binom_test needs "
            "whole effective counts; use design_effect=1 or another ci_method"
        )
    v["lang"] = require_choice("lang", v["lang"], LANGS_WITHOUT_KY)
    return v


#: Each notebook's rules, by notebook stem.
RULES: dict[str, Callable[[dict], dict]] = {
    "00_primer": _primer,
    "01_batken": _batken,
    "02_kazakhstan": _kazakhstan,
    "03_diploma": _diploma,
}


def check(notebook: str, values: dict) -> dict:
    """Every parameter of ``notebook`` (a stem, e.g. ``03_diploma``) checked by its rules; return
    the values, typed (an int alpha becomes a float). A notebook without rules passes as it is."""
    rules = RULES.get(notebook)
    return rules(dict(values)) if rules else dict(values)
