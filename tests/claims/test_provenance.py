"""The evidence rule: one kind of evidence per claim, and verdicts that follow from it."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths
from helpers.claims.evaluate import evaluate_claims
from helpers.claims.provenance import (
    SAME_PRODUCER_NOTE,
    EvidenceKind,
    allowed_verdicts,
    claim_kind,
    rule_breach,
    verdict_for,
)
from helpers.data import RawDataError, load_processed, load_raw

K = EvidenceKind


@pytest.mark.parametrize(
    "kind, agrees, verdict",
    [
        # by hand, from the rule: only evidence that could reveal an error gives a judgement
        (K.INTERNAL, True, "consistent"),
        (K.INTERNAL, False, "inconsistent"),
        (K.INDEPENDENT, True, "consistent"),
        (K.SAME_PRODUCER, True, "consistent"),
        (K.SAME_PRODUCER, False, "inconsistent"),
        (K.SAME_RELEASE, True, "not_verifiable"),  # a copy repeats the claim
        (K.SAME_RELEASE, False, "not_verifiable"),  # a copy that differs shows an error in the copy
        (K.NONE, True, "not_verifiable"),
        (K.INDEPENDENT, None, "not_verifiable"),  # a check that could not fail
    ],
)
def test_verdict_for(kind, agrees, verdict):
    assert verdict_for(kind, agrees) == verdict


def test_allowed_verdicts():
    assert allowed_verdicts(K.SAME_RELEASE) == ("not_verifiable",)
    assert set(allowed_verdicts(K.SAME_PRODUCER)) == {"consistent", "inconsistent", "not_verifiable"}


def test_claim_kind_takes_the_strongest_evidence_read():
    assert claim_kind([K.SAME_RELEASE, K.SAME_PRODUCER], True) is K.SAME_PRODUCER
    assert claim_kind([K.SAME_RELEASE], True) is K.SAME_RELEASE
    assert claim_kind([K.SAME_PRODUCER, K.INDEPENDENT], False) is K.INDEPENDENT
    assert claim_kind([], True) is K.INTERNAL
    assert claim_kind([], False) is K.NONE


def test_rule_breach_catches_each_disagreement():
    assert rule_breach("same_release", "consistent", "agrees") is not None
    assert rule_breach("none", "inconsistent", "x") is not None
    assert rule_breach("same_producer", "consistent", "agrees with the regional table") is not None  # reason silent
    assert rule_breach("same_producer", "consistent", f"agrees ({SAME_PRODUCER_NOTE})") is None
    assert rule_breach("internal_arithmetic", "inconsistent", "the parts do not sum") is None
    assert rule_breach("independent", "consistent", "x") is not None  # not a kind


def test_every_committed_claims_row_follows_the_evidence_rule():
    claims = load_processed("claims")
    breaches = [
        f"{r.claim_id}: {b}" for r in claims.itertuples() if (b := rule_breach(r.evidence_kind, r.verdict, str(r.reason)))
    ]
    assert not breaches, breaches
    raw = pd.concat([load_raw(f"{s}_claims") for s in paths.SOURCES])
    declared = dict(zip(raw["claim_id"], raw["evidence_kind"], strict=True))
    assert all(declared[r.claim_id] == r.evidence_kind for r in claims.itertuples())
    # every kind the rule knows is present among the three sources except none that is unused
    assert {"internal_arithmetic", "same_producer", "same_release", "independent_producer"} <= set(claims["evidence_kind"])


def test_the_kazakhstan_chart_nets_are_same_producer_checks():
    claims = load_processed("claims").set_index("claim_id")
    row = claims.loc["kazakhstan.interregional.net.chart.kz71"]
    assert row["evidence_kind"] == "same_producer" and row["verdict"] == "consistent"
    assert SAME_PRODUCER_NOTE in row["reason"]


@pytest.mark.parametrize(
    "old, new, message",
    [
        # the chart net's check reads BNS's own regional table: declaring it independent is refused
        (
            'label=""BNS regional internal-migration table 2023 (net)""","50,078",,same_producer',
            'label=""BNS regional internal-migration table 2023 (net)""","50,078",,independent_producer',
            r"kazakhstan/claims\.csv, line 32, column 'evidence_kind': 'independent_producer', "
            r"but its check reads evidence of kind 'same_producer'",
        ),
        (
            'label=""BNS regional internal-migration table 2023 (net)""","50,078",,same_producer',
            'label=""BNS regional internal-migration table 2023 (net)""","50,078",,independent',
            r"kazakhstan/claims\.csv, line 32, column 'evidence_kind'",
        ),
    ],
)
def test_a_declared_kind_that_is_not_the_evidence_read_stops_the_build(raw_copy, old, new, message):
    path = raw_copy / "kazakhstan" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RawDataError, match=message):
        evaluate_claims(raw_copy)
