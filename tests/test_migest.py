"""Peer test: our indices against the values R's migest 2.0.5 prints for 17 Korean regions, 2012-2020.

Inputs and printed values are in tests/fixtures/ (see its README for provenance). Each printed
value is matched at its printed precision: |ours - printed| <= half a unit of its last digit.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import indices
from helpers.rounding import rounds_to

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = pd.read_csv(FIXTURES / "migest_korea_expected.csv", dtype={"printed": str})
YEARS = list(range(2012, 2021))
INDICES = ["effectivness", "anmr", "preference", "velocity", "cmp", "courgeau_k"]
MILLION = 1e6  # migest's example passes populations in millions (korea_gravity$dest_pop)


@cache
def year_data(year: int) -> tuple[np.ndarray, np.ndarray]:
    """The OD matrix (diagonal included, as in migest's data) and populations in persons, one year."""
    flows = pd.read_csv(FIXTURES / "migest_korea_flows.csv")
    pop = pd.read_csv(FIXTURES / "migest_korea_population.csv")
    m = flows[flows["year"] == year].pivot(index="orig", columns="dest", values="flow")
    regions = sorted(m.index)
    p = pop[pop["year"] == year].set_index("region")["population"]
    assert sorted(m.columns) == regions == sorted(p.index)
    return m.loc[regions, regions].to_numpy(dtype=float), p.loc[regions].to_numpy(dtype=float)


def ours(year: int, measure: str) -> float | list[float]:
    m, p = year_data(year)
    a, d = indices.od_arrivals_departures(m)
    moves = indices.od_matrix(m).sum()
    return {
        "effectivness": [indices.migration_effectiveness_index(a, d)],
        "anmr": [indices.aggregate_net_migration_rate(a, d, p / MILLION)],
        "preference": [indices.migration_preference_index(m, p)],
        "velocity": [indices.migration_velocity_index(m, p / MILLION)],
        # CMI per 100 and CMP are the same index (migest: cmp)
        "cmp": [indices.crude_migration_probability(moves, p), indices.crude_migration_intensity(a, d, p, per=100)],
        "courgeau_k": [indices.courgeau_k(moves, p, len(p))],
        "m": [moves],
        "p": [p.sum()],
        "n": [len(p)],
    }[measure]


def test_every_index_is_published_for_every_year():
    for measure in INDICES:
        assert sorted(EXPECTED.loc[EXPECTED["measure"] == measure, "year"]) == YEARS, measure


@pytest.mark.parametrize(
    ("year", "measure", "printed", "decimals"),
    list(EXPECTED[["year", "measure", "printed", "decimals"]].itertuples(index=False, name=None)),
    ids=[f"{y}-{m}" for y, m in zip(EXPECTED["year"], EXPECTED["measure"], strict=True)],
)
def test_matches_migest_at_printed_precision(year, measure, printed, decimals):
    # the printed text keeps its decimals ("4.60" has 2): that is the precision compared
    assert len(printed.partition(".")[2]) == decimals
    for value in ours(year, measure):
        assert rounds_to(float(value), float(printed), decimals), f"{year} {measure}: ours {value}, migest {printed}"


def test_intra_regional_moves_are_not_migration():
    # migest sets the diagonal to 0; keeping it would inflate CMP far beyond the printed 4.93 (2012)
    m, p = year_data(2012)
    with_diagonal = 100 * m.sum() / p.sum()
    printed = float(EXPECTED.query("year == 2012 and measure == 'cmp'")["printed"].iloc[0])
    assert not rounds_to(with_diagonal, printed, 2)
    assert rounds_to(float(indices.crude_migration_probability(indices.od_matrix(m).sum(), p)), printed, 2)
