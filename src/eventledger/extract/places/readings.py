"""Choosing among a name's readings, and the places built from others (a unit's unlocated town, a
city's section): shared by finding and by resolving."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from eventledger.extract.places.gazetteer import Gazetteer, place_key
from eventledger.model.mentions import Place

KIND_RANK = {"camp": 6, "base": 6, "checkpoint": 6, "neighbourhood": 5, "admin1": 4, "country": 12,
             "city": 3, "admin2": 2, "unlocated": 3}


def small_town(candidates: list[Place]) -> bool:
    """No province or country of that name, and no town of it with 200,000 people (counties don't count)."""
    return all(c.kind in ("city", "admin2", "unlocated") for c in candidates) and all(
        c.population < 200_000 for c in candidates if c.kind == "city")


def section_of(name: str, city: Place) -> Place:
    """A part of `city` the gazetteer does not list: a neighbourhood at the city's coordinates."""
    return Place(name=name, kind="neighbourhood", country=city.country, admin1=city.admin1, admin2=city.admin2,
                 lat=city.lat, lon=city.lon, part_of=city.name)


def unit_of(place: Place) -> tuple[str, str | None]:
    """The province or state a reading lies in (a province's own): (country, admin1)."""
    return place.country, place.name if place.kind == "admin1" else place.admin1


def towns_over_units(candidates: list[Place]) -> list[Place]:
    """A bare name shared by a town and the unit named after it (`Tirana`, `Kandahar`, `Dallas`) is the town."""
    towns = {(c.country, place_key(c.name)) for c in candidates if c.kind == "city"}
    return [c for c in candidates if not (c.kind in ("admin1", "admin2")
                                          and (c.country, place_key(c.name)) in towns)] or candidates


def choose(candidates: list[Place], hint: str | None, countries: Iterable[str],
           regions: Iterable[tuple[str, str]] | dict[tuple[str, str], int] = (), within: Place | None = None,
           home: tuple[str, str] | None = None) -> Place:
    """The most likely reading of a name: inside the region written after it, the level the text names,
    the document's provinces or states (`regions`, with how often each is named), its countries, the
    outlet's home state, then size."""
    countries = set(countries)
    weights = dict(regions) if isinstance(regions, dict) else dict.fromkeys(regions, 0)
    if hint not in ("admin1", "admin2", "region"):
        candidates = towns_over_units(candidates)
    if within is not None:
        candidates = in_unit(candidates, within) or candidates

    def score(place: Place) -> float:
        value = KIND_RANK.get(place.kind, 1)
        if hint and place.kind == hint:
            value += 20
        if hint == "region" and place.kind in ("admin1", "country"):
            value += 15
        if place.country in countries:
            value += 10
        unit = unit_of(place)
        if unit in weights:
            value += 8 + min(weights[unit], 3)  # a state named three times outweighs one named once
        if home is not None and ((place.country, place.admin1) == home or (place.kind == "admin1" and (
                place.country, place.name) == home)):
            value += 4
        if place.kind in ("camp", "base", "checkpoint"):
            value += 5  # user places are deliberate
        if place.alternate:
            value -= 2
        return value + math.log10(place.population + 1)

    return max(candidates, key=score)


def in_unit(readings: list[Place], unit: Place) -> list[Place]:
    """The readings that lie in a province or country."""
    return [p for p in readings if p.country == unit.country and (unit.kind == "country" or p.admin1 == unit.name)]


def unlocated_town(name: str, unit: Place, admin2: str | None = None) -> Place:
    """A place the gazetteer lacks, in the province, state or country `unit` (with its coordinates); a
    dateline's capitals (`GLEN FLORA`) are written as a name (`Glen Flora`)."""
    return Place(name=name.title() if name.isupper() else name, kind="unlocated", country=unit.country,
                 admin1=unit.name if unit.kind == "admin1" else unit.admin1, admin2=admin2, lat=unit.lat,
                 lon=unit.lon)


def town_in(gazetteer: Gazetteer, name: str, unit: Place, admin2: str | None = None) -> Place:
    """A town the text puts in a province or state that the main gazetteer lacks there: the village of that name
    GeoNames lists in it (cities500), or else an unlocated town at the unit's coordinates."""
    return gazetteer.minor_in(name, unit) or unlocated_town(name, unit, admin2)


def admin1_place(gazetteer: Gazetteer, country: str, name: str | None) -> Place | None:
    """The province or state of that name in that country."""
    return next((p for p in gazetteer.lookup(name or "") if p.kind == "admin1" and p.country == country), None)


def inside(gazetteer: Gazetteer, readings: list[Place], unit: Place, name: str,
           hint: str | None = None) -> list[Place]:
    """The readings that lie in the unit the text puts the name in; if the gazetteer has none there, the
    village of that name in it, or the place the text describes (`Khugyani district, Ghazni province` when
    GeoNames knows only Nangarhar's): kind `unlocated`, with the unit's coordinates."""
    found = in_unit(readings, unit)
    if not found and hint in (None, "city") and (village := gazetteer.minor_in(name, unit)) is not None:
        return [village]
    if found or unit.kind == "country":
        return found or readings
    if any(p.kind in ("admin1", "country") for p in readings):
        return readings
    town = unlocated_town(name, unit)
    return [replace(town, admin2=town.name) if hint == "admin2" else town]


def region_of(place: Place, gazetteer: Gazetteer) -> Place | None:
    """The state or province a place lies in (itself for one)."""
    return place if place.kind == "admin1" else admin1_place(gazetteer, place.country, place.admin1)
