"""Validation of notebook parameters: one clear line naming the parameter, value and rule.

Each check raises :class:`ParameterError` (a ValueError), so papermill stops at the
validation cell and exits non-zero with that line.
"""

from __future__ import annotations

import numbers


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
