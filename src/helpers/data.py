"""Load the compendium's raw and processed tables as validated DataFrames.

``load_raw(name)`` reads a resource of ``data/raw/datapackage.json`` and validates it
(schema, region codes, non-negative counts): the build's input. ``load_processed(name)`` reads
what ``make data`` wrote (corrected, or as printed), typed by ``data/processed/datapackage.json``:
the only data a notebook reads.
Every problem stops with a one-line :class:`RawDataError` naming file, line and column: a
malformed descriptor, a declared file that is missing, a CSV that no resource declares, a bad cell.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.validate import (
    RawDataError,
    check_descriptor,
    check_files,
    check_foreign_keys,
    check_nonnegative_flows,
    display,
    parse_decimal,
    parse_integer,
    read_resource,
)

__all__ = [
    "RawDataError",
    "apply_corrections",
    "datapackage",
    "load_all",
    "load_processed",
    "load_raw",
    "resource_names",
]


def datapackage(raw_dir: Path = paths.RAW) -> dict:
    """The parsed and checked ``datapackage.json`` of ``raw_dir`` (see :func:`check_descriptor`)."""
    path = Path(raw_dir) / "datapackage.json"
    shown = _shown(raw_dir, {"path": "datapackage.json"})
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RawDataError(f"{shown}: file not found; expected the Data Package descriptor") from None
    except json.JSONDecodeError as exc:
        raise RawDataError(f"{shown}, line {exc.lineno}: invalid JSON ({exc.msg})") from None
    except UnicodeDecodeError:
        raise RawDataError(f"{shown}: not UTF-8 text; expected a UTF-8 JSON file") from None
    check_descriptor(package, shown)
    return package


def resource_names(raw_dir: Path = paths.RAW) -> list[str]:
    """Names of all resources, in datapackage order."""
    return [r["name"] for r in datapackage(raw_dir)["resources"]]


def _resource(name: str, package: dict) -> dict:
    for res in package["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource {name!r} in datapackage.json; known: {[r['name'] for r in package['resources']]}")


def _shown(raw_dir: Path, res: dict) -> str:
    return display(Path(raw_dir) / res["path"], Path(raw_dir).parents[1])


def check_region_codes(frame: pd.DataFrame, shown: str) -> None:
    """Each ``iso_code`` of regions.csv must be a real ISO 3166-2 subdivision (pycountry)."""
    import pycountry

    for offset, code in enumerate(frame["iso_code"]):
        if pycountry.subdivisions.get(code=code) is None:
            raise RawDataError(
                f"{shown}, line {offset + 2}, column 'iso_code': {code!r} is not an ISO 3166-2 "
                "subdivision code; expected e.g. KZ-71 or KG-B"
            )


def load_all(raw_dir: Path = paths.RAW) -> dict[str, pd.DataFrame]:
    """Validate every resource (regions first, for the foreign keys); return name -> DataFrame."""
    cached = _load_all_cached(str(Path(raw_dir).resolve()), _stamp(Path(raw_dir)))
    return {name: frame.copy() for name, frame in cached}


def _stamp(raw_dir: Path) -> tuple:
    # Cache key: the files' sizes and modification times, so edits are always seen.
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in raw_dir.rglob("*") if p.is_file()))


@cache
def _load_all_cached(raw_dir_str: str, _stamp_key: tuple) -> tuple:
    raw_dir = Path(raw_dir_str)
    package = datapackage(raw_dir)
    check_files(package, raw_dir, root=raw_dir.parents[1])
    tables: dict[str, pd.DataFrame] = {}
    order = sorted(package["resources"], key=lambda r: r["name"] != "regions")
    for res in order:
        shown = _shown(raw_dir, res)
        frame = read_resource(res, raw_dir, root=raw_dir.parents[1])
        if res["name"] == "regions":
            check_region_codes(frame, shown)
        check_foreign_keys(frame, res, tables, shown)
        check_nonnegative_flows(frame, shown)
        tables[res["name"]] = frame
    return tuple((name, tables[name]) for name in (r["name"] for r in package["resources"]))


def load_raw(name: str, raw_dir: Path = paths.RAW) -> pd.DataFrame:
    """One validated raw table, exactly as transcribed (a copy: callers may modify it)."""
    tables = load_all(raw_dir)
    if name not in tables:
        raise KeyError(f"no resource {name!r} in datapackage.json; known: {sorted(tables)}")
    return tables[name].copy()


def match_rows(frame: pd.DataFrame, row_key: str) -> pd.Series:
    """Boolean mask of the rows selected by ``"col=value;col=value"`` (values compared as text)."""
    mask = pd.Series(True, index=frame.index)
    for part in row_key.split(";"):
        column, value = part.split("=", 1)
        mask &= frame[column].astype(str) == value
    return mask


def apply_corrections(frame: pd.DataFrame, name: str, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the corrections for resource ``name``; return (corrected frame, applied rows).

    A correction must match exactly one row whose current value equals ``printed``;
    anything else is an error in corrections.csv, reported with its line.
    """
    frame = frame.copy()
    applied = corrections[corrections["resource"] == name]
    for line, corr in applied.iterrows():
        where = f"data/raw/corrections.csv, line {line + 2}"
        if corr["column"] not in frame.columns:
            raise RawDataError(f"{where}, column 'column': {corr['column']!r} is not a column of {name}")
        try:
            mask = match_rows(frame, corr["row_key"])
        except (KeyError, ValueError):
            raise RawDataError(
                f"{where}, column 'row_key': {corr['row_key']!r} is not 'col=value;col=value' over columns of {name}"
            ) from None
        if mask.sum() != 1:
            raise RawDataError(
                f"{where}, column 'row_key': {corr['row_key']!r} matches {int(mask.sum())} rows of {name}; expected exactly 1"
            )
        current = frame.loc[mask, corr["column"]].iloc[0]
        if str(current) != corr["printed"]:
            raise RawDataError(f"{where}, column 'printed': {corr['printed']!r} but the transcription has {current}")
        dtype = frame[corr["column"]].dtype
        at_adopted = f"{where}, column 'adopted'"
        adopted = (
            parse_integer(corr["adopted"], at_adopted)
            if pd.api.types.is_integer_dtype(dtype)
            else (parse_decimal(corr["adopted"], at_adopted) if pd.api.types.is_float_dtype(dtype) else corr["adopted"])
        )
        frame.loc[mask, corr["column"]] = adopted
    return frame, applied


def load_processed(name: str, processed_dir: Path = paths.PROCESSED, as_printed: bool = False) -> pd.DataFrame:
    """A table written by ``make data`` (``name`` without ``.csv``): corrected, or with
    ``as_printed=True`` the source's own figures (only tables that have corrections have a copy
    as printed). Tables of the processed ``datapackage.json`` are typed and checked against their
    schema; ``claims`` and ``corrections_applied`` are read as CSV."""
    processed_dir = Path(processed_dir)
    package = _processed_package(processed_dir)
    known = {r["name"]: r for r in package["resources"]}
    if as_printed:
        printed = f"{name}_as_printed"
        if printed not in known:
            raise KeyError(f"{name!r} has no as-printed copy: no correction applies to it, so {name!r} is as printed")
        name = printed
    if name in known:
        return read_resource(known[name], processed_dir, root=processed_dir.parents[1])
    path = processed_dir / f"{name}.csv"
    if not path.is_file():
        raise KeyError(f"{display(path, processed_dir.parents[1])}: no such processed table; known: {sorted(known)}")
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _processed_package(processed_dir: Path) -> dict:
    path = processed_dir / "datapackage.json"
    if not path.is_file():
        raise RawDataError(f"{display(path, processed_dir.parents[1])}: not built; run `make data`")
    return json.loads(path.read_text(encoding="utf-8"))
