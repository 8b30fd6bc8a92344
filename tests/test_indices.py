"""Hand-worked examples for every migration index."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import indices


def test_net_turnover_and_effectiveness_ratio():
    # Batken 2023: 631 arrivals, 1590 departures
    assert indices.net_migration(631, 1590) == -959
    assert indices.turnover(631, 1590) == 2221
    assert indices.effectiveness_ratio(631, 1590) == pytest.approx(-959 / 2221)
    assert indices.effectiveness_ratio(10, 0) == 1.0


def test_migration_effectiveness_index_of_a_system():
    # two regions: (A, D) = (30, 10) and (10, 30): Σ|N| = 40, ΣT = 80 -> MEI = 50
    assert indices.migration_effectiveness_index([30, 10], [10, 30]) == pytest.approx(50.0)
    # balanced flows redistribute nobody
    assert indices.migration_effectiveness_index([5, 5], [5, 5]) == 0.0


def test_anmr_and_crude_rates():
    # Σ|N| = 40, ΣP = 1000 -> ANMR = 100 · ½ · 40 / 1000 = 2 per 100
    assert indices.aggregate_net_migration_rate([30, 10], [10, 30], [400, 600]) == pytest.approx(2.0)
    # 50,078 net on 1,354,435 residents = 36.97 per 1000
    assert indices.crude_rate(50078, 1354435) == pytest.approx(36.973, abs=1e-3)
    # moves: ½ · (40 + 40) = 40 over 1000 residents -> 40 per 1000
    assert indices.crude_migration_intensity([30, 10], [10, 30], [400, 600]) == pytest.approx(40.0)


def test_sex_ratio_share_and_percent_change():
    # Table 2, departures 2023: 660 men, 930 women -> 70.97 men per 100 women
    assert indices.sex_ratio(660, 930) == pytest.approx(70.968, abs=1e-3)
    assert indices.share(141, 165) == pytest.approx(85.4545, abs=1e-4)
    assert indices.percent_change(1023573, 803033) == pytest.approx(27.4634, abs=1e-4)
    np.testing.assert_allclose(indices.share([1, 3], 4), [25.0, 75.0])


def test_concentration_of_gains_and_losses():
    net = [50, 30, -40, -20, -20]
    # gains 50 + 30 = 80; the first region's share 62.5 %
    assert indices.gain_share(net, [True, False, False, False, False]) == pytest.approx(62.5)
    # losses 40, 20, 20 = 80; top 1 = 40 -> 50 %, top 2 = 60 -> 75 %
    assert indices.top_loss_share(net, 1) == pytest.approx(50.0)
    assert indices.top_loss_share(net, 2) == pytest.approx(75.0)


def test_regional_effectiveness_index_keeps_the_sign():
    # (A, D) = (30, 10): 100 · (30 - 10) / 40 = +50 (gains); (10, 30): 100 · (10 - 30) / 40 = -50 (loses)
    np.testing.assert_allclose(indices.regional_effectiveness_index([30, 10], [10, 30]), [50.0, -50.0])
    # only arrivals / only departures: the ends of [-100, 100]
    np.testing.assert_allclose(indices.regional_effectiveness_index([7, 0], [0, 7]), [100.0, -100.0])


def test_gross_in_and_out_migration_rates():
    # 30 arrivals and 10 departures in a region of 400: 1000 · 30/400 = 75 and 1000 · 10/400 = 25 per 1000
    assert indices.gross_in_migration_rate(30, 400) == pytest.approx(75.0)
    assert indices.gross_out_migration_rate(10, 400) == pytest.approx(25.0)
    # their difference is the net rate: 75 - 25 = 50 = 1000 · 20 / 400
    assert indices.gross_in_migration_rate(30, 400) - indices.gross_out_migration_rate(10, 400) == pytest.approx(
        indices.crude_rate(20, 400)
    )
    np.testing.assert_allclose(indices.gross_in_migration_rate([30, 10], [400, 600], per=100), [7.5, 10 / 6])


def test_interregional_mei_bounds_from_flows_with_moves_within_regions():
    # By hand: two regions, 30 moves between them (20 to A, 10 to B) and 40 moves within A.
    # Internal flows: A arrivals 20 + 40 = 60, departures 10 + 40 = 50; B arrivals 10, departures 20.
    # Σ|N| = 10 + 10 = 20; Σ T = 110 + 30 = 140: lower = 100 · 20 / 140 = 14.2857.
    # The true interregional MEI is 100 · 20 / (2 · 30) = 33.33; knowing at least 25 interregional
    # moves gives upper = 100 · 20 / 50 = 40, which contains it.
    low, high = indices.interregional_mei_bounds([60, 10], [50, 20], 25)
    assert low == pytest.approx(14.285714, abs=1e-6)
    assert high == pytest.approx(40.0)
    assert low <= 100 * 20 / 60 <= high
    assert indices.interregional_mei_bounds([60, 10], [50, 20]) == (pytest.approx(14.285714, abs=1e-6), 100.0)
    with pytest.raises(ValueError, match="least_interregional_moves"):
        indices.interregional_mei_bounds([60, 10], [50, 20], 80)  # more than the 70 internal moves


def test_crude_migration_probability_and_courgeau_k():
    # 40 moves among 1000 residents: CMP = 100 · 40 / 1000 = 4 per 100
    assert indices.crude_migration_probability(40, 1000) == pytest.approx(4.0)
    # the same as CMI per 100: ½ · (40 + 40) = 40 moves -> 4
    assert indices.crude_migration_intensity([30, 10], [10, 30], [400, 600], per=100) == pytest.approx(4.0)
    # Courgeau's k with 2 regions: 4 / ln(2²) = 4 / 1.386294 = 2.885390
    assert indices.courgeau_k(40, [400, 600], 2) == pytest.approx(2.885390, abs=1e-6)


def test_od_matrix_drops_moves_within_regions():
    flows = [[100, 30, 10], [5, 200, 20], [15, 25, 300]]
    # arrivals are column sums without the diagonal: 5 + 15, 30 + 25, 10 + 20; departures row sums
    a, d = indices.od_arrivals_departures(flows)
    np.testing.assert_allclose(a, [20, 55, 30])
    np.testing.assert_allclose(d, [40, 25, 40])
    assert indices.od_matrix(flows).trace() == 0.0
    with pytest.raises(ValueError, match=r"flows: expected a square .* got shape \(2, 3\)"):
        indices.od_matrix([[0, 1, 2], [3, 0, 4]])


def test_preference_and_velocity_indices():
    flows, pop = [[0, 30], [10, 0]], [400, 600]
    # s = (0.4, 0.6), M = 40: 30 / (40 · 0.4 · 0.6) + 10 / (40 · 0.6 · 0.4) = 1 / 0.24 = 4.1667
    assert indices.migration_preference_index(flows, pop) == pytest.approx(1 / 0.24)
    # ΣP = 1000: 30 · 1000 / (400 · 600) + 10 · 1000 / (600 · 400) = 40,000 / 240,000 = 0.16667
    assert indices.migration_velocity_index(flows, pop) == pytest.approx(1 / 6)
    # populations in thousands: preference unchanged, velocity 1000 times larger
    assert indices.migration_preference_index(flows, [0.4, 0.6]) == pytest.approx(1 / 0.24)
    assert indices.migration_velocity_index(flows, [0.4, 0.6]) == pytest.approx(1000 / 6)
    with pytest.raises(ValueError, match=r"population: expected one value per region \(2\)"):
        indices.migration_velocity_index(flows, [1, 2, 3])


def test_bad_input_is_a_one_line_error():
    with pytest.raises(ValueError, match=r"^arrivals: expected a count >= 0, got -1.0 at position 1$"):
        indices.migration_effectiveness_index([3, -1], [1, 1])
    with pytest.raises(ValueError, match=r"^population: expected a number > 0, got 0.0 at position 0$"):
        indices.aggregate_net_migration_rate([3, 1], [1, 3], [0, 5])
    with pytest.raises(ValueError, match=r"^departures: expected a count >= 0, got nan$"):
        indices.gross_out_migration_rate(float("nan"), 10)
    with pytest.raises(ValueError, match="effectiveness needs moves"):
        indices.regional_effectiveness_index([3, 0], [1, 0])
    with pytest.raises(ValueError, match="n_regions: expected a whole number >= 2"):
        indices.courgeau_k(40, 1000, 1)
    with pytest.raises(ValueError, match="population: expected a number > 0"):
        indices.crude_rate(5, -100)


def test_mid_year_population_adds_half_the_net():
    # 1,000 residents on 1 January, net +40 in the year -> about 1,020 at mid-year
    assert indices.mid_year_population(1000, 40) == pytest.approx(1020.0)
    np.testing.assert_allclose(indices.mid_year_population([1000, 500], [40, -10]), [1020.0, 495.0])


def test_anmr_is_effectiveness_times_intensity():
    # the example above: MEI 50 %, CMI 40 per 1000 -> ANMR = 50 · 40 / 1000 = 2 per 100
    a, d, p = [30, 10], [10, 30], [400, 600]
    mei = indices.migration_effectiveness_index(a, d)
    cmi = indices.crude_migration_intensity(a, d, p)
    assert mei * cmi / 1000 == pytest.approx(indices.aggregate_net_migration_rate(a, d, p)) == pytest.approx(2.0)


def test_mid_year_rate_error_bound_hand_worked():
    # P0 = 1000, N = +40, natural increase r = 10 per 1000:
    # P_a = 1000 + 40/2 = 1020; P_b = 1020 + 10 · 1000 / 2000 = 1025;
    # a rate x/P_a against x/P_b is off by 1025/1020 - 1 = 5/1020 = 0.004902
    assert indices.mid_year_rate_error_bound(1000, 40, 10) == pytest.approx(5 / 1020)
    x = 40
    assert (x / 1020) / (x / 1025) - 1 == pytest.approx(indices.mid_year_rate_error_bound(1000, 40, 10))
    # natural decrease of the same size: |1015/1020 - 1| = 5/1020 too
    assert indices.mid_year_rate_error_bound(1000, 40, -10) == pytest.approx(5 / 1020)
    np.testing.assert_allclose(indices.mid_year_rate_error_bound([1000, 500], [40, -10], 10), [5 / 1020, 2.5 / 495])
    with pytest.raises(ValueError, match="start_population: expected a number > 0"):
        indices.mid_year_rate_error_bound(-1000, 40, 10)
    with pytest.raises(ValueError, match="net: expected net > -2"):
        indices.mid_year_population(100, -200)
