"""The record vocabulary shared by every stage.

Records are frozen, slotted, keyword-only dataclasses: cheap to hash, to compare and to send to
worker processes, and free of spaCy types. Every extracted value carries the claims it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MODALITIES = ("asserted", "claimed", "hedged", "denied", "hypothetical", "negated")
PRECISIONS = ("day", "week", "month", "year", "range", "unknown")
QUALIFIERS = ("exact", "at_least", "about", "at_most")
# Date precisions from the most to the least precise: a draft's and an incident's date is its most precise one.
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "range": 3, "year": 4, "unknown": 5}
# A place's kind -> the precision of an event placed there.
LOCATION_PRECISION = {"camp": "exact", "base": "exact", "checkpoint": "exact", "neighbourhood": "exact",
                      "city": "exact", "admin2": "district", "admin1": "province", "country": "country",
                      "unlocated": "province"}  # a town the gazetteer lacks: its province's coordinates

record = dataclass(frozen=True, slots=True, kw_only=True)


@record
class Removal:
    """A piece of scraped furniture removed by the cleaner, with why."""

    text: str
    reason: str


@record
class Document:
    """One article after reading, normalisation and cleaning.

    `text` is the cleaned text: every claim offset refers to it.
    """

    id: str
    text: str
    content_hash: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    dateline_place: str | None = None
    url: str | None = None
    origin: str | None = None
    removed: tuple[Removal, ...] = ()
    publisher_actor: str | None = None
    publisher_is_party: bool = False


@record
class LearnedAlias:
    """A name a document taught for an actor (`Gulbuddin/Taliban`), and how: definition, slash, short form,
    fuzzy match. It holds in that document; for the ledger it becomes an alias only when documents from
    `PROMOTE_AFTER` independent sources teach it (eventledger.result.promote_aliases)."""

    alias: str
    document: str
    how: str


@record
class Actor:
    """A named or generic agent: a state, force, group, person, the press, civilians...

    `aliases` are the dictionaries' names and those enough independent documents agree on; `learned` says
    which document taught which other name."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    learned: tuple[LearnedAlias, ...] = ()


@record
class Source:
    """One link of an attribution chain: who says so, and with which word."""

    name: str
    kind: str
    actor: str | None = None
    cue: str | None = None
    span: tuple[int, int] | None = None  # where this claim names the source (cleaned-text offsets)
    cue_span: tuple[int, int] | None = None


@record
class TimeValue:
    """A resolved time expression: an interval with a precision."""

    start: date | None
    end: date | None
    precision: str
    text: str | None = None
    basis: str | None = None  # None: the words in `text`; "lede": the story's first sentence;
    #                           "report": the week up to the day a source said it (`police said Thursday`);
    #                           "publication": not stated, bounded by the publication date


@record
class Claim:
    """A stretch of the document's cleaned text with who says it and how."""

    id: str
    document: str
    text: str
    start: int
    end: int
    sources: tuple[Source, ...]
    modality: str = "asserted"
    event: str | None = None
    said_on: TimeValue | None = None
    dates: tuple[TimeValue, ...] = ()
    content: tuple[int, int] | None = None  # the reported words, without the attribution frame


@record
class Mention:
    """A span of the cleaned text naming an actor, place, time, quantity or weapon.

    `original_start`/`original_end` point into the input as read (before normalisation and cleaning).
    """

    document: str
    start: int
    end: int
    text: str
    kind: str  # actor | place | time | quantity | weapon
    label: str | None = None  # the actor's kind, the place's kind, the count's kind
    ref: str | None = None  # actor id, place name, or the time's normalised value
    original_start: int | None = None
    original_end: int | None = None


@record
class Participant:
    actor: str
    role: str
    claims: tuple[str, ...]
    detail: str | None = None
    modality: str = "asserted"


# relations of a figure kept beside the event's total and never added to it: a part of the toll, people who
# died of their wounds, a source's first figure that its own revision superseded
PARTIAL_RELATIONS = ("part", "died_of_wounds", "attackers", "superseded")


@record
class CountValue:
    value: int
    qualifier: str
    claims: tuple[str, ...]
    text: str | None = None
    sources: int = 1  # independent sources giving this value (copies of one story count once)
    relation: str = "total"  # total, revision, part, died_of_wounds, superseded (extract/count_relations.py)


@record
class CountSummary:
    low: int
    best: int
    high: int
    disputed: bool
    values: tuple[CountValue, ...]


@record
class Location:
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"
    claims: tuple[str, ...] = ()
    # Where the place was read: "event" (a sentence telling the event), "context" (the place the story
    # last named before it), "document" (the place the story is about, when the event's sentences name none
    # or only a unit that contains it).
    basis: str = "event"
    city: str | None = None  # the town a neighbourhood lies in (`North Lawndale` -> Chicago)
    # The document leaves the state or province open (`Butler County` and no state named): the reading was
    # chosen by size, and other reports of the incident may settle it.
    ambiguous: bool = False


# Event types one incident may be told as (`an attack`, `the shooting`, `the bombing`): one family.
VIOLENCE = frozenset({"airstrike", "bombing", "shelling", "armed_clash", "attack", "killing"})


def family(event_type: str) -> str:
    """The family of an event type: all violence is one, any other type is its own."""
    return "violence" if event_type in VIOLENCE else event_type


@record
class Event:
    id: str
    type: str
    date: TimeValue
    location: Location
    participants: tuple[Participant, ...]
    counts: dict[str, CountSummary] = field(default_factory=dict, hash=False)
    claims: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    date_claims: tuple[str, ...] = ()
    # The reporting documents grouped by copies: one group per independent source (a wire story and its
    # reprints are one group).
    source_groups: tuple[tuple[str, ...], ...] = ()
    # news: the report's own incident; background: an earlier one it retells; historical: one over a year
    # before its report (events/anchoring.py). Any event merges across reports only on its own date and place.
    anchor: str = "news"


@record
class Ledger:
    """The result of a run: what the ledger JSON serialises."""

    documents: tuple[Document, ...] = ()
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's output of the pipeline: what the ledger stores for it, before merging across documents."""

    document: Document
    actors: dict[str, Actor]
    claims: list[Claim]
    events: list[Event]
    mentions: list[Mention] = field(default_factory=list)
