"""Validate ``data/raw`` against its ``datapackage.json``: the descriptor, the files, each CSV.

The datapackage is the single statement of every raw file's columns, types and constraints;
this module enforces it and reports the first problem in one line that names the file, the
line, the column, the offending value and what was expected, e.g.::

    data/raw/batken/table1_interregional.csv, line 7, column 'value': 'abc' is not an integer

Numbers are read as transcribed, plain decimals (no NaN or inf spelling, exponent, underscore or
padding, an integer of at most 18 digits); text is Unicode NFC without spaces at its edges.

First the descriptor itself (every resource has a name, a path and a schema whose keys name its
fields), then the files (each declared file exists, each CSV on disk is declared), then each
file. Line numbers count the header as line 1, as a text editor shows them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd

#: Table Schema types this module reads; any other type is refused in the descriptor.
FIELD_TYPES = ("string", "integer", "number", "date")


class RawDataError(ValueError):
    """A raw file does not match its schema; the message is one self-contained line."""


def _key_fields(key) -> list:
    """A Table Schema key (``primaryKey`` or a foreign key's ``fields``): one name or a list."""
    return [key] if isinstance(key, str) else list(key) if isinstance(key, list) else [key]


def _check_schema(schema, where: str, names: set[str]) -> None:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        raise RawDataError(f'{where}: no schema fields; expected "schema": {{"fields": [{{"name": ..., "type": ...}}]}}')
    fields = []
    for number, field in enumerate(schema["fields"], start=1):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            raise RawDataError(f'{where}, field {number}: no name; expected {{"name": ..., "type": ...}}')
        if field.get("type", "string") not in FIELD_TYPES:
            raise RawDataError(
                f"{where}, field {field['name']!r}: type {field.get('type')!r} is not supported; "
                f"expected one of {', '.join(FIELD_TYPES)}"
            )
        fields.append(field["name"])
    for name in _key_fields(schema.get("primaryKey", [])):
        if name not in fields:
            raise RawDataError(f"{where}, primaryKey: {name!r} is not a field; expected names among {', '.join(fields)}")
    for fk in schema.get("foreignKeys", []):
        ref = fk.get("reference", {}) if isinstance(fk, dict) else {}
        if not isinstance(fk, dict) or not isinstance(fk.get("fields"), str) or fk["fields"] not in fields:
            raise RawDataError(
                f"{where}, foreignKeys: fields {fk.get('fields') if isinstance(fk, dict) else fk!r} "
                f"is not one field; expected one of {', '.join(fields)}"
            )
        if ref.get("resource") not in names:
            raise RawDataError(
                f"{where}, foreignKeys: reference to resource {ref.get('resource')!r}, which datapackage.json does not declare"
            )


def check_descriptor(package, shown: str) -> None:
    """Every resource has a unique name, a relative CSV path and a schema whose keys name its
    fields; foreign keys point at declared resources. ``shown`` names datapackage.json."""
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        raise RawDataError(f'{shown}: no resources; expected "resources": [...]')
    names = [r.get("name") if isinstance(r, dict) else None for r in resources]
    for number, (res, name) in enumerate(zip(resources, names, strict=True), start=1):
        if not isinstance(name, str) or not name:
            raise RawDataError(f"{shown}, resource {number}: no name; expected a unique name")
        where = f"{shown}, resource {name!r}"
        if names.count(name) > 1:
            raise RawDataError(f"{where}: the name is used {names.count(name)} times; expected it once")
        path = res.get("path")
        if not isinstance(path, str) or not path.endswith(".csv") or path.startswith("/") or ".." in Path(path).parts:
            raise RawDataError(f"{where}: path {path!r} is not a CSV file below data/raw; expected e.g. batken/claims.csv")
        _check_schema(res.get("schema"), where, set(names))


def check_files(package: dict, raw_dir: Path, root: Path) -> None:
    """Each declared file exists, and each CSV under ``raw_dir`` is declared by a resource."""
    declared = {res["path"]: res["name"] for res in package["resources"]}
    for path, name in declared.items():
        if not (Path(raw_dir) / path).is_file():
            raise RawDataError(
                f"{display(Path(raw_dir) / path, root)}: file not found; declared by resource {name!r} in datapackage.json"
            )
    for csv_file in sorted(Path(raw_dir).rglob("*.csv")):
        relative = csv_file.relative_to(raw_dir).as_posix()
        if relative not in declared and not any(p.startswith(".") for p in Path(relative).parts):
            raise RawDataError(
                f"{display(csv_file, root)}: not declared in datapackage.json; "
                f'expected a resource with "path": "{relative}", or remove the file'
            )


def display(path: Path, root: Path) -> str:
    """``path`` relative to the project ``root`` (``data/raw/...``), as messages name files."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_text(path: Path, shown: str) -> str:
    """Read a raw file as strict UTF-8 (a BOM is tolerated); refuse missing or empty files."""
    if not path.is_file():
        raise RawDataError(f"{shown}: file not found; expected a UTF-8 CSV file declared in datapackage.json")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RawDataError(
            f"{shown}, line {line}: byte 0x{data[exc.start]:02x} is not valid UTF-8; expected UTF-8 text"
        ) from None
    if not text.strip():
        raise RawDataError(f"{shown}: file is empty; expected a header line and at least one data row")
    return text


#: Numbers as a transcriber types them: an optional minus, ASCII digits, an optional decimal
#: point followed by digits. No NaN or inf spelling, exponent, underscore, plus sign or padding.
PLAIN_INTEGER = re.compile(r"-?[0-9]+")
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
#: An integer column is stored as 64-bit integers: 18 digits always fit.
MAX_INTEGER_DIGITS = 18
#: The article before each type's name in messages ("an integer", "a number").
_ARTICLE = {"integer": "an integer", "number": "a number", "date": "a date", "string": "text"}


def check_text(value: str, where: str) -> None:
    """A text cell is in Unicode NFC (composed accents, as the sources' letters are typed) and has
    no space at its start or end: such a cell looks right but compares, sorts and links wrong."""
    if value != value.strip():
        raise RawDataError(f"{where}: {value!r} has a space at its start or end; expected the text without it")
    if not unicodedata.is_normalized("NFC", value):
        raise RawDataError(
            f"{where}: {value!r} is not in Unicode NFC form (a letter and its accent are stored apart); "
            "expected NFC text, e.g. unicodedata.normalize('NFC', text)"
        )


def parse_integer(value: str, where: str) -> int:
    """``value`` as an integer written plainly: ``-?[0-9]+`` of at most 18 digits (so it fits the
    64-bit column it is stored in); anything else stops with one line naming ``where``."""
    if not PLAIN_INTEGER.fullmatch(value):
        raise RawDataError(f"{where}: {value!r} is not an integer; expected digits only, e.g. 1590")
    digits = len(value.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise RawDataError(f"{where}: {value!r} has {digits} digits; expected an integer of at most {MAX_INTEGER_DIGITS} digits")
    return int(value)


def parse_decimal(value: str, where: str) -> float:
    """``value`` as a number written plainly: ``-?[0-9]+(.[0-9]+)?``. Python's ``float`` would also
    take ``nan``, ``inf``, ``1e1``, ``8_6.3`` and spaces; a transcription has none of them."""
    if not PLAIN_DECIMAL.fullmatch(value):
        raise RawDataError(
            f"{where}: {value!r} is not a plain decimal number; expected digits with an optional decimal "
            "point, e.g. 85.5 (no spaces, exponent, underscore, NaN or inf)"
        )
    return float(value)


def _parse(value: str, field: dict, where: str):
    """Convert one cell to its schema type and check its constraints."""
    kind = field["type"]
    rules = field.get("constraints", {})
    if value == "":
        if rules.get("required"):
            raise RawDataError(f"{where}: value is empty; expected {_ARTICLE[kind]} (column is required)")
        return None
    if kind == "integer":
        parsed = parse_integer(value, where)
    elif kind == "number":
        parsed = parse_decimal(value, where)
    elif kind == "date":
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
            parsed = date.fromisoformat(value).isoformat()
        except ValueError:
            raise RawDataError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD") from None
    else:
        check_text(value, where)
        parsed = value
    if "minimum" in rules and parsed < rules["minimum"]:
        raise RawDataError(f"{where}: {value} is below the minimum; expected >= {rules['minimum']}")
    if "maximum" in rules and parsed > rules["maximum"]:
        raise RawDataError(f"{where}: {value} is above the maximum; expected <= {rules['maximum']}")
    if "enum" in rules and parsed not in rules["enum"]:
        allowed = ", ".join(str(v) for v in rules["enum"])
        raise RawDataError(f"{where}: {value!r} is not allowed; expected one of {allowed}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], str(parsed)):
        raise RawDataError(f"{where}: {value!r} does not match the pattern {rules['pattern']}")
    return parsed


def read_resource(resource: dict, raw_dir: Path, root: Path | None = None) -> pd.DataFrame:  # noqa: PLR0912 -- one branch per check, each a one-line error
    """Read and validate one datapackage resource; return a typed DataFrame.

    Checks, in order: file present, UTF-8, not empty, header equal to the schema's fields
    (no missing, no unknown column), every cell's type and constraints, unique primary key.
    """
    path = Path(raw_dir) / resource["path"]
    shown = display(path, root if root is not None else Path(raw_dir).parents[1])
    text = read_text(path, shown)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    for column in expected:
        if column not in header:
            raise RawDataError(f"{shown}, line 1: missing column {column!r}; expected columns {', '.join(expected)}")
    for column in header:
        if column not in expected:
            raise RawDataError(f"{shown}, line 1: unknown column {column!r}; expected columns {', '.join(expected)}")
    if not body:
        raise RawDataError(f"{shown}: no data rows; expected at least one row after the header")
    index = {name: header.index(name) for name in expected}
    records = []
    for offset, row in enumerate(body):
        line = offset + 2
        if len(row) != len(header):
            raise RawDataError(f"{shown}, line {line}: {len(row)} cells; expected {len(header)} (one per column)")
        records.append(
            {f["name"]: _parse(row[index[f["name"]]], f, f"{shown}, line {line}, column {f['name']!r}") for f in fields}
        )
    key = _key_fields(resource["schema"].get("primaryKey", []))
    if key:
        seen: dict[tuple, int] = {}
        for offset, record in enumerate(records):
            value = tuple(record[k] for k in key)
            if value in seen:
                raise RawDataError(
                    f"{shown}, line {offset + 2}, columns ({', '.join(key)}): duplicate key {value}; "
                    f"first at line {seen[value]}; expected each key once"
                )
            seen[value] = offset + 2
    frame = pd.DataFrame.from_records(records, columns=expected)
    for f in fields:
        if f["type"] == "integer":
            frame[f["name"]] = frame[f["name"]].astype("Int64" if frame[f["name"]].isna().any() else "int64")
        elif f["type"] == "number":
            frame[f["name"]] = frame[f["name"]].astype("float64")
    return frame


def check_foreign_keys(frame: pd.DataFrame, resource: dict, targets: dict[str, pd.DataFrame], shown: str) -> None:
    """Every foreign-key value must exist in the referenced resource (e.g. regions.csv)."""
    for fk in resource["schema"].get("foreignKeys", []):
        column, ref = fk["fields"], fk["reference"]
        allowed = set(targets[ref["resource"]][ref["fields"]])
        for offset, value in enumerate(frame[column]):
            if value not in allowed:
                raise RawDataError(
                    f"{shown}, line {offset + 2}, column {column!r}: {value!r} is not a known "
                    f"{ref['fields']} of resource {ref['resource']!r}; expected a code listed there"
                )


def check_nonnegative_flows(frame: pd.DataFrame, shown: str) -> None:
    """Arrivals and departures are counts (>= 0); only net migration may be negative."""
    if not {"flow", "value"} <= set(frame.columns):
        return
    for offset, (flow, value) in enumerate(zip(frame["flow"], frame["value"], strict=True)):
        if flow in ("arrivals", "departures") and value is not None and value < 0:
            raise RawDataError(
                f"{shown}, line {offset + 2}, column 'value': {value} is negative; expected a count >= 0 for {flow}"
            )
