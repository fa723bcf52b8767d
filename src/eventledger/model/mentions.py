"""Mentions found in one document's text, passed from the finders to the stages that build events.

Like the ledger records they are frozen and free of spaCy types; unlike them they are not stored: the
ledger keeps them as `Mention` rows (kind, offsets, reference).
"""

from __future__ import annotations

from dataclasses import dataclass

from eventledger.model.records import TimeValue


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # character offsets in the document text
    end: int
    text: str
    actor: str
    how: str  # dictionary, definition, short-form, slash, fuzzy
    generic: bool = False


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    text: str
    value: TimeValue
    relation: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    alternate: bool = False  # found under one of GeoNames' alternate names, not its main name
    part_of: str | None = None  # the town a section of a town lies in (`North Lawndale` -> Chicago)
    minor: bool = False  # a village or small town of cities500 (under 15,000 people), read only where written


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    level_hint: str | None = None
    within: Place | None = None  # the region written after it: `Bastrop, Texas`
    near: bool = False  # `near Kandahar`, `outside Kabul`, `5 km north of Lashkar Gah`
    residence: bool = False  # `Brandon Colbert, of Tulsa`: where someone lives, not where it happened
    cued: bool = False  # written as places are (`in X`, `a X man`), not only capitalised
    treated: bool = False  # `died at Sacred Heart Medical Center in Spokane`: where a victim was treated
    police: bool = False  # `Indianapolis Metro Police`: the town's own police force
    # Every reading of the name: the gazetteer's and the towns this document places in a region
    candidates: tuple[Place, ...] = ()
    # The document leaves its state or province open (`Butler County`, no state named): chosen by size
    ambiguous: bool = False


SPECIFICITY = {"camp": 0, "base": 0, "checkpoint": 0, "neighbourhood": 1, "city": 2, "unlocated": 2, "admin2": 2,
               "admin1": 3,
               "country": 5}


def specificity(place: Place) -> int:
    """How narrowly a place pins an event down: 0 for a camp or base, 5 for a whole country."""
    return SPECIFICITY.get(place.kind, 4)
