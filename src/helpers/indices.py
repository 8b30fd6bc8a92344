"""Migration indices, one function each, with the formula in the docstring (after R's migest).

Inputs are numbers or array-likes (NumPy broadcasting applies); outputs are floats or arrays.
Conventions follow the BNS glossary: arrivals A, departures D, net N = A - D, gross
migration (turnover) T = A + D, population P, moves M (each interregional move counted once,
M = Σ A_i = Σ D_i = ½ Σ T_i). Units follow migest where migest defines the index (MEI in %,
ANMR and CMP per 100); the per-1000 rates of the BNS bulletin are separate functions or a
``per`` parameter, never a silent change of unit.

Counts and populations are checked: a negative count, a population that is not positive or a
value that is not a number stops with a ValueError naming the parameter and the position.
"""

from __future__ import annotations

import numpy as np

from helpers.rounding import implied_count  # noqa: F401  (re-exported: notebooks call indices.implied_count)


def checked_numbers(name: str, values, *, positive: bool = False, signed: bool = False) -> np.ndarray:
    """``values`` as a float array, or ValueError naming ``name`` and the first bad position.

    Counts must be >= 0, populations (``positive``) > 0, balances (``signed``) any number.
    """
    arr = np.asarray(values, dtype=float)
    flat = arr.ravel()
    bad = ~np.isfinite(flat)
    if not signed:
        bad |= (flat <= 0) if positive else (flat < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        where = f" at position {i}" if arr.ndim else ""
        expected = "a number" if signed else "a number > 0" if positive else "a count >= 0"
        raise ValueError(f"{name}: expected {expected}, got {float(flat[i])!r}{where}")
    return arr


def _moves_exist(arrivals: np.ndarray, departures: np.ndarray) -> None:
    """An effectiveness is undefined without moves: ValueError naming the first empty position."""
    empty = np.ravel(np.add(arrivals, departures) == 0)
    if empty.any():
        i = int(np.flatnonzero(empty)[0])
        where = f" at position {i}" if np.ndim(arrivals) or np.ndim(departures) else ""
        raise ValueError(f"arrivals + departures: expected > 0 (effectiveness needs moves), got 0{where}")


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
    a, d = checked_numbers("arrivals", arrivals), checked_numbers("departures", departures)
    _moves_exist(a, d)
    return np.divide(net_migration(arrivals, departures), turnover(arrivals, departures))


def migration_effectiveness_index(arrivals, departures):
    """Migration effectiveness index of a system: MEI = 100 · Σ|N_i| / Σ T_i (0-100).

    How much of all movement redistributes population (100) rather than cancelling out (0).
    migest: ``index_impact()$effectivness`` (Shryock et al. 1975; Bell et al. 2002).
    """
    a, d = checked_numbers("arrivals", arrivals), checked_numbers("departures", departures)
    if np.sum(a + d) == 0:
        raise ValueError("arrivals + departures: expected some moves, got none (MEI undefined)")
    return 100.0 * np.sum(np.abs(a - d)) / np.sum(a + d)


def regional_effectiveness_index(arrivals, departures):
    """Migration effectiveness index of each region, signed (Bell et al. 2002):
    MEI_i = 100 · (A_i - D_i) / (A_i + D_i), in [-100, 100].

    Positive: the region gains by migration (100: only arrivals); negative: it loses
    (-100: only departures). Its absolute value is the share of the region's turnover that
    redistributes population.
    """
    return 100.0 * effectiveness_ratio(arrivals, departures)


def aggregate_net_migration_rate(arrivals, departures, population):
    """Aggregate net migration rate: ANMR = 100 · ½ · Σ|N_i| / Σ P_i (per 100 population).

    The share of the population redistributed between regions by migration. migest:
    ``index_impact()$anmr`` (Bell et al. 2002), same unit (per 100 of ``population``, so a
    population given in millions, as in migest's Korean example, scales it by 10^6).
    ANMR = MEI · CMI / 1000 with MEI in % and CMI per 1000.
    """
    a, d = checked_numbers("arrivals", arrivals), checked_numbers("departures", departures)
    p = checked_numbers("population", population, positive=True)
    return 100.0 * 0.5 * np.sum(np.abs(a - d)) / np.sum(p)


def crude_rate(events, population, per=1000):
    """Crude rate: events / population · per (default per 1000 population).

    ``events`` may be negative (a net migration rate); ``population`` must be positive.
    """
    checked_numbers("events", events, signed=True)
    checked_numbers("population", population, positive=True)
    return np.multiply(np.divide(events, population), per)


def gross_in_migration_rate(arrivals, population, per=1000):
    """Gross in-migration rate of each region: GIMR_i = per · A_i / P_i (arrivals per 1000).

    ``population`` is the denominator the caller states: the population on 1 January, or the
    mid-year estimate of :func:`mid_year_population`; rates compared must share it.
    """
    checked_numbers("arrivals", arrivals)
    return crude_rate(arrivals, population, per)


def gross_out_migration_rate(departures, population, per=1000):
    """Gross out-migration rate of each region: GOMR_i = per · D_i / P_i (departures per 1000).

    Denominator as in :func:`gross_in_migration_rate`; GIMR_i - GOMR_i is the net migration rate.
    """
    checked_numbers("departures", departures)
    return crude_rate(departures, population, per)


def mid_year_population(start_population, net):
    """Mid-year population approximated from the start-of-year one: P_mid ≈ P_0 + N/2.

    Half the year's net migration is added (natural change is ignored): the denominator of a
    crude rate when only the population on 1 January is known. See
    :func:`mid_year_rate_error_bound` for what ignoring natural change can cost.
    """
    p0 = checked_numbers("start_population", start_population, positive=True)
    if np.any(p0 + checked_numbers("net", net, signed=True) / 2.0 <= 0):
        raise ValueError("net: expected net > -2 · start_population (the mid-year population must stay positive)")
    return np.add(start_population, np.divide(net, 2.0))


def mid_year_rate_error_bound(start_population, net, natural_increase_per_1000):
    """Relative error of a crude rate whose mid-year denominator ignores natural increase.

    With P_a = P_0 + N/2 (:func:`mid_year_population`) and P_b = P_0 + N/2 + r·P_0/2000
    (half a year of natural increase at r per 1000), the rate x/P_a misstates x/P_b by
    |x/P_a - x/P_b| / (x/P_b) = |P_b/P_a - 1| = |r|·P_0 / (2000 · (P_0 + N/2)).
    The error grows with |r|, so passing the largest plausible |r| bounds it.
    """
    p0 = checked_numbers("start_population", start_population, positive=True)
    r = checked_numbers("natural_increase_per_1000", natural_increase_per_1000, signed=True)
    p_a = np.asarray(mid_year_population(p0, net), dtype=float)
    if np.any(p_a + r * p0 / 2000.0 <= 0):
        raise ValueError("natural_increase_per_1000: expected > -2000 · (P_0 + N/2) / P_0 (population must stay positive)")
    return np.abs(r) * p0 / (2000.0 * p_a)


def crude_migration_intensity(arrivals, departures, population, per=1000):
    """Crude migration intensity: CMI = per · ½ · Σ T_i / Σ P_i (moves per `per` residents).

    Each move is one arrival and one departure (of two regions, or of the same region when the
    flows also count moves within a region), so half the summed turnover counts each move once.
    With ``per=100`` this is migest's crude migration probability (:func:`crude_migration_probability`).
    """
    a, d = checked_numbers("arrivals", arrivals), checked_numbers("departures", departures)
    p = checked_numbers("population", population, positive=True)
    return per * 0.5 * np.sum(a + d) / np.sum(p)


def crude_migration_probability(moves, population):
    """Crude migration probability: CMP = 100 · M / P (moves per 100 population).

    migest: ``index_intensity()$cmp`` (Bell et al. 2002; "crude migration intensity" in
    Bernard et al. 2017). ``moves`` is the total of all moves M, ``population`` the total P
    (arrays are summed). Per 1000 rather than 100, it is :func:`crude_migration_intensity`.
    """
    return 100.0 * np.sum(checked_numbers("moves", moves)) / np.sum(checked_numbers("population", population, positive=True))


def interregional_mei_bounds(arrivals, departures, least_interregional_moves=None) -> tuple[float, float]:
    """Bounds of a system's interregional MEI from flows that also count moves within the regions.

    A move within region i adds one arrival and one departure to region i: the nets N_i, hence
    Σ|N_i|, are those of the interregional moves, while Σ T_i = 2·M counts all M internal moves.
    The interregional MEI is 100 · Σ|N_i| / (2·M_r), M_r the number of interregional moves, with
    Σ|N_i| / 2 ≤ M_r ≤ M. So

        lower = 100 · Σ|N_i| / Σ T_i   (the MEI of the internal flows)
        upper = 100 · Σ|N_i| / (2·m)   for a known m ≤ M_r (e.g. interregional movers in part of the
                                       year), else 100; never above 100.
    """
    a, d = checked_numbers("arrivals", arrivals), checked_numbers("departures", departures)
    lower = float(migration_effectiveness_index(a, d))
    if least_interregional_moves is None:
        return lower, 100.0
    m = float(least_interregional_moves)
    moves = 0.5 * float(np.sum(a + d))
    if not 0 < m <= moves:
        raise ValueError(f"least_interregional_moves: expected a number in (0, {moves:g}] (the internal moves), got {m!r}")
    return lower, min(100.0, 100.0 * float(np.sum(np.abs(a - d))) / (2.0 * m))


def courgeau_k(moves, population, n_regions):
    """Courgeau's k, migration intensity net of the number of regions: k = CMP / ln(n²).

    CMP from :func:`crude_migration_probability`, n the number of regions that define a move.
    migest: ``index_intensity()$courgeau_k`` (Courgeau 1973).
    """
    if isinstance(n_regions, bool) or not float(n_regions).is_integer() or n_regions < 2:
        raise ValueError(f"n_regions: expected a whole number >= 2, got {n_regions!r}")
    return crude_migration_probability(moves, population) / np.log(float(n_regions) ** 2)


def od_matrix(flows) -> np.ndarray:
    """A square origin-destination matrix (rows: origins, columns: destinations) as floats,
    its diagonal (moves within a region) set to 0, as migest does before any index."""
    m = checked_numbers("flows", flows).copy()
    if m.ndim != 2 or m.shape[0] != m.shape[1] or m.shape[0] < 2:
        raise ValueError(f"flows: expected a square origin x destination matrix of >= 2 regions, got shape {m.shape}")
    np.fill_diagonal(m, 0.0)
    return m


def od_arrivals_departures(flows) -> tuple[np.ndarray, np.ndarray]:
    """Arrivals and departures of each region from an OD matrix, diagonal dropped:
    A_j = Σ_i m_ij (column sums), D_i = Σ_j m_ij (row sums), as migest's ``sum_region()``."""
    m = od_matrix(flows)
    return m.sum(axis=0), m.sum(axis=1)


def _od_population(flows, population) -> tuple[np.ndarray, np.ndarray]:
    m = od_matrix(flows)
    p = checked_numbers("population", population, positive=True)
    if p.shape != (m.shape[0],):
        raise ValueError(f"population: expected one value per region ({m.shape[0]}), got shape {p.shape}")
    return m, p


def migration_preference_index(flows, population):
    """Index of preference (Bachi 1957; UN DESA 1983): I = Σ_i≠j m_ij / (M · s_i · s_j).

    s_i = P_i / Σ P, M = Σ_i≠j m_ij: flows against those expected if M were spread over pairs
    in proportion to both populations. Independent of the unit of ``population``, which is in
    the order of the matrix rows. migest: ``index_impact()$preference``.
    """
    m, p = _od_population(flows, population)
    if m.sum() == 0:
        raise ValueError("flows: expected some moves between regions, got none")
    s = p / p.sum()
    return float(np.sum(m / (m.sum() * np.outer(s, s))))


def migration_velocity_index(flows, population):
    """Index of velocity (Bogue, Shryock and Hoermann 1957; UN DESA 1983):
    V = Σ_i≠j m_ij · Σ P / (P_i · P_j).

    Flows against population sizes alone; V scales as 1 / (unit of ``population``), so
    migest's Korean example, with populations in millions, prints 10^6 times V in persons.
    migest: ``index_impact()$velocity``.
    """
    m, p = _od_population(flows, population)
    return float(np.sum(m / np.outer(p, p) * p.sum()))


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
