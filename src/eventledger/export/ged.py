"""UCDP GED CSV: the 49 columns of GED 23.1, in GED's order, one row per lethal event (docs/exports.md).

GED holds organised violence with at least one death, so only the ledger's violent events with a death toll
are written. UCDP's own identifiers (conflicts, dyads, actors, Gleditsch-Ward numbers) and its judgements
(active year, code status) are not the ledger's to give and stay empty.
"""

from __future__ import annotations

import csv
import hashlib
from typing import IO

from eventledger.export.ledger import LedgerView, batched_claims
from eventledger.export.vocab import (
    WHERE_PREC,
    attackers_dead,
    country_name,
    ged_date_prec,
    generic_actor_ids,
    is_lethal_violence,
    priogrid_gid,
    victims_toll,
)

GED_COLUMNS = ("id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
               "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
               "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
               "source_article", "source_office", "source_date", "source_headline", "source_original",
               "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
               "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
               "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
               "high", "low", "gwnoa", "gwnob")
MISSING_DATE = "1753-01-01"  # GED's own mark for a source date not known, keeping `;`-joined lists aligned
GOVERNMENT = frozenset({"state", "state_force"})
ORGANISED = frozenset({"armed_group", "militia"})


def ged_id(event_id: str) -> int:
    """GED's integer id, stable across exports of the ledger: the first 52 bits of the event id's SHA-1 (exact
    in a float, should a tool read the column as one). `relid` keeps the event id itself."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13], 16)


def _sides(event: dict, view: LedgerView) -> tuple[int | None, list[str], list[str], str | None]:
    """(type_of_violence, side A names, side B names, where the victims' dead go: `a`, `b`, `civilians` or
    None). The type is read only from named actors' kinds: government against an organised group is 1 (state-
    based), two organised groups 2 (non-state), a government or organised group against civilians 3
    (one-sided). Unnamed sides (gunmen, attackers) or gangs decide nothing."""
    generic = generic_actor_ids()

    def named(roles: tuple[str, ...]) -> list[dict]:
        return [view.actors.get(p["actor"], {"id": p["actor"], "kind": ""}) for p in event["participants"]
                if p["role"] in roles]

    perpetrators, victims = named(("perpetrator",)), named(("victim", "target"))
    kinds = {a["kind"] for a in perpetrators if a.get("id") not in generic and a["kind"] != "generic"}
    victim_kinds = {a["kind"] for a in victims if a.get("id") not in generic and a["kind"] != "generic"}
    civilians = bool(victims) and all(a["kind"] == "civilians" for a in victims)
    names_a = list(dict.fromkeys(a.get("name", a["id"]) for a in perpetrators))
    names_b = list(dict.fromkeys(a.get("name", a["id"]) for a in victims))
    if civilians:
        return (3 if kinds & (GOVERNMENT | ORGANISED) else None), names_a, ["Civilians"], "civilians"
    if kinds & GOVERNMENT and victim_kinds & ORGANISED:
        return 1, names_a, names_b, "b"
    if kinds & ORGANISED and victim_kinds & GOVERNMENT and not kinds & GOVERNMENT:
        return 1, names_b, names_a, "a"  # the government is side A
    if event["type"] == "armed_clash" and not victims and kinds & GOVERNMENT and kinds & ORGANISED:
        gov = [a.get("name", a["id"]) for a in perpetrators if a["kind"] in GOVERNMENT]
        return 1, gov, [n for n in names_a if n not in gov], None
    if kinds & ORGANISED and victim_kinds & ORGANISED and not (kinds | victim_kinds) & GOVERNMENT:
        return 2, names_a, names_b, "b"
    return None, names_a, names_b, None


def _sources(docs: list[dict]) -> dict[str, str | None]:
    """GED's source columns from the reports: `"office,date,headline"` per article and the `;`-joined lists."""
    offices = [(d.get("publisher") or "").replace(";", ",") for d in docs]
    dates = [d.get("published") or MISSING_DATE for d in docs]
    headlines = [" ".join((d.get("title") or "").split()).replace(";", ",") for d in docs]
    articles = ['"' + f"{o},{t},{h}".replace('"', "'") + '"' for o, t, h in zip(offices, dates, headlines,
                                                                              strict=True)]
    return {"source_article": ";".join(articles) or None, "source_office": ";".join(offices) if any(offices) else None,
            "source_date": ";".join(dates) or None, "source_headline": ";".join(headlines) if any(headlines) else None}


def _toll_claims(event: dict) -> list[str]:
    """The claims behind the death toll (for who the reports cite), else the event's first claim."""
    ids = [c for v in event["counts"].get("killed", {}).get("values", []) for c in v["claims"]]
    return ids or event["claims"][:1]


def _cited(event: dict, claims: dict[str, dict]) -> str | None:
    """GED's source_original: whom the reports cite for the toll, the innermost speaker of each claim behind it
    (not the publisher, which is source_office)."""
    names = [claims[c]["sources"][-1]["name"] for c in _toll_claims(event)
             if c in claims and len(claims[c]["sources"]) > 1 and claims[c]["sources"][-1].get("name")]
    return ", ".join(dict.fromkeys(names)) or None


def ged_row(event: dict, view: LedgerView, claims: dict[str, dict]) -> dict[str, object]:
    """One lethal event in GED's columns."""
    violence, side_a, side_b, victims_side = _sides(event, view)
    toll = victims_toll(event) or (0, 0, 0)
    attackers = attackers_dead(event)
    deaths = {"a": 0, "b": 0, "civilians": 0, "unknown": 0}
    deaths[victims_side or "unknown"] += toll[1]
    if attackers:  # the attackers' own dead are the perpetrators' side's
        deaths["b" if victims_side == "a" else "a"] += attackers[1]
    when, loc = event["date"], event["location"]
    date_prec = ged_date_prec(when)
    start, end = (when.get("start"), when.get("end")) if date_prec else (None, None)
    lat, lon = loc.get("lat"), loc.get("lon")
    located = lat is not None and lon is not None
    return {
        "id": ged_id(event["id"]), "relid": event["id"], "year": int(start[:4]) if start else None,
        "type_of_violence": violence, "side_a": "; ".join(side_a) or None, "side_b": "; ".join(side_b) or None,
        "number_of_sources": event.get("independent_sources", len(event["documents"])),
        **_sources(view.event_documents(event)), "source_original": _cited(event, claims),
        "where_prec": WHERE_PREC.get(loc.get("precision") or ""), "where_coordinates": loc.get("name"),
        "adm_1": loc.get("admin1"), "adm_2": loc.get("admin2"),
        "latitude": f"{lat:.6f}" if located else None, "longitude": f"{lon:.6f}" if located else None,
        "geom_wkt": f"POINT ({lon:.6f} {lat:.6f})" if located else None, "priogrid_gid": priogrid_gid(lat, lon),
        "country": country_name(loc.get("country")),
        "event_clarity": 1,  # running totals and other incidents' figures never reach an event's counts
        "date_prec": date_prec, "date_start": start, "date_end": end,
        "deaths_a": deaths["a"], "deaths_b": deaths["b"], "deaths_civilians": deaths["civilians"],
        "deaths_unknown": deaths["unknown"], "best": sum(deaths.values()),
        "high": toll[2] + (attackers[2] if attackers else 0), "low": toll[0] + (attackers[0] if attackers else 0),
    }


def write_ged(view: LedgerView, handle: IO[str]) -> tuple[int, int]:
    """Write the GED CSV; returns (rows written, events left out as not lethal violence)."""
    writer = csv.DictWriter(handle, fieldnames=GED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = skipped = 0
    lethal = []
    for event in view.events():
        if is_lethal_violence(event):
            lethal.append(event)
        else:
            skipped += 1
    for event, claims in batched_claims(view, lethal, _toll_claims):
        row = ged_row(event, view, claims)
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in GED_COLUMNS})
        written += 1
    return written, skipped
