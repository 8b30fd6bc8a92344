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


def test_regional_effectiveness_index():
    # (A, D) = (30, 10): 100 · 20 / 40 = 50; (10, 30): also 50 (absolute)
    np.testing.assert_allclose(indices.regional_effectiveness_index([30, 10], [10, 30]), [50.0, 50.0])


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
