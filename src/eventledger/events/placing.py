"""Placing an event: its own sentences' place, else the place the story last named, else the story's place."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from eventledger.model import LOCATION_PRECISION, Claim, Event, Location
from eventledger.model.mentions import Place, PlaceMention, specificity

TOWN_KINDS = ("camp", "base", "checkpoint", "neighbourhood", "city", "unlocated")


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
    return replace(event, location=location_of(chosen, (source_claim,), basis="context"),
                   claims=event.claims if source_claim in event.claims else (*event.claims, source_claim))


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
    return replace(event, location=location_of(focus, evidence, basis="document"),
                   claims=event.claims if source.id in event.claims else (*event.claims, source.id))


_NEIGHBOURING_KM = 50  # a town this close to a county's towns can lie just over its line


def _km_between(place: Place, location: Location) -> float:
    """Great-circle distance between a place and a location; infinite when either has no coordinates."""
    if None in (place.lat, place.lon, location.lat, location.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (place.lat, place.lon, location.lat, location.lon))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def location_of(place: PlaceMention, claims: tuple[str, ...], basis: str = "event") -> Location:
    p = place.place
    precision = LOCATION_PRECISION.get(p.kind, "unknown")
    if p.kind == "unlocated" and not p.admin1:
        precision = "country"  # a village the text puts in a country only: the country's coordinates
    if place.near and precision == "exact":
        precision = "near"
    return Location(name=p.name, country=p.country or None, admin1=p.admin1 if p.kind != "country" else None,
                    admin2=p.admin2, lat=p.lat, lon=p.lon, precision=precision, claims=claims, basis=basis,
                    city=p.part_of, ambiguous=place.ambiguous)


@dataclass(frozen=True, slots=True)
class StoryPlaces:
    """What the story as a whole says of where: its place mentions, its focus (the place its body names
    most), the focus counting the dateline, and the dateline's span."""

    places: list[PlaceMention]
    focus: PlaceMention | None
    dateline_focus: PlaceMention | None
    dateline_span: tuple[int, int] | None


def story_places(places: list[PlaceMention], dateline_span: tuple[int, int] | None) -> StoryPlaces:
    """The story's places; a victim's home is not its focus when the dateline names a town."""
    focus = focus_place(places, dateline_span)
    dateline_focus = focus_place(places, dateline_span, with_dateline=True)
    if focus is not None and focus.residence and dateline_focus is not None and not dateline_focus.residence:
        focus = None  # `SALEM, Mass. -- ... Merced, of Miami, Florida`: the dateline's town before a victim's home
    return StoryPlaces(places, focus, dateline_focus, dateline_span)


def place_event(event: Event, claims: list[Claim], story: StoryPlaces) -> Event:
    """An event's place: its own sentences' (set when it was built), else the context's, else the story's
    (a county's town too); the dateline's only when the body names no place at all."""
    focus, dateline_focus = story.focus, story.dateline_focus
    event = _place_from_context(event, claims, story.places, story.dateline_span)
    event = _place_from_document(event, claims, focus, dateline_focus)
    if event.location.precision in ("district", "province"):
        event = _place_from_document(event, claims, focus, dateline_focus, story.places)  # the county's town
    if event.location.name is None and focus is None and dateline_focus is not None:
        event = _place_from_document(event, claims, dateline_focus)
        event = replace(event, location=replace(event.location, basis="dateline"))
    return event
