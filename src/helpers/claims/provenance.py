"""Where the evidence of a claim comes from: file and line of each raw row, and whether an
external figure is independent of the source it is used to check.

Every external resource (``external_*``) of ``data/raw/datapackage.json`` carries a property
``independence``: for each source, either ``{"independent": bool, "reason": text}`` for the
whole resource, or ``{"by": column, "values": {value: {"independent": ..., "reason": ...}}}``
when rows of different provenance share the file (2022 figures from one release, 2023 from a
republication of the bulletin). Evidence is *independent* of a source unless it is the
source's own statement or a copy of it (a republication of the same release): then agreement
cannot reveal an error in the source.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import paths
from helpers.data import RawDataError

EXTERNAL_PREFIX = "external_"


@dataclass(frozen=True)
class Independence:
    independent: bool
    reason: str


def _entry(entry, where: str) -> Independence:
    if not isinstance(entry, dict) or not isinstance(entry.get("independent"), bool) or not str(entry.get("reason", "")).strip():
        raise RawDataError(f'{where}: expected {{"independent": true|false, "reason": "..."}}')
    return Independence(entry["independent"], entry["reason"])


class Provenance:
    """File paths and independence rules of the raw resources, from the datapackage."""

    def __init__(self, package: dict, sources=paths.SOURCES):
        self.paths = {r["name"]: f"data/raw/{r['path']}" for r in package["resources"]}
        self.rules: dict[str, dict] = {}
        for res in package["resources"]:
            if not res["name"].startswith(EXTERNAL_PREFIX):
                continue
            where = f"data/raw/datapackage.json, resource {res['name']!r}, property 'independence'"
            rules = res.get("independence")
            if not isinstance(rules, dict):
                raise RawDataError(f"{where}: missing; expected one entry per source ({', '.join(sources)})")
            for source in sources:
                if source not in rules:
                    raise RawDataError(f"{where}: no entry for source {source!r}")
                rule = rules[source]
                if isinstance(rule, dict) and "by" in rule:
                    fields = {f["name"] for f in res["schema"]["fields"]}
                    if rule["by"] not in fields or not isinstance(rule.get("values"), dict):
                        raise RawDataError(f"{where}, {source}: 'by' must name a column and 'values' map its values")
                    for value, entry in rule["values"].items():
                        _entry(entry, f"{where}, {source}, value {value!r}")
                else:
                    _entry(rule, f"{where}, {source}")
            self.rules[res["name"]] = rules

    def is_external(self, resource: str) -> bool:
        return resource in self.rules

    def independence(self, resource: str, source: str, row: pd.Series) -> Independence | None:
        """How ``row`` of ``resource`` stands to ``source``; None for the source's own tables."""
        if resource not in self.rules:
            return None
        rule = self.rules[resource][source]
        if "by" not in rule:
            return _entry(rule, resource)
        key = str(row[rule["by"]])
        if key not in rule["values"]:
            raise RawDataError(
                f"{self.paths[resource]}: column {rule['by']!r} value {key!r} has no independence entry "
                f"for {source} in datapackage.json; expected one of {', '.join(rule['values'])}"
            )
        return _entry(rule["values"][key], resource)

    @staticmethod
    def line(position: int) -> int:
        """The file line of the row at ``position`` (the header is line 1)."""
        return position + 2
