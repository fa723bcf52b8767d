"""Parquet: the ledger as related tables in one directory, for DuckDB, pandas, polars and Spark.

`events`, `participants`, `values` (every source's figure), `claims`, `sources` (each claim's attribution
chain, one link per row), `documents` (without their text) and `actors`, joined by ids. Rows are written in
batches, so memory stays bounded however large the ledger is.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventledger.export.ledger import LedgerView
from eventledger.export.vocab import figures, parse_day

COUNT_KINDS = ("killed", "injured", "abducted", "arrested", "missing", "casualties")
BATCH_ROWS = 20_000
_str, _int, _float, _bool, _day = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
_strs = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "events": pa.schema([
        ("id", _str), ("type", _str), ("anchor", _str), ("date_start", _day), ("date_end", _day),
        ("date_precision", _str), ("date_basis", _str), ("place", _str), ("city", _str), ("admin2", _str),
        ("admin1", _str), ("country", _str), ("lat", _float), ("lon", _float), ("location_precision", _str),
        ("location_basis", _str), ("ambiguous", _bool),
        *[(f"{kind}_{part}", _int) for kind in COUNT_KINDS for part in ("low", "best", "high")],
        ("disputed", _bool), ("reports", _int), ("independent_sources", _int), ("weapons", _strs),
        ("documents", _strs), ("claims", _strs)]),
    "participants": pa.schema([("event_id", _str), ("actor_id", _str), ("actor_name", _str), ("actor_kind", _str),
                               ("role", _str), ("detail", _str), ("modality", _str), ("claims", _strs)]),
    "values": pa.schema([("event_id", _str), ("kind", _str), ("value", _int), ("qualifier", _str),
                         ("relation", _str), ("sources", _int), ("claims", _strs)]),
    "claims": pa.schema([("id", _str), ("document_id", _str), ("event_id", _str), ("start", _int), ("end", _int),
                         ("text", _str), ("modality", _str), ("speaker", _str), ("chain_length", _int)]),
    "sources": pa.schema([("claim_id", _str), ("position", _int), ("name", _str), ("kind", _str), ("actor", _str),
                          ("cue", _str)]),
    "documents": pa.schema([("id", _str), ("title", _str), ("published", _day), ("publisher", _str), ("url", _str),
                            ("origin", _str), ("content_hash", _str)]),
    "actors": pa.schema([("id", _str), ("name", _str), ("kind", _str), ("country", _str)]),
}


class _TableWriter:
    """Rows of one table, written to its Parquet file BATCH_ROWS at a time."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.schema, self.rows, self.count = schema, [], 0
        self.writer = pq.ParquetWriter(path, schema)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _day_of(text: str | None) -> date | None:
    return parse_day(text)


def _event_row(event: dict) -> dict[str, Any]:
    when, loc = event["date"], event["location"]
    row: dict[str, Any] = {
        "id": event["id"], "type": event["type"], "anchor": event.get("anchor", "news"),
        "date_start": _day_of(when.get("start")), "date_end": _day_of(when.get("end")),
        "date_precision": when.get("precision"), "date_basis": when.get("basis"), "place": loc.get("name"),
        "city": loc.get("city"), "admin2": loc.get("admin2"), "admin1": loc.get("admin1"),
        "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "location_precision": loc.get("precision"), "location_basis": loc.get("basis"),
        "ambiguous": bool(loc.get("ambiguous")),
        "disputed": any(c["disputed"] for c in event["counts"].values()), "reports": len(event["documents"]),
        "independent_sources": event.get("independent_sources", len(event["documents"])),
        "weapons": list(event.get("weapons", [])), "documents": list(event["documents"]),
        "claims": list(event["claims"])}
    for kind in COUNT_KINDS:
        found = figures(event, kind) or (None, None, None)
        row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"] = found
    return row


class ParquetTargetError(ValueError):
    """The directory asked for holds other files: an export never deletes what it did not write."""


def _check_target(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(
            f.name not in {f"{name}.parquet" for name in SCHEMAS} for f in directory.iterdir())):
        raise ParquetTargetError(f"{directory} exists and is not an earlier Parquet export of the ledger: "
                                 "choose a new directory")


def write_parquet(view: LedgerView, directory: Path) -> dict[str, int]:
    """Write the tables into `directory` (made whole in `directory.part`, then renamed, so a failed export
    never leaves half a dataset; an earlier export there is replaced, anything else refused); returns the rows
    per table."""
    _check_target(directory)
    partial = directory.with_name(directory.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    writers = {name: _TableWriter(partial / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
    try:
        _write_tables(view, writers)
    except BaseException:
        for writer in writers.values():
            writer.writer.close()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    for writer in writers.values():
        writer.close()
    if directory.exists():
        shutil.rmtree(directory)
    partial.rename(directory)
    return {name: writer.count for name, writer in writers.items()}


def _write_tables(view: LedgerView, writers: dict[str, _TableWriter]) -> None:
    for event in view.events():
        writers["events"].add(_event_row(event))
        for p in event["participants"]:
            actor = view.actors.get(p["actor"], {})
            writers["participants"].add({"event_id": event["id"], "actor_id": p["actor"],
                                         "actor_name": actor.get("name"), "actor_kind": actor.get("kind"),
                                         "role": p["role"], "detail": p.get("detail"),
                                         "modality": p.get("modality"), "claims": list(p["claims"])})
        for kind, summary in event["counts"].items():
            for v in summary["values"]:
                writers["values"].add({"event_id": event["id"], "kind": kind, "value": v["value"],
                                       "qualifier": v["qualifier"], "relation": v.get("relation", "total"),
                                       "sources": v.get("sources", 1), "claims": list(v["claims"])})
    for claim in view.all_claims():
        chain = claim["sources"]
        writers["claims"].add({"id": claim["id"], "document_id": claim["document"], "event_id": claim["event"],
                               "start": claim["start"], "end": claim["end"], "text": claim["text"],
                               "modality": claim["modality"], "speaker": chain[-1]["name"] if chain else None,
                               "chain_length": len(chain)})
        for position, link in enumerate(chain):
            writers["sources"].add({"claim_id": claim["id"], "position": position, "name": link.get("name"),
                                    "kind": link.get("kind"), "actor": link.get("actor"), "cue": link.get("cue")})
    for doc in view.documents.values():
        writers["documents"].add({"id": doc["id"], "title": doc.get("title"),
                                  "published": _day_of(doc.get("published")), "publisher": doc.get("publisher"),
                                  "url": doc.get("url"), "origin": doc.get("origin"),
                                  "content_hash": doc.get("content_hash")})
    for actor in view.actors.values():
        writers["actors"].add({"id": actor["id"], "name": actor["name"], "kind": actor.get("kind"),
                               "country": actor.get("country")})
