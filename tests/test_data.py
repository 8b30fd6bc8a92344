"""The transcriptions: described by the datapackage, valid, and internally coherent."""

from __future__ import annotations

import os

import frictionless
import pandas as pd
import pytest

from helpers import paths
from helpers.build.data import build, build_tables
from helpers.claims.evaluate import claims_table_text
from helpers.data import datapackage, load_processed, load_raw, resource_names


def test_frictionless_validates_the_datapackage():
    report = frictionless.validate(str(paths.DATAPACKAGE))
    errors = [e.message for task in report.tasks for e in task.errors][:5]
    assert report.valid, errors


def test_every_raw_csv_is_a_resource_and_vice_versa():
    described = {r["path"] for r in datapackage()["resources"]}
    on_disk = {str(p.relative_to(paths.RAW)) for p in paths.RAW.rglob("*.csv")}
    assert on_disk == described


def test_every_resource_has_title_source_licence_and_schema():
    for res in datapackage()["resources"]:
        assert res["title"] and res["sources"][0]["title"] and res["sources"][0]["path"], res["name"]
        assert res["licenses"], res["name"]
        assert res["schema"]["fields"] and res["schema"]["primaryKey"], res["name"]


def test_all_resources_load():
    for name in resource_names():
        assert len(load_raw(name)) > 0, name


def test_kazakh_regional_nets_sum_to_zero():
    net = load_raw("kazakhstan_interregional_net_2023")
    assert len(net) == 20
    assert net["value"].sum() == 0


def test_bulletin_chart_equals_bns_table_2023():
    chart = load_raw("kazakhstan_interregional_net_2023").set_index("iso_code")["value"]
    flows = load_raw("external_kz_internal_migration")
    bns = flows.query("year == 2023 and flow == 'net'").set_index("iso_code")["value"]
    pd.testing.assert_series_equal(chart.sort_index(), bns.sort_index(), check_names=False)


@pytest.mark.parametrize("year", [2022, 2023])
def test_bns_flows_net_is_arrivals_minus_departures_and_sums_to_zero(year):
    wide = (
        load_raw("external_kz_internal_migration").query("year == @year").pivot(index="iso_code", columns="flow", values="value")
    )
    assert (wide["net"] == wide["arrivals"] - wide["departures"]).all()
    assert wide["net"].sum() == 0


def test_batken_table2_male_plus_female_equals_total():
    wide = load_raw("batken_table2_interregional_by_sex").pivot(index=["year", "flow"], columns="sex", values="value")
    assert len(wide) == 14
    assert (wide["male"] + wide["female"] == wide["total"]).all()


def test_batken_table1_identity_holds_after_the_one_correction():
    def broken_years(frame):
        wide = frame.pivot(index="year", columns="flow", values="value")
        return list(wide.index[wide["arrivals"] - wide["departures"] != wide["net"]])

    assert broken_years(load_processed("batken_table1_interregional", as_printed=True)) == [2021]
    assert broken_years(load_processed("batken_table1_interregional")) == []
    assert broken_years(load_raw("batken_table1_interregional")) == [2021]  # the raw file is never edited


def test_regional_population_sums_to_the_published_national_total():
    pop = load_raw("external_kz_population_2023")
    totals = pop.pivot(index="iso_code", columns="sex", values="value")
    assert (totals["male"] + totals["female"] == totals["total"]).all()
    national = load_raw("external_kz_population_national_2023")["value"].item()
    assert totals["total"].sum() == national


def test_every_region_used_has_names_in_en_ru_kk():
    regions = load_raw("regions")
    assert regions[["name_en", "name_ru", "name_kk"]].notna().all().all()
    kyrgyz = regions[regions["country"] == "KG"]
    assert kyrgyz["name_ky"].notna().all()


def test_processed_build_is_deterministic():
    assert build_tables() == build_tables()


def test_processed_files_are_current():
    """The committed data/processed/*.csv equal a fresh build from data/raw."""
    texts = build_tables()
    texts["claims.csv"] = claims_table_text()
    for name, text in texts.items():
        path = paths.PROCESSED / name
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make data`"


def test_make_data_writes_changed_tables_and_its_stamp_and_removes_stale_tables(raw_copy, processed_copy):
    texts, changed = build(raw_copy, processed_copy)
    assert changed == sorted(texts)
    assert (processed_copy / ".built").read_text(encoding="utf-8").splitlines() == sorted(texts)
    (processed_copy / "a_removed_resource.csv").write_text("x\n1\n", encoding="utf-8")
    os.utime(processed_copy / "claims.csv", ns=(1, 1))
    os.utime(processed_copy / ".built", ns=(1, 1))
    assert build(raw_copy, processed_copy)[1] == ["a_removed_resource.csv"]
    assert not (processed_copy / "a_removed_resource.csv").exists()
    assert (processed_copy / "claims.csv").stat().st_mtime_ns == 1  # unchanged: its time stays
    assert (processed_copy / ".built").stat().st_mtime_ns > 1  # the stamp always moves
