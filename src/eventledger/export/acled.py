"""ACLED-style CSV: ACLED's published columns, one row per ledger event (docs/exports.md).

Analysts' scripts and dashboards built for ACLED files read it as they are; a column whose value the ledger
cannot back (ACLED's region, source scale, tags, upload timestamp) is left empty.
"""

from __future__ import annotations

import csv
from typing import IO

from eventledger.export.ledger import LedgerView, batched_claims
from eventledger.export.vocab import (
    ACLED_BATTLE,
    ACLED_INTER,
    ACLED_SUICIDE,
    ACLED_TYPES,
    ARMED_KINDS,
    GEO_PRECISION,
    acled_time_precision,
    attackers_dead,
    country_name,
    country_numeric,
    victims_toll,
)

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")


def acled_types(event: dict, kinds: list[str]) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type): a bomb a suicide bomber carried is ACLED's `Suicide bomb`;
    an attack on armed victims is a battle (ACLED codes violence against civilians only when they are
    unarmed)."""
    if event["type"] == "bombing" and any("suicide" in w.lower() for w in event.get("weapons", [])):
        return ACLED_SUICIDE
    if event["type"] == "attack" and kinds and all(k in ARMED_KINDS for k in kinds):
        return ACLED_BATTLE
    return ACLED_TYPES[event["type"]]


def fatalities(event: dict) -> int:
    """ACLED's conservative count: the lowest figure any source gives for the toll, plus the attackers' own dead
    (lowest figure) when a source counts them; 0 when no source gives a figure (ACLED's `none reported`)."""
    toll = victims_toll(event)
    attackers = attackers_dead(event)
    return (toll[0] if toll else 0) + (attackers[0] if attackers else 0)


def _inter(kinds: list[str]) -> int | None:
    """One actor type for a side: the first actor's, when its kind decides one."""
    return ACLED_INTER.get(kinds[0]) if kinds else None


def acled_row(event: dict, view: LedgerView, claims: dict[str, dict]) -> dict[str, object]:
    """One event in ACLED's columns."""
    sides = {role: [p["actor"] for p in event["participants"] if p["role"] in roles]
             for role, roles in (("1", ("perpetrator",)), ("2", ("victim", "target")))}
    names = {role: list(dict.fromkeys(view.actors.get(a, {}).get("name", a) for a in ids))
             for role, ids in sides.items()}
    kinds = {role: [view.actors.get(a, {}).get("kind", "") for a in dict.fromkeys(ids)]
             for role, ids in sides.items()}
    disorder, event_type, sub_event = acled_types(event, kinds["2"])
    inter1, inter2 = _inter(kinds["1"]), _inter(kinds["2"])
    interaction = (int("".join(sorted(f"{inter1}{inter2}"))) if inter1 and inter2
                   else inter1 * 10 if inter1 and not names["2"] else None)
    when, loc = event["date"], event["location"]
    start = when.get("start") if when.get("start") and when.get("end") else None
    notes = [claims[c]["text"] for c in event["claims"][:1] if c in claims]
    docs = view.event_documents(event)
    return {
        "event_id_cnty": event["id"], "event_date": start, "year": int(start[:4]) if start else None,
        "time_precision": acled_time_precision(when), "disorder_type": disorder, "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": names["1"][0] if names["1"] else None, "assoc_actor_1": "; ".join(names["1"][1:]) or None,
        "inter1": inter1,
        "actor2": names["2"][0] if names["2"] else None, "assoc_actor_2": "; ".join(names["2"][1:]) or None,
        "inter2": inter2, "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if "civilians" in kinds["2"] else None,
        "iso": country_numeric(loc.get("country")), "region": None, "country": country_name(loc.get("country")),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "admin3": None,
        "location": loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or ""),
        "source": "; ".join(dict.fromkeys(d["publisher"] for d in docs if d.get("publisher"))) or None,
        "source_scale": None, "notes": " ".join(" ".join(n.split()) for n in notes) or None,
        "fatalities": fatalities(event), "tags": None, "timestamp": None,
    }


def write_acled(view: LedgerView, handle: IO[str]) -> int:
    """Write the ACLED CSV; returns the number of rows."""
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for event, claims in batched_claims(view, view.events(), lambda e: e["claims"][:1]):
        writer.writerow({k: "" if v is None else v for k, v in acled_row(event, view, claims).items()})
        rows += 1
    return rows
