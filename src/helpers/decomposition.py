"""Changes between two years split into their parts: ANMR into intensity and effectiveness,
net migration into arrivals and departures. Each returns a tidy table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers import indices


def _columns(frame: pd.DataFrame, name: str, needed: tuple[str, ...]) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{name}: expected columns {', '.join(needed)}; missing {', '.join(missing)}")


def anmr_change_decomposition(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Split the change of the aggregate net migration rate into intensity and effectiveness.

    ANMR = MEI · CMI / 1000 (ANMR per 100, MEI in %, CMI per 1000), hence
    ANMR₂ / ANMR₁ = (CMI₂ / CMI₁) · (MEI₂ / MEI₁): people moved more or less (intensity), and
    their moves cancelled out less or more (effectiveness). ``before`` and ``after`` hold one
    row per region with ``arrivals``, ``departures`` and ``population``.

    Returns rows ``anmr``, ``cmi``, ``mei`` with columns ``before``, ``after``, ``ratio``
    (after / before) and ``log_share``: ln(ratio) / ln(ANMR ratio), the part of the
    proportional change due to each factor (the CMI and MEI shares sum to 1; NaN when ANMR
    did not change).
    """
    needed = ("arrivals", "departures", "population")
    _columns(before, "before", needed)
    _columns(after, "after", needed)
    values = {}
    for label, frame in (("before", before), ("after", after)):
        a, d, p = frame["arrivals"], frame["departures"], frame["population"]
        values[label] = {
            "anmr": float(indices.aggregate_net_migration_rate(a, d, p)),
            "cmi": float(indices.crude_migration_intensity(a, d, p)),
            "mei": float(indices.migration_effectiveness_index(a, d)),
        }
        if values[label]["anmr"] == 0:
            raise ValueError(f"{label}: net migration is 0 in every region, so ANMR is 0 and its change has no ratio")
    rows = []
    for measure in ("anmr", "cmi", "mei"):
        b, a = values["before"][measure], values["after"][measure]
        rows.append({"measure": measure, "before": b, "after": a, "ratio": a / b})
    out = pd.DataFrame(rows)
    log_anmr = math.log(out.loc[0, "ratio"])
    out["log_share"] = [math.log(r) / log_anmr if log_anmr != 0 else math.nan for r in out["ratio"]]
    return out


def net_change_decomposition(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Split the change of net migration between two years into arrivals and departures parts.

    ΔN = N₂ - N₁ = (A₂ - A₁) - (D₂ - D₁) = ΔA - ΔD. ``before`` and ``after`` hold
    ``arrivals`` and ``departures`` on the same index (regions, or one row for a total).

    Returns, on that index: ``net_before``, ``net_after``, ``net_change`` (ΔN),
    ``arrivals_part`` (ΔA), ``departures_part`` (-ΔD) and each part's share of ΔN in %
    (``arrivals_share`` + ``departures_share`` = 100; beyond [0, 100] when the parts pull in
    opposite directions; NaN where ΔN = 0).
    """
    needed = ("arrivals", "departures")
    _columns(before, "before", needed)
    _columns(after, "after", needed)
    if not before.index.equals(after.index):
        raise ValueError("after: expected the same index (regions) as before")
    for label, frame in (("before", before), ("after", after)):
        for column in needed:
            indices.checked_numbers(f"{label}.{column}", frame[column])
    out = pd.DataFrame(index=before.index)
    out["net_before"] = indices.net_migration(before["arrivals"], before["departures"])
    out["net_after"] = indices.net_migration(after["arrivals"], after["departures"])
    out["net_change"] = out["net_after"] - out["net_before"]
    out["arrivals_part"] = after["arrivals"] - before["arrivals"]
    out["departures_part"] = -(after["departures"] - before["departures"])
    change = out["net_change"].to_numpy(dtype=float)
    for part in ("arrivals", "departures"):
        values = out[f"{part}_part"].to_numpy(dtype=float)
        out[f"{part}_share"] = np.divide(100.0 * values, change, out=np.full(len(out), np.nan), where=change != 0)
    return out
