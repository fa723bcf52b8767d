"""GeoJSON: a FeatureCollection of the located events as points, with the event's properties (RFC 7946).

QGIS, Leaflet and geopandas read it as it is. An event without coordinates has no point to draw and is left
out (the count is reported); every property is the ledger's own value, flat, so a GIS table can show it.
"""

from __future__ import annotations

import json
from typing import IO, Any

from eventledger.export.ledger import LedgerView
from eventledger.export.vocab import figures

COUNT_KINDS = ("killed", "injured", "abducted", "arrested", "missing", "casualties")


def feature_properties(event: dict, view: LedgerView) -> dict[str, Any]:
    """The event's fields as flat properties: place, date, type, names, every count's low/best/high."""
    when, loc = event["date"], event["location"]
    props: dict[str, Any] = {
        "id": event["id"], "type": event["type"], "anchor": event.get("anchor", "news"),
        "date_start": when.get("start"), "date_end": when.get("end"), "date_precision": when.get("precision"),
        "place": loc.get("name"), "city": loc.get("city"), "admin2": loc.get("admin2"), "admin1": loc.get("admin1"),
        "country": loc.get("country"), "location_precision": loc.get("precision"),
        "location_basis": loc.get("basis"), "ambiguous": bool(loc.get("ambiguous")),
        "perpetrators": "; ".join(view.names(event, "perpetrator")) or None,
        "victims": "; ".join(view.names(event, "victim", "target")) or None,
    }
    for kind in COUNT_KINDS:
        found = figures(event, kind)
        props[f"{kind}_low"], props[f"{kind}_best"], props[f"{kind}_high"] = found or (None, None, None)
    props["disputed"] = any(c["disputed"] for c in event["counts"].values())
    props["reports"] = len(event["documents"])
    props["independent_sources"] = event.get("independent_sources", len(event["documents"]))
    props["documents"] = " ".join(event["documents"])
    return props


def write_geojson(view: LedgerView, handle: IO[str]) -> tuple[int, int]:
    """Write the FeatureCollection, one feature per line (streamed); returns (features, events without
    coordinates left out)."""
    written = skipped = 0
    handle.write('{"type": "FeatureCollection", "features": [')
    for event in view.events():
        loc = event["location"]
        if loc.get("lat") is None or loc.get("lon") is None:
            skipped += 1
            continue
        feature = {"type": "Feature", "id": event["id"],
                   "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                   "properties": feature_properties(event, view)}
        handle.write(("," if written else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        written += 1
    handle.write("\n]}\n")
    return written, skipped
