from __future__ import annotations

import pandas as pd
import pytest

from helpers.claims.refs import ArgsError, resolve, split_args

TABLES = {
    "t": pd.DataFrame(
        {"year": [2021, 2021, 2022], "sex": ["male", "female", "male"], "value": [242, 319, 356], "pct": [1.5, 2.5, 3.0]}
    )
}


def _claims(cid):
    return {"a.b": 7.0}[cid]


def test_split_args_keeps_semicolons_inside_quotes():
    assert split_args('a=t[year=2021]; label="x; y"') == {"a": "t[year=2021]", "label": '"x; y"'}
    with pytest.raises(ArgsError):
        split_args("oops")


def test_resolve_cells_lists_sums_claims_and_literals():
    assert resolve("t[year=2021,sex=male]", TABLES, _claims) == 242
    assert resolve("t[year=2021,sex=male|female]", TABLES, _claims) == [242, 319]
    assert resolve("sum(t[year=2021])", TABLES, _claims) == 561
    assert resolve("t[value>300].year", TABLES, _claims) == [2021, 2022]
    assert resolve("t.pct", TABLES, _claims) == [1.5, 2.5, 3.0]
    assert resolve("@a.b", TABLES, _claims) == 7.0
    assert resolve("1000", TABLES, _claims) == 1000.0
    assert resolve('"a label"', TABLES, _claims) == "a label"


@pytest.mark.parametrize("expr", ["nope[year=2021]", "t[year=1999]", "t[colour=red]", "t.missing"])
def test_bad_references_are_errors(expr):
    with pytest.raises(ArgsError):
        resolve(expr, TABLES, _claims)


def test_resolve_records_the_rows_it_read():
    seen = []
    assert resolve("sum(t[year=2021])", TABLES, _claims, lambda *a: seen.append(a)) == 561
    assert resolve("@a.b", TABLES, _claims, lambda *a: seen.append(a)) == 7.0
    assert seen == [("t", [0, 1], "value"), ("@", "a.b", None)]
