"""GRIM verdicts on a table of printed percentages (helpers.survey.grim_verdicts), worked by hand."""

import pandas as pd

from helpers.survey import grim_verdicts


def test_verdicts_where_grim_can_fail():
    # n = 50: one respondent is 2 points, more than the whole-percent unit, so GRIM can fail.
    # 38 % = 19/50 and 40 % = 20/50 exist; 39 % lies between 19/50 and 20/50, no whole count gives it.
    items = pd.DataFrame({"pct": [38.0, 39.0, 40.0], "decimals": [0, 0, 0]})
    assert grim_verdicts(items, 50) == ["consistent", "inconsistent", "consistent"]


def test_not_verifiable_when_one_respondent_is_below_the_printed_unit():
    # n = 230: one respondent is 100/230 = 0.43 points, less than 1: every whole percent is attainable.
    items = pd.DataFrame({"pct": [39.0, 61.0], "decimals": [0, 0]})
    assert grim_verdicts(items, 230) == ["not_verifiable", "not_verifiable"]


def test_one_decimal_makes_the_check_possible_again():
    # n = 230 with one decimal: the unit is 0.1 < 0.43, so GRIM can fail. 39.1 % = 90/230 = 39.13 %;
    # 39.3 % lies between 90/230 = 39.13 % and 91/230 = 39.57 %.
    items = pd.DataFrame({"pct": [39.1, 39.3], "decimals": [1, 1]})
    assert grim_verdicts(items, 230) == ["consistent", "inconsistent"]
