"""Storage: the ledger in SQLite by default (SQLAlchemy Core, so PostgreSQL can follow).

Each document is written in one transaction with its claims, events and actors; a document whose
content hash is already stored is skipped, so ingesting the same file twice changes nothing.
Rows keep their nested parts (sources, participants, counts) as JSON next to indexed columns.

Merging is incremental (eventledger.reconcile): each document's own events are kept as `reports`; each
report is matched only against the incidents in its blocks (`blocks`: event family, ISO week and province,
or a person's name; indexed) and joins one or starts one; the incident's merged event is rebuilt from its
reports and stored in `events`, the table users query. Copies are found through LSH bands of each
document's MinHash signature (`bands`, indexed), so adding a document costs about the same however large the ledger is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    event,
    func,
    or_,
    select,
)

from eventledger.extract.places import outlet_host
from eventledger.ledger_json import actor_json, claim_json, document_json, event_json, source_json
from eventledger.model import Actor, Claim, Document, DocumentResult, LearnedAlias, Source
from eventledger.read import text_id
from eventledger.reconcile.merge import NAME_BLOCK_LIMIT, region_key, region_keys
from eventledger.result import promote_aliases

SCHEMA_VERSION = 3
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
# One row per mention, in columns: its words are the document's text between its offsets.
mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("original_start", Integer), Column("original_end", Integer),
    Column("kind", String, nullable=False), Column("label", String), Column("ref", Text),
)
reports = Table(
    "reports", metadata,
    Column("id", String, primary_key=True),
    Column("incident_id", String, nullable=False, index=True),
    Column("document_id", String, ForeignKey("documents.id"), nullable=False, index=True),
    Column("data", JSON, nullable=False), Column("features", JSON, nullable=False),
)
blocks = Table(
    "blocks", metadata,
    Column("family", String, primary_key=True), Column("week", String, primary_key=True),
    Column("country", String, primary_key=True), Column("incident_id", String, primary_key=True),
)
signatures = Table(
    "signatures", metadata,
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
    Column("group_id", String, nullable=False), Column("hashvalues", JSON, nullable=False),
)
bands = Table(
    "bands", metadata,
    Column("band", Integer, primary_key=True), Column("hash", String, primary_key=True),
    Column("document_id", String, ForeignKey("documents.id"), primary_key=True),
)
# Earlier versions of documents that a new text replaced (a corrected or updated article): the text, the
# document record, its claims and its own events, as they were.
document_versions = Table(
    "document_versions", metadata,
    Column("document_id", String, primary_key=True), Column("version", Integer, primary_key=True),
    Column("content_hash", String, nullable=False, index=True), Column("replaced_by", String, nullable=False),
    Column("text", Text, nullable=False), Column("data", JSON, nullable=False),
)
meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text))


class StoreError(RuntimeError):
    """The database cannot be opened or written."""


@dataclass(frozen=True)
class IngestOutcome:
    document_id: str
    status: str  # "added", "updated" (a new version of a stored document) or "unchanged"
    events: int
    version: int = 1
    change: str = ""  # for "updated": what changed, in one line (`claims 12 -> 14; events 2 -> 3; killed 5 -> 7`)


def _compact_json(value) -> str:
    return json.dumps(value, default=_json_default, separators=(",", ":"), ensure_ascii=False)


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
            self.engine: Engine = create_engine(url, json_serializer=_compact_json)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
                event.listen(self.engine, "begin", _sqlite_begin)
            if self._schema_version() == str(SCHEMA_VERSION):
                return  # an up-to-date ledger: opened without the write lock, so readers never wait for writers
            with self._writing() as conn:
                metadata.create_all(conn)
                row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
                if row is None:
                    conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                elif row[0] in MIGRATIONS:
                    for version in range(int(row[0]), SCHEMA_VERSION):
                        MIGRATIONS[str(version)](conn)
                    conn.execute(meta.update().where(meta.c.key == "schema_version")
                                 .values(value=str(SCHEMA_VERSION)))
                elif row[0] != str(SCHEMA_VERSION):
                    raise StoreError(f"the ledger database {url_or_path} has schema {row[0]}, this eventledger "
                                     f"writes schema {SCHEMA_VERSION}: ingest into a new database")
        except StoreError:
            raise
        except Exception as exc:  # SQLAlchemy wraps driver errors; the user needs the one line
            raise StoreError(f"cannot open the ledger database {url_or_path}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}") from None

    def _schema_version(self) -> str | None:
        """The stored schema version, or None for a new database (read without the write lock)."""
        from sqlalchemy import inspect

        with self.engine.connect() as conn:
            tables = inspect(conn)
            if any(not tables.has_table(name) for name in metadata.tables):
                return None
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
            return row[0] if row else None

    def add(self, result: DocumentResult, policy: str = "majority") -> IngestOutcome:
        """Write one document with its actors, claims and events, all or nothing; its events join the
        incidents already stored or start new ones (`policy`: how counts are reconciled)."""
        doc = result.document
        with self._writing() as conn:
            exists = conn.execute(select(documents.c.id).where(documents.c.content_hash == doc.content_hash)).first()
            if exists is not None:
                return IngestOutcome(exists[0], "unchanged", 0)
            # a version already replaced (an older crawl of the page, read again) is no news either
            replaced = conn.execute(select(document_versions.c.document_id)
                                    .where(document_versions.c.content_hash == doc.content_hash)).first()
            if replaced is not None:
                return IngestOutcome(replaced[0], "unchanged", 0)
            previous = _previous_version(conn, doc)
            version, before = 1, None
            if previous is not None:
                version, before = _retire(conn, previous, doc.id, policy)
                while any(conn.execute(select(table.c.id).where(table.c.id.startswith(
                        f"{doc.id}:v{version}:", autoescape=True))).first() for table in (events, reports)):
                    version += 1  # never reuse an id an incident still has
                result = _versioned(result, version)
            publisher = next((c.sources[0] for c in result.claims if c.sources), None)
            conn.execute(documents.insert().values(
                id=doc.id, content_hash=doc.content_hash, title=doc.title,
                published=doc.published.isoformat() if doc.published else None, publisher=doc.publisher,
                dateline_place=doc.dateline_place, url=doc.url, origin=doc.origin, text=doc.text,
                data=_stored_document(doc, publisher)))
            for actor in result.actors.values():
                row = conn.execute(select(actors.c.data).where(actors.c.id == actor.id)).first()
                data = actor_json(actor)
                if row is None:
                    conn.execute(actors.insert().values(id=actor.id, name=actor.name, kind=actor.kind, data=data))
                else:
                    stored = _with_learned(conn, row[0], data)
                    if stored != row[0]:
                        conn.execute(actors.update().where(actors.c.id == actor.id).values(data=stored))
            if result.claims:
                conn.execute(claims.insert(), [
                    {"id": c.id, "document_id": c.document, "start": c.start, "end": c.end,
                     "modality": c.modality, "event_id": c.event, "data": _stored_claim(c, publisher)}
                    for c in result.claims])
            if result.mentions:
                conn.execute(mentions.insert(), [
                    {"document_id": m.document, "start": m.start, "end": m.end, "original_start": m.original_start,
                     "original_end": m.original_end, "kind": m.kind, "label": m.label, "ref": m.ref}
                    for m in result.mentions])
            merger = _StoredMerge(conn, policy)
            touched = merger.add_document(result)
            for incident_id in touched:
                merger.rebuild(incident_id)
            if before is None:
                return IngestOutcome(doc.id, "added", len(result.events))
            return IngestOutcome(doc.id, "updated", len(result.events), version,
                                 _what_changed(before, _summary(conn, doc.id)))

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction. On SQLite it takes the database's write lock when it begins (`BEGIN
        IMMEDIATE`), so what it reads (is this text stored? which incidents are in these blocks?) cannot
        change under it before it commits: concurrent writers wait for each other (up to the busy timeout)
        instead of failing, and the ledger is the one a sequential ingest in commit order makes."""
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    def has_hash(self, digest: str) -> bool:
        """Whether this text is stored, now or as a version a newer text replaced."""
        with self.engine.connect() as conn:
            return any(conn.execute(select(table.c.content_hash).where(table.c.content_hash == digest)).first()
                       is not None for table in (documents, document_versions))

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
            if row is None:  # the one event whose id ends with it (case-sensitively), if only one does
                ids, total = self.event_ids_matching(event_id, limit=2)
                if total == 1:
                    row = conn.execute(select(events.c.data).where(events.c.id == ids[0])).first()
            return row[0] if row else None

    def claims_by_id(self, ids: list[str]) -> dict[str, dict]:
        with self.engine.connect() as conn:
            return _claims_by_id(conn, ids)

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

    def document_records(self) -> dict[str, dict]:
        """Every document's record without its text (title, date, publisher, address): what exports cite."""
        with self.engine.connect() as conn:
            return {row[0]: {k: v for k, v in row[1].items() if k != "publisher_source"}
                    for row in conn.execute(select(documents.c.id, documents.c.data))}

    def iter_claims(self) -> Iterator[dict]:
        """Every claim as ledger JSON, one at a time in id order (so grouped by document): bounded memory."""
        with self.engine.connect() as conn:
            texts = _DocumentTexts(conn)
            for row in conn.execute(select(*_CLAIM_ROW).order_by(claims.c.id)):
                yield _claim_json(row, *texts.get(row.document_id))

    def export(self) -> Iterator[tuple[str, dict]]:
        """Every row as ledger JSON, section by section ("documents", "actors", "claims", "events",
        "mentions"), one row at a time: a ledger of any size exports in bounded memory."""
        with self.engine.connect() as conn:
            for data, text_ in conn.execute(select(documents.c.data, documents.c.text).order_by(documents.c.id)):
                yield "documents", _document_json(data, text_)
            for row in conn.execute(select(actors.c.data).order_by(actors.c.id)):
                yield "actors", row[0]
            texts = _DocumentTexts(conn)
            for row in conn.execute(select(*_CLAIM_ROW).order_by(claims.c.id)):
                yield "claims", _claim_json(row, *texts.get(row.document_id))
            for row in conn.execute(select(events.c.data).order_by(events.c.id)):
                yield "events", row[0]
            for row in conn.execute(select(mentions).order_by(mentions.c.id)):
                text_, _publisher = texts.get(row.document_id)
                yield "mentions", {"document": row.document_id, "start": row.start, "end": row.end,
                                   "text": text_[row.start:row.end], "kind": row.kind, "label": row.label,
                                   "ref": row.ref, "original_start": row.original_start,
                                   "original_end": row.original_end}

    def ledger_dict(self) -> dict[str, list]:
        out: dict[str, list] = {"documents": [], "actors": [], "claims": [], "events": [], "mentions": []}
        for name, row in self.export():
            out[name].append(row)
        return out

    def event_ids_matching(self, ref: str, limit: int = 10) -> tuple[list[str], int]:
        """The event id `ref` itself if stored, else the ids ending with it (up to `limit`) and how many there
        are in all: so `show e1` can refuse an ending several events share instead of picking one."""
        with self.engine.connect() as conn:
            if conn.execute(select(events.c.id).where(events.c.id == ref)).first() is not None:
                return [ref], 1
            # LIKE ignores case on SQLite: it narrows the search, the comparison decides
            ending = events.c.id.endswith(ref, autoescape=True)
            found = [row[0] for row in conn.execute(select(events.c.id).where(ending).order_by(events.c.id))
                     if row[0].endswith(ref)]
            return found[:limit], len(found)

    def document_history(self, doc_id: str) -> list[dict]:
        """The earlier versions of a document, oldest first: version, content hash, what replaced it, the
        text, the document record, and its claims and own events as they were."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(document_versions).where(document_versions.c.document_id == doc_id)
                                .order_by(document_versions.c.version))
            out = []
            for r in rows:
                data = r.data
                publisher = data["document"].get("publisher_source")
                old_claims = [_claim_json(_HistoryClaim(c), r.text, publisher) for c in data["claims"]]
                out.append({"version": r.version, "content_hash": r.content_hash, "replaced_by": r.replaced_by,
                            "text": r.text, "document": _document_json(data["document"], r.text),
                            "claims": old_claims, "events": data["events"]})
            return out

    def event_ids(self) -> list[str]:
        """Every event id: the table shortens ids to the endings no other event shares."""
        with self.engine.connect() as conn:
            return [row[0] for row in conn.execute(select(events.c.id))]


# How long a writer waits for another's transaction before giving up (each document's is milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 120_000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLAlchemy emits BEGIN itself (see _sqlite_begin), so the driver must not open transactions on its own
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    """Reads begin a plain (deferred) transaction, which never blocks a writer in WAL mode; writes begin
    IMMEDIATE, taking the write lock at once."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("sqlite_immediate") else "BEGIN")



class _StoredSignatures:
    """Copy detection against the stored documents: LSH bands of MinHash signatures, in the database."""

    def __init__(self, conn) -> None:
        from eventledger.reconcile.sources import COPY_THRESHOLD, NUM_PERM

        self.conn = conn
        self.threshold = COPY_THRESHOLD
        self.rows = 4  # 16 bands of 4 rows: pairs near the threshold collide with high probability
        self.bands = NUM_PERM // self.rows
        self.cache: dict[str, list[int]] = {}

    def _load(self, doc_ids: list[str]) -> None:
        missing = [d for d in doc_ids if d not in self.cache]
        if missing:
            for doc_id, values in self.conn.execute(select(signatures.c.document_id, signatures.c.hashvalues)
                                                    .where(signatures.c.document_id.in_(missing))):
                self.cache[doc_id] = values

    def _band_hashes(self, values: list[int]) -> list[str]:
        return [hashlib.blake2b(repr(values[i * self.rows:(i + 1) * self.rows]).encode(), digest_size=8).hexdigest()
                for i in range(self.bands)]

    def add(self, doc_id: str, text: str) -> str:
        from eventledger.reconcile.sources import signature

        values = [int(v) for v in signature(text).hashvalues]
        hashes = self._band_hashes(values)
        # A few colliding documents suffice to find a copy group (its members share the bands); boilerplate
        # pages that collide with thousands must not make a document cost more as the ledger grows.
        candidates = sorted({row[0] for row in self.conn.execute(
            select(bands.c.document_id).where(or_(*(and_(bands.c.band == i, bands.c.hash == h)
                                                   for i, h in enumerate(hashes)))).limit(64))})
        self._load(candidates)
        self.cache[doc_id] = values
        best, best_score = None, self.threshold
        for other in candidates:
            score = self.similarity(doc_id, other)
            if score >= best_score:
                best, best_score = other, score
        group = doc_id
        if best is not None:
            group = self.conn.execute(select(signatures.c.group_id)
                                      .where(signatures.c.document_id == best)).scalar_one()
        self.conn.execute(signatures.insert().values(document_id=doc_id, group_id=group, hashvalues=values))
        self.conn.execute(bands.insert(), [{"band": i, "hash": h, "document_id": doc_id} for i, h in enumerate(hashes)])
        return group

    def similarity(self, a: str, b: str) -> float:
        self._load([a, b])
        if a not in self.cache or b not in self.cache:
            return 0.0
        x, y = self.cache[a], self.cache[b]
        return sum(1 for i, j in zip(x, y, strict=True) if i == j) / len(x)


class _StoredMerge:
    """The incremental merge inside one ingest transaction."""

    def __init__(self, conn, policy: str) -> None:
        self.conn = conn
        self.policy = policy
        self.copies = _StoredSignatures(conn)
        self._documents: dict[str, Document] = {}

    def add_document(self, result: DocumentResult) -> list[str]:
        from eventledger.reconcile.merge import IncidentIndex, Report, date_window, people_named

        doc = result.document
        group = self.copies.add(doc.id, doc.text)
        self._documents[doc.id] = doc
        claim_text = {c.id: c.text for c in result.claims}
        everyone = people_named([doc.text])
        touched: list[str] = []
        renamed: dict[str, str] = {}
        for told in result.events:
            report = Report(told, doc, group, date_window(told.date, doc.published),
                            people_named(claim_text[c] for c in told.claims if c in claim_text), everyone)
            index = IncidentIndex(self.copies)
            for week in index.block_weeks(report):
                family, iso = week
                query = select(blocks.c.incident_id, blocks.c.country).where(blocks.c.family == family,
                                                                             blocks.c.week == _week_key(iso))
                location = report.event.location
                if location.country and location.admin1:
                    query = query.where(blocks.c.country.in_(region_keys(location, ())))
                elif location.country:
                    query = query.where(or_(blocks.c.country.like(f"{location.country}/%"), blocks.c.country == "?"))
                for incident_id, region in self.conn.execute(query):
                    if incident_id not in index.incidents:
                        index.incidents[incident_id] = self._incident(incident_id)
                    if incident_id not in index.blocks[week][region]:
                        index.blocks[week][region].append(incident_id)
            for name_key in index.name_keys(report):  # people named: follow-up stories weeks later
                found = [row[0] for row in self.conn.execute(
                    select(blocks.c.incident_id).where(*_name_block(name_key)).limit(NAME_BLOCK_LIMIT + 1))]
                for incident_id in found:
                    if incident_id not in index.incidents:
                        index.incidents[incident_id] = self._incident(incident_id)
                    index.name_blocks[name_key].append(incident_id)
            incident = index.add(report)
            self.conn.execute(reports.insert().values(
                id=told.id, incident_id=incident.id, document_id=doc.id, data=event_json(told),
                features={"window": [d.isoformat() for d in report.window] if report.window else None,
                          "names": sorted(report.names), "document_names": sorted(everyone), "group": group}))
            self.add_blocks(report, incident.id)
            renamed[told.id] = incident.id
            if incident.id not in touched:
                touched.append(incident.id)
        for claim in result.claims:  # this document's claims now speak of the incident
            if claim.event in renamed and renamed[claim.event] != claim.event:
                self.conn.execute(claims.update().where(claims.c.id == claim.id)
                                  .values(event_id=renamed[claim.event]))
        return touched

    def add_blocks(self, report, incident_id: str) -> None:
        """File the incident under the report's blocks: its weeks and region, and the people it names."""
        from eventledger.reconcile.merge import IncidentIndex

        for family, iso in IncidentIndex.block_weeks(report):
            key = {"family": family, "week": _week_key(iso), "country": region_key(report.event.location),
                   "incident_id": incident_id}
            exists = self.conn.execute(select(blocks.c.incident_id).where(
                *(getattr(blocks.c, k) == v for k, v in key.items()))).first()
            if exists is None:
                self.conn.execute(blocks.insert().values(**key))
        for name_key in IncidentIndex.name_keys(report):
            if self.conn.execute(select(blocks.c.incident_id).where(
                    *_name_block(name_key), blocks.c.incident_id == incident_id)).first() is None:
                family, name = name_key
                self.conn.execute(blocks.insert().values(family=f"name:{family}", week=name, country="*",
                                                         incident_id=incident_id))

    def reblock(self, incident_id: str) -> None:
        """The incident's blocks from the reports it has now (after one of them left)."""
        self.conn.execute(blocks.delete().where(blocks.c.incident_id == incident_id))
        for report in self._incident(incident_id).reports:
            self.add_blocks(report, incident_id)

    def _document(self, doc_id: str) -> Document:
        if doc_id not in self._documents:
            row = self.conn.execute(select(documents.c.published, documents.c.url, documents.c.publisher)
                                    .where(documents.c.id == doc_id)).first()
            self._documents[doc_id] = Document(
                id=doc_id, text="", content_hash="", published=date.fromisoformat(row[0]) if row and row[0] else None,
                url=row[1] if row else None, publisher=row[2] if row else None)
        return self._documents[doc_id]

    def _incident(self, incident_id: str):
        from eventledger.ledger_json import event_from_json
        from eventledger.reconcile.merge import Incident, Report

        incident = Incident(id=incident_id)
        for data, features, doc_id in self.conn.execute(
                select(reports.c.data, reports.c.features, reports.c.document_id)
                .where(reports.c.incident_id == incident_id).order_by(reports.c.id)):
            window = tuple(date.fromisoformat(d) for d in features["window"]) if features["window"] else None
            incident.reports.append(Report(event_from_json(data), self._document(doc_id), features["group"], window,
                                           frozenset(features["names"]), frozenset(features["document_names"])))
        return incident

    def rebuild(self, incident_id: str) -> None:
        """The incident's merged event from all its reports, replacing the stored one."""
        from eventledger.ledger_json import claim_from_json
        from eventledger.reconcile.merge import combine

        incident = self._incident(incident_id)
        needed = sorted({c for r in incident.reports for summary in r.event.counts.values()
                         for v in summary.values for c in v.claims})
        claim_index = {claim_id: claim_from_json(data)
                       for claim_id, data in _claims_by_id(self.conn, needed).items()} if needed else {}
        merged = combine(incident, claim_index, self.policy)
        self.conn.execute(event_documents.delete().where(event_documents.c.event_id == incident_id))
        self.conn.execute(events.delete().where(events.c.id == incident_id))
        killed = merged.counts.get("killed")
        self.conn.execute(events.insert().values(
            id=merged.id, type=merged.type,
            date_start=merged.date.start.isoformat() if merged.date.start else None,
            date_end=merged.date.end.isoformat() if merged.date.end else None, date_precision=merged.date.precision,
            place=merged.location.name, country=merged.location.country, lat=merged.location.lat,
            lon=merged.location.lon, killed_best=killed.best if killed else None,
            disputed=int(any(c.disputed for c in merged.counts.values())), data=event_json(merged)))
        for doc_id in merged.documents:
            self.conn.execute(event_documents.insert().values(event_id=merged.id, document_id=doc_id))


# What a row keeps beyond its columns (docs/storage.md): a document's text is stored once, in its column;
# a claim's and a mention's words are read back from it by their offsets.
_CLAIM_COLUMNS = ("id", "document", "text", "start", "end", "modality", "event")
_CLAIM_ROW = (claims.c.id, claims.c.document_id, claims.c.start, claims.c.end, claims.c.modality,
              claims.c.event_id, claims.c.data)


def _stored_document(doc: Document, publisher: Source | None) -> dict:
    """The document's JSON without its text (in its own column), with the source every claim begins with."""
    data = document_json(doc)
    del data["text"]
    if publisher is not None:
        data["publisher_source"] = source_json(publisher)
    return data


def _document_json(data: dict, text_: str) -> dict:
    return {**{k: v for k, v in data.items() if k != "publisher_source"}, "text": text_}


def _with_learned(conn, stored: dict, data: dict) -> dict:
    """A stored actor with one more document's reading: its dictionary aliases, the names the documents taught
    (with which document), and those names that documents of `PROMOTE_AFTER` independent sources agree on."""
    learned = [dict(t) for t in dict.fromkeys(
        tuple(sorted(e.items())) for e in [*stored.get("learned_aliases", []), *data.get("learned_aliases", [])])]
    aliases = list(dict.fromkeys([*stored.get("aliases", []), *data["aliases"]]))
    if learned:
        docs = sorted({e["document"] for e in learned})
        rows = conn.execute(select(documents.c.id, documents.c.publisher, documents.c.url)
                            .where(documents.c.id.in_(docs))).all()
        source_of = {r[0]: r[1] or (outlet_host(r[2]) if r[2] else None) or r[0] for r in rows}
        actor = promote_aliases(Actor(id=data["id"], name=data["name"], kind=data["kind"], aliases=tuple(aliases),
                                      learned=tuple(LearnedAlias(**e) for e in learned)), source_of)
        aliases = list(actor.aliases)
    out = {**stored, "aliases": aliases}
    if learned:
        out["learned_aliases"] = learned
    return out


def _stored_claim(claim: Claim, publisher: Source | None) -> dict:
    """What a claim's columns and its document do not hold: its chain after the publisher, its content span
    when it is not the whole claim, its dates."""
    data = {key: value for key, value in claim_json(claim).items() if key not in _CLAIM_COLUMNS}
    if publisher is not None and claim.sources and claim.sources[0] == publisher:
        data["chain"] = data.pop("sources")[1:]
    if claim.content is None:
        data["no_content"] = True
    elif (data.get("content_start"), data.get("content_end")) == (claim.start, claim.end):
        del data["content_start"], data["content_end"]
    return data


def _claim_json(row, doc_text: str, publisher: dict | None) -> dict:
    """A claim's ledger JSON from its row and its document, keys in the ledger format's order."""
    data = row.data
    sources = [publisher, *data["chain"]] if "chain" in data else data["sources"]
    out = {"id": row.id, "document": row.document_id, "text": doc_text[row.start:row.end], "start": row.start,
           "end": row.end, "sources": sources, "modality": row.modality, "event": row.event_id}
    if not data.get("no_content"):
        out["content_start"] = data.get("content_start", row.start)
        out["content_end"] = data.get("content_end", row.end)
    out.update((key, value) for key, value in data.items() if key not in ("sources", "chain", "no_content"))
    return out


def _claims_by_id(conn: Connection, ids: list[str]) -> dict[str, dict]:
    texts = _DocumentTexts(conn)
    return {row.id: _claim_json(row, *texts.get(row.document_id))
            for row in conn.execute(select(*_CLAIM_ROW).where(claims.c.id.in_(ids)).order_by(claims.c.id))}


class _HistoryClaim:
    """A claim kept in a document's history, shaped like a claims row for `_claim_json`."""

    def __init__(self, kept: dict) -> None:
        self.id, self.start, self.end = kept["id"], kept["start"], kept["end"]
        self.modality, self.event_id, self.data = kept["modality"], kept["event"], kept["data"]
        self.document_id = kept["id"].rsplit(":c", 1)[0]


class _DocumentTexts:
    """Documents' texts (and publisher sources) read as needed, the latest kept: rows come grouped by
    document."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.doc_id: str | None = None
        self.value: tuple[str, dict | None] = ("", None)

    def get(self, doc_id: str) -> tuple[str, dict | None]:
        if doc_id != self.doc_id:
            self.doc_id = doc_id
            row = self.conn.execute(select(documents.c.text, documents.c.data).where(documents.c.id == doc_id)).one()
            self.value = (row.text, row.data.get("publisher_source"))
        return self.value


def _migrate_2_to_3(conn: Connection) -> None:
    """Schema 3 stores each document's text once: documents' and claims' JSON lose the copies of it, and
    mentions become columns. Runs inside the opening transaction: all or nothing."""
    for doc_id, data in conn.execute(select(documents.c.id, documents.c.data)).all():
        if "text" in data:
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(data={k: v for k, v in data.items() if k != "text"}))
    for claim_id, data in conn.execute(select(claims.c.id, claims.c.data)).all():
        conn.execute(claims.update().where(claims.c.id == claim_id)
                     .values(data={k: v for k, v in data.items() if k not in _CLAIM_COLUMNS}))
    old = [(row[0], json.loads(row[1]) if isinstance(row[1], str) else row[1])
           for row in conn.exec_driver_sql("SELECT document_id, data FROM mentions ORDER BY id")]
    conn.exec_driver_sql("DROP TABLE mentions")  # and its indexes
    mentions.create(conn)
    if old:
        conn.execute(mentions.insert(), [
            {"document_id": doc_id, "start": m["start"], "end": m["end"], "original_start": m.get("original_start"),
             "original_end": m.get("original_end"), "kind": m["kind"], "label": m.get("label"), "ref": m.get("ref")}
            for doc_id, m in old])


# schema version -> the step to the next one
MIGRATIONS = {"2": _migrate_2_to_3}


def _previous_version(conn: Connection, doc: Document) -> str | None:
    """The stored document a new text replaces: the one with the same id, else (ids made from the text
    change with it) the one from the same web address."""
    if conn.execute(select(documents.c.id).where(documents.c.id == doc.id)).first() is not None:
        return doc.id
    if doc.url and _derived_id(doc.id, doc.content_hash):
        for stored_id, digest in conn.execute(select(documents.c.id, documents.c.content_hash)
                                              .where(documents.c.url == doc.url).order_by(documents.c.id)):
            if _derived_id(stored_id, digest):  # never a document its source named: feeds share addresses
                return stored_id
    return None


def _derived_id(doc_id: str, digest: str) -> bool:
    """Whether a document's id was made from its text (it came with none: `doc-<hash>`)."""
    return doc_id == text_id(digest)


def _summary(conn: Connection, doc_id: str) -> dict:
    """What a version of a document says, for telling a user what an update changed."""
    told = [row[0] for row in conn.execute(select(reports.c.data).where(reports.c.document_id == doc_id)
                                           .order_by(reports.c.id))]
    # the main (first) event's figures: a document's events are different incidents, never added up
    tolls = {kind: summary["best"] for kind, summary in (told[0].get("counts", {}) if told else {}).items()}
    return {"claims": conn.execute(select(func.count()).select_from(claims).where(claims.c.document_id == doc_id))
            .scalar_one(), "events": len(told), "types": sorted({e["type"] for e in told}), "counts": tolls}


def _what_changed(before: dict, after: dict) -> str:
    changes = [f"{key} {before[key]} -> {after[key]}" for key in ("claims", "events") if before[key] != after[key]]
    if before["types"] != after["types"]:
        changes.append(f"types {', '.join(before['types']) or '-'} -> {', '.join(after['types']) or '-'}")
    for kind in sorted(set(before["counts"]) | set(after["counts"])):
        old, new = before["counts"].get(kind), after["counts"].get(kind)
        if old != new:
            changes.append(f"main event {kind} {old if old is not None else '-'} -> "
                           f"{new if new is not None else '-'}")
    return "; ".join(changes) or "same claims, events and counts"


def _retire(conn: Connection, doc_id: str, new_id: str, policy: str) -> tuple[int, dict]:
    """Move a stored document's current version into its history and take its claims, mentions, reports and
    copy signature out of the ledger; the incidents it reported are rebuilt from their other reports (or
    removed when it was their only one). Returns the new version's number and what the old one said."""
    before = _summary(conn, doc_id)
    row = conn.execute(select(documents.c.text, documents.c.content_hash, documents.c.data)
                       .where(documents.c.id == doc_id)).one()
    if new_id != doc_id:  # an id made from the text changes with it: the history follows the page
        conn.execute(document_versions.update().where(document_versions.c.document_id == doc_id)
                     .values(document_id=new_id))
    current = 1 + (conn.execute(select(func.max(document_versions.c.version))
                                .where(document_versions.c.document_id == new_id)).scalar_one() or 0)
    old_claims = [{"id": r.id, "start": r.start, "end": r.end, "modality": r.modality, "event": r.event_id,
                   "data": r.data} for r in conn.execute(select(*_CLAIM_ROW).where(claims.c.document_id == doc_id)
                                                         .order_by(claims.c.start))]
    old_events = [r[0] for r in conn.execute(select(reports.c.data).where(reports.c.document_id == doc_id)
                                             .order_by(reports.c.id))]
    conn.execute(document_versions.insert().values(
        document_id=new_id, version=current, content_hash=row.content_hash, replaced_by=new_id, text=row.text,
        data={"document": row.data, "claims": old_claims, "events": old_events}))
    incidents = sorted({r[0] for r in conn.execute(select(reports.c.incident_id)
                                                   .where(reports.c.document_id == doc_id))})
    for table in (claims, mentions, reports, bands, signatures, event_documents):
        conn.execute(table.delete().where(table.c.document_id == doc_id))
    conn.execute(documents.delete().where(documents.c.id == doc_id))
    merger = _StoredMerge(conn, policy)
    for incident_id in incidents:
        if conn.execute(select(reports.c.id).where(reports.c.incident_id == incident_id)).first() is None:
            conn.execute(event_documents.delete().where(event_documents.c.event_id == incident_id))
            conn.execute(events.delete().where(events.c.id == incident_id))
            conn.execute(blocks.delete().where(blocks.c.incident_id == incident_id))
        else:
            merger.reblock(incident_id)
            merger.rebuild(incident_id)
    return current + 1, before


def _versioned(result: DocumentResult, version: int) -> DocumentResult:
    """A new version's events take new ids (`doc:v2:e1`): an incident the old version started may live on
    in other documents' reports under the old id."""
    prefix = f"{result.document.id}:e"

    def renamed(event_id: str | None) -> str | None:
        if event_id and event_id.startswith(prefix):
            return f"{result.document.id}:v{version}:e{event_id[len(prefix):]}"
        return event_id

    return replace(result, events=[replace(e, id=renamed(e.id)) for e in result.events],
                   claims=[replace(c, event=renamed(c.event)) for c in result.claims])


def _name_block(key: tuple[str, str]) -> tuple:
    """Where clauses for the incidents whose reports name a person: rows (`name:<family>`, name, `*`)."""
    family, name = key
    return blocks.c.family == f"name:{family}", blocks.c.week == name, blocks.c.country == "*"


def _week_key(iso) -> str:
    return f"{iso[0]}-W{iso[1]:02d}" if iso else "none"
