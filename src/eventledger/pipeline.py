"""The per-document pipeline: read -> clean -> analyse -> mentions -> claims -> events -> reconcile.

`process_item` is pure (one raw item in, one `DocumentResult` out) so batches can run on several
processes; `extract` runs it over paths or texts and assembles a `Ledger`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from eventledger.clean.normalize import normalize_text
from eventledger.clean.scraped import Cleaned, clean_scraped, headline_of_title
from eventledger.extract.actors import ActorMatcher, default_matcher
from eventledger.extract.attribution import SPEECH_WORD, Attribution, Attributor, SpeakerMemory, modality_of
from eventledger.extract.counts import CountMention, find_counts, load_convention
from eventledger.extract.events import (
    AGGREGATE,
    STORY_WINDOW_DAYS,
    EventMention,
    SentenceContext,
    count_only,
    event_types,
    find_event_mentions,
    has_trigger,
    targets_only,
)
from eventledger.extract.metadata import read_metadata
from eventledger.extract.places import (
    Gazetteer,
    Place,
    PlaceMention,
    dateline_places,
    find_places,
    load_gazetteer,
    outlet_home,
    outlet_host,
    resolve_in_context,
    specificity,
)
from eventledger.extract.times import TimeMention, find_times
from eventledger.model import (
    Actor,
    Claim,
    CountSummary,
    CountValue,
    Document,
    Event,
    Ledger,
    Location,
    Mention,
    Participant,
    Source,
    TimeValue,
)
from eventledger.nlp.pipeline import build_pipeline, parse_sentences
from eventledger.read import RawItem, ReadFailure, content_hash, read_paths

PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "range": 3, "year": 4, "unknown": 5}
LOCATION_PRECISION = {"camp": "exact", "base": "exact", "checkpoint": "exact", "neighbourhood": "exact",
                      "city": "exact", "admin2": "district", "admin1": "province", "country": "country",
                      "unlocated": "province"}  # a town the gazetteer lacks: its province's coordinates


@dataclass(frozen=True)
class Settings:
    """Options for one run; passed whole through the stages."""

    actor_files: tuple[str, ...] = ()
    place_files: tuple[str, ...] = ()
    convention: str = "isaf"
    max_bytes: int = 10_000_000
    clean_scraped: bool = True  # False for text that arrives clean: offsets then equal the input's
    # Read roles and speakers from the shipped parser, with the word rules as the fallback (docs/architecture.md).
    # Off (--no-parse) is faster and uses the rules alone; without a shipped model the rules run either way.
    parse: bool = True
    # Merge events told by several documents (extract over many inputs; ingest against the ledger), and
    # the reconciliation policy for their counts: "majority" (the value most independent sources give) or
    # "conservative" (the lowest figure, as ACLED codes).
    merge: bool = True
    policy: str = "majority"


@dataclass
class DocumentResult:
    document: Document
    actors: dict[str, Actor]
    claims: list[Claim]
    events: list[Event]
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class EventDraft:
    mentions: list[tuple[EventMention, str]] = field(default_factory=list)  # (mention, claim id)


def _doc_id(raw: RawItem, digest: str) -> str:
    if raw.id:
        return raw.id
    return f"doc-{digest[:12]}"


def process_item(raw: RawItem, settings: Settings | None = None) -> DocumentResult:
    """One article from raw text to its claims and events."""
    settings = settings or Settings()
    matcher: ActorMatcher = default_matcher(settings.actor_files)
    gazetteer: Gazetteer = load_gazetteer(settings.place_files)
    convention = load_convention(settings.convention)

    # The headline is part of what the report says (`Three People Dead East of Bozeman`): analysed with the
    # text, first, unless the text already begins with it.
    words_of_title = headline_of_title(raw.title)
    body = raw.text
    if words_of_title and _key(words_of_title)[:40] not in _key(raw.text[:400]):
        body = f"{words_of_title}\n\n{raw.text}"
    normalized = normalize_text(body)
    cleaned = clean_scraped(normalized, raw.title) if settings.clean_scraped else Cleaned(normalized, (), raw.title)
    text = cleaned.text.text
    digest = content_hash(raw.text)  # of the input as read, so a batch can skip it before any work
    doc_id = _doc_id(raw, digest)
    title = raw.title or cleaned.title
    meta = read_metadata(text, title, raw.published, raw.reference)
    published = meta.published

    doc = build_pipeline()(text)
    actor_mentions, learned, new_actors = matcher.find_all(doc)
    actors = {**matcher.dictionary.actors, **new_actors}
    places = find_places(text, gazetteer, blocked=[(m.start, m.end) for m in actor_mentions],
                         dateline=meta.dateline_place)
    home = outlet_home(raw.url, gazetteer)
    dateline = dateline_places(gazetteer, meta.dateline_place, meta.dateline_region, home)
    dateline_countries = {p.country for p in dateline}
    dateline_regions = {(p.country, p.admin1 or p.name) for p in dateline if p.kind != "country"}
    places = resolve_in_context(places, gazetteer, dateline_countries, dateline_regions, home,
                                meta.dateline_place if dateline else None, dateline[-1] if dateline else None)
    places = _with_dateline_town(places, text, meta.dateline_span, meta.dateline_place, dateline)

    publisher_actor = None
    if meta.publisher:
        at = text.find(meta.publisher)
        inside = [m for m in actor_mentions if at <= m.start < at + len(meta.publisher)]
        publisher_actor = inside[0].actor if inside else None
    publisher = Source(name=meta.publisher or (raw.url and outlet_host(raw.url)) or "publisher", kind="publisher",
                       actor=publisher_actor, cue=None)

    attributor = Attributor(text, actor_mentions, actors)
    quotes = attributor.quotations()
    heard_before_quotes = len(attributor.memory.seen)
    known_dates: dict[tuple[int, int], int] = {}
    time_mentions: list[TimeMention] = []
    count_mentions: list[CountMention] = []
    claims: list[Claim] = []
    mentions: list[tuple[EventMention, str]] = []
    said_on_by_speaker: dict[str, TimeValue] = {}
    dateline_end = meta.dateline_span[1] if meta.dateline_span else -1
    first_line_end = text.find("\n") if "\n" in text else len(text)
    headline_mentions: list[tuple[EventMention, str]] = []

    segments = []
    for start, end in _segments(doc, quotes):
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start <= dateline_end <= end and dateline_end - start < 120:
            start = dateline_end
            while start < end and text[start] in ' "—–-':
                start += 1 if text[start] != '"' else 0
                if text[start] == '"':
                    break
        if len(text[start:end].split()) >= 3:
            segments.append((start, end))
    parses = _parse_claims(text, segments, actor_mentions, places) if settings.parse else {}

    for start, end in segments:
        times = find_times(text[start:end], published, offset=start, known=known_dates)
        time_mentions.extend(times)
        chain: list[Source] = [publisher]
        cues: list[str] = []
        content = (start, end)
        said_on = None
        quote = _enclosing_quote(quotes, start, end)
        if quote is not None:
            speaker = _antecedent(quote.sources[0], attributor.memory.seen[heard_before_quotes:])
            chain.append(speaker)
            cues.append(quote.cue or "")
            if quote.content:
                content = (max(start, quote.content[0]), min(end, quote.content[1]))
            said_on = _said_on(text, quote, times, published, known_dates) or said_on_by_speaker.get(speaker.name)
            if said_on is not None:
                said_on_by_speaker.setdefault(speaker.name, said_on)
        in_sentence = attributor.in_sentence(start, end)
        if not in_sentence and quote is None and (start, end) in parses:
            # The rules found no frame: the parse may (`speaker` = subject of the reporting verb).
            in_sentence = attributor.from_parse(parses[(start, end)], start)
        for attribution in in_sentence:
            source = attribution.sources[0]
            if any(s.name == source.name for s in chain[1:]):
                continue
            chain.append(source)
            cues.append(attribution.cue or "")
            if attribution.content:
                content = (max(content[0], attribution.content[0]), min(content[1], attribution.content[1]))
        claim_text = text[start:end]
        claim_index = len(claims)
        claim_id = f"{doc_id}:c{claim_index + 1}"
        modality = modality_of(claim_text, cues)
        counts = find_counts(claim_text, offset=start, convention=convention)
        count_mentions.extend(counts)
        parsed = parses.get((start, end))
        ctx = SentenceContext(
            claim_index=claim_index, start=start, end=end, text=claim_text,
            # the speakers (`..., police spokesman Mohammed Shehu said`) are sources, not participants
            actors=[m for m in actor_mentions if start <= m.start and m.end <= end
                    and not any(s.span and s.span[0] <= m.start and m.end <= s.span[1] for s in chain[1:])],
            places=[p for p in places if start <= p.start and p.end <= end],
            times=times, counts=counts, said_on=said_on, published=published, parsed=parsed)
        sentence_mentions = find_event_mentions(ctx) if modality not in ("hypothetical", "denied") else []
        headline = start <= first_line_end and title is not None and _key(text[start:end]) in _key(title)
        for mention in sentence_mentions:
            (headline_mentions if headline else mentions).append((mention, claim_id))
        if not sentence_mentions and not counts and modality not in ("hypothetical", "denied"):
            target = targets_only(ctx)
            if target is not None:
                mentions.append((target, claim_id))
        if not sentence_mentions and counts and not any(c.negated for c in counts) and not AGGREGATE.search(
                claim_text):
            mentions.append((count_only(ctx, [c for c in counts if not c.negated]), claim_id))
        claims.append(Claim(id=claim_id, document=doc_id, text=claim_text, start=start, end=end,
                            sources=tuple(chain), modality=modality, said_on=said_on,
                            dates=tuple(t.value for t in times),
                            content=content if content[1] > content[0] else (start, end)))

    focus = focus_place(places, meta.dateline_span)
    dateline_focus = focus_place(places, meta.dateline_span, with_dateline=True)
    if focus is not None and focus.residence and dateline_focus is not None and not dateline_focus.residence:
        focus = None  # `SALEM, Mass. -- ... Merced, of Miami, Florida`: the dateline's town before a victim's home
    drafts = merge_mentions(mentions, headline_mentions)
    events: list[Event] = []
    event_of_claim: dict[str, str] = {}
    for index, draft in enumerate(drafts, start=1):
        event_id = f"{doc_id}:e{index}"
        event = build_event(event_id, doc_id, draft, claims, actors)
        if event is None:
            continue
        if not all(m.background for m, _ in draft.mentions):
            event = _place_from_context(event, claims, places, meta.dateline_span)
            event = _place_from_document(event, claims, focus, dateline_focus)
            if event.location.precision in ("district", "province"):
                event = _place_from_document(event, claims, focus, dateline_focus, places)  # the county's town
            if event.location.name is None and focus is None and dateline_focus is not None:
                event = _place_from_document(event, claims, dateline_focus)
                event = replace(event, location=replace(event.location, basis="dateline"))
        events.append(event)
        for claim_id in event.claims:
            event_of_claim.setdefault(claim_id, event_id)
    claims = [replace(c, event=event_of_claim.get(c.id)) for c in claims]
    if events and events[0].date.precision == "unknown":
        events[0] = _date_from_lede(events[0], claims, dateline_end)
    if events and events[0].date.precision == "unknown" and published is not None:
        events[0] = _date_from_story(events[0], claims, dateline_end, published)
    if published is not None:
        # Not stated: on or in the week before publication (how ACLED and UCDP code undated reports).
        undated = TimeValue(start=published - timedelta(days=6), end=published, precision="week", text=None,
                            basis="publication")
        events = [replace(e, date=undated) if e.date.precision == "unknown" else e for e in events]

    used = {m.actor for m in actor_mentions} | {s.actor for c in claims for s in c.sources if s.actor}
    doc_actors = {}
    for actor_id in sorted(used):
        actor = actors[actor_id]
        extra = tuple(sorted(a for a in learned.get(actor_id, ()) if a not in actor.aliases and a != actor.name))
        doc_actors[actor_id] = replace(actor, aliases=actor.aliases + extra) if extra else actor
    is_party = bool(publisher_actor) and any(
        p.actor == publisher_actor and p.role == "victim" for e in events for p in e.participants)
    document = Document(id=doc_id, text=text, content_hash=digest, title=title, published=published,
                        publisher=meta.publisher, dateline_place=meta.dateline_place, url=raw.url,
                        origin=raw.origin, removed=cleaned.removed, publisher_actor=publisher_actor,
                        publisher_is_party=is_party)
    origin = cleaned.text

    def located(start: int, end: int, **fields) -> Mention:
        a, b = origin.to_original(start, end)
        return Mention(document=doc_id, start=start, end=end, text=text[start:end], original_start=a,
                       original_end=b, **fields)

    mentions = [located(m.start, m.end, kind="actor", label=actors[m.actor].kind, ref=m.actor)
                for m in actor_mentions]
    mentions += [located(p.start, p.end, kind="place", label=p.place.kind, ref=p.place.name) for p in places]
    mentions += [located(t.start, t.end, kind="time", label=t.value.precision, ref=time_ref(t.value))
                 for t in time_mentions]
    mentions += [located(c.group_start, c.group_end, kind="quantity", label=c.kind, ref=str(c.value))
                 for c in count_mentions if c.group_end > c.group_start]
    mentions.sort(key=lambda m: (m.start, m.end))
    return DocumentResult(document, doc_actors, claims, events, mentions)


def _antecedent(speaker: Source, heard: list[Source]) -> Source:
    """`"...," he told reporters`: the quotations are read before the sentences, so a pronoun's speaker is
    the last matching one the sentences before the quote named (`Raila Odinga ... said`)."""
    pronoun = speaker.name.lower()
    if pronoun not in ("he", "she", "they"):
        return speaker
    for earlier in reversed(heard):
        if SpeakerMemory.could_be(pronoun, earlier) and earlier.name.lower() not in ("he", "she", "they"):
            return replace(speaker, name=earlier.name, kind=earlier.kind, actor=earlier.actor)
    return speaker


def time_ref(value: TimeValue) -> str | None:
    """A TimeML-style value: 2013-09-01, 2013-09, 2013, 2013-W35; ranges and unknowns give None."""
    if value.start is None:
        return None
    if value.precision == "day":
        return value.start.isoformat()
    if value.precision == "month":
        return value.start.strftime("%Y-%m")
    if value.precision == "year":
        return str(value.start.year)
    if value.precision == "week":
        year, week, _ = value.start.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def _place_from_context(event: Event, claims: list[Claim], places: list[PlaceMention],
                        dateline_span: tuple[int, int] | None) -> Event:
    """An event told without a place happened where the story last put the reader: the latest place named
    before its first claim (`in Panjwai district, Kandahar province ... The force also detained ...`)."""
    if event.location.name is not None:
        return event
    first = min((c for c in claims if c.id in event.claims), key=lambda c: c.start, default=None)
    if first is None:
        return event
    # where people live or were treated (`a Minnetonka teen`) is left to the story's place, which weighs it last
    before = [p for p in places if p.end <= first.end and p.place.kind != "country" and not p.residence
              and not p.treated and not (dateline_span and dateline_span[0] <= p.start < dateline_span[1])]
    if not before:
        return event
    last_claim = max((c for c in claims if c.start <= before[-1].start < c.end), key=lambda c: c.start, default=None)
    same_claim = [p for p in before if last_claim and last_claim.start <= p.start < last_claim.end]
    chosen = min(same_claim or before[-1:], key=lambda p: specificity(p.place))
    source_claim = last_claim.id if last_claim else first.id
    return replace(event, location=_location(chosen, (source_claim,), basis="context"),
                   claims=event.claims if source_claim in event.claims else (*event.claims, source_claim))


TOWN_KINDS = ("camp", "base", "checkpoint", "neighbourhood", "city", "unlocated")


def _with_dateline_town(places: list[PlaceMention], text: str, span: tuple[int, int] | None, name: str | None,
                        dateline: list[Place]) -> list[PlaceMention]:
    """A dateline town the gazetteer lacks (`ST.AUGUSTINE, Fla -`) that no place mention covers becomes one,
    so the story's place can be its dateline's when the event's own words name only the county."""
    if span is None or not name or not dateline or dateline[-1].kind != "unlocated" or any(
            span[0] <= p.start < span[1] for p in places):
        return places
    pattern = r"\.\s*".join(re.escape(part) for part in re.split(r"\.\s*", name))
    found = re.compile(pattern, re.I).search(text, span[0], span[1])
    if found is None:
        return places
    mention = PlaceMention(found.start(), found.end(), found.group(0), dateline[-1], cued=True)
    return sorted([*places, mention], key=lambda p: p.start)


def focus_place(places: list[PlaceMention], dateline_span: tuple[int, int] | None,
                with_dateline: bool = False) -> PlaceMention | None:
    """The place the story is about: the town, camp or neighbourhood its body names most often (ties: the
    first named), else its most named district. The dateline counts only `with_dateline`: it says where the
    reporter filed from, which is the event's place only when the event's own words agree."""
    body = [p for p in places
            if with_dateline or not (dateline_span and dateline_span[0] <= p.start < dateline_span[1])]
    # Where people live (`Freeman, 28, of Wilmington`) or were treated (`a hospital in Spokane`) counts only
    # when nothing else is named.
    for aside, kinds in ((False, TOWN_KINDS), (False, ("admin2",)), (True, TOWN_KINDS)):
        named = [p for p in body if p.place.kind in kinds and (p.residence or p.treated) == aside]
        if named:
            counts = Counter(p.place for p in named)
            return max(named, key=lambda p: (counts[p.place], -p.start))
    return None


def _inside(place: Place, location: Location) -> bool:
    """Whether a town lies in the unit an event was placed in (a town the gazetteer lacks: in its province)."""
    if location.precision == "district" and place.kind == "unlocated":
        return place.admin1 == location.admin1 and place.country == location.country
    return (location.precision == "district" and place.admin2 == location.name and place.admin1 == location.admin1) \
        or (location.precision == "province" and place.admin1 == location.name == location.admin1) \
        or (location.precision == "country" and place.country == location.country)


def _place_from_document(event: Event, claims: list[Claim], focus: PlaceMention | None,
                         dateline_focus: PlaceMention | None = None, places: Iterable[PlaceMention] = ()) -> Event:
    """An event whose sentences name no place, or only a district, province or country that contains the
    story's place, happened at the story's place (`a shooting in Butler County` in a story about Poplar
    Bluff; `GRANITE FALLS, N.C. -- ... in Caldwell County`, where the dateline's town lies in the county the
    event's sentence names); failing those, at the town inside that unit the story names most often (where
    people live last). Its evidence is the claim that first names that place."""
    location = event.location
    if location.name is not None:
        candidates = [f for f in (focus, dateline_focus) if f is not None and f.place.kind in TOWN_KINDS
                      and _inside(f.place, location)]
        if not candidates and location.precision in ("district", "province"):
            # a town the gazetteer lacks is only assumed in the unit; where someone lives, that is too weak
            inside = [p for p in places if p.place.kind in TOWN_KINDS and _inside(p.place, location)
                      and not (p.residence and p.place.kind == "unlocated")]
            counts = Counter((p.residence, p.place) for p in inside)
            candidates = sorted(inside, key=lambda p: (p.residence, -counts[(p.residence, p.place)], p.start))
        if not candidates and location.precision == "district":
            # `a home near Acworth` with `the Bartow County Jail`: a place near a town can lie over the town's
            # county line, so the town places the event and the county stays the one the text names
            candidates = [p for p in places if p.near and p.place.kind == "city" and not p.residence
                          and p.place.country == location.country and p.place.admin1 == location.admin1
                          and _km_between(p.place, location) <= _NEIGHBOURING_KM]
            candidates = [replace(p, place=replace(p.place, admin2=location.admin2)) for p in candidates[:1]]
        focus = candidates[0] if candidates else None
    if focus is None:
        return event
    # The claim naming the place; for a dateline, the lede it heads.
    source = next((c for c in claims if c.start <= focus.start < c.end), None) or \
        next((c for c in claims if c.start >= focus.end and c.start - focus.end < 80), None)
    if source is None:
        return event
    evidence = tuple(dict.fromkeys((*location.claims, source.id)))
    return replace(event, location=_location(focus, evidence, basis="document"),
                   claims=event.claims if source.id in event.claims else (*event.claims, source.id))


_NEIGHBOURING_KM = 50  # a town this close to a county's towns can lie just over its line


def _km_between(place: Place, location: Location) -> float:
    """Great-circle distance between a place and a location; infinite when either has no coordinates."""
    if None in (place.lat, place.lon, location.lat, location.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (place.lat, place.lon, location.lat, location.lon))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _location(place: PlaceMention, claims: tuple[str, ...], basis: str = "event") -> Location:
    p = place.place
    precision = LOCATION_PRECISION.get(p.kind, "unknown")
    if place.near and precision == "exact":
        precision = "near"
    return Location(name=p.name, country=p.country or None, admin1=p.admin1 if p.kind != "country" else None,
                    admin2=p.admin2, lat=p.lat, lon=p.lon, precision=precision, claims=claims, basis=basis,
                    city=p.part_of, ambiguous=place.ambiguous)


def _date_from_lede(event: Event, claims: list[Claim], dateline_end: int) -> Event:
    """News convention: the lede dates the main story. An undated first event takes a day-precise date
    written in the first sentence of the body (not the dateline's own date)."""
    body = [c for c in claims if c.start >= dateline_end and len(c.text.split()) >= 8]
    if not body:
        return event
    lede = body[0]
    days = [d for d in lede.dates if d.precision == "day" and d.start is not None]
    if not days:
        return event
    return replace(event, date=replace(days[0], basis="lede"), date_claims=(lede.id,),
                   claims=event.claims if lede.id in event.claims else (*event.claims, lede.id))


def _date_from_story(event: Event, claims: list[Claim], dateline_end: int, published: date) -> Event:
    """An undated main story takes the earliest day its body names in the week up to publication
    (`... police said Saturday`, `the shooting Tuesday night`): a story reports its event first and
    what followed after. Basis `story`; the claim naming the day is its evidence."""
    found = [(d, c) for c in claims if c.start >= dateline_end for d in c.dates
             if d.precision == "day" and d.start is not None and 0 <= (published - d.start).days <= 7]
    if not found:
        return event
    day, claim = min(found, key=lambda dc: (dc[0].start, dc[1].start))
    return replace(event, date=replace(day, basis="story"), date_claims=(claim.id,),
                   claims=event.claims if claim.id in event.claims else (*event.claims, claim.id))


def _parse_claims(text: str, segments: list[tuple[int, int]], actor_mentions, places) -> dict:
    """Parse, in one batch, the claims that hold an event or role word, with known names as single tokens."""
    wanted = [(s, e) for s, e in segments if has_trigger(text[s:e]) or SPEECH_WORD.search(text[s:e])]
    names = [[(m.start - s, m.end - s) for m in actor_mentions if s <= m.start and m.end <= e and not m.generic]
             + [(p.start - s, p.end - s) for p in places if s <= p.start and p.end <= e] for s, e in wanted]
    return dict(zip(wanted, parse_sentences([text[s:e] for s, e in wanted], names), strict=False))


def _segments(doc, quotes: list[Attribution]) -> Iterator[tuple[int, int]]:
    """Sentences, each cut where a quotation opens after its frame (`X said, "...`): the frame is the
    publisher's words, the quotation the speaker's."""
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        for quote in quotes:
            if start + 1 < quote.start < end - 1 and doc.text[start:quote.start].strip():
                yield start, quote.start
                start = quote.start
        yield start, end


def _enclosing_quote(quotes: list[Attribution], start: int, end: int) -> Attribution | None:
    for quote in quotes:
        inner_start, inner_end = quote.start + 1, quote.end - 1
        overlap = min(end, inner_end) - max(start, inner_start)
        if overlap > 0.5 * (end - start) or (overlap > 0 and overlap >= 0.8 * (inner_end - inner_start)):
            return quote
    return None


def _said_on(text: str, quote: Attribution, times: list[TimeMention], published: date | None,
             known: dict[tuple[int, int], int]) -> TimeValue | None:
    """The date a quotation was spoken: a date in its frame before the quote (`In September 2017, ... said,`)."""
    line_start = text.rfind("\n", 0, quote.start) + 1
    frame = text[line_start:quote.start]
    if not frame.strip():
        return None
    found = find_times(frame, published, offset=line_start, known=dict(known))
    for time in found:
        if time.value.start is not None:
            return time.value
    return None


def _compatible_dates(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None or a.start is None and a.end is None or b.start is None and b.end is None:
        return True
    a_start, a_end = _bounded_start(a), a.end or date.max
    b_start, b_end = _bounded_start(b), b.end or date.max
    return a_start <= b_end and b_start <= a_end


def _bounded_start(value: TimeValue) -> date:
    """The start of a date for comparison; a bound with no start (`by Thursday`) reaches back a story window."""
    if value.start is None and value.end is not None:
        return value.end - timedelta(days=STORY_WINDOW_DAYS)
    return value.start or date.min


def _compatible_places(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.country and pb.country and pa.country != pb.country:
        return False
    if pa.name == pb.name or "country" in (pa.kind, pb.kind):
        return True
    names_a = {pa.name, pa.admin1, pa.admin2} - {None}
    names_b = {pb.name, pb.admin1, pb.admin2} - {None}
    if pa.kind in ("admin1", "admin2") or pb.kind in ("admin1", "admin2"):
        return bool(names_a & names_b)
    return False


def _draft_date(draft: EventDraft) -> TimeValue | None:
    dated = [m.date for m, _ in draft.mentions if m.date is not None]
    return min(dated, key=lambda d: PRECISION_ORDER.get(d.precision, 9)) if dated else None


def _draft_place(draft: EventDraft) -> PlaceMention | None:
    placed = [m.place for m, _ in draft.mentions if m.place is not None]
    return min(placed, key=lambda p: specificity(p.place)) if placed else None


def merge_mentions(mentions: list[tuple[EventMention, str]],
                   headline: list[tuple[EventMention, str]] = ()) -> list[EventDraft]:
    """Mentions of one event within a document become one draft; dates or places that disagree keep apart.

    A headline sums up the story: its mentions join the events the body tells (they make an event of
    their own only when the body tells none)."""
    drafts = _merge(mentions, [])
    body_told = bool(drafts)
    for mention, _ in headline:
        mention.reference_only = mention.reference_only or body_told
    return _merge(list(headline), drafts, lead_first=True)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _merge(mentions: list[tuple[EventMention, str]], drafts: list[EventDraft],
           lead_first: bool = False) -> list[EventDraft]:
    """Each mention joins a compatible draft or starts one. `lead_first`: a headline's mention joins the
    earliest compatible event (the story leads with its news), a body's the latest."""
    for mention, claim_id in mentions:
        compatible = [draft for draft in (drafts if lead_first else reversed(drafts))
                      # a comparison (`Like the 1988 massacre`) is never the story's own event
                      if any(m.background for m, _ in draft.mentions) == mention.background
                      and _compatible_dates(_draft_date(draft), mention.date)
                      and (_compatible_places(_draft_place(draft), mention.place)
                           or any(_compatible_places(other, mention.place) for m, _ in draft.mentions
                                  for other in m.also_at))]
        # The latest compatible event, unless an earlier one is of the mention's own type: `12 suspects were
        # arrested in connection with the attack` after a paragraph on last month's abduction.
        same_type = [] if lead_first else [d for d in compatible if any(m.type == mention.type for m, _ in d.mentions)]
        target = (same_type or compatible or [None])[0]
        if target is None and mention.reference_only:
            continue  # a reference with nothing compatible to refer to
        if target is None:
            target = EventDraft()
            drafts.append(target)
        target.mentions.append((mention, claim_id))
    return [d for d in drafts if any(not m.reference_only for m, _ in d.mentions)]


def build_event(event_id: str, doc_id: str, draft: EventDraft, claims: list[Claim],
                actors: dict[str, Actor]) -> Event | None:
    types = event_types()
    claim_by_id = {c.id: c for c in claims}
    mentions = [(m, cid) for m, cid in draft.mentions]
    etype = max((m.type for m, _ in mentions if not m.reference_only), key=lambda t: types.rank[t])
    if etype in ("attack", "killing", "armed_clash") and any(w for m, _ in mentions for w in m.weapons):
        weapon_types = [types.nouns[w.lower()] for m, _ in mentions for w in m.weapons]
        strongest = max(weapon_types, key=lambda t: types.rank[t])
        if types.rank[strongest] > types.rank[etype]:
            etype = strongest
    claim_ids = tuple(dict.fromkeys(cid for _, cid in mentions))

    date_value, date_claims = None, []
    best_rank = 99
    for mention, _cid in mentions:
        if mention.date is not None:
            rank = PRECISION_ORDER.get(mention.date.precision, 9)
            if rank < best_rank:
                date_value, best_rank = mention.date, rank
    if date_value is not None:
        date_claims = [cid for m, cid in mentions if m.date == date_value]
    place = _draft_place(EventDraft(mentions))
    location = Location(precision="unknown")
    if place is not None:
        location = _location(place, tuple(dict.fromkeys(cid for m, cid in mentions if m.place is not None
                                                        and m.place.place == place.place)))

    # One participant per actor, role and part played, each with the claims that say so.
    participants: dict[tuple[str, str, str | None], dict] = {}
    for mention, cid in mentions:
        for part in mention.participants:
            key = (part.actor, part.role, part.detail)
            entry = participants.setdefault(key, {"claims": [], "generic": part.generic})
            if cid not in entry["claims"]:
                entry["claims"].append(cid)
    # An actor that is both: the role more claims give wins (one misread sentence does not flip a side).
    weight: dict[tuple[str, str], int] = {}
    for (actor_id, role, _detail), entry in participants.items():
        weight[(actor_id, role)] = weight.get((actor_id, role), 0) + len(entry["claims"])
    for key in list(participants):
        other = "victim" if key[1] == "perpetrator" else "perpetrator" if key[1] == "victim" else None
        if other and weight.get((key[0], other), 0) > weight.get((key[0], key[1]), 0):
            del participants[key]
    for role in ("perpetrator", "victim"):
        named = [k for k, v in participants.items() if k[1] == role and not v["generic"]]
        if named:
            for key in [k for k, v in participants.items() if k[1] == role and v["generic"]]:
                del participants[key]
    out_participants = []
    for (actor_id, role, detail), entry in participants.items():
        modalities = {claim_by_id[c].modality for c in entry["claims"]}
        modality = "asserted" if "asserted" in modalities else sorted(modalities)[0]
        out_participants.append(Participant(actor=actor_id, role=role, claims=tuple(entry["claims"]),
                                            detail=detail, modality=modality))
    if etype in ("killing", "attack"):
        perp_kinds = {actors[p.actor].kind for p in out_participants if p.role == "perpetrator"}
        victim_kinds = {actors[p.actor].kind for p in out_participants if p.role == "victim"}
        if perp_kinds & {"state_force", "armed_group"} and victim_kinds and victim_kinds <= {"armed_group"} and (
                perp_kinds != victim_kinds or "state_force" in perp_kinds):
            etype = "armed_clash"

    perpetrator_kinds = {actors[p.actor].kind for p in out_participants if p.role == "perpetrator"}
    armed_captors = bool(perpetrator_kinds) and perpetrator_kinds <= {"armed_group"}

    def held_by_armed_group(mention: EventMention, claim_id: str) -> bool:
        """People `captured` or `detained` by rebels or gunmen are abducted, not arrested; `suspects` the
        police say were arrested after the attack are arrested."""
        if not armed_captors:
            return False
        captors = {actors[p.actor].kind for p in mention.participants if p.role == "perpetrator"
                   and p.actor in actors}
        if captors:
            return captors <= {"armed_group"}
        said_by_the_state = any(s.kind == "state_force" or (s.actor and actors.get(s.actor) is not None
                                                            and actors[s.actor].kind == "state_force")
                                for s in claim_by_id[claim_id].sources[1:])
        return not said_by_the_state

    in_text_order = sorted(((replace(c, kind="abducted") if c.kind == "arrested" and held_by_armed_group(m, cid)
                             else c, cid) for m, cid in mentions for c in m.counts), key=lambda x: x[0].start)
    counts = reconcile_counts(in_text_order, claim_by_id)
    if etype == "arrest" and "abducted" in counts and "arrested" not in counts:
        etype = "abduction"
    return Event(id=event_id, type=etype,
                 date=date_value or TimeValue(start=None, end=None, precision="unknown", text=None),
                 location=location, participants=tuple(out_participants), counts=counts, claims=claim_ids,
                 documents=(doc_id,), weapons=tuple(dict.fromkeys(w for m, _ in mentions for w in m.weapons)),
                 date_claims=tuple(dict.fromkeys(date_claims)))


def _source_key(claim: Claim) -> str:
    """Who finally says a figure: the innermost source of its claim."""
    return claim.sources[-1].name.lower()


def reconcile_counts(counts: list[tuple[CountMention, str]], claims: dict[str, Claim]) -> dict[str, CountSummary]:
    """Per kind: one value per source, then low, best (the value the most sources give; ties go to the
    lower), high and `disputed`.

    Within one source, a later mention usually retells the same people (`detained several insurgents`
    ... `detained three insurgents`): the fullest account counts, an exact figure beating a lower bound.
    Named leaders and the rank and file are counted apart and added (`captured a Taliban leader` ...
    `detained two suspected insurgents`: 3), and mentions of `additional` or `other` people add to the
    total. Deaths and injuries differ: a figure (`left two people dead`) already holds the victims the story
    then names one by one (`Janet Francois was shot and killed`), so across mentions the larger account
    stands, and only a leader and a group in one sentence add up. A source that only picks out people one by
    one (`he killed himself`, `Jaxon was pronounced dead`) gives a lower bound, not a rival figure. Different
    sources are never added up."""
    out: dict[str, CountSummary] = {}
    kinds = dict.fromkeys(c.kind for c, _ in counts)
    for kind in kinds:
        per_source: dict[str, dict] = {}
        for count, cid in counts:
            if count.kind != kind:
                continue
            source = _source_key(claims[cid])
            entry = per_source.setdefault(source, {"leader": None, "group": None, "extra": 0, "extra_q": "exact",
                                                   "claims": [], "vague": True, "bound": 0,
                                                   "largest": None, "individual": True})
            entry["claims"].append(cid)
            entry["individual"] = entry["individual"] and count.individual
            entry["vague"] = entry["vague"] and count.vague
            if count.bound:  # `a fatal shooting` bounds the figure (`Michael Parsons died`) but adds no one
                entry["bound"] = max(entry["bound"], count.value)
                continue
            if count.additional and (entry["leader"] or entry["group"]):
                entry["extra"] += count.value
                if count.qualifier != "exact":
                    entry["extra_q"] = count.qualifier
                continue
            for slot, parts in (("leader", [p for p in count.parts if p.leader]),
                                ("group", [p for p in count.parts if not p.leader])):
                if not parts:
                    continue
                figure = (sum(p.value for p in parts), _combined_qualifier(p.qualifier for p in parts))
                if entry[slot] is None or _more_precise(figure, entry[slot]):
                    entry[slot] = figure
            whole = (sum(p.value for p in count.parts), _combined_qualifier(p.qualifier for p in count.parts))
            if count.parts and (entry["largest"] is None or (whole[0], whole[1] == "exact")
                                > (entry["largest"][0], entry["largest"][1] == "exact")):
                entry["largest"] = whole
        values: dict[tuple[int, str], dict] = {}
        for source, entry in per_source.items():
            parts = [p for p in (entry["leader"], entry["group"]) if p is not None]
            if kind in ("killed", "injured") and parts:
                parts = [entry["largest"]]
            total = sum(v for v, _ in parts) + entry["extra"]
            qualifier = _combined_qualifier([*(q for _, q in parts), entry["extra_q"]])
            if entry["bound"] > total:
                total, qualifier = entry["bound"], "at_least"
            if kind in ("killed", "injured") and entry["individual"]:
                qualifier = "at_least"  # people named one by one are among the dead, not the whole toll
            slot = values.setdefault((total, qualifier), {"sources": set(), "claims": [], "vague": True,
                                                          "individual": True})
            slot["vague"] = slot["vague"] and entry["vague"]
            slot["individual"] = slot["individual"] and entry["individual"] and qualifier == "at_least"
            slot["sources"].add(source)
            slot["claims"].extend(c for c in entry["claims"] if c not in slot["claims"])
        # A vague lower bound (`several`, `a fatal shooting`) or people named one by one that a figure meets
        # say nothing new.
        figures = [v for (v, q), info in values.items() if not info["vague"] and not info["individual"]]
        informative = {k: v for k, v in values.items()
                       if not ((v["vague"] or v["individual"]) and k[1] == "at_least"
                               and any(f >= k[0] for f in figures))}
        numbers = sorted({v for v, _ in informative})
        best = max(informative.items(), key=lambda kv: (len(kv[1]["sources"]), -kv[0][0]))[0][0]
        # Disputed: sources give different figures (a vague word is no figure).
        distinct = {v for (v, q), info in informative.items() if not info["vague"]}
        disputed = len(distinct) > 1
        out[kind] = CountSummary(
            low=numbers[0], best=best, high=numbers[-1], disputed=disputed,
            values=tuple(CountValue(value=v, qualifier=q, claims=tuple(info["claims"]))
                         for (v, q), info in sorted(values.items())))
    return out


def _combined_qualifier(qualifiers) -> str:
    found = set(qualifiers)
    for qualifier in ("at_least", "about", "at_most"):
        if qualifier in found:
            return qualifier
    return "exact"


def _more_precise(new: tuple[int, str], old: tuple[int, str]) -> bool:
    """An exact figure beats a lower bound; between two of a kind the larger is the fuller account."""
    if new[1] == "exact" and old[1] != "exact":
        return True
    if new[1] != "exact" and old[1] == "exact":
        return False
    return new[0] > old[0]


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
        return ItemFailure(item.origin, f"{exc.__class__.__name__}: {exc}")


def process_items(items: Iterable[RawItem], settings: Settings | None = None, workers: int = 1
                  ) -> Iterator[DocumentResult | ItemFailure]:
    """Process articles in order, on `workers` processes (process_item is pure, so this is safe)."""
    settings = settings or Settings()
    jobs = ((item, settings) for item in items)
    if workers <= 1:
        yield from map(_process_safely, jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_process_safely, jobs, chunksize=8)


def iter_items(inputs: Iterable[str | Path | RawItem], settings: Settings) -> Iterator[RawItem | ReadFailure]:
    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, RawItem):
            yield item
        else:
            paths.append(item)
    if paths:
        yield from read_paths(paths, max_bytes=settings.max_bytes)


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
                actors[actor_id] = replace(actor, aliases=merged)
            else:
                actors[actor_id] = actor
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

