"""The per-document pipeline, composed of its stages (docs/architecture.md):

    read -> clean -> metadata -> analyse -> mentions (actors, places) -> claims -> events -> place, date -> result

`process_item` is pure (one raw item in, one `DocumentResult` out), so batches can run on several processes;
`extract` runs it over paths or texts and `assemble` makes one `Ledger` of the results, merging the events
several documents tell (eventledger.reconcile). Each step's work lives in the module it calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from eventledger.claims import ClaimParses, claim_spans, extract_claims, publisher_source, with_events
from eventledger.clean.article import clean_article
from eventledger.events import anchor_events, build_events, date_events, event_mentions, merge_mentions, story_places
from eventledger.extract.actors import default_matcher
from eventledger.extract.attribution import Attributor
from eventledger.extract.counts import load_convention
from eventledger.extract.metadata import read_metadata
from eventledger.extract.places import load_gazetteer, locate_places, outlet_host
from eventledger.model import Actor, Document, DocumentResult, Ledger
from eventledger.nlp.pipeline import analyse, find_entities
from eventledger.read import RawItem, ReadFailure, content_hash, read_paths, text_id, too_long
from eventledger.result import document_actors, mention_rows, promote_aliases, publisher_is_party
from eventledger.settings import Settings

__all__ = ["DocumentResult", "ItemFailure", "Settings", "assemble", "iter_items", "process_item", "process_items",
           "text_item"]


def process_item(raw: RawItem, settings: Settings | None = None) -> DocumentResult:
    """One article from raw text to its claims and events."""
    settings = settings or Settings()
    if (too_big := too_long(raw.text, settings.max_chars)) is not None:
        raise ValueError(too_big)
    matcher = default_matcher(settings.actor_files)
    gazetteer = load_gazetteer(settings.place_files)

    cleaned = clean_article(raw.text, raw.title, scraped=settings.clean_scraped)
    text = cleaned.text.text
    digest = content_hash(raw.text)  # of the input as read, so a batch can skip it before any work
    doc_id = raw.id or text_id(digest)
    title = raw.title or cleaned.title
    meta = read_metadata(text, title, raw.published, raw.reference)

    doc = analyse(text)
    entities = find_entities(doc) if settings.parse and settings.entities else []
    actor_mentions, learned, new_actors = matcher.find_all(doc, entities)
    actors = {**matcher.dictionary.actors, **new_actors}
    # a state's name is its territory too (`in Nigeria`): only other actors' names, and people, are not places
    # (a person's full name the recogniser found holds no place: `Police spokesperson Abdifatah Aden Hassan`)
    blocked = [(m.start, m.end) for m in actor_mentions if actors[m.actor].kind != "state"
               and (m.how != "entity" or (actors[m.actor].kind == "person" and m.text.count(" ") >= 2))]
    places = locate_places(text, gazetteer, meta, raw.url, blocked=blocked)
    # and where the recogniser's organisation or person holds a name the gazetteer places (`Naples`, `the Las
    # Vegas Metropolitan Police`), the place stands: it is the evidence of where, which the actor is not
    actor_mentions = [m for m in actor_mentions if m.how != "entity" or not any(
        p.start < m.end and m.start < p.end for p in places)]

    publisher = publisher_source(meta.publisher, text, actor_mentions, raw.url)
    attributor = Attributor(text, actor_mentions, actors)
    quotes = attributor.quotations()
    spans = claim_spans(doc, quotes, meta.dateline_span)
    parses = ClaimParses(text, spans, actor_mentions, places, enabled=settings.parse)
    claims, contexts, times, counts = extract_claims(
        text, spans, attributor, quotes, parses, publisher, doc_id, meta.published,
        load_convention(settings.convention), actor_mentions, places)

    drafts = merge_mentions(*event_mentions(claims, contexts, text, title))
    for ctx in contexts:  # perpetrators the parse found that no dictionary knows (`bandits killed 14 people`)
        actors.update(ctx.new_actors)
        actor_mentions.extend(m for m in ctx.actors if m.how == "role-filler")
    actor_mentions.sort(key=lambda m: (m.start, m.end))
    events = build_events(drafts, doc_id, claims, actors, story_places(places, meta.dateline_span))
    claims = with_events(claims, events)
    events = anchor_events(date_events(events, claims, meta.dateline_span, meta.published), meta.published, claims)

    document = Document(id=doc_id, text=text, content_hash=digest, title=title, published=meta.published,
                        publisher=meta.publisher, dateline_place=meta.dateline_place, url=raw.url,
                        origin=raw.origin, removed=cleaned.removed, publisher_actor=publisher.actor,
                        publisher_is_party=publisher_is_party(publisher, events))
    return DocumentResult(document=document, actors=document_actors(actors, learned, actor_mentions, claims, doc_id),
                          claims=claims, events=events,
                          mentions=mention_rows(doc_id, cleaned.text, actors, actor_mentions, places, times, counts))


@dataclass(frozen=True)
class ItemFailure:
    """An article that was read but could not be processed, and why (one line)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def _process_safely(args: tuple[RawItem, Settings]) -> DocumentResult | ItemFailure:
    item, settings = args
    try:
        return process_item(item, settings)
    except Exception as exc:  # one bad article must not cost the batch; the reason is reported
        lines = str(exc).strip().splitlines()  # a reason is one line of a log
        return ItemFailure(item.origin, f"{exc.__class__.__name__}: {lines[0] if lines else ''}")


def process_items(items: Iterable[RawItem], settings: Settings | None = None, workers: int = 1
                  ) -> Iterator[DocumentResult | ItemFailure]:
    """Process articles in order, on `workers` processes (process_item is pure, so this is safe). Inputs are
    read as the workers need them (at most `IN_FLIGHT_PER_WORKER` articles each ahead of the results), so a
    crawl of any size streams; on an interruption the articles not yet started are cancelled."""
    settings = settings or Settings()
    jobs = ((item, settings) for item in items)
    if workers <= 1:
        yield from map(_process_safely, jobs)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers)
    pending: deque = deque()
    try:
        for job in jobs:
            pending.append(pool.submit(_process_safely, job))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


IN_FLIGHT_PER_WORKER = 8


def iter_items(inputs: Iterable[str | Path | RawItem], settings: Settings) -> Iterator[RawItem | ReadFailure]:
    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, RawItem):
            yield item
        else:
            paths.append(item)
    if paths:
        yield from read_paths(paths, max_chars=settings.max_chars)


def assemble(results: Iterable[DocumentResult], settings: Settings | None = None) -> Ledger:
    """One ledger from documents' results; with `settings.merge` (the default) the events that several
    documents tell become one event each (eventledger.reconcile)."""
    documents, claims, events, mentions = [], [], [], []
    actors: dict[str, Actor] = {}
    for result in results:
        documents.append(result.document)
        claims.extend(result.claims)
        events.extend(result.events)
        mentions.extend(result.mentions)
        for actor_id, actor in result.actors.items():
            if actor_id in actors:
                merged = tuple(dict.fromkeys((*actors[actor_id].aliases, *actor.aliases)))
                learned = tuple(dict.fromkeys((*actors[actor_id].learned, *actor.learned)))
                actors[actor_id] = replace(actor, aliases=merged, learned=learned)
            else:
                actors[actor_id] = actor
    source_of = {d.id: d.publisher or (outlet_host(d.url) if d.url else None) or d.id for d in documents}
    actors = {k: promote_aliases(a, source_of) for k, a in actors.items()}
    if (settings is None or settings.merge) and len(documents) > 1:
        from eventledger.reconcile import merge_documents

        merged = merge_documents(documents, events, claims, settings.policy if settings else "majority")
        incident_of = {cid: e.id for e in merged for cid in e.claims}
        claims = [replace(c, event=incident_of.get(c.id, c.event)) if c.event else c for c in claims]
        events = merged
    return Ledger(documents=tuple(documents), actors=tuple(actors[k] for k in sorted(actors)),
                  claims=tuple(claims), events=tuple(events), mentions=tuple(mentions))


def text_item(text: str, id: str | None = None, title: str | None = None, published: date | None = None,
              url: str | None = None, reference: str | None = None) -> RawItem:
    """A RawItem from a string, for library use and tests."""
    return RawItem(text=text, origin=id or "<text>", id=id, title=title, published=published, url=url,
                   reference=reference)
