"""The ledger JSON: the stable contract (docs/ledger-format.md). Extend it freely; never break it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from eventledger.model import Actor, Claim, CountSummary, Document, Event, Ledger, Mention, Source, TimeValue


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def time_json(value: TimeValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    out = {"start": _date(value.start), "end": _date(value.end), "precision": value.precision, "text": value.text}
    if value.basis:
        out["basis"] = value.basis
    return out


def document_json(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "published": _date(doc.published), "publisher": doc.publisher,
            "publisher_actor": doc.publisher_actor, "publisher_is_party": doc.publisher_is_party,
            "dateline_place": doc.dateline_place, "url": doc.url, "origin": doc.origin,
            "content_hash": doc.content_hash,
            "removed": [{"text": r.text, "reason": r.reason} for r in doc.removed], "text": doc.text}


def actor_json(actor: Actor) -> dict[str, Any]:
    out = {"id": actor.id, "name": actor.name, "aliases": list(actor.aliases), "kind": actor.kind,
           "country": actor.country}
    if actor.learned:
        out["learned_aliases"] = [{"alias": a.alias, "document": a.document, "how": a.how} for a in actor.learned]
    return out


def source_json(source: Source) -> dict[str, Any]:
    out = {"name": source.name, "kind": source.kind, "actor": source.actor, "cue": source.cue}
    if source.span:
        out["start"], out["end"] = source.span
    if source.cue_span:
        out["cue_start"], out["cue_end"] = source.cue_span
    return out


def claim_json(claim: Claim) -> dict[str, Any]:
    out = {"id": claim.id, "document": claim.document, "text": claim.text, "start": claim.start, "end": claim.end,
           "sources": [source_json(s) for s in claim.sources], "modality": claim.modality, "event": claim.event}
    if claim.content is not None:
        out["content_start"], out["content_end"] = claim.content
    if claim.said_on is not None:
        out["said_on"] = time_json(claim.said_on)
    if claim.dates:
        out["dates"] = [time_json(d) for d in claim.dates]
    return out


def count_json(summary: CountSummary) -> dict[str, Any]:
    return {"low": summary.low, "best": summary.best, "high": summary.high, "disputed": summary.disputed,
            "values": [{"value": v.value, "qualifier": v.qualifier, "sources": v.sources, "claims": list(v.claims),
                        **({"relation": v.relation} if v.relation != "total" else {})}
                       for v in summary.values]}


def event_json(event: Event) -> dict[str, Any]:
    loc = event.location
    date = time_json(event.date) or {}
    date["claims"] = list(event.date_claims)
    return {
        "id": event.id, "type": event.type, **({"anchor": event.anchor} if event.anchor != "news" else {}),
        "date": date,
        "location": {"name": loc.name, "city": loc.city, "country": loc.country, "admin1": loc.admin1,
                     "admin2": loc.admin2, "lat": loc.lat, "lon": loc.lon, "precision": loc.precision,
                     "basis": loc.basis, "ambiguous": loc.ambiguous, "claims": list(loc.claims)},
        "participants": [{"actor": p.actor, "role": p.role, "detail": p.detail, "modality": p.modality,
                          "claims": list(p.claims)} for p in event.participants],
        "counts": {kind: count_json(summary) for kind, summary in event.counts.items()},
        "weapons": list(event.weapons),
        "claims": list(event.claims), "documents": list(event.documents),
        "reports": len(event.documents), "independent_sources": len(event.source_groups) or len(event.documents),
        "source_groups": [list(g) for g in event.source_groups] or [[d] for d in event.documents]}


def mention_json(mention: Mention) -> dict[str, Any]:
    return {"document": mention.document, "start": mention.start, "end": mention.end, "text": mention.text,
            "kind": mention.kind, "label": mention.label, "ref": mention.ref,
            "original_start": mention.original_start, "original_end": mention.original_end}


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    return {"documents": [document_json(d) for d in ledger.documents],
            "actors": [actor_json(a) for a in ledger.actors],
            "claims": [claim_json(c) for c in ledger.claims],
            "events": [event_json(e) for e in ledger.events],
            "mentions": [mention_json(m) for m in ledger.mentions]}


# -- reading the ledger JSON back (the store keeps rows in this shape) ------------------------------------

def _parse_date(text: str | None):
    from datetime import date

    return date.fromisoformat(text) if text else None


def time_from_json(data: dict | None) -> TimeValue | None:
    if not data:
        return None
    return TimeValue(start=_parse_date(data.get("start")), end=_parse_date(data.get("end")),
                     precision=data.get("precision", "unknown"), text=data.get("text"), basis=data.get("basis"))


def source_from_json(data: dict) -> Source:
    span = (data["start"], data["end"]) if "start" in data else None
    cue_span = (data["cue_start"], data["cue_end"]) if "cue_start" in data else None
    return Source(name=data["name"], kind=data["kind"], actor=data.get("actor"), cue=data.get("cue"), span=span,
                  cue_span=cue_span)


def claim_from_json(data: dict) -> Claim:
    content = (data["content_start"], data["content_end"]) if "content_start" in data else None
    return Claim(id=data["id"], document=data["document"], text=data["text"], start=data["start"], end=data["end"],
                 sources=tuple(source_from_json(s) for s in data["sources"]), modality=data["modality"],
                 event=data.get("event"), said_on=time_from_json(data.get("said_on")),
                 dates=tuple(time_from_json(d) for d in data.get("dates", [])), content=content)


def event_from_json(data: dict) -> Event:
    from eventledger.model.records import CountValue, Location, Participant

    loc = data["location"]
    date = data["date"]
    counts = {kind: CountSummary(low=c["low"], best=c["best"], high=c["high"], disputed=c["disputed"],
                                 values=tuple(CountValue(value=v["value"], qualifier=v["qualifier"],
                                                         claims=tuple(v["claims"]), sources=v.get("sources", 1),
                                                         relation=v.get("relation", "total"))
                                              for v in c["values"]))
              for kind, c in data.get("counts", {}).items()}
    return Event(
        id=data["id"], type=data["type"],
        date=time_from_json(date) or TimeValue(start=None, end=None, precision="unknown"),
        location=Location(name=loc.get("name"), country=loc.get("country"), admin1=loc.get("admin1"),
                          admin2=loc.get("admin2"), lat=loc.get("lat"), lon=loc.get("lon"),
                          precision=loc.get("precision", "unknown"), claims=tuple(loc.get("claims", [])),
                          basis=loc.get("basis", "event"), city=loc.get("city"),
                          ambiguous=loc.get("ambiguous", False)),
        participants=tuple(Participant(actor=p["actor"], role=p["role"], claims=tuple(p["claims"]),
                                       detail=p.get("detail"), modality=p.get("modality", "asserted"))
                           for p in data.get("participants", [])),
        counts=counts, claims=tuple(data.get("claims", [])), documents=tuple(data.get("documents", [])),
        weapons=tuple(data.get("weapons", [])), date_claims=tuple(date.get("claims", [])),
        source_groups=tuple(tuple(g) for g in data.get("source_groups", [])), anchor=data.get("anchor", "news"))


LEDGER_SECTIONS = ("documents", "actors", "claims", "events", "mentions")


def write_ledger_json(rows: Iterable[tuple[str, dict]], handle: IO[str], indent: int = 2) -> None:
    """Write the ledger JSON from (section, row) pairs given section by section, one row at a time, so a
    ledger of any size is written in bounded memory. The bytes are those of `json.dump(ledger, indent=2)`."""
    pad, inner = " " * indent, " " * (2 * indent)
    handle.write("{")
    current: str | None = None
    first_row = True
    pending = list(LEDGER_SECTIONS)

    def open_section(name: str, leading_comma: bool) -> None:
        handle.write(f"{',' if leading_comma else ''}\n{pad}{json.dumps(name)}: [")

    for section, row in rows:
        if section != current:
            if current is not None:
                handle.write(f"\n{pad}]" if not first_row else "]")
            while pending and pending[0] != section:  # sections with no rows
                open_section(pending.pop(0), current is not None)
                handle.write("]")
                current = ""
            if not pending:
                raise ValueError(f"section {section!r} out of order or unknown")
            open_section(pending.pop(0), current is not None)
            current, first_row = section, True
        text = json.dumps(row, ensure_ascii=False, indent=indent).replace("\n", f"\n{inner}")
        handle.write(f"{'' if first_row else ','}\n{inner}{text}")
        first_row = False
    if current is not None:
        handle.write(f"\n{pad}]" if not first_row else "]")
    for name in pending:
        open_section(name, current is not None)
        handle.write("]")
        current = ""
    handle.write("\n}\n")
