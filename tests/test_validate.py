"""Bad raw files, and a bad or incomplete datapackage.json, stop the build with one clear line
naming the file (or the resource) and leave data/processed untouched."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from helpers import paths
from helpers.build.data import build
from helpers.data import RawDataError

TABLE1 = "batken/table1_interregional.csv"
TABLE2 = "batken/table2_interregional_by_sex.csv"
NET = "kazakhstan/interregional_net_2023.csv"
SURVEY = "diploma/figure1_reasons.csv"
CIS = "kazakhstan/cis_shares_2023.csv"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _package(raw: Path, change) -> None:
    """Edit datapackage.json: ``change(resources by name, the package)``."""
    path = raw / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change({r["name"]: r for r in package["resources"]}, package)
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def _drop(package: dict, name: str) -> None:
    package["resources"] = [r for r in package["resources"] if r["name"] != name]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


CASES = {
    "missing file": (
        lambda raw: (raw / TABLE1).unlink(),
        r"^data/raw/batken/table1_interregional\.csv: file not found; "
        r"declared by resource 'batken_table1_interregional' in datapackage\.json$",
    ),
    "undeclared CSV": (
        lambda raw: (raw / "batken" / "table3_extra.csv").write_text("year,value\n2013,1\n"),
        r"^data/raw/batken/table3_extra\.csv: not declared in datapackage\.json; "
        r'expected a resource with "path": "batken/table3_extra\.csv", or remove the file$',
    ),
    "removed resource blamed on its file": (
        lambda raw: _package(raw, lambda r, p: _drop(p, "batken_table1_interregional")),
        r"^data/raw/batken/table1_interregional\.csv: not declared in datapackage\.json",
    ),
    "resource without schema": (
        lambda raw: _package(raw, lambda r, p: r["batken_table1_interregional"].pop("schema")),
        r"^data/raw/datapackage\.json, resource 'batken_table1_interregional': no schema fields",
    ),
    "primary key that is not a field": (
        lambda raw: _package(raw, lambda r, p: r["batken_table1_interregional"]["schema"].update(primaryKey=["year", "flows"])),
        r"^data/raw/datapackage\.json, resource 'batken_table1_interregional', primaryKey: 'flows' is not a field; "
        r"expected names among year, flow, value$",
    ),
    "foreign key to an undeclared resource": (
        lambda raw: _package(
            raw, lambda r, p: r["diploma_interviews"]["schema"]["foreignKeys"][0]["reference"].update(resource="region")
        ),
        r"^data/raw/datapackage\.json, resource 'diploma_interviews', foreignKeys: reference to resource 'region', "
        r"which datapackage\.json does not declare$",
    ),
    "unsupported field type": (
        lambda raw: _package(raw, lambda r, p: r["batken_table1_interregional"]["schema"]["fields"][2].update(type="boolean")),
        r"resource 'batken_table1_interregional', field 'value': type 'boolean' is not supported",
    ),
    "duplicate resource name": (
        lambda raw: _package(raw, lambda r, p: r["problems"].update(name="regions")),
        r"resource 'regions': the name is used 2 times; expected it once",
    ),
    "no corrections resource": (
        lambda raw: (_package(raw, lambda r, p: _drop(p, "corrections")), (raw / "corrections.csv").unlink()),
        r"^data/raw/datapackage\.json: no resource 'corrections'; expected the corrections table",
    ),
    "datapackage not JSON": (
        lambda raw: (raw / "datapackage.json").write_text('{"resources": [', encoding="utf-8"),
        r"^data/raw/datapackage\.json, line 1: invalid JSON",
    ),
    "missing column": (
        lambda raw: _edit(raw / TABLE1, "year,flow,value", "year,flow"),
        r"table1_interregional\.csv, line 1: missing column 'value'",
    ),
    "unknown column": (
        lambda raw: _edit(raw / TABLE2, "year,flow,sex,value", "year,flow,sex,value,note"),
        r"table2_interregional_by_sex\.csv, line 1: unknown column 'note'",
    ),
    "non-numeric count": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,3l1"),
        r"table1_interregional\.csv, line 2, column 'value': '3l1' is not an integer",
    ),
    "negative count": (
        lambda raw: _edit(raw / TABLE2, "2017,arrivals,male,340", "2017,arrivals,male,-340"),
        r"table2_interregional_by_sex\.csv, line 3, column 'value': -340 is below the minimum; expected >= 0",
    ),
    "negative arrivals where net may be negative": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,-311"),
        r"table1_interregional\.csv, line 2, column 'value': -311 is negative; "
        r"expected a count >= 0 for arrivals",
    ),
    "duplicate key": (
        lambda raw: _edit(raw / TABLE1, "2014,arrivals,305", "2013,arrivals,305"),
        r"table1_interregional\.csv, line 5, columns \(year, flow\): "
        r"duplicate key \(2013, 'arrivals'\); first at line 2",
    ),
    "year out of range": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2031,arrivals,311"),
        r"table1_interregional\.csv, line 2, column 'year': 2031 is above the maximum; expected <= 2023",
    ),
    "percent over 100": (
        lambda raw: _edit(
            raw / SURVEY,
            "financial_support,қаржылай қолдау,financial support,81",
            "financial_support,қаржылай қолдау,financial support,181",
        ),
        r"figure1_reasons\.csv, line 2, column 'pct': 181 is above the maximum; expected <= 100",
    ),
    "empty file": (lambda raw: (raw / TABLE1).write_text(""), r"table1_interregional\.csv: file is empty"),
    "header only": (lambda raw: (raw / TABLE1).write_text("year,flow,value\n"), r"table1_interregional\.csv: no data rows"),
    "non-UTF-8 file": (
        lambda raw: (raw / NET).write_bytes((raw / NET).read_text().encode("cp1251", errors="replace")),
        r"interregional_net_2023\.csv, line 2: byte 0x[0-9a-f]{2} is not valid UTF-8",
    ),
    "unknown region code": (
        lambda raw: _edit(raw / NET, "KZ-10,Абай", "KZ-99,Абай"),
        r"interregional_net_2023\.csv, line 2, column 'iso_code': "
        r"'KZ-99' is not a known iso_code of resource 'regions'",
    ),
    "region code not in ISO 3166-2": (
        lambda raw: _edit(raw / "regions.csv", "KG-B,KG", "KG-BX,KG"),
        r"regions\.csv, line 22, column 'iso_code': 'KG-BX' is not an ISO 3166-2 "
        r"subdivision code",
    ),
    "value not in enum": (
        lambda raw: _edit(raw / TABLE2, "2017,arrivals,male,340", "2017,arrivals,men,340"),
        r"table2_interregional_by_sex\.csv, line 3, column 'sex': 'men' is not allowed",
    ),
    "ragged row": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,311,9"),
        r"table1_interregional\.csv, line 2: 4 cells; expected 3",
    ),
    "required value empty": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,"),
        r"table1_interregional\.csv, line 2, column 'value': value is empty",
    ),
    # Numbers are plain decimals as transcribed: float() would take each of these.
    "NaN in a number column": (
        lambda raw: _edit(raw / CIS, "2023,arrivals,86.3,1", "2023,arrivals,nan,1"),
        r"^data/raw/kazakhstan/cis_shares_2023\.csv, line 2, column 'share_pct': 'nan' is not a plain decimal number",
    ),
    "inf in a number column": (
        lambda raw: _edit(raw / CIS, "2023,arrivals,86.3,1", "2023,arrivals,-Infinity,1"),
        r"cis_shares_2023\.csv, line 2, column 'share_pct': '-Infinity' is not a plain decimal number",
    ),
    "underscore in a number": (
        lambda raw: _edit(raw / CIS, "2023,arrivals,86.3,1", "2023,arrivals,8_6.3,1"),
        r"cis_shares_2023\.csv, line 2, column 'share_pct': '8_6\.3' is not a plain decimal number",
    ),
    "exponent in a number": (
        lambda raw: _edit(raw / CIS, "2023,arrivals,86.3,1", "2023,arrivals,1e1,1"),
        r"cis_shares_2023\.csv, line 2, column 'share_pct': '1e1' is not a plain decimal number",
    ),
    "padded number": (
        lambda raw: _edit(raw / CIS, "2023,arrivals,86.3,1", "2023,arrivals, 86.3,1"),
        r"cis_shares_2023\.csv, line 2, column 'share_pct': ' 86\.3' is not a plain decimal number",
    ),
    "padded integer": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,311 "),
        r"table1_interregional\.csv, line 2, column 'value': '311 ' is not an integer",
    ),
    "23-digit integer": (
        lambda raw: _edit(raw / TABLE1, "2013,arrivals,311", "2013,arrivals,31100000000000000000000"),
        r"table1_interregional\.csv, line 2, column 'value': '31100000000000000000000' has 23 digits; "
        r"expected an integer of at most 18 digits$",
    ),
    "NaN as a correction's adopted value": (
        lambda raw: _edit(raw / "corrections.csv", "value,261,561", "value,261,nan"),
        r"^data/raw/corrections\.csv, line \d+, column 'adopted': 'nan' is not an integer",
    ),
    # Text is NFC without edge spaces.
    "trailing space in a label": (
        lambda raw: _edit(raw / "regions.csv", "KZ-75,KZ,city,Almaty city,", "KZ-75,KZ,city,Almaty city ,"),
        r"^data/raw/regions\.csv, line 20, column 'name_en': 'Almaty city ' has a space at its start or end",
    ),
    "decomposed (NFD) text": (
        lambda raw: _edit(raw / "regions.csv", "Костанайская", unicodedata.normalize("NFD", "Костанайская")),
        r"^data/raw/regions\.csv, line 11, column 'name_ru': 'Костана.+' is not in Unicode NFC form",
    ),
    "correction that no longer matches": (
        lambda raw: _edit(raw / "corrections.csv", "value,261,561", "value,262,561"),
        r"corrections\.csv, line \d+, column 'printed': '262' but the transcription has 261",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_raw_file_gives_one_line_error_and_writes_nothing(case, raw_copy, processed_copy):
    shutil.copytree(paths.PROCESSED, processed_copy, dirs_exist_ok=True)  # what make data wrote from the intact raw files
    before = _hashes(processed_copy)
    corrupt, expected = CASES[case]
    corrupt(raw_copy)
    with pytest.raises(RawDataError) as info:
        build(raw_copy, processed_copy)
    message = str(info.value)
    assert "\n" not in message
    assert re.search(expected, message), message
    assert _hashes(processed_copy) == before


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("integer", "1590", 1590),
        ("integer", "-17", -17),
        ("integer", "999999999999999999", 999999999999999999),  # 18 digits: the largest accepted
        ("number", "85.5", 85.5),
        ("number", "-0.25", -0.25),
        ("number", "7", 7.0),
        ("string", "Алматы қаласы", "Алматы қаласы"),
        ("string", "a  b", "a  b"),  # inner spaces are the transcriber's
    ],
)
def test_plain_values_are_read(kind, value, expected):
    from helpers.validate import _parse

    assert _parse(value, {"name": "c", "type": kind}, "f.csv, line 2, column 'c'") == expected


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("number", "nan", "'nan' is not a plain decimal number"),
        ("number", "NaN", "'NaN' is not a plain decimal number"),
        ("number", "inf", "'inf' is not a plain decimal number"),
        ("number", "1e1", "'1e1' is not a plain decimal number"),
        ("number", "8_6.3", "'8_6.3' is not a plain decimal number"),
        ("number", " 86.3", "' 86.3' is not a plain decimal number"),
        ("number", "86.3\t", "'86.3\\t' is not a plain decimal number"),
        ("number", "+1.5", "'+1.5' is not a plain decimal number"),
        ("number", ".5", "'.5' is not a plain decimal number"),
        ("number", "٣", "'٣' is not a plain decimal number"),  # an Arabic-Indic digit: float() reads it
        ("integer", "1_590", "'1_590' is not an integer"),
        ("integer", " 1590", "' 1590' is not an integer"),
        ("integer", "١٥", "'١٥' is not an integer"),
        ("integer", "1" * 23, f"'{'1' * 23}' has 23 digits; expected an integer of at most 18 digits"),
        ("integer", "-" + "1" * 19, "has 19 digits"),
        ("string", "Almaty ", "'Almaty ' has a space at its start or end"),
        ("string", "\u00a0Almaty", "has a space at its start or end"),  # a no-break space is a space
        ("string", "Almaty\n", "has a space at its start or end"),
        ("string", unicodedata.normalize("NFD", "Чүй"), "is not in Unicode NFC form"),  # й stored as и and a breve
        ("date", "20230101", "'20230101' is not a date; expected YYYY-MM-DD"),
    ],
)
def test_values_that_are_not_plain_stop_with_one_line_naming_the_cell(kind, value, expected):
    from helpers.validate import _parse

    with pytest.raises(RawDataError) as info:
        _parse(value, {"name": "c", "type": kind}, "f.csv, line 2, column 'c'")
    message = str(info.value)
    assert message.startswith("f.csv, line 2, column 'c': ") and "\n" not in message
    assert expected in message


@pytest.mark.parametrize(
    ("kind", "article"), [("integer", "an integer"), ("number", "a number"), ("date", "a date"), ("string", "text")]
)
def test_an_empty_required_cell_names_its_type_with_the_right_article(kind, article):
    from helpers.validate import _parse

    with pytest.raises(RawDataError, match=f"value is empty; expected {article} \\(column is required\\)$"):
        _parse("", {"name": "c", "type": kind, "constraints": {"required": True}}, "f.csv, line 2, column 'c'")


def test_every_committed_raw_file_passes():
    from helpers.data import load_all

    assert load_all()  # raises RawDataError naming the first cell that is not plain
