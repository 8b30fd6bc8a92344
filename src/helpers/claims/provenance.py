"""Where the evidence of a claim comes from, and the one rule that turns the kind of evidence and
the outcome of a check into a verdict.

**The evidence rule.** Every claim row (``data/raw/<source>/claims.csv``, column
``evidence_kind``) says what its check compares the printed number with:

- ``internal_arithmetic``: the source's own figures against each other (a total against its
  parts, a percentage against its counts). Agreement or disagreement is evidence about the
  source's arithmetic: consistent or inconsistent.
- ``same_producer``: the same producer's other table, or a later revision of the figure. Both
  come from one register and one agency, so agreement confirms the transcription and the
  producer's consistency between its products, not the figure itself: consistent or
  inconsistent, and the reason says that it was a consistency check within one producer.
- ``independent_producer``: figures compiled by someone else (another agency, a decree, another
  country's statistics): consistent or inconsistent.
- ``same_release``: a republication (a copy) of the very release that printed the claim. It
  repeats the claim, so agreement cannot reveal an error and disagreement points at the copy:
  not evidence, always not_verifiable.
- ``none``: nothing at hand to check against: not_verifiable.

Whatever the kind, a check that could not have failed for its inputs gives not_verifiable
(:func:`verdict_for`). The kind a row declares must be the kind of the evidence its check read:
the source's own tables count as ``internal_arithmetic``; every external resource (``external_*``
of ``data/raw/datapackage.json``) states, per source, its kind in a property ``evidence``:
``{"kind": ..., "reason": text}`` for the whole resource, or ``{"by": column, "values": {value:
{"kind": ..., "reason": ...}}}`` when rows of different provenance share the file (2022 figures
from one release, 2023 from a republication of the bulletin). When a check reads evidence of
several kinds, the strongest counts (independent producer, then same producer, then same
release).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from helpers import paths
from helpers.claims.checks import CONSISTENT, INCONSISTENT, NOT_VERIFIABLE
from helpers.data import RawDataError

EXTERNAL_PREFIX = "external_"


class EvidenceKind(StrEnum):
    """What a claim is checked against (the module docstring gives the rule for each)."""

    INTERNAL = "internal_arithmetic"
    SAME_PRODUCER = "same_producer"
    INDEPENDENT = "independent_producer"
    SAME_RELEASE = "same_release"
    NONE = "none"


#: Kinds of external evidence, strongest first: the strongest kind a check read is the claim's.
EXTERNAL_KINDS = (EvidenceKind.INDEPENDENT, EvidenceKind.SAME_PRODUCER, EvidenceKind.SAME_RELEASE)

#: Kinds that are not evidence: every claim of these kinds is not_verifiable.
NOT_EVIDENCE = (EvidenceKind.SAME_RELEASE, EvidenceKind.NONE)

#: What the reason of a same-producer verdict says, so that no reader takes it for independent confirmation.
SAME_PRODUCER_NOTE = (
    "same producer: a consistency check against the producer's own other table or revision, not independent confirmation"
)


def kind_of(value: str, where: str) -> EvidenceKind:
    """``value`` as an EvidenceKind, or a RawDataError naming ``where`` and the kinds expected."""
    try:
        return EvidenceKind(value)
    except ValueError:
        expected = ", ".join(k.value for k in EvidenceKind)
        raise RawDataError(f"{where}: {value!r} is not a kind of evidence; expected one of {expected}") from None


def claim_kind(external: list[EvidenceKind], reads_source: bool) -> EvidenceKind:
    """The kind of evidence of a claim whose check read the external rows of kinds ``external`` and,
    if ``reads_source``, the source's own figures: the strongest external kind, else internal
    arithmetic, else none."""
    for kind in EXTERNAL_KINDS:
        if kind in external:
            return kind
    return EvidenceKind.INTERNAL if reads_source else EvidenceKind.NONE


def verdict_for(kind: EvidenceKind, agrees: bool | None) -> str:
    """The verdict the rule gives for evidence of ``kind`` and a check that found agreement
    (``agrees`` True), disagreement (False), or could not have failed (None).

    >>> verdict_for(EvidenceKind.SAME_RELEASE, True)
    'not_verifiable'
    >>> verdict_for(EvidenceKind.SAME_PRODUCER, False)
    'inconsistent'
    """
    if agrees is None or kind in NOT_EVIDENCE:
        return NOT_VERIFIABLE
    return CONSISTENT if agrees else INCONSISTENT


def allowed_verdicts(kind: EvidenceKind) -> tuple[str, ...]:
    """Every verdict the rule can give for evidence of ``kind`` (over all outcomes of a check)."""
    return tuple(dict.fromkeys(verdict_for(kind, agrees) for agrees in (True, False, None)))


def rule_breach(kind: str, verdict: str, reason: str) -> str | None:
    """Why a claims row breaks the evidence rule, or None if it follows it: its verdict must be one
    the rule allows for its kind, and a consistent or inconsistent verdict on the same producer's
    figures must say so in its reason (:data:`SAME_PRODUCER_NOTE`)."""
    try:
        k = EvidenceKind(kind)
    except ValueError:
        return f"evidence kind {kind!r} is not one of {', '.join(e.value for e in EvidenceKind)}"
    if verdict not in allowed_verdicts(k):
        return f"verdict {verdict!r} is not allowed for evidence of kind {k.value!r} (allowed: {', '.join(allowed_verdicts(k))})"
    if k is EvidenceKind.SAME_PRODUCER and verdict != NOT_VERIFIABLE and SAME_PRODUCER_NOTE not in reason:
        return f"a {verdict} verdict on the same producer's figures must say so in its reason ({SAME_PRODUCER_NOTE!r})"
    return None


def qualify_reason(kind: EvidenceKind, verdict: str, reason: str) -> str:
    """``reason``, with :data:`SAME_PRODUCER_NOTE` added when the verdict rests on the same producer's figures."""
    if kind is EvidenceKind.SAME_PRODUCER and verdict != NOT_VERIFIABLE and SAME_PRODUCER_NOTE not in reason:
        return f"{reason} ({SAME_PRODUCER_NOTE})"
    return reason


@dataclass(frozen=True)
class Evidence:
    """The kind of an external resource's rows as evidence on one source, and why."""

    kind: EvidenceKind
    reason: str

    @property
    def independent(self) -> bool:
        """Whether agreement with it can reveal an error in the source (anything but a copy of the source's release)."""
        return self.kind is not EvidenceKind.SAME_RELEASE


def _entry(entry, where: str) -> Evidence:
    if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str) or not str(entry.get("reason", "")).strip():
        raise RawDataError(f'{where}: expected {{"kind": "{"|".join(k.value for k in EXTERNAL_KINDS)}", "reason": "..."}}')
    kind = kind_of(entry["kind"], where)
    if kind not in EXTERNAL_KINDS:
        expected = ", ".join(k.value for k in EXTERNAL_KINDS)
        raise RawDataError(f"{where}: kind {kind.value!r} is not a kind of external evidence; expected one of {expected}")
    return Evidence(kind, entry["reason"])


class Provenance:
    """File paths and evidence kinds of the raw resources, from the datapackage."""

    def __init__(self, package: dict, sources=paths.SOURCES):
        self.paths = {r["name"]: f"data/raw/{r['path']}" for r in package["resources"]}
        self.rules: dict[str, dict] = {}
        for res in package["resources"]:
            if not res["name"].startswith(EXTERNAL_PREFIX):
                continue
            where = f"data/raw/datapackage.json, resource {res['name']!r}, property 'evidence'"
            rules = res.get("evidence")
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

    def evidence(self, resource: str, source: str, row: pd.Series) -> Evidence | None:
        """What ``row`` of ``resource`` is as evidence on ``source``; None for the source's own tables."""
        if resource not in self.rules:
            return None
        rule = self.rules[resource][source]
        if "by" not in rule:
            return _entry(rule, resource)
        key = str(row[rule["by"]])
        if key not in rule["values"]:
            raise RawDataError(
                f"{self.paths[resource]}: column {rule['by']!r} value {key!r} has no evidence entry "
                f"for {source} in datapackage.json; expected one of {', '.join(rule['values'])}"
            )
        return _entry(rule["values"][key], resource)

    @staticmethod
    def line(position: int) -> int:
        """The file line of the row at ``position`` (the header is line 1)."""
        return position + 2
