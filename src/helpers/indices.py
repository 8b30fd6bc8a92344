"""Migration indices, one function each, with the formula in the docstring (after R's migest).

Inputs are numbers or array-likes (NumPy broadcasting applies); outputs are floats or arrays.
Conventions follow the BNS glossary: arrivals A, departures D, net N = A - D, gross
migration (turnover) T = A + D, population P.
"""

from __future__ import annotations

import numpy as np

from helpers.rounding import implied_count  # noqa: F401  (re-exported: notebooks call indices.implied_count)


def net_migration(arrivals, departures):
    """Net migration (migration balance): N = A - D."""
    return np.subtract(arrivals, departures)


def turnover(arrivals, departures):
    """Gross migration (migration turnover): T = A + D."""
    return np.add(arrivals, departures)


def effectiveness_ratio(arrivals, departures):
    """Migration effectiveness ratio of a region: E = (A - D) / (A + D), in [-1, 1].

    -1: only departures; 0: flows balance; 1: only arrivals.
    """
    return np.divide(net_migration(arrivals, departures), turnover(arrivals, departures))


def migration_effectiveness_index(arrivals, departures):
    """Migration effectiveness index of a system: MEI = 100 · Σ|N_i| / Σ T_i (0-100).

    How much of all movement redistributes population (100) rather than cancelling out (0).
    """
    net = np.abs(net_migration(arrivals, departures))
    return 100.0 * np.sum(net) / np.sum(turnover(arrivals, departures))


def regional_effectiveness_index(arrivals, departures):
    """Migration effectiveness index of each region: MEI_i = 100 · |N_i| / T_i (0-100)."""
    return 100.0 * np.abs(effectiveness_ratio(arrivals, departures))


def aggregate_net_migration_rate(arrivals, departures, population):
    """Aggregate net migration rate: ANMR = 100 · ½ · Σ|N_i| / Σ P_i (per 100 population).

    The share of the population redistributed between regions by migration.
    """
    net = np.abs(net_migration(arrivals, departures))
    return 100.0 * 0.5 * np.sum(net) / np.sum(population)


def crude_rate(events, population, per=1000):
    """Crude rate: events / population · per (default per 1000 population)."""
    return np.multiply(np.divide(events, population), per)


def mid_year_population(start_population, net):
    """Mid-year population approximated from the start-of-year one: P_mid ≈ P_0 + N/2.

    Half the year's net migration is added (natural change is ignored): the denominator of a
    crude rate when only the population on 1 January is known.
    """
    return np.add(start_population, np.divide(net, 2.0))


def crude_migration_intensity(arrivals, departures, population, per=1000):
    """Crude migration intensity: CMI = per · ½ · Σ T_i / Σ P_i (moves per `per` residents).

    Each interregional move is an arrival in one region and a departure from another, so
    half the summed turnover counts each move once.
    """
    return per * 0.5 * np.sum(turnover(arrivals, departures)) / np.sum(population)


def sex_ratio(males, females):
    """Sex ratio: males per 100 females, SR = 100 · M / F."""
    return np.multiply(100.0, np.divide(males, females))


def share(part, total):
    """Percentage share: 100 · part / total."""
    return np.multiply(100.0, np.divide(part, total))


def percent_change(new, old):
    """Percent change from old to new: 100 · (new / old - 1)."""
    return np.multiply(100.0, np.subtract(np.divide(new, old), 1.0))


def gain_share(net, selected):
    """Share of all net gains that go to the selected regions, %: 100 · Σ_sel N⁺ / Σ N⁺."""
    net = np.asarray(net, dtype=float)
    gains = np.where(net > 0, net, 0.0)
    return 100.0 * gains[np.asarray(selected, dtype=bool)].sum() / gains.sum()


def top_loss_share(net, n):
    """Share of all net losses from the n regions that lose most, %: 100 · Σ_top-n N⁻ / Σ N⁻."""
    losses = np.sort(np.where(np.asarray(net, dtype=float) < 0, -np.asarray(net, dtype=float), 0.0))[::-1]
    return 100.0 * losses[:n].sum() / losses.sum()
