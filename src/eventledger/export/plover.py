"""PLOVER JSON lines: one PLOVER event record per line, as the PLOVER manual (0.7b1) suggests (docs/exports.md).

PLOVER requires `id`, `date`, `source` and `event`; the rest is optional and only written when the ledger
backs it. An event the ledger cannot date (no start) has no PLOVER `date` and is left out.
"""

from __future__ import annotations

import json
from typing import IO, Any

from eventledger import __version__
from eventledger.export.ledger import LedgerView, batched_claims
from eventledger.export.vocab import (
    PLOVER_NONSTATE_CODE,
    PLOVER_QUAD,
    PLOVER_SECTOR,
    PLOVER_TYPES,
    country_alpha3,
    figures,
)

PLOVER_REQUIRED = ("id", "date", "source", "event")
CODEBOOK = "PLOVER 0.7b1"


def _actor(actor_id: str, view: LedgerView) -> dict[str, Any]:
    """A PLOVER actor object: its name, and the codes its kind and country decide (a state's ISO alpha-3 code,
    IGO/NGO; sector GOV, CVL, CRM, JRN). A state force is not coded MIL or COP: the ledger does not say which."""
    actor = view.actors.get(actor_id, {"id": actor_id, "name": actor_id, "kind": ""})
    out: dict[str, Any] = {"actor_text": actor["name"], "identifier_text": actor["name"],
                           "eventledger_id": actor_id}
    kind = actor.get("kind", "")
    code = (country_alpha3(actor.get("country")) if kind in ("state", "state_force")
            else PLOVER_NONSTATE_CODE.get(kind))
    if code:
        out["code"] = code
    if kind in PLOVER_SECTOR:
        out["sector"] = PLOVER_SECTOR[kind]
    return out


def _mode(event: dict) -> str | None:
    if event["type"] == "bombing" and any("suicide" in w.lower() for w in event.get("weapons", [])):
        return "suicide-attack"
    return PLOVER_TYPES[event["type"]][1]


def _first_claims(event: dict) -> list[str]:
    """The first claim each report makes about the event: the words the record was coded from."""
    firsts: dict[str, str] = {}
    for claim_id in event["claims"]:
        firsts.setdefault(claim_id.rsplit(":c", 1)[0], claim_id)
    return list(firsts.values())


def plover_record(event: dict, view: LedgerView, claims: dict[str, dict]) -> dict[str, Any] | None:
    """One event as a PLOVER record; None when it has no start date (PLOVER's required `date`)."""
    when, loc = event["date"], event["location"]
    if not when.get("start"):
        return None
    category = PLOVER_TYPES[event["type"]][0]
    # PLOVER's two-sided violence has every side as a source: the ledger already makes both sides of a clash
    # perpetrators (`fought`); one-sided violence has the victims as recipients
    sources = [p["actor"] for p in event["participants"] if p["role"] == "perpetrator"]
    recipients = [p["actor"] for p in event["participants"] if p["role"] in ("victim", "target")]
    record: dict[str, Any] = {"id": event["id"], "date": when["start"]}
    if when.get("end") and when["end"] != when["start"]:
        record["enddate"] = when["end"]
    record["source"] = [_actor(a, view) for a in dict.fromkeys(sources)]
    record["recipient"] = [_actor(a, view) for a in dict.fromkeys(recipients)]
    record["event"] = [category]
    mode = _mode(event)
    if mode:
        record["mode"] = mode
    if event.get("anchor") == "historical":
        record["context"] = ["historical"]
    record["quad_code"] = PLOVER_QUAD[category]
    if loc.get("name") or loc.get("country"):
        place = {"name": loc.get("name"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
                 "country code": loc.get("country"), "cc3": country_alpha3(loc.get("country")),
                 "admin1_name": loc.get("admin1"), "admin2_name": loc.get("admin2"),
                 "precision": loc.get("precision")}
        record["event_loc"] = {k: v for k, v in place.items() if v is not None}
    for field, kind in (("dead", "killed"), ("injured", "injured"), ("size", "casualties"),
                        ("arrested", "arrested"), ("abducted", "abducted")):
        found = figures(event, kind)
        if found:
            record[field] = found[1]
            record[f"{field}_low"], record[f"{field}_high"] = found[0], found[2]
    texts = [" ".join(claims[c]["text"].split()) for c in _first_claims(event) if c in claims]
    if texts:
        record["event_text"] = texts
    record["cite_info"] = [{k: v for k, v in (("citation", d["id"]), ("url", d.get("url")), ("title", d.get("title")),
                                              ("publication", d.get("publisher")), ("codebook", CODEBOOK))
                            if v is not None} for d in view.event_documents(event)]
    record["coder"] = f"eventledger {__version__}"
    record["reports"] = len(event["documents"])
    record["independent_sources"] = event.get("independent_sources", len(event["documents"]))
    return record


def write_plover(view: LedgerView, handle: IO[str]) -> tuple[int, int]:
    """Write PLOVER JSON lines; returns (records written, events left out for want of a date)."""
    written = skipped = 0
    for event, claims in batched_claims(view, view.events(), _first_claims):
        record = plover_record(event, view, claims)
        if record is None:
            skipped += 1
            continue
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written, skipped
