"""Finding place mentions: capitalised names on one line that the gazetteer knows, whole tokens only, with
what the words around them say (level, region written after, near, home, treated, police); towns the
gazetteer lacks that the text writes as towns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from eventledger.extract.places.gazetteer import Gazetteer, place_key
from eventledger.extract.places.readings import (
    admin1_place,
    choose,
    section_of,
    small_town,
    town_in,
    unlocated_town,
)
from eventledger.extract.places.words import (
    CONNECTORS,
    GENERIC_WORDS,
    KIND_WORDS,
    NOT_PLACES,
    PERSON_TITLES,
    STREET_AND_BUILDING_WORDS,
    lowercase_words,
    person_names,
)
from eventledger.model.mentions import Place, PlaceMention

# Capitalised words on one line (`St. Louis`, `Nad-e Ali`, `Najaf al Ashraf`, `Lanao del Sur`, `Democratic Republic
# of the Congo`); a name never spans lines.
_CANDIDATE = re.compile(r"\b(?:(?:St|ST|Ste|Ft|FT|Mt|MT)\.[ \t]+)?[A-Z][\w'’\-]*"
                        r"(?:[ \t]+(?:(?:al|el|e|de|del|di|da|do|du|dos|das|des|of(?:[ \t]+the)?|bin|ibn|abu)[ \t\-]+)?"
                        r"'?[A-Z][\w'’\-]*){0,3}")
_NEAR = re.compile(r"(?i)\b(?:near|outside(?: of)?|outskirts of|close to|\d+\s*(?:km|kilometres|kilometers|miles)"
                   r"(?:\s+(?:north|south|east|west|northeast|northwest|southeast|southwest))?\s+(?:of|from)|"
                   r"(?:north|south|east|west|northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?$")
# Last words of the names of natural features and parks, never towns (`Big Creek Reservoir`).
_FEATURE_WORDS = {"Reservoir", "Dam", "Canyon", "Forest", "Campground", "Trailhead", "Wilderness", "Preserve",
                  "Refuge", "River", "Creek", "RESERVOIR", "FOREST", "RIVER", "CREEK"}
_HOME_PARK = re.compile(r"\b(?:Mobile|Mobil|Trailer|RV)[ \t]+(?:Home[ \t]+)?(?:Park|Home|Homes|Court|Estates)\b")
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*[,)]")
_STREET_OR_BUILDING_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’]*)*?[ \t]+(?:Road|Rd|Avenue|Ave|Street|St|Drive|Dr|Parkway|Pkwy|Boulevard|Blvd|Lane|Ln|Way|"
    r"Court|Ct|Highway|Hwy|Place|Pl|Circle|Terrace|Trail|Pike|Plaza|Expressway|Freeway|Turnpike|Bridge|Hospital|"
    r"School|Academy|University|College|Jail|Mall|Hotel|Church|Mosque|Apartments|Stadium|Children's|Medical|"
    r"Gardens|Homes|Towers|Manor|Estates|Courts|Complex|Farm|Farms|Woods|Park|Inn|Motel|Suites|Lodge|Resort|Casino|"
    r"Restaurant|Tavern|Pub|Grill|Saloon|Nightclub|Lounge|Club|Center|Centre|Market|Store|Bank|Cemetery|Chapel|"
    r"Temple|Synagogue|Cathedral|Clinic|Library|Arena|Theater|Theatre|Reservoir|Dam|Canyon|Forest|Campground|"
    r"Trailhead|Wilderness|Preserve)\b"
    r"|[ \t]+(?:road|avenue|street|drive|hotel|hospital|mall|apartments|complex)\b"
    # `near Wallace and 33rd Street`: one street of an intersection
    r"|[ \t]+(?:and|&)[ \t]+(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’]*)[ \t]+(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|"
    r"Boulevard|Blvd)\b")
# `Ridge and Stanton streets`: both names are streets, and so is a later bare `down Stanton`
_STREETS_AFTER = re.compile(
    r"(?:[ \t]+(?:and|&)[ \t]+[A-Z][\w'’]*)?[ \t]+(?i:streets|avenues|roads|drives|boulevards)\b")
# Newspapers named after their town (`The Atlanta Journal-Constitution`, `the Arizona Daily Star`) say nothing
# of where an event was.
_NEWSPAPER_AFTER = re.compile(
    r"(?:[ \t]+[A-Z][\w'’]*)?[ \t]+(?:Journal|Times|Post|Herald|Tribune|Gazette|Star|Daily|Record|Observer|"
    r"Chronicle|Courier|Dispatch|Examiner|Register|Inquirer|Sentinel|Bee|Review|Democrat|Telegraph|Constitution|"
    r"Press|Enquirer|Globe|Ledger|News)\b")
# Broadcasters named after their market (`KPRC 2 Houston`, `WSB-TV Atlanta`) and a name signed with a social
# media handle (`KPRC 2 Houston (@KPRC2)`) are who reports, not where anything happened.
_STATION_BEFORE = re.compile(r"\b[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?(?:[ \t]+\d{1,2})?[ \t]+$")
_HANDLE_AFTER = re.compile(r"[ \t]*\(@\w+\)")
_BLOCK_BEFORE = re.compile(r"(?i)\bblock of\s+(?:the\s+)?(?:(?:north|south|east|west|[nsew])\.?\s+)?$")
_TREATED_IN = re.compile(r"(?i)\b(?:hospital|medical center|medical centre|health center|clinic|trauma center|"
                         r"ICU|intensive care(?: unit)?|emergency room|trauma unit|burn unit)\b"
                         r"[^.;\n]{0,40}?\b(?:in|at)\s+(?:the\s+|downtown\s+)?$")
# `A 4-year-old boy is in Jacksonville recovering after being shot`: where the victim is treated
_RECOVERING_AFTER = re.compile(r",?[ \t]+(?:recovering|being treated|hospitali[sz]ed|in (?:critical|serious|stable) "
                               r"condition)\b", re.I)
_RESIDENCE_BEFORE = re.compile(r",\s+(?:of|from)\s+$")
# `a 26-year-old West Haven woman`, `Zabarmari farmers`: the place describes people (where they live), not the event.
_RESIDENT_AFTER = re.compile(r"[ \t]+(?:man|woman|men|women|teen|teens|teenager|boy|girl|resident|residents|native|"
                             r"couple|family|families|student|students|father|mother|son|daughter|farmers?|"
                             r"villagers?|herders?|fishermen|traders?|youths?|worshippers)\b")
# `a retired Newburgh police officer`: where one person works, as `a Beverly man` is where one lives
_EMPLOYEE_AFTER = re.compile(r"(?i)[ \t]+(?:police[ \t]+)?(?:officer|cop|deputy|trooper|firefighter|detective)\b(?!s)")
_ONE_PERSON_BEFORE = re.compile(r"(?i)\b(?:a|an|retired|former|off-duty)[ \t]+$")
# `the city's Garfield neighborhood`, `the Hermitage area`: a part of the story's town, which the
# gazetteer does not list (user places may); the town-level reading elsewhere would be wrong.
_PART_OF_TOWN_AFTER = re.compile(r"[ \t]+(?:neighbou?rhoods?|area|section|community)\b")
# `the central Mexican state of Guanajuato`: the level word before `of` (a unit's; `the town of Shelby` is
# the town GeoNames may know by another kind, so towns keep their usual reading).
_LEVEL_OF_BEFORE = re.compile(r"\b(?i:(state|province|governorate|district|county))\s+of\s+$")
# `Farah, Kandahar and Paktiya provinces`: the level word after a list applies to each name in it.
_LIST_LEVEL_AFTER = re.compile(r"(?:,[ \t]*[A-Z][\w'’\-]*(?:[ \t][A-Z][\w'’\-]*)?)*,?[ \t]+(?:and|or)[ \t]+"
                               r"[A-Z][\w'’\-]*(?:[ \t][A-Z][\w'’\-]*)?[ \t]+(provinces|districts|counties|states)\b")
_INITIAL_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+[A-Z]\.[ \t]+$")
_IN_BEFORE = re.compile(r"\b(?:in|near|outside)\s+$")
# A given name before these names a town's institution (`Gary Methodist Hospital`, `the Gary Police
# Department`), not a person.
_INSTITUTION_AFTER = re.compile(rf"{_STREET_OR_BUILDING_AFTER.pattern}|[ \t]+(?:Police|Fire|Sheriff|City|County)\b")
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:in|at|of|from|near|to|outside|into)\s+$")
_POLICE_AFTER = re.compile(r"[ \t]+(?:Metro(?:politan)?[ \t]+)?(?:Police|police|PD\b)")
_SPEAKS_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|testified|wrote|tweeted)\b")


def _names_a_person(words: list[str], i: int, j: int, candidates: list[Place]) -> bool:
    """`Kyle Myers`, `Diana Gomez`, `Kendal Pinkerton`: a place's name followed by a common surname that is no
    place and no ordinary word (`Georgia Southern`, `Washington Post`) is a person's given name, if the name is
    a common given name or the town small. A country's name is only when it is a common given name
    (`Jordan Reeves`, not `Israel Defense Forces`)."""
    if j - i != 1 or j >= len(words):
        return False
    if any(c.kind == "country" for c in candidates) and words[i].lower() not in person_names()[0]:
        return False
    given, surnames = person_names()
    following = words[j].rstrip(".,").removesuffix("'s").removesuffix("’s").lower()
    if following not in surnames or following in GENERIC_WORDS or following in STREET_AND_BUILDING_WORDS \
            or following in lowercase_words():
        return False
    if following in PERSON_TITLES and words[i].lower() not in given:
        return False  # `Newburgh Officer`: the town's officer (`Kyle Sheriff` is a man)
    return words[i].lower() in given or small_town(candidates)


def _surname_after(previous: str, name: str, candidates: list[Place]) -> bool:
    """`Ackeem Davis`, `Erico Marion`, `Dontay Jordan`: a small town's or a country's name that is a common
    surname, after a capitalised word that is neither a place nor an ordinary word, is a person's surname."""
    return (name.lower() in person_names()[1] and previous.isalpha()
            and (small_town(candidates) or any(c.kind == "country" for c in candidates))
            and previous not in NOT_PLACES and previous not in GENERIC_WORDS)


def _name_word(word: str, gazetteer: Gazetteer, places_too: bool = False) -> bool:
    """A capitalised word that is neither an ordinary word, a level, street or title word, nor (unless
    `places_too`) a place. A place's name after one of these and before another capitalised name is part of a
    person's (`Abdifatah Aden Hassan`, whose last name is also a town of India; `Muhammad Shehu Dalijan`)."""
    word = word.rstrip(".,;:").removesuffix("'s").removesuffix("’s")
    lowered = word.lower()
    return (word.isalpha() and word[:1].isupper() and not word.isupper() and len(word) > 2
            and lowered not in _not_town_words() and lowered not in CONNECTORS
            and (places_too or not gazetteer.lookup(word)))


def _given_or_initial(word: str) -> bool:
    """`Michael` or `J.` before a name makes it a person's surname (`Michael Carney`, `J. Graham`); the
    article `A` (`A Minneapolis Police spokesperson`) does not."""
    return re.fullmatch(r"[A-Z]\.", word) is not None or word.rstrip(".,").lower() in person_names()[0]


def _in_title_case_line(text: str, at: int) -> bool:
    """Whether `at` lies in a headline written in title case (`Retired Newburgh Officer Allegedly Kills
    Himself`), where a capitalised word before a name says nothing of a person."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’\-]*", text[line_start:line_end if line_end >= 0 else len(text)])
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _given_name_alone(name: str, candidates: list[Place]) -> bool:
    """`Kyle` or `Michael` on its own is far more often a person than a small town or a parish abroad;
    large places named like people (`Tyler`, `Madison`) stay places."""
    given, _surnames = person_names()
    return name.lower() in given and all(
        c.population < 200_000 and c.kind not in ("country", "camp", "base") for c in candidates)


def find_places(text: str, gazetteer: Gazetteer, blocked: Iterable[tuple[int, int]] = (),
                dateline: str | None = None) -> list[PlaceMention]:
    """Place names in `text`, longest first, skipping spans already taken by actor mentions and names that
    are people's (`Michael Carney`, `Officer Graham`, `Erica Rodriguez, 21,`, and later the same surname
    alone). Each mention keeps what the text says around it: its level (`X province`), the region written
    after it (`Bastrop, Texas`) and whether the event was only near it. The dateline's place (`dateline`)
    is a place wherever the body names it, even when it is also a given name (`ROY -` ... `Roy police`)."""
    dateline_key = place_key(dateline) if dateline else None
    blocked = list(blocked)
    found: list[PlaceMention] = []
    surnames: set[str] = set()
    local = _unlisted_places(text, gazetteer)
    situated: dict[str, list[Place]] = {}  # the readings the text's own hierarchy allows: they decide
    for situated_name, situated_place in _situated_places(text, gazetteer):
        if situated_place not in situated.setdefault(place_key(situated_name), []):
            situated[place_key(situated_name)].append(situated_place)
    for key, readings in situated.items():
        local.setdefault(key, []).extend(p for p in readings if p.kind == "unlocated" or p.minor)
    written_places = _written_as_places(text)
    streets: set[str] = set()  # names written as streets (`Ridge and Stanton streets`): `down Stanton` too
    for match in _CANDIDATE.finditer(text):
        words = list(re.finditer(r"[^\s]+", match.group(0)))
        if len(words) > 1 and (words[-1].group(0).rstrip(".,'’s") in _FEATURE_WORDS
                               or _HOME_PARK.search(match.group(0))) \
                and not gazetteer.lookup(match.group(0).rstrip(".,'’s")):
            # `Big Creek Reservoir`, `the San Lorenzo River`: a feature, none of its words a town (`Fall River`,
            # `Battle Creek`, `Lake Forest` are towns)
            continue
        level_after = re.match(r"\s+(?:provinces?|district|districts|governorate|county)\b", text[match.end():])
        if level_after and len(words) > 1 and not gazetteer.lookup(match.group(0)) and place_key(" ".join(
                w.group(0) for w in words[_run_start([w.group(0) for w in words]):])) not in local:
            # `Mota Khan district` unknown: its parts (`Mota`) would be places elsewhere; `Balochistan's
            # Musakhail district` is read as the text situates it
            continue
        i = 0
        consumed_before = True  # whether the word before position i was part of a place (or there is none)
        while i < len(words):
            if words[i].group(0) in CONNECTORS or (i > 0 and words[i - 1].group(0).lower() in CONNECTORS):
                i += 1  # `Ashraf` in `Najaf al Ashraf` is part of another name; `del` is never a place alone
                consumed_before = False
                continue
            hit = None
            for j in range(min(len(words), i + gazetteer.max_words), i, -1):
                start = match.start() + words[i].start()
                end = match.start() + words[j - 1].end()
                name = re.sub(r"['’]s$", "", text[start:end]).rstrip("'’,.")  # `Castillo's` -> `Castillo`
                end = start + len(name)
                if j - i == 1 and (name.lower() in NOT_PLACES or name.lower() in GENERIC_WORDS or len(name) < 3
                                   or name.lower() in PERSON_TITLES  # `Officer Doug Greene`, not Officer, Victoria
                                   or name.lower() in _NOT_TOWNS):  # `German` troops, not German, Isle of Man
                    continue
                if any(start < b and a < end for a, b in blocked):
                    continue
                candidates = gazetteer.lookup(name) + local.get(place_key(name), [])
                if not candidates and j == len(words) and i == _run_start([w.group(0) for w in words]) \
                        and place_key(name) in written_places:
                    candidates = gazetteer.lookup_minor(name)  # `in Goulds`, `Kalmat area`: a village
                written_in = [c for c in local.get(place_key(name), []) if c.part_of and re.match(
                    rf",[ \t]*{re.escape(c.part_of)}\b", text[end:end + 40])]
                candidates = written_in or candidates  # `Claremont, Bronx`: the section the text places there
                candidates = situated.get(place_key(name)) or candidates  # `Buenos Aires, in ... Cauca province`
                if j - i > 1 and all(w.group(0).lower().rstrip(".,") in GENERIC_WORDS
                                     or w.group(0).lower().rstrip(".,") in lowercase_words() for w in words[i:j]):
                    candidates = [c for c in candidates if not c.alternate]  # `East Side`, another name of East Ridge
                if candidates:
                    hit = (start, end, name, candidates, j)
                    break
            if hit is None:
                i += 1
                consumed_before = False
                continue
            start, end, name, candidates, j = hit
            after = text[end:end + 12].lower()
            before_word = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 20):start])
            previous = words[i - 1].group(0).rstrip(".,").lower() if i > 0 else None
            level = re.match(r"\s+(provinces?|governorate|district|districts|county|city|village|town)\b", after) \
                or _LIST_LEVEL_AFTER.match(text, end) or _LEVEL_OF_BEFORE.search(text, max(0, start - 30), start)
            plain_words = [w.group(0) for w in words]
            region_hint = _region_after(text, end, gazetteer)
            first_name = not level and _names_a_person(plain_words, i, j, candidates)
            person = not level and (
                first_name
                or (j - i == 1 and region_hint is None and _given_name_alone(name, candidates)
                    and place_key(name) != dateline_key
                    and not _IN_BEFORE.search(text, max(0, start - 10), start)  # `shot in Katy`
                    and not _INSTITUTION_AFTER.match(text, end)  # `Gary Methodist Hospital`, `Gary Police`
                    and not _RESIDENT_AFTER.match(text, end))  # `a 19-year-old Beverly man`
                or (previous is not None and not consumed_before
                    and (_given_or_initial(words[i - 1].group(0))
                         or (_surname_after(previous, name, candidates) and not _in_title_case_line(text, start))))
                or (before_word is not None and before_word.group(1).lower() in PERSON_TITLES)
                or _INITIAL_BEFORE.search(text, max(0, start - 30), start) is not None  # `Michael C. Chandler`
                or (0 < i and j < len(words) and not consumed_before and not _in_title_case_line(text, start)
                    and _name_word(words[i - 1].group(0), gazetteer)
                    and _name_word(words[j].group(0), gazetteer, places_too=True))
                or (j - i == 1 and (_AGE_AFTER.match(text, end) is not None
                                    or (_SPEAKS_AFTER.match(text, end) is not None
                                        and not _PREPOSITION_BEFORE.search(text, max(0, start - 12), start)))))
            if person:
                surnames.add(name)
                if first_name:
                    surnames.add(plain_words[j].rstrip(".,'’s"))
                    j += 1
                i = j
                consumed_before = False
                continue
            ordinary_word = j - i == 1 and name.lower() in lowercase_words() and not any(
                c.kind == "country" for c in candidates) and region_hint is None
            if not level and _STREETS_AFTER.match(text, end) and j - i == 1 \
                    and all(c.population < 100_000 for c in candidates):
                streets.add(name)
            if not level and (ordinary_word or _STREET_OR_BUILDING_AFTER.match(text, end) or name in streets
                              or _NEWSPAPER_AFTER.match(text, end)
                              or _STATION_BEFORE.search(text, max(0, start - 14), start)
                              or _HANDLE_AFTER.match(text, end)
                              or _BLOCK_BEFORE.search(text, max(0, start - 20), start)
                              or (_PART_OF_TOWN_AFTER.match(text, end) and place_key(name) not in situated
                                  and not any(c.kind == "neighbourhood" for c in candidates))):
                i = j
                consumed_before = True
                continue
            named_city = re.match(r"[ \t]+(?:City|CITY)\b", text[end:end + 6])
            if named_city and any(c.kind in ("admin1", "country") for c in candidates) and j < len(words):
                # `Florida City`, `Nevada City`: a town GeoNames lacks, named after its state; not a town Florida
                end += named_city.end()
                name = text[start:end]
                found.append(PlaceMention(start, end, name, Place(name=name.title() if name.isupper() else name,
                                                                  kind="unlisted", country="")))
                i = j + 1
                consumed_before = True
                continue
            hint = None
            if level:
                hint = KIND_WORDS[level.group(1).lower()]
            elif text[max(0, start - 8):start].lower().endswith("camp "):
                hint = "camp"
            if any(start < m.end and m.start < end for m in found):
                i = j
                continue  # already read as the region of the place before it
            region = region_hint
            if region is not None and any(c.kind in ("admin1", "country") for c in candidates) and not any(
                    c.country == region.place.country and c.admin1 == region.place.name for c in candidates):
                region = None  # `Farah, Kandahar and Paktiya provinces`: peers in a list, not a town in a province
            within = region.place if region else None
            flags = _how_written(text, start, end)
            found.append(PlaceMention(start, end, name, choose(candidates, hint, (), (), within), hint,
                                      within=within, candidates=tuple(candidates), **flags))
            if region is not None:
                found.append(replace(region, residence=flags["residence"]))
            i = j
            consumed_before = True
    surnames.discard(dateline or "")
    surnames -= {m.text for m in found if m.within is not None}  # `a shooting in Gary, Ind.`: a place throughout
    found = [m for m in found if m.level_hint or (m.text not in surnames and (
        m.text not in streets or m.within or _PREPOSITION_BEFORE.search(text, max(0, m.start - 12), m.start)))]
    # a bare name GeoNames knows only as counties elsewhere may be a town the text writes as one
    county_only = [m for m in found if m.level_hint is None and not m.within and m.candidates
                   and all(c.kind == "admin2" for c in m.candidates)]
    towns = unlisted_towns(text, gazetteer, [*blocked, *((m.start, m.end) for m in found if m not in county_only)],
                           surnames)
    found = [m for m in found if not any(m.start < t.end and t.start < m.end for t in towns)] + towns
    return sorted(found, key=lambda m: m.start)


# How the text writes a village's name (a cue before the whole capitalised run, or a level word after it).
_PLACE_CUE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside(?: of)?|outskirts of|into|villages? of|towns? of|"
                               r"(?:north|south|east|west)(?:east|west)? of)[ \t]+(?:the[ \t]+)?$")
_PLACE_LEVEL_AFTER = re.compile(r"[ \t]+(?:village|town|area|community|locality|settlement|hamlet|district|"
                                r"neighbou?rhood)s?\b")


def _run_start(words: list[str]) -> int:
    """Where the name in a capitalised run begins: after its cue (`In Magarya`) or the unit owning it
    (`Balochistan's Ormara`)."""
    first = 0
    for k, word in enumerate(words[:-1]):
        if word.lower() in NOT_PLACES or word.endswith(("'s", "’s")):
            first = k + 1
    return first


def _written_as_places(text: str) -> set[str]:
    """The names (place keys) of capitalised runs the text writes as places: `in Magarya`, `at Goulds`, `the
    Kalmat area`, `Nyaung Kone village`. Only these may be read as villages (`Gazetteer.lookup_minor`): far more
    capitalised names in news are a village somewhere than are one in the story. Given names and ordinary
    words never are."""
    given = person_names()[0]
    ordinary = lowercase_words()
    out: set[str] = set()
    for match in _CANDIDATE.finditer(text):
        words = match.group(0).split()
        first = _run_start(words)
        name = " ".join(words[first:]).rstrip(".,'’")
        lowered = name.lower()
        if len(name) < 3 or lowered in given or lowered in ordinary or lowered in GENERIC_WORDS \
                or lowered in NOT_PLACES or lowered in _not_town_words():
            continue
        if (first > 0 and words[first - 1].lower() in ("in", "at", "near", "outside", "into")) \
                or (first == 0 and _PLACE_CUE_BEFORE.search(text, max(0, match.start() - 30), match.start())) \
                or _PLACE_LEVEL_AFTER.match(text, match.end()):
            out.add(place_key(name))
    return out


_PERSON_OF = re.compile(r"\b([A-Z][a-z]+)[ \t]+([A-Z][a-z'’]+)[ \t]+of[ \t]+$")
_INSTITUTION_WORDS = {"bank", "house", "port", "department", "office", "board", "council", "university", "center",
                      "centre", "institute", "museum", "library", "gulf", "bay", "isle", "state", "states"}
_NO_PERSON_WORDS = frozenset(_INSTITUTION_WORDS | STREET_AND_BUILDING_WORDS | GENERIC_WORDS | set(KIND_WORDS))


def _named_person_of(text: str, start: int) -> bool:
    """`Briar Newsome of Carlton`: a given name and a common surname, then `of`, say where a person lives
    (`the Bank of America`, `Royal Bank of Canada` are institutions)."""
    match = _PERSON_OF.search(text, max(0, start - 50), start)
    if match is None:
        return False
    first, surname = match.group(1).lower(), match.group(2).lower()
    ordinary = lowercase_words()
    return surname in person_names()[1] and first not in ordinary and surname not in ordinary \
        and not {first, surname} & _NO_PERSON_WORDS


def _how_written(text: str, start: int, end: int) -> dict[str, bool]:
    """What the words around a place's name say of it: `near` it, where someone lives (`, of Tulsa`, `a Tulsa
    man`, `a retired Newburgh police officer`), written as places are (`in X`), where a victim was treated
    (`a hospital in Spokane`), its own police (`Tulsa police`)."""
    residence = bool(_RESIDENCE_BEFORE.search(text, max(0, start - 10), start)
                     or _named_person_of(text, start)
                     or _RESIDENT_AFTER.match(text, end)
                     or (_EMPLOYEE_AFTER.match(text, end)
                         and _ONE_PERSON_BEFORE.search(text, max(0, start - 12), start)))
    return {"near": bool(_NEAR.search(text[max(0, start - 40):start])), "residence": residence,
            "cued": residence or bool(_PREPOSITION_BEFORE.search(text, max(0, start - 12), start)),
            "treated": bool(_TREATED_IN.search(text, max(0, start - 80), start) or _RECOVERING_AFTER.match(text, end)),
            "police": bool(_POLICE_AFTER.match(text, end))}


_TOWN_WORD = r"[A-Z][a-z][\w’'\-]*(?<!['’])"
_TOWN_NAME = rf"{_TOWN_WORD}(?:[ \t]+{_TOWN_WORD}){{0,2}}"
# How a town GeoNames lacks shows itself (`shot in Montfort`, `the Forsyth Police Department`, `the city of
# Rock Falls`, `his Glen Flora home`); the whole capitalised run, never part of one (`in Spring Hill Park` is no
# `Spring Hill`).
_TOWN_CUES = re.compile(
    rf"(?<![\w’'])(?:in|near|outside(?:[ \t]+of)?)[ \t]+({_TOWN_NAME})(?![ \t]*[A-Z\d]|['’]|[ \t]*-)"
    rf"|\b({_TOWN_NAME})[ \t]+(?:Police|Fire|police)[ \t]+(?:Department|Dept|Chief|officers?)\b"
    rf"|\b(?:city|town|village|City|Town|Village) of[ \t]+({_TOWN_NAME})(?![ \t]*[A-Z])"
    # `outside his Glen Flora home`, `at the Osbornes' Rock Falls home`: a possessive names whose home it is, so
    # the capitalised words between are where it stands, not a family's name (`the Osborne home`)
    rf"|(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|\w['’]s|\ws['’])[ \t]+(?P<home_of>{_TOWN_NAME})[ \t]+"
    rf"(?:home|residence|house|apartment|farm)\b")
# `in the Town of Wallkill`: a municipality by its legal name (one of _TOWN_CUES' forms), or `in Magarya village`:
# once is enough
_TOWN_OF = re.compile(rf"\b(?:[Tt]own|[Vv]illage) of[ \t]+({_TOWN_NAME})(?![ \t]*[A-Z])"
                      rf"|\b(?:in|at|near|from|into|of)[ \t]+(?:the[ \t]+)?({_TOWN_NAME})[ \t]+"
                      rf"(?:village|town|community|settlement|locality|hamlet)\b")


_ADDRESS_IN_TOWN = re.compile(
    rf"\b(?:Road|Rd|Drive|Dr|Street|St|Avenue|Ave|Lane|Ln|Court|Ct|Boulevard|Blvd|Way|Highway|Hwy|Pike|Parkway|"
    rf"Circle|Trail|Terrace|Place)\.?(?:[ \t]+\d+)?(?:,?[ \t]+in|,)[ \t]+({_TOWN_NAME})"
    rf"(?![ \t]*[A-Z\d]|['’]|[ \t]*-)(?=[ \t]*[.,;])")
_STREET_ABBREVIATIONS = {"st", "ave", "rd", "blvd", "dr", "ln", "ct", "hwy", "pkwy", "cir", "pl", "ter"}
# Last words of towns' names that elsewhere are generic (`Steamboat Springs`, `Rock Falls`, `Salem Township`).
_TOWN_ENDINGS = {"springs", "falls", "heights", "hills", "park", "beach", "city", "valley", "lake", "creek", "grove",
                 "township", "village", "harbor", "point", "junction", "mills", "ridge", "island"}
# Capitalised words that follow `in` without being towns (`in Congress`, `in Islam`, `in English`, `the
# Assistant Police Chief`).
_NOT_TOWNS = {"congress", "parliament", "senate", "islam", "christianity", "judaism", "heaven", "memorial",
              "broadway", "arrests", "assistant", "interim", "acting", "former", "english", "spanish", "french",
              "arabic", "chinese", "mandarin", "cantonese", "russian", "portuguese", "german", "italian", "japanese",
              "korean", "hindi", "urdu", "persian", "farsi", "pashto", "dari", "turkish", "kurdish", "vietnamese",
              "somali", "swahili", "hebrew", "latin", "greek", "polish", "dutch", "tagalog", "creole", "bengali"}


@lru_cache(maxsize=1)
def _not_town_words() -> frozenset[str]:
    return (lowercase_words() | NOT_PLACES | GENERIC_WORDS | PERSON_TITLES | set(KIND_WORDS)
            | STREET_AND_BUILDING_WORDS | _NOT_TOWNS)


def _listed_town(name: str, text: str, gazetteer: Gazetteer) -> bool:
    """Whether GeoNames knows the name as anything but a county the text never calls one (`Forsyth` in a
    story that says `in Forsyth` and `the Forsyth Police Department`, never `Forsyth County`)."""
    readings = gazetteer.lookup(name)
    if not readings:
        return False
    if all(p.kind == "admin2" for p in readings):
        return re.search(rf"\b{re.escape(name)}\s+(?i:county|parish)\b", text) is not None
    return True


def unlisted_towns(text: str, gazetteer: Gazetteer, taken: Iterable[tuple[int, int]] = (),
                   people: Iterable[str] = ()) -> list[PlaceMention]:
    """Towns the gazetteer lacks (it lists towns of 15,000 or more, and villages only where written as places)
    that the text writes the way towns are
    written, at least twice in all (once after a street address): every mention of such a name, as kind
    `unlisted` with no country yet.
    `resolve_in_context` puts them in the state the document is about, or drops them when it names none."""
    taken = list(taken)
    people = {p.lower() for p in people}
    given, _surnames = person_names()
    ordinary = _not_town_words()
    names: set[str] = set()
    # `on Embarcadero Drive in Lithonia.`, `at 13915 Road 3, Pandora.`: a street address then `in X` or `, X`
    # names the town, once is enough; so does a municipality's legal name (`the Town of Wallkill`)
    address_cues = list(_ADDRESS_IN_TOWN.finditer(text))
    addressed = {m.group(1) for m in address_cues} | {m.group(1) or m.group(2) for m in _TOWN_OF.finditer(text)}
    for match in [*_TOWN_CUES.finditer(text), *address_cues]:
        written = next(g for g in match.groups() if g).split()
        if written and written[0].lower() in ("the", "a", "an"):
            written.pop(0)  # `The Forsyth Police Department`
        name = " ".join(written)
        words = [w.lower() for w in written]
        # `his Glen Flora home` is no person named Glen: only the possessive form lets a given name lead
        possessive = match.lastgroup == "home_of"
        if not words or any((w in ordinary and (k == 0 or w not in _TOWN_ENDINGS)) or w in _STREET_ABBREVIATIONS
                            or w.endswith(("'s", "’s")) for k, w in enumerate(words)) \
                or name.lower() in people or (words[0] in given and not possessive) \
                or _listed_town(name, text, gazetteer):
            continue
        names.add(name)
    out = []
    for name in sorted(names):  # a set, whose order changes with PYTHONHASHSEED
        spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w’'\-]){re.escape(name)}(?![\w’'\-])", text,
                                                           re.IGNORECASE)
                 if m.group(0) in (name, name.upper())]
        if len(spans) < 2 and name not in addressed:
            continue
        place = Place(name=name, kind="unlisted", country="")
        # `Magnolia Regional Medical Center` names a building, not where it stands
        out += [PlaceMention(a, b, text[a:b], place, **_how_written(text, a, b)) for a, b in spans
                if not any(a < y and x < b for x, y in taken) and not _STREET_OR_BUILDING_AFTER.match(text, b)]
    return out


_WRITTEN_IN_REGION = re.compile(r"\b([A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}),[ \t]*(?=[A-Z])")


def _unlisted_places(text: str, gazetteer: Gazetteer) -> dict[str, list[Place]]:
    """Towns the gazetteer lacks but the text places in a known state or province (`GEDDES, S.D.`,
    `Edmonton, Ky.`): kind `unlocated`, with the coordinates of the unit they lie in. Later mentions of the
    bare name (`Geddes`) read the same way."""
    out: dict[str, list[Place]] = {}
    for match in _WRITTEN_IN_REGION.finditer(text):
        name = match.group(1)
        if name.isupper():
            name = name.title()
        words = name.split()
        if any(w.lower() in KIND_WORDS or w.lower() in lowercase_words() or w.lower() in NOT_PLACES
               or w.lower() in PERSON_TITLES for w in words) or re.search(r"\b(?:St|ST|Ft|FT|Mt|MT)\.\s*$",
                                                                      text[max(0, match.start() - 5):match.start()]):
            continue  # `HARRIS COUNTY, Texas`, `Officer, ...`, `ST. LOUIS, Mo.` (read whole elsewhere)
        if words[0].lower() in NOT_PLACES or name.lower() in GENERIC_WORDS or len(name) < 3:
            continue
        region = _region_after(text, match.end(1), gazetteer)
        if region is None:
            section = _section_of_city(text, match, name, gazetteer)
            if section is not None:
                out.setdefault(place_key(name), []).append(section)
            continue
        if region.place.kind not in ("admin1", "country"):
            continue
        unit = region.place
        readings = gazetteer.lookup(name)
        if any(p.country == unit.country and p.admin1 == unit.name for p in readings) or any(
                p.kind in ("admin1", "country") for p in readings):
            continue  # known there, or a list of peers (`Farah, Kandahar and Paktiya provinces`)
        if len(words) > 1 and words[0].lower() in GENERIC_WORDS and any(
                p.country == unit.country and p.admin1 == unit.name for p in gazetteer.lookup(" ".join(words[1:]))):
            continue  # `SOUTHWEST MIAMI-DADE, Fla.`: part of a place known there, read as that place
        given, _surnames = person_names()
        if len(words) == 2 and words[0].lower() in given and not match.group(1).isupper():
            continue  # `John Smith, Texas` is not a town (a dateline's `GLEN FLORA, Wis.` is)
        out.setdefault(place_key(name), []).append(town_in(gazetteer, name, unit))
    return out


_LEVEL_WORDS = r"(?:village|town|district|area|county|locality|community|settlement|municipality|subdistrict)"
_UNIT_WORDS = r"(?:region|province|state|district|county|governorate|division|department|prefecture)"
# `Balochistan's Musakhail district`, `Colombia's Cauca province`: the unit owns the place
_SIDE = r"(?:(?:(?:north|south)(?:east|west)?|east|west|central)(?:ern)?|restive|remote|rural|mountainous)"
_OWNED_BY_UNIT = re.compile(rf"\b({_TOWN_NAME})['’]s[ \t]+(?:{_SIDE}[ \t]+)?({_TOWN_NAME})[ \t]+{_LEVEL_WORDS}\b")
# `at Kutru in the Bastar region`, `Ajwara village in Pibor county`, `Machh area of Bolan`, `near Sasit, a small
# town in Ethiopia's Amhara region`, `Buenos Aires, in Colombia's southwestern Cauca province`
_IN_UNIT = re.compile(rf"\b({_TOWN_NAME})(?:[ \t]+{_LEVEL_WORDS}|,[ \t]+an?[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?"
                      rf"{_LEVEL_WORDS})?,?[ \t]+(?:in|of)[ \t]+(?:the[ \t]+)?"
                      rf"(?:{_TOWN_NAME}['’]s[ \t]+)?"  # `in Pibor's Pochalla county`: the innermost unit
                      rf"(?:{_SIDE}[ \t]+)?({_TOWN_NAME})(?:[ \t]+{_UNIT_WORDS})?\b")


def _situated_places(text: str, gazetteer: Gazetteer) -> Iterable[tuple[str, Place]]:
    """Names the text situates in a unit it names (`Balochistan's Musakhail district`, `at Kutru in the Bastar
    region`, `Ajwara village in Pibor's Pochalla county`) and that the gazetteer lacks there: each with the
    village cities500 lists in that unit, or an unlocated place at the unit's coordinates. The unit must be a
    province, a district or a country the gazetteer knows; the place a capitalised name that is no ordinary
    word, person's title or level word."""
    ordinary = _not_town_words()
    given = person_names()[0]
    for match in [*_OWNED_BY_UNIT.finditer(text), *_IN_UNIT.finditer(text)]:
        if match.re is _OWNED_BY_UNIT:
            unit_name, name = match.group(1), match.group(2)
        else:
            name, unit_name = match.group(1), match.group(2)
            if not re.fullmatch(_UNIT_WORDS, match.group(0).split()[-1].lower()) and not re.search(
                    rf"\b{_LEVEL_WORDS}\b", match.group(0)):
                continue  # `Obama in Washington`: no level word says that either is a place
        words = [w.lower() for w in name.split()]
        if any(w in ordinary for w in words) or words[0] in given:
            continue
        units = [p for p in gazetteer.lookup(unit_name) if p.kind in ("admin1", "admin2", "country")]
        if not units:
            continue
        unit = max(units, key=lambda p: (p.kind == "admin1", p.kind == "country", p.population))
        if readings := gazetteer.lookup(name):
            for place in readings:  # a name the gazetteer knows: its reading there, if it has one
                if place.country == unit.country and (unit.kind == "country" or unit.name in (
                        place.admin1, place.admin2)) and place.kind not in ("country", "admin1"):
                    yield name, place
            continue
        if unit.kind == "admin2":
            province = admin1_place(gazetteer, unit.country, unit.admin1)
            if province is None:
                continue
            yield name, gazetteer.minor_in(name, unit) or unlocated_town(name, province, unit.name)
        else:
            yield name, town_in(gazetteer, name, unit)


_BIG_CITY = 500_000  # a city of this size has sections a story names as `Claremont, Bronx` or `Englewood, Chicago`


def _section_of_city(text: str, match: re.Match[str], name: str, gazetteer: Gazetteer) -> Place | None:
    """`in Claremont, Bronx`, `in Canarsie, Brooklyn`: a name the gazetteer lacks there, written in a big city
    or borough after `in` or `at`, is a section of it (kind `neighbourhood`, at the city's coordinates)."""
    if not re.search(r"\b(?:in|at|near)\s+$", text[max(0, match.start() - 6):match.start()]):
        return None
    city_name = re.match(r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?", text[match.end():match.end() + 40])
    if city_name is None:
        return None
    big = [p for p in gazetteer.lookup(city_name.group(0)) if p.kind in ("city", "admin2")
           and p.population >= _BIG_CITY and not p.alternate]
    if len({(p.country, p.admin1) for p in big}) != 1:
        return None
    city = max(big, key=lambda p: p.population)
    if any(p.country == city.country and p.admin1 == city.admin1 for p in gazetteer.lookup(name)):
        return None  # a town known in that state (`Yonkers, Bronx` would be a list)
    return section_of(name, city)


def _region_after(text: str, end: int, gazetteer: Gazetteer) -> PlaceMention | None:
    """The province, state or country written after a place: `Bastrop, Texas`, `Poplar Bluff, Mo.`,
    `Washington D.C.`, `Khas district, Uruzgan province`."""
    written = re.match(r"(?:[ \t]+(?i:district|county|parish|city|town|village))?(?:,\s*|[ \t]+(?=[A-Z]\.[A-Z]\.))"
                       r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})", text[end:end + 60])
    if not written:
        return None
    words = written.group(1).split()
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count])
        for candidate in (name, name.rstrip(".,")):
            readings = gazetteer.lookup_region(candidate)
            if readings and (len(candidate) > 2 or candidate.isupper()):
                start = end + written.start(1)
                place = max(readings, key=lambda p: (p.kind == "admin1", p.population))
                return PlaceMention(start, start + len(candidate), candidate, place, "region")
    return None
