"""Every printed number survives into data/processed/claims.csv with all its digits."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import paths
from helpers.claims.evaluate import evaluate_claims, printed_value
from helpers.data import load_processed

# Number words the sources print instead of digits, with the value they stand for.
WORDS = {"сегіз": 8.0, "үш": 3.0, "әрбір үшінші": 100 / 3, "шамамен үштен бірі": 100 / 3}


def _digits(text: str) -> str:
    """The significant digits of a number as text: '1 023 573' -> '1023573', '11,0%' -> '11', '0,01%' -> '1'."""
    return re.sub(r"\D", "", text).strip("0")


def test_printed_value_keeps_every_digit():
    assert printed_value(1023573.0) == "1023573"  # not 1.02357e+06
    assert printed_value(85.5) == "85.5"
    assert printed_value(-33.3) == "-33.3"
    assert printed_value(0.01) == "0.01"
    assert printed_value(float("nan")) == ""


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return evaluate_claims()


def test_every_claims_row_round_trips_its_printed_number(claims):
    committed = load_processed("claims", paths.PROCESSED).set_index("claim_id")
    for row in claims.itertuples():
        if row.value == "":
            assert row.unit == "statement" and not re.search(r"\d", row.reported), row.claim_id
            continue
        # the text written and read back is the same number
        assert float(row.value) == float(committed.loc[row.claim_id, "value"]), row.claim_id
        printed = _digits(row.reported)
        if printed:  # digits as printed ('4 миң' -> 4, value 4000: the same significant digits)
            assert printed == _digits(row.value), (row.claim_id, row.reported, row.value)
        else:
            word = max((w for w in WORDS if w in row.reported), key=len)
            decimals = len(row.value.split(".")[1]) if "." in row.value else 0
            assert round(WORDS[word], decimals) == float(row.value), row.claim_id
