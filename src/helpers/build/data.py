"""``make data``: validate every raw table, apply corrections, write ``data/processed/``.

Everything is read and validated before anything is written: a bad raw file stops the build with
one line naming file, line and column. The tables are written as one set
(:func:`helpers.build.atomic.write_set`; a full disk or read-only folder changes no file), each
only when its content changes; a CSV no longer an output is removed in the same set. Beside them:
``datapackage.json`` (the raw schemas, plus ``correction_id`` where corrections apply) and, for a
corrected table, ``<name>_as_printed.csv`` (the source's own figures). The set ends with the stamp
``.built``, make's target, listing the outputs: the Makefile runs the step again when one is
missing, or when one is newer than the stamp (edited by hand: the step writes it again).

Command line: ``python -m helpers.build.data [--debug]``.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.build import cli
from helpers.build.atomic import write_set
from helpers.data import RawDataError, apply_corrections, datapackage, load_all, match_rows
from helpers.validate import display

#: Not copied as such: corrections are applied, claims are evaluated into claims.csv.
NOT_PROCESSED = {"corrections", *(f"{source}_claims" for source in paths.SOURCES)}
#: The file make's data rule updates on every run; its content names the outputs.
STAMP = ".built"
#: Name of the processed copy of a corrected table as the source printed it.
AS_PRINTED = "{name}_as_printed"
#: The column that names the corrections applied to a row (";"-separated ids, empty if none).
CORRECTION_ID = {
    "name": "correction_id",
    "type": "string",
    "description": "Ids of the corrections.csv rows applied to this row (';'-separated), empty if none",
}


def to_csv_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV text: UTF-8, ``\\n`` line ends, no index, shortest float repr."""
    return frame.to_csv(index=False, lineterminator="\n")


def build_tables(raw_dir: Path = paths.RAW) -> dict[str, str]:
    """Return ``{file name: CSV text}`` for every processed table, built fully in memory."""
    tables = load_all(raw_dir)
    if "corrections" not in tables:
        raise RawDataError(
            f"{display(Path(raw_dir) / 'datapackage.json', Path(raw_dir).parents[1])}: no resource 'corrections'; "
            "expected the corrections table (it may be empty below its header)"
        )
    corrections = tables["corrections"]
    out: dict[str, str] = {}
    logs = []
    resources = []
    for res in datapackage(raw_dir)["resources"]:
        name = res["name"]
        if name in NOT_PROCESSED:
            continue
        frame, applied = apply_corrections(tables[name], name, corrections)
        if len(applied):
            ids = pd.Series("", index=frame.index, dtype="object")
            for _, corr in applied.iterrows():
                mask = match_rows(tables[name], corr["row_key"])
                ids[mask] = (ids[mask] + ";" + corr["correction_id"]).str.strip(";")
            frame = frame.assign(correction_id=ids)
            logs.append(applied)
            printed = AS_PRINTED.format(name=name)
            out[f"{printed}.csv"] = to_csv_text(tables[name])
            resources.append(processed_resource(res, printed, corrected=False))
        out[f"{name}.csv"] = to_csv_text(frame)
        resources.append(processed_resource(res, name, corrected=bool(len(applied))))
    log = pd.concat(logs) if logs else corrections.iloc[0:0]
    out["corrections_applied.csv"] = to_csv_text(log.sort_values("correction_id"))
    out["datapackage.json"] = (
        json.dumps(
            {"name": "migration-central-asia-processed", "profile": "tabular-data-package", "resources": resources},
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
    return out


def processed_resource(raw: dict, name: str, corrected: bool) -> dict:
    """The processed table's descriptor: the raw resource's, renamed, with ``correction_id`` when
    ``corrected`` (the row's correction ids) and a note of what was done to it."""
    res = copy.deepcopy(raw)
    res["name"], res["path"] = name, f"{name}.csv"
    res.pop("foreignKeys", None)
    res["schema"].pop("foreignKeys", None)
    if corrected:
        res["schema"]["fields"].append(dict(CORRECTION_ID))
        res["processing"] = "corrections.csv applied (see correction_id and corrections_applied.csv)"
    elif name != raw["name"]:
        res["processing"] = "as printed by the source (no correction applied)"
    return res


def write_tables(texts: dict[str, str], processed_dir: Path = paths.PROCESSED) -> list[str]:
    """Write the tables and the stamp as one set, removing CSVs that are no longer outputs;
    return the names of the tables that changed or were removed."""
    processed_dir = Path(processed_dir)
    tables = {processed_dir / name: text.encode("utf-8") for name, text in sorted(texts.items())}
    stale = [p for p in sorted(processed_dir.glob("*.csv")) if p.name not in texts]
    stamp = processed_dir / STAMP
    tables[stamp] = "".join(f"{name}\n" for name in sorted(texts)).encode("utf-8")
    changed = write_set(tables, only_if_changed=True, rewrite={stamp}, remove=stale)
    return [p.name for p in changed if p != stamp]


def build(raw_dir: Path = paths.RAW, processed_dir: Path = paths.PROCESSED) -> tuple[dict[str, str], list[str]]:
    """Build every processed table in memory, then write them; nothing is written on error."""
    from helpers.claims.evaluate import claims_table_text

    texts = build_tables(raw_dir)
    texts["claims.csv"] = claims_table_text(raw_dir)
    return texts, write_tables(texts, processed_dir)


def summary(texts: dict[str, str], changed: list[str]) -> str:
    """``45 processed tables, 2 changed (a.csv, b.csv)``."""
    return f"{len(texts)} processed tables, {len(changed)} changed" + (f" ({', '.join(changed)})" if changed else "")


def main(argv: list[str] | None = None) -> int:
    args = cli.parser("data", __doc__).parse_args(argv)
    return cli.run("make data", lambda: summary(*build()), args.debug)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
