"""Storage: the ledger in SQLite by default (SQLAlchemy Core, so PostgreSQL can follow).

Each document is written in one transaction with its claims, events and actors; a document whose
content hash is already stored is skipped, so ingesting the same file twice changes nothing.
Rows keep their nested parts (sources, participants, counts) as JSON next to indexed columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
)

from eventledger.ledger_json import actor_json, claim_json, document_json, event_json, mention_json
from eventledger.pipeline import DocumentResult

SCHEMA_VERSION = 1
metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, unique=True, nullable=False, index=True),
    Column("title", Text), Column("published", String, index=True), Column("publisher", Text),
    Column("dateline_place", Text), Column("url", Text), Column("origin", Text),
    Column("text", Text, nullable=False), Column("data", JSON, nullable=False),
)
actors = Table(
    "actors", metadata,
    Column("id", String, primary_key=True), Column("name", Text, nullable=False),
    Column("kind", String, nullable=False), Column("data", JSON, nullable=False),
)
claims = Table(
    "claims", metadata,
    Column("id", String, primary_key=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("modality", String, nullable=False), Column("event_id", String, index=True),
    Column("data", JSON, nullable=False),
)
events = Table(
    "events", metadata,
    Column("id", String, primary_key=True), Column("type", String, nullable=False, index=True),
    Column("date_start", String, index=True), Column("date_end", String), Column("date_precision", String),
    Column("place", Text), Column("country", String, index=True), Column("lat", Float), Column("lon", Float),
    Column("killed_best", Integer), Column("disputed", Integer, nullable=False, default=0),
    Column("data", JSON, nullable=False),
)
event_documents = Table(
    "event_documents", metadata,
    Column("event_id", String, ForeignKey("events.id"), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
)
mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("kind", String, nullable=False, index=True), Column("ref", Text, index=True),
    Column("data", JSON, nullable=False),
)
meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text))


class StoreError(RuntimeError):
    """The database cannot be opened or written."""


@dataclass(frozen=True)
class IngestOutcome:
    document_id: str
    status: str  # "added" or "unchanged"
    events: int


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


class LedgerStore:
    """The ledger database: open, add documents, query events."""

    def __init__(self, url_or_path: str | Path = "eventledger.db") -> None:
        url = str(url_or_path)
        if "://" not in url:
            url = f"sqlite:///{url}"
        try:
            self.engine: Engine = create_engine(url, json_serializer=lambda o: json.dumps(o, default=_json_default))
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                if conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first() is None:
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        except Exception as exc:  # SQLAlchemy wraps driver errors; the user needs the one line
            raise StoreError(f"cannot open the ledger database {url_or_path}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from None

    def add(self, result: DocumentResult) -> IngestOutcome:
        """Write one document with its actors, claims and events, all or nothing."""
        doc = result.document
        with self.engine.begin() as conn:
            exists = conn.execute(select(documents.c.id).where(documents.c.content_hash == doc.content_hash)).first()
            if exists is not None:
                return IngestOutcome(exists[0], "unchanged", 0)
            if conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first() is not None:
                raise StoreError(f"document id {doc.id!r} is already stored with different text")
            conn.execute(documents.insert().values(
                id=doc.id, content_hash=doc.content_hash, title=doc.title,
                published=doc.published.isoformat() if doc.published else None, publisher=doc.publisher,
                dateline_place=doc.dateline_place, url=doc.url, origin=doc.origin, text=doc.text,
                data=document_json(doc)))
            for actor in result.actors.values():
                row = conn.execute(select(actors.c.data).where(actors.c.id == actor.id)).first()
                data = actor_json(actor)
                if row is None:
                    conn.execute(actors.insert().values(id=actor.id, name=actor.name, kind=actor.kind, data=data))
                else:
                    aliases = list(dict.fromkeys([*row[0].get("aliases", []), *data["aliases"]]))
                    if aliases != row[0].get("aliases"):
                        conn.execute(actors.update().where(actors.c.id == actor.id).values(
                            data={**row[0], "aliases": aliases}))
            if result.claims:
                conn.execute(claims.insert(), [
                    {"id": c.id, "document_id": c.document, "start": c.start, "end": c.end,
                     "modality": c.modality, "event_id": c.event, "data": claim_json(c)} for c in result.claims])
            if result.mentions:
                conn.execute(mentions.insert(), [{"document_id": m.document, "kind": m.kind, "ref": m.ref,
                                                   "data": mention_json(m)} for m in result.mentions])
            for ev in result.events:
                killed = ev.counts.get("killed")
                conn.execute(events.insert().values(
                    id=ev.id, type=ev.type,
                    date_start=ev.date.start.isoformat() if ev.date.start else None,
                    date_end=ev.date.end.isoformat() if ev.date.end else None, date_precision=ev.date.precision,
                    place=ev.location.name, country=ev.location.country, lat=ev.location.lat, lon=ev.location.lon,
                    killed_best=killed.best if killed else None,
                    disputed=int(any(c.disputed for c in ev.counts.values())), data=event_json(ev)))
                for doc_id in ev.documents:
                    conn.execute(event_documents.insert().values(event_id=ev.id, document_id=doc_id))
        return IngestOutcome(doc.id, "added", len(result.events))

    def has_hash(self, digest: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.content_hash == digest)).first() is not None

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("claims", claims), ("events", events),
                                        ("actors", actors))}

    def event_rows(self, disputed_only: bool = False, event_type: str | None = None, limit: int | None = None
                   ) -> list[dict]:
        query = select(events.c.data).order_by(events.c.date_start, events.c.id)
        if disputed_only:
            query = query.where(events.c.disputed == 1)
        if event_type:
            query = query.where(events.c.type == event_type)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(query)]

    def event(self, event_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(events.c.data).where(events.c.id == event_id)).first()
            if row is None:
                row = conn.execute(select(events.c.data).where(events.c.id.like(f"%{event_id}"))).first()
            return row[0] if row else None

    def claims_by_id(self, ids: list[str]) -> dict[str, dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(claims.c.id, claims.c.data).where(claims.c.id.in_(ids)))
            return {row[0]: row[1] for row in rows}

    def document_text(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.text).where(documents.c.id == doc_id)).first()
            return row[0] if row else None

    def actor_rows(self, ids: list[str] | None = None) -> dict[str, dict]:
        query = select(actors.c.id, actors.c.data)
        if ids is not None:
            query = query.where(actors.c.id.in_(ids))
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(query)}

    def export(self) -> Iterator[tuple[str, dict]]:
        """Every row as ledger JSON, section by section: ("documents"|"actors"|"claims"|"events", row)."""
        with self.engine.connect() as conn:
            for name, table, order in (("documents", documents, documents.c.id), ("actors", actors, actors.c.id),
                                       ("claims", claims, claims.c.id), ("events", events, events.c.id),
                                       ("mentions", mentions, mentions.c.id)):
                for row in conn.execute(select(table.c.data).order_by(order)):
                    yield name, row[0]

    def ledger_dict(self) -> dict[str, list]:
        out: dict[str, list] = {"documents": [], "actors": [], "claims": [], "events": [], "mentions": []}
        for name, row in self.export():
            out[name].append(row)
        return out


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()

