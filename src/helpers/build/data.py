"""``make data``: validate every raw table, apply corrections, write ``data/processed/``.

Everything is read and validated before anything is written, so a bad raw file stops the
build with one line naming file, line and column, and leaves ``data/processed/`` untouched.
Files are written atomically and only when their content changes (stable mtimes for make).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.build.atomic import write_text_atomic
from helpers.data import RawDataError, apply_corrections, datapackage, load_all, match_rows

#: Not copied as such: corrections are applied, claims are evaluated into claims.csv.
NOT_PROCESSED = {"corrections", "batken_claims", "kazakhstan_claims", "diploma_claims"}


def to_csv_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV text: UTF-8, ``\\n`` line ends, no index, shortest float repr."""
    return frame.to_csv(index=False, lineterminator="\n")


def build_tables(raw_dir: Path = paths.RAW) -> dict[str, str]:
    """Return ``{file name: CSV text}`` for every processed table, built fully in memory."""
    tables = load_all(raw_dir)
    corrections = tables["corrections"]
    out: dict[str, str] = {}
    logs = []
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
        out[f"{name}.csv"] = to_csv_text(frame)
    log = pd.concat(logs) if logs else corrections.iloc[0:0]
    out["corrections_applied.csv"] = to_csv_text(log.sort_values("correction_id"))
    return out


def write_tables(texts: dict[str, str], processed_dir: Path = paths.PROCESSED) -> list[str]:
    """Write the texts atomically; return the names of files whose content changed."""
    return [name for name, text in sorted(texts.items())
            if write_text_atomic(Path(processed_dir) / name, text, only_if_changed=True)]


def build(raw_dir: Path = paths.RAW, processed_dir: Path = paths.PROCESSED) -> tuple[dict[str, str], list[str]]:
    """Build every processed table in memory, then write them; nothing is written on error."""
    from helpers.claims.evaluate import claims_table_text

    texts = build_tables(raw_dir)
    texts["claims.csv"] = claims_table_text(raw_dir)
    return texts, write_tables(texts, processed_dir)


def main(argv: list[str] | None = None) -> int:
    try:
        texts, changed = build()
    except RawDataError as exc:
        print(f"make data: {exc}", file=sys.stderr)
        return 1
    print(f"make data: {len(texts)} processed tables, {len(changed)} changed"
          + (f" ({', '.join(changed)})" if changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
