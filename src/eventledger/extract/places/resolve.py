"""Resolving place mentions in their document: each name's reading from what the document pins down
(dateline, countries and provinces named, the outlet's home), sections of a city, the dateline's places."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from eventledger.extract.metadata import Metadata
from eventledger.extract.places.find import find_places
from eventledger.extract.places.gazetteer import ARCHIVED_URL, HOST_AND_FOLDER, Gazetteer, outlet_host, place_key
from eventledger.extract.places.readings import (
    admin1_place,
    choose,
    in_unit,
    inside,
    region_of,
    section_of,
    small_town,
    town_in,
    towns_over_units,
    unit_of,
)
from eventledger.extract.places.words import GENERIC_WORDS, NOT_PLACES, lowercase_words
from eventledger.model.mentions import Place, PlaceMention


def outlet_home(url: str | None, gazetteer: Gazetteer) -> Place | None:
    """Where an outlet is based, from the user's `outlets` list or from its web address: a state or a town
    of 20,000 or more that begins or ends a part of the host name (`chicagotribune.com`, `fox10phoenix.com`,
    `limaohio.com`, `miami.cbslocal.com`) or a state that is the first folder (`patch.com/tennessee/...`).
    A local outlet's stories are mostly about its own area, so this breaks ties the text leaves open."""
    if not url:
        return None
    host = outlet_host(url)
    labels = host.split(".")
    for i in range(len(labels) - 1):  # the longest listed suffix: `boston.cbslocal.com`, then `cbslocal.com`
        home = gazetteer.outlets.get(".".join(labels[i:]))
        if home:
            return _written_place(home, gazetteer)
    compact = gazetteer.compact_names()
    common = lowercase_words() | GENERIC_WORDS | NOT_PLACES | _MASTHEAD_WORDS
    # (part of the address, start, end, place): names that begin or end a label of the host name
    found: list[tuple[int, int, int, Place]] = []
    while (archived := ARCHIVED_URL.match(url.strip())) is not None:
        url = archived.group(1)
    folder = HOST_AND_FOLDER.match(url.strip())
    if folder and folder.group(2):
        first = folder.group(2).strip("/").lower().split("-")[0]
        found += [(-1, 0, len(first), p) for p in compact.get(first, []) if p.kind == "admin1"]
    for part, label in enumerate(labels[:-1]):
        label = re.sub(r"[^a-z]", "", label)
        for size in range(len(label), 3, -1):
            for start in {0, len(label) - size}:
                name = label[start:start + size]
                if name in common:
                    continue
                found += [(part, start, start + size, p) for p in compact.get(name, [])
                          if p.kind in ("admin1", "city")]
    if not found:
        return None
    # a town and its state side by side (`limaohio`): that town
    paired = [(town_end - town_start, town.population, town)
              for part, town_start, town_end, town in found if town.kind == "city"
              for other, state_start, state_end, state in found
              if state.kind == "admin1" and (other != part or state_end <= town_start or town_end <= state_start)
              and (town.country, town.admin1) == (state.country, state.name)]
    if paired:
        return max(paired, key=lambda t: t[:2])[2]
    # otherwise the longest name (`kansascity`, not `kansas`; a town's of five letters or more); of a state
    # and a town of one name, the town only when it is a large part of the state (`washingtonpost`)
    found = [f for f in found if f[3].kind == "admin1" or f[2] - f[1] >= 5]
    if not found:
        return None
    longest = max(end - start for _, start, end, _ in found)
    readings = [p for _, start, end, p in found if end - start == longest]
    states = [p for p in readings if p.kind == "admin1"]
    towns = [p for p in readings if p.kind == "city"]
    state = max(states, key=lambda p: p.population) if states else None
    town = max(towns, key=lambda p: p.population) if towns else None
    if town is not None and (state is None or town.population * 10 >= state.population):
        return town
    return state


# Words of mastheads that are also towns' names (`eastbaytimes`, `readingeagle`, `timesunion`).
_MASTHEAD_WORDS = {"enterprise", "eagle", "highland", "highlands", "times", "star", "sun", "post", "union", "online",
                   "today", "herald", "globe", "tribune", "courier", "journal", "gazette", "press", "record"}


def _written_place(written: str, gazetteer: Gazetteer) -> Place | None:
    """`Chattanooga, Tennessee` or `Tennessee` read as a place inside its region."""
    parts = [part.strip() for part in written.split(",") if part.strip()]
    if not parts:
        return None
    region = None
    if len(parts) > 1:
        regions = gazetteer.lookup_region(parts[-1])
        region = max(regions, key=lambda p: (p.kind == "admin1", p.population)) if regions else None
    readings = gazetteer.lookup(parts[0]) if region else (gazetteer.lookup_region(parts[0])
                                                          or gazetteer.lookup(parts[0]))
    if not readings:
        return region
    return choose(readings, None, (), (), region)


def resolve_in_context(mentions: list[PlaceMention], gazetteer: Gazetteer, extra_countries: Iterable[str] = (),
                       extra_regions: Iterable[tuple[str, str]] = (), home: Place | None = None,
                       dateline: str | None = None, dateline_town: Place | None = None) -> list[PlaceMention]:
    """Re-choose each mention's reading now that the document's countries and provinces are known.

    Countries first: the dateline, names placed explicitly (`Bastrop, Texas`), countries and provinces
    named, names with readings in one country only; where none of these names a country, each name's
    likeliest reading votes for one. Then, within those countries, how strongly the document supports each
    province or state (`state_support`): a state named or written after a town counts one each time, the
    dateline's once more, a town with readings in one state only (or one far larger than the others) half, the
    outlet's home (`outlet_home`) half; the dateline's town (`dateline`) adds nothing to its dateline.
    A name placed explicitly once keeps that reading throughout (one sense
    per document). When one state has the most support, a small town's name whose readings lie only in
    states nothing else in the document supports is a town of that state the gazetteer lacks (`Elgin` in a
    story that names Iowa twice; `White Plains` in a Kentucky story). A town whose county the document names
    (`Cleveland` ... `Bradley County`) is the one in that county. Small places abroad that the context
    contradicts are more likely ordinary words or names (`Metro` police, `Grove`)."""
    countries = set(extra_countries)
    bare_provinces: dict[str, int] = {}
    for mention in mentions:
        readings = _readings(mention, gazetteer)
        explicit = bool(mention.within) or mention.level_hint not in (None, "city")  # `Garner City` places nothing
        if len({p.country for p in readings}) != 1:
            continue
        if explicit or all(p.kind == "country" for p in readings):
            countries.add(readings[0].country)
        elif all(p.kind in ("country", "admin1") for p in readings):
            bare_provinces[readings[0].country] = bare_provinces.get(readings[0].country, 0) + 1
    # a province's bare name written once (`children like Omran`) may be a person's: it names its country
    # only when written twice or when the document names that country otherwise
    countries |= {country for country, n in bare_provinces.items() if n > 1}
    if not countries:
        votes: dict[str, float] = {home.country: 2.0} if home is not None else {}  # a local outlet's country
        for mention in mentions:
            if mention.place.kind == "unlisted" or mention.place.minor:
                continue  # a village (`in Goulds`) is named by stories of its own country, which name more
            likely = choose(_readings(mention, gazetteer), mention.level_hint, ())
            votes[likely.country] = votes.get(likely.country, 0.0) + 1 + math.log10(likely.population + 1) / 10
        if votes:
            countries.add(max(votes, key=votes.__getitem__))

    local_readings: dict[int, list[Place]] = {}

    def local(mention: PlaceMention) -> list[Place]:
        """The mention's readings in the document's countries (all of them if none lies there), and a country of
        that name wherever it is: `southern Lebanon` in a story that also names New York is no town of
        Tennessee unless the story supports Tennessee."""
        if id(mention) not in local_readings:
            readings = _readings(mention, gazetteer)
            local_readings[id(mention)] = [p for p in readings if p.country in countries or (
                p.kind == "country" and not p.alternate)] or readings
        return local_readings[id(mention)]

    extra_regions = set(extra_regions)
    support: dict[tuple[str, str], float] = dict.fromkeys(extra_regions, 1.0)
    # what each name adds to each state, so that a name's own support can be set aside when judging it
    by_name: dict[tuple[str, str], dict[str, float]] = {}
    region_places: dict[tuple[str, str], Place] = {}
    known: dict[str, Place] = {}
    if dateline and dateline_town is not None and dateline_town.kind == "unlocated":
        known[place_key(dateline)] = dateline_town  # the dateline's town the gazetteer lacks, named again

    def add(unit: tuple[str, str], name: str, weight: float) -> None:
        support[unit] = support.get(unit, 0.0) + weight
        by_name.setdefault(unit, {})[name] = by_name.get(unit, {}).get(name, 0.0) + weight

    town_votes: dict[str, set[tuple[str, str]]] = {}  # the states each town's name has voted for, once each
    dateline_key = place_key(dateline or "")
    for mention in mentions:
        if mention.place.kind == "unlisted":
            continue
        readings = local(mention)
        key = place_key(mention.text)
        explicit = bool(mention.within) or mention.level_hint not in (None, "city")
        for p in readings:
            if p.kind == "admin1":
                region_places.setdefault((p.country, p.name), p)
        units = {unit_of(p) for p in readings}
        if len(units) == 1 and None not in next(iter(units)):
            unit = next(iter(units))
            if explicit or (all(p.kind == "admin1" for p in readings) and (not countries or unit[0] in countries)):
                add(unit, key, 1.0)
                if explicit:
                    known.setdefault(key, readings[0] if len(readings) == 1 else mention.place)
            elif all(p.kind in ("city", "camp", "base") for p in towns_over_units(readings)) \
                    and unit not in town_votes.get(key, ()) and key != dateline_key:  # the dateline counted once
                town_votes.setdefault(key, set()).add(unit)
                add(unit, key, 0.5)
        elif not explicit and mention.level_hint is None:
            towns = sorted((p for p in towns_over_units(readings) if p.kind == "city"), key=lambda p: -p.population)
            if home is not None and home.kind == "city" and key == place_key(home.name) and any(
                    unit_of(p) == unit_of(home) for p in towns):
                # `of Rochester` in a Rochester outlet's story
                towns = [p for p in towns if unit_of(p) == unit_of(home)]
            if towns and (len(towns) == 1 or towns[0].population >= 5 * towns[1].population) \
                    and towns[0].admin1 and unit_of(towns[0]) not in town_votes.get(key, ()):
                unit = unit_of(towns[0])
                town_votes.setdefault(key, set()).add(unit)
                add(unit, key, 0.5)  # `Dallas`: counties elsewhere share the name, the town dwarfs them
    counties = {place_key(m.text) for m in mentions if m.level_hint == "admin2"}
    for mention in mentions:
        if counties and not mention.level_hint and not mention.within:
            in_county = {(p.country, p.admin1) for p in local(mention)
                         if p.kind == "city" and p.admin1 and place_key(p.admin2 or "") in counties}
            if len(in_county) == 1:  # one vote per town: the county lifts its half to one
                unit, key = next(iter(in_county)), place_key(mention.text)
                add(unit, key, 0.5 if unit in town_votes.get(key, ()) else 1.0)
                town_votes.setdefault(key, set()).add(unit)
    home_unit = (home.country, home.admin1 or home.name) if home is not None and home.kind != "country" else None
    if home_unit is not None and None not in home_unit:
        add(home_unit, "", 0.5)
    regions = set(support)
    # the one state the document supports more than any other
    ranked = sorted(support.items(), key=lambda kv: -kv[1])
    sole = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    if sole is not None and sole not in region_places:
        region = admin1_place(gazetteer, *sole)
        if region is not None:
            region_places[sole] = region

    def supported_without(unit: tuple[str, str], name: str) -> float:
        return support.get(unit, 0.0) - by_name.get(unit, {}).get(name, 0.0)

    names_written = Counter(place_key(m.text) for m in mentions)
    out = []
    for mention in mentions:
        if mention.place.kind == "unlisted":
            if sole in region_places:  # a town GeoNames lacks, in the state the story is about
                out.append(replace(mention, place=town_in(gazetteer, mention.place.name, region_places[sole])))
            elif not support and len(countries) == 1 and (country := gazetteer.country(next(iter(countries)))):
                # `in Tingwe village` in a story that names its country but no province: a place of that country
                out.append(replace(mention, place=town_in(gazetteer, mention.place.name, country)))
            continue
        readings = local(mention)
        key = place_key(mention.text)
        place = known.get(key) if not mention.level_hint else None
        if place is None and sole in region_places and mention.level_hint in (None, "city") and not mention.within \
                and (mention.cued or names_written[key] > 1) \
                and small_town(readings) and not all(p.kind == "unlocated" for p in readings) \
                and all(p.kind in ("city", "unlocated")
                                                  # `in Caledonia`: a county elsewhere too, but written as a town
                                                  or (p.kind == "admin2" and mention.cued) for p in readings) \
                and not any((p.country, p.admin1) == sole or supported_without((p.country, p.admin1), key) > 0
                            for p in readings):
            place = town_in(gazetteer, mention.text, region_places[sole])
        if place is None:
            own = town_votes.get(key, set())  # a town's own vote decides nothing
            weights = {u: w - 0.5 * (u in own) for u, w in support.items()}
            place = choose(readings, mention.level_hint, countries, {u: w for u, w in weights.items() if w > 0},
                           mention.within, home_unit)
        if place.kind == "admin2" and not mention.level_hint and (place.country, place.admin1) not in regions \
                and not (mention.cued and " " in mention.text):
            continue  # an obscure district abroad is more likely an ordinary capitalised word (`in Lanao del Sur`
            # is written as a place, and no word)
        if place.kind in ("admin1", "admin2") and not place.population and not mention.level_hint \
                and not mention.within and (place.country, place.admin1 or place.name) not in regions:
            continue  # a unit with no town of 15,000 (`Michael`, a parish of the Isle of Man): a word or a name
        if (countries and place.country not in countries and not mention.level_hint and not mention.within
                and (place.kind in ("admin1", "admin2") or (place.kind == "city" and place.population < 500_000))):
            continue  # abroad and small, or a unit abroad no one named as such: a word, a name, a hotel
        chosen = unit_of(place)
        ambiguous = place.kind != "country" and supported_without(chosen, key) <= 0 and (
            len({unit_of(p) for p in readings}) > 1 or any(u != chosen and w > 0 for u, w in support.items()))
        out.append(replace(mention, place=place, ambiguous=ambiguous))
    return _sections_of_the_city(_sections_policed_by_the_city(out))


_CITY_WITH_SECTIONS = 100_000  # a story set in a city this big names its sections (`Madisonville`, `Creekwood`)


def _sections_of_the_city(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """In a story set in one big city of a state (`Cincinnati police said ...`), a name the gazetteer lacks
    that the story writes as a town of that state is a section of that city (`Madisonville`), not a town
    somewhere in the state: a neighbourhood at the city's coordinates. A name written with its own state
    (`GLEN FLORA, Wis.`) stays a town. The city must be written as the story's place (`in Cincinnati`) or
    twice (`MILWAUKEE -- Milwaukee police ...`; `Wakeel Stewart, 21, of Wilmington`): one bare mention
    (`MADISON, Wis. -`), a reference point (`18 miles east of downtown Atlanta`) or where someone was treated
    sets no story there."""
    if not any(m.place.kind == "unlocated" and m.within is None for m in mentions):
        return mentions
    written = Counter(place_key(m.text) for m in mentions)
    cities = {m.place for m in mentions if m.place.kind == "city" and m.place.population >= _CITY_WITH_SECTIONS
              and not m.treated and not m.near and (m.cued or written[place_key(m.text)] > 1)}
    out = []
    for mention in mentions:
        place = mention.place
        if place.kind == "unlocated" and mention.within is None:
            in_state = [c for c in cities if (c.country, c.admin1) == (place.country, place.admin1)]
            if len(in_state) == 1:
                mention = replace(mention, place=section_of(place.name, in_state[0]))
        out.append(mention)
    return out


_POLICED_SECTION = 50_000  # a bigger town next to a city (Pasadena by Houston) has its own police, named or not


def _sections_policed_by_the_city(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """`Four shot in Broad Ripple ... Indianapolis Metro Police arrested ...`: a small town (a tenth the size of
    a big city, under 50,000 people) in the city's county, in a story where the city's own police act and the
    town's never do, lies inside the city (GeoNames lists Broad Ripple as a town of Marion County, which
    Indianapolis covers): a neighbourhood of it, at its own coordinates. A suburb with its own police
    (`Carmel police`) stays a town."""
    forces = {m.place for m in mentions if m.police and m.place.kind == "city"
              and m.place.population >= _CITY_WITH_SECTIONS}
    if not forces:
        return mentions
    own_police = {m.place for m in mentions if m.police}
    out = []
    for mention in mentions:
        place = mention.place
        cities = [c for c in forces if place.kind == "city" and place not in own_police and c != place
                  and (c.country, c.admin1, c.admin2) == (place.country, place.admin1, place.admin2)
                  and place.population * 10 <= c.population and place.population < _POLICED_SECTION]
        if len(cities) == 1:
            mention = replace(mention, place=replace(place, kind="neighbourhood", part_of=cities[0].name))
        out.append(mention)
    return out


def _readings(mention: PlaceMention, gazetteer: Gazetteer) -> list[Place]:
    """The readings the text allows: inside the region written after it, at the level it names."""
    if mention.level_hint == "region":
        readings = gazetteer.lookup_region(mention.text)
    else:
        readings = list(mention.candidates) or gazetteer.lookup(mention.text)
    readings = readings or [mention.place]
    if mention.within is not None:
        readings = inside(gazetteer, readings, mention.within, mention.text, mention.level_hint)
    if mention.level_hint in ("admin1", "admin2", "camp"):
        readings = [p for p in readings if p.kind == mention.level_hint] or readings
    elif mention.level_hint is None and any(p.kind == "admin1" for p in readings):
        readings = [p for p in readings if p.kind != "admin2"]  # a county named like a state says `Iowa County`
    return readings


def dateline_places(gazetteer: Gazetteer, place: str | None, region: str | None,
                    home: Place | None = None) -> list[Place]:
    """The dateline's place and region (`POPLAR BLUFF, Mo.`): the region read as a state or country, the
    place inside it where the gazetteer knows it. With no region written, a local outlet's dateline is read
    in the outlet's home country and state first (`SALISBURY` from a Raleigh station is in North Carolina)."""
    out = []
    container = None
    if region:
        readings = gazetteer.lookup_region(region.rstrip(",")) or gazetteer.lookup_region(region)
        if readings:
            container = max(readings, key=lambda p: (p.kind == "admin1", p.population))
            out.append(container)
    if place:
        readings = gazetteer.lookup(place)
        home_region = region_of(home, gazetteer) if home is not None and container is None else None
        if home_region is not None and not any(unit_of(p) == unit_of(home) for p in readings) \
                and small_town(readings):
            # AP style lets only big cities stand alone in a dateline; a local outlet's bare dateline naming a
            # small town no reading of which lies in its home state is a town there the gazetteer lacks
            # (`SHELBY -` from a Buffalo paper is Shelby, New York, not Shelby, Michigan).
            out += [home_region, town_in(gazetteer, place, home_region)]
        elif readings and container is None and home is not None:
            out.append(choose(readings, None, {home.country}, (), None, unit_of(home)))
        elif container is not None and not in_unit(readings, container) \
                and (village := gazetteer.minor_in(place, container)) is not None:
            out.append(village)  # `SASIT, Ethiopia`: a village, not a town of that name abroad
        elif readings:
            out.append(choose(readings, None, (), (), container))
        elif container is not None and container.kind == "admin1" and not re.match(
                r"(?i)(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown)\b",
                place) and re.fullmatch(
                r"(?:(?:St|Ft|Mt)\.\s)?[A-Z][a-z][\w'’\-]*(?:\s[A-Z][a-z][\w'’\-]*){0,2}", place):
            out.append(town_in(gazetteer, place, container))  # `ST.AUGUSTINE, Fla -`: a town the gazetteer lacks
    return out


def locate_places(text: str, gazetteer: Gazetteer, meta: Metadata, url: str | None,
                  blocked: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """One document's place mentions, each resolved in context: found outside the names already taken
    (`blocked`: actors' spans), then read with the dateline's places and the outlet's home."""
    places = find_places(text, gazetteer, blocked=blocked, dateline=meta.dateline_place)
    home = outlet_home(url, gazetteer)
    dateline = dateline_places(gazetteer, meta.dateline_place, meta.dateline_region, home)
    dateline_countries = {p.country for p in dateline}
    dateline_regions = {(p.country, p.admin1 or p.name) for p in dateline if p.kind != "country"}
    places = resolve_in_context(places, gazetteer, dateline_countries, dateline_regions, home,
                                meta.dateline_place if dateline else None, dateline[-1] if dateline else None)
    return _with_dateline_town(places, text, meta.dateline_span, meta.dateline_place, dateline)


def _with_dateline_town(places: list[PlaceMention], text: str, span: tuple[int, int] | None, name: str | None,
                        dateline: list[Place]) -> list[PlaceMention]:
    """A dateline town the gazetteer lacks or knows only as a village (`ST.AUGUSTINE, Fla -`) that no place
    mention covers becomes one, so the story's place can be its dateline's when the event's own words name only
    the county."""
    town = dateline[-1] if dateline else None
    if span is None or not name or town is None or not (town.kind == "unlocated" or town.minor) or any(
            span[0] <= p.start < span[1] for p in places):
        return places
    pattern = r"\.\s*".join(re.escape(part) for part in re.split(r"\.\s*", name))
    found = re.compile(pattern, re.I).search(text, span[0], span[1])
    if found is None:
        return places
    mention = PlaceMention(found.start(), found.end(), found.group(0), dateline[-1], cued=True)
    return sorted([*places, mention], key=lambda p: p.start)
