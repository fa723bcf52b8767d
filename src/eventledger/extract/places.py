"""Place mentions against a shipped gazetteer (GeoNames, CC BY 4.0) plus user places.

Candidates come from whole-token name matches (never part of a word: `Andar` is not `Andarab`).
The words around a name choose its level (`X province` is an admin1, `X district` an admin2, `Camp X`
a camp); the document's countries and population break the remaining ties. Full geocoding with
precision codes is a later stage; this gives name, admin units, country and, where known, coordinates.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventledger.read.yaml_data import load_yaml

KIND_WORDS = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "state": "admin1",
    "district": "admin2", "districts": "admin2", "county": "admin2", "counties": "admin2", "states": "admin1",
    "city": "city", "village": "city", "town": "city",
}
NOT_PLACES = {"the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "he", "she", "it", "they", "we",
              "this", "that", "these", "those", "there", "u.s.", "us", "un", "mrs", "mr", "president",
              "police", "said", "after", "before", "during", "following", "according", "despite", "like",
              "with", "all", "no", "both", "also", "however", "today", "yesterday", "local", "news",
              "press", "release", "download", "immediate", "update", "operational", "morning", "evening",
              "joint", "command", "force", "forces", "security", "coalition", "afghan", "national", "army",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "may", "march",
              "june", "july", "august", "april", "january", "february", "september", "october",
              "november", "december", "isaf", "taliban", "leader", "people", "union", "liberty", "reading",
              "victoria", "mobile", "independence", "justice", "deal", "chase", "sale", "best", "god", "lord", "jesus",
              "christ", "allah", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "am", "pm"}
SPECIFICITY = {"camp": 0, "base": 0, "checkpoint": 0, "neighbourhood": 1, "city": 2, "unlocated": 2, "admin2": 2,
               "admin1": 3,
               "country": 5}


def specificity(place: Place) -> int:
    """How narrowly a place pins an event down: 0 for a camp or base, 5 for a whole country."""
    return SPECIFICITY.get(place.kind, 4)


KIND_RANK = {"camp": 6, "base": 6, "checkpoint": 6, "neighbourhood": 5, "admin1": 4, "country": 12,
             "city": 3, "admin2": 2, "unlocated": 3}


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


class Gazetteer:
    """Name lookups over the shipped GeoNames table (SQLite, read lazily) and the user places (in memory)."""

    def __init__(self, database: Path | None, user_places: Iterable[Place] = (),
                 aliases: dict[str, list[Place]] | None = None,
                 region_aliases: Iterable[tuple[str, str, str, str]] = ()) -> None:
        self.db = None
        if database is not None:
            self.db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, check_same_thread=False)
        self.user: dict[str, list[Place]] = {}
        for place in user_places:
            self._add(place.name, place)
        for alias, targets in (aliases or {}).items():
            for place in targets:
                self._add(alias, place)
        self.renames = {(p.country, place_key(a)): p.name for p in user_places if p.kind == "admin1"
                        for a in (p.name, *(k for k, v in (aliases or {}).items() if p in v))}
        self.user_keys = {(p.country, place_key(p.name), p.kind) for p in user_places}
        self.max_words = max([4, *(k.count(" ") + 1 for k in self.user)])
        self._cache: dict[str, list[Place]] = {}
        self.regions: dict[str, list[Place]] = {}
        self.outlets: dict[str, str] = {}
        self._compact: dict[str, list[Place]] | None = None
        for alias, country, kind, name in region_aliases:
            for place in self.lookup(name):
                if place.country == country and place.kind == kind:
                    self.regions.setdefault(place_key(alias), []).append(place)

    def lookup_region(self, name: str) -> list[Place]:
        """Readings of a name written as a region after a place (`Poplar Bluff, Mo.`): provinces, states and
        countries, including abbreviations that elsewhere would be ordinary words."""
        found = [p for p in self.lookup(name) if p.kind in ("admin1", "country")]
        return found + [p for p in self.regions.get(place_key(name), []) if p not in found]

    def compact_names(self) -> dict[str, list[Place]]:
        """Provinces and states, and towns of 20,000 or more, keyed by their folded name without spaces
        (`kansascity`): the names an outlet's web address is made of. Built once, on first use."""
        if self._compact is None:
            self._compact = {}
            if self.db is not None:
                rows = self.db.execute(
                    "SELECT key, name, kind, country, admin1, admin2, lat, lon, population FROM places "
                    "WHERE alternate = 0 AND (kind = 'admin1' OR (kind = 'city' AND population >= 20000))")
                for key, name, kind, country, admin1, admin2, lat, lon, population in rows:
                    if kind == "admin1":
                        name = admin1 or name
                    self._compact.setdefault(key.replace(" ", ""), []).append(Place(
                        name=name, kind=kind, country=country, admin1=admin1 or None, admin2=admin2 or None, lat=lat,
                        lon=lon, population=population or 0))
        return self._compact

    def _add(self, name: str, place: Place) -> None:
        key = place_key(name)
        if key:
            bucket = self.user.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)

    def lookup(self, name: str) -> list[Place]:
        key = place_key(name)
        if key in self._cache:
            return self._cache[key]
        found = list(self.user.get(key, []))
        if self.db is not None and key:
            rows = self.db.execute("SELECT name, kind, country, admin1, admin2, lat, lon, population, alternate, "
                                   "part_of FROM places WHERE key = ?", (key,)).fetchall()
            for name_, kind, country, admin1, admin2, lat, lon, population, alternate, part_of in rows:
                admin1 = self.renames.get((country, place_key(admin1)), admin1) if admin1 else None
                if kind == "admin1":
                    name_ = admin1 or name_
                if (country, place_key(name_), kind) in self.user_keys:
                    continue
                found.append(Place(name=name_, kind=kind, country=country, admin1=admin1, admin2=admin2, lat=lat,
                                   lon=lon, population=population or 0, alternate=bool(alternate),
                                   part_of=part_of))
        if len(self._cache) < 100_000:
            self._cache[key] = found
        return found


LEADING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}


def place_key(name: str) -> str:
    """Lower case, no accents, apostrophes or hyphens; a leading `St.`/`Ft.`/`Mt.` spelled out (`St. Louis` =
    `Saint Louis`). No vowel folding: `Albania` is not `Albany`."""
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch) and ch not in "'’`")
    words = re.findall(r"\w+", plain.replace("-", " "))
    if len(words) > 1 and words[0] in LEADING_ABBREVIATIONS:
        words[0] = LEADING_ABBREVIATIONS[words[0]]
    return " ".join(words)


def _user_places(path: Path) -> tuple[list[Place], dict[str, list[Place]], list[tuple[str, str, str, str]],
                                      dict[str, str]]:
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    outlets = {outlet_host(str(site)): str(home) for site, home in (data.get("outlets") or {}).items()}
    places, aliases = [], {}
    regions = [(alias, country, kind, name)
               for country, kinds in (data.get("region_aliases") or {}).items()
               for kind, names in (kinds or {}).items()
               for name, written in (names or {}).items() for alias in written]
    for row in data.get("places") or []:
        place = Place(name=row["name"], kind=row.get("kind", "city"), country=row.get("country", ""),
                      admin1=row.get("admin1"), admin2=row.get("admin2"), lat=row.get("lat"),
                      lon=row.get("lon"))
        places.append(place)
        for alias in row.get("aliases") or []:
            aliases.setdefault(alias, []).append(place)
    return places, aliases, regions, outlets


def shipped_outlets() -> dict[str, str]:
    """The shipped outlets list (data/outlets.yaml) as `host: "Town, Region"` (or `"Region"`)."""
    data = load_yaml(resources.files("eventledger.data").joinpath("outlets.yaml").read_text("utf-8")) or {}
    return {outlet_host(str(host)): f"{town}, {region}" if town else str(region)
            for regions in data.values() for region, hosts in (regions or {}).items()
            for host, town in (hosts or {}).items()}


@lru_cache(maxsize=4)
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped GeoNames table with the shipped and the user's places over it."""
    user_places: list[Place] = []
    user_aliases: dict[str, list[Place]] = {}
    region_aliases: list[tuple[str, str, str, str]] = []
    outlets: dict[str, str] = shipped_outlets()
    data = resources.files("eventledger.data")
    for path in [Path(str(data.joinpath("places.yaml")))] + [Path(p) for p in user_files]:
        places, aliases, regions, homes = _user_places(path)
        user_places.extend(places)
        region_aliases.extend(regions)
        outlets.update(homes)
        for key, value in aliases.items():
            user_aliases.setdefault(key, []).extend(value)
    database = Path(str(data.joinpath("gazetteer.sqlite")))
    gazetteer = Gazetteer(database if database.exists() else None, user_places, user_aliases, region_aliases)
    gazetteer.outlets = outlets
    return gazetteer


_ARCHIVED = re.compile(r"^(?:\w+://)?(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:\w+://)?([^/:?#]+)(?::\d+)?(/[^/?#]*)?")


def outlet_host(url: str) -> str:
    """The outlet's host name, unwrapped from an archive copy and without `www.`:
    `http://web.archive.org/web/2016/http://www.kfvs12.com:80/story/1` -> `kfvs12.com`."""
    url = url.strip()
    while (archived := _ARCHIVED.match(url)) is not None:
        url = archived.group(1)
    match = _HOST.match(url)
    host = (match.group(1) if match else url).lower()
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)


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
    while (archived := _ARCHIVED.match(url.strip())) is not None:
        url = archived.group(1)
    folder = _HOST.match(url.strip())
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


# Capitalised words on one line (`St. Louis`, `Nad-e Ali`, `Najaf al Ashraf`); a name never spans lines.
_CANDIDATE = re.compile(r"\b(?:(?:St|ST|Ste|Ft|FT|Mt|MT)\.[ \t]+)?[A-Z][\w'’\-]*"
                        r"(?:[ \t]+(?:(?:al|el|e|de|of|bin|ibn|abu)[ \t\-]+)?'?[A-Z][\w'’\-]*){0,3}")
CONNECTORS = {"al", "el", "e", "de", "bin", "ibn", "abu"}
# Words before a name that make it a person's: `Officer Graham`, `Sgt. Martin`, `Mrs. Washington`.
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "officer", "sgt", "sergeant", "lt", "capt", "captain", "chief", "sheriff",
                 "deputy", "detective", "det", "judge", "mayor", "gov", "governor", "sen", "senator", "rep",
                 "trooper", "cpl", "corporal", "gen", "general", "col", "colonel", "maj", "major", "pvt", "president",
                 "prosecutor", "attorney", "coach", "rev", "reverend", "pastor", "father", "brother", "sister"}
_NEAR = re.compile(r"(?i)\b(?:near|outside(?: of)?|outskirts of|close to|\d+\s*(?:km|kilometres|kilometers|miles)"
                   r"(?:\s+(?:north|south|east|west|northeast|northwest|southeast|southwest))?\s+(?:of|from)|"
                   r"(?:north|south|east|west|northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?$")
# Last words of the names of natural features and parks, never towns (`Big Creek Reservoir`).
_FEATURE_WORDS = {"Reservoir", "Dam", "Canyon", "Forest", "Campground", "Trailhead", "Wilderness", "Preserve",
                  "Refuge", "River", "Creek", "RESERVOIR", "FOREST", "RIVER", "CREEK"}
_HOME_PARK = re.compile(r"\b(?:Mobile|Mobil|Trailer|RV)[ \t]+(?:Home[ \t]+)?(?:Park|Home|Homes|Court|Estates)\b")
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*[,)]")
# A name followed by one of these is a street or a building named after a place (`Alameda Road`,
# `the 300 block of Madrid`, `St. Louis Children's Hospital`), not the place.
STREET_AND_BUILDING_WORDS = {
    "road", "avenue", "street", "drive", "parkway", "boulevard", "lane", "way", "court", "highway", "place", "circle",
    "terrace", "trail", "pike", "plaza", "bridge", "hospital", "school", "academy", "college", "jail", "mall", "hotel",
    "church", "apartments", "park", "hill", "hills", "woods", "wood", "field", "fields", "mills", "falls", "springs",
    "heights", "gardens", "homes", "towers", "manor", "estates", "courts", "complex"}
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
# `a 26-year-old West Haven woman`: the place describes a person (where they live), not the event.
_RESIDENT_AFTER = re.compile(r"[ \t]+(?:man|woman|men|women|teen|teens|teenager|boy|girl|resident|residents|native|"
                             r"couple|family|student|father|mother|son|daughter)\b")
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
GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeast", "northwest", "southeast", "southwest", "capital", "federal", "university", "mission",
                 "center", "centre", "metro", "midwest", "county", "city", "district", "province", "state",
                 "region", "valley", "river", "lake", "mountain", "park", "island", "beach", "hills", "village"}


@lru_cache(maxsize=1)
def lowercase_words() -> frozenset[str]:
    """Words English usually writes in lower case (shipped list built from UD English EWT)."""
    text = resources.files("eventledger.data").joinpath("lowercase-words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def person_names() -> tuple[frozenset[str], frozenset[str]]:
    """Common given names and surnames (US Census 1990, shipped by the `names` package), lower case: those
    borne by at least 1 in 10,000 people (given) or 1 in 100,000 (surnames), which leaves out rare entries
    that are English words (`In`, `An`)."""
    def read(files: tuple[str, ...], min_percent: float) -> frozenset[str]:
        data = resources.files("names")
        out = set()
        for f in files:
            for line in data.joinpath(f).read_text(encoding="utf-8").splitlines():
                fields = line.split()
                if len(fields) < 2:
                    continue
                if float(fields[1]) < min_percent:
                    break  # the lists run from the commonest name down: the rest are rarer still
                out.add(fields[0].lower())
        return frozenset(out - NOT_PLACES)
    return read(("dist.male.first", "dist.female.first"), 0.01), read(("dist.all.last",), 0.001)


def _small_town(candidates: list[Place]) -> bool:
    """No province or country of that name, and no town of it with 200,000 people (counties don't count)."""
    return all(c.kind in ("city", "admin2", "unlocated") for c in candidates) and all(
        c.population < 200_000 for c in candidates if c.kind == "city")


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
    return words[i].lower() in given or _small_town(candidates)


def _surname_after(previous: str, name: str, candidates: list[Place]) -> bool:
    """`Ackeem Davis`, `Erico Marion`, `Dontay Jordan`: a small town's or a country's name that is a common
    surname, after a capitalised word that is neither a place nor an ordinary word, is a person's surname."""
    return (name.lower() in person_names()[1] and previous.isalpha()
            and (_small_town(candidates) or any(c.kind == "country" for c in candidates))
            and previous not in NOT_PLACES and previous not in GENERIC_WORDS)


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
        if level_after and len(words) > 1 and not gazetteer.lookup(match.group(0)):
            continue  # `Mota Khan district` unknown: its parts (`Mota`) would be places elsewhere
        i = 0
        consumed_before = True  # whether the word before position i was part of a place (or there is none)
        while i < len(words):
            if i > 0 and words[i - 1].group(0).lower() in CONNECTORS:
                i += 1  # `Ashraf` in `Najaf al Ashraf` is part of another name
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
                written_in = [c for c in local.get(place_key(name), []) if c.part_of and re.match(
                    rf",[ \t]*{re.escape(c.part_of)}\b", text[end:end + 40])]
                candidates = written_in or candidates  # `Claremont, Bronx`: the section the text places there
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
                              or (_PART_OF_TOWN_AFTER.match(text, end)
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
# `in the Town of Wallkill`: a municipality by its legal name (one of _TOWN_CUES' forms); once is enough
_TOWN_OF = re.compile(rf"\b(?:[Tt]own|[Vv]illage) of[ \t]+({_TOWN_NAME})(?![ \t]*[A-Z])")


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
    """Towns the gazetteer lacks (it lists towns of 15,000 or more) that the text writes the way towns are
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
    addressed = {m.group(1) for m in address_cues} | {m.group(1) for m in _TOWN_OF.finditer(text)}
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
    for name in names:
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
        if region.place.kind != "admin1":
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
        out.setdefault(place_key(name), []).append(unlocated_town(name, unit))
    return out


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
    return _section(name, city)


def _section(name: str, city: Place) -> Place:
    """A part of `city` the gazetteer does not list: a neighbourhood at the city's coordinates."""
    return Place(name=name, kind="neighbourhood", country=city.country, admin1=city.admin1, admin2=city.admin2,
                 lat=city.lat, lon=city.lon, part_of=city.name)


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


def _unit(place: Place) -> tuple[str, str | None]:
    """The province or state a reading lies in (a province's own): (country, admin1)."""
    return place.country, place.name if place.kind == "admin1" else place.admin1


def _towns_over_units(candidates: list[Place]) -> list[Place]:
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
        candidates = _towns_over_units(candidates)
    if within is not None:
        candidates = _in_unit(candidates, within) or candidates

    def score(place: Place) -> float:
        value = KIND_RANK.get(place.kind, 1)
        if hint and place.kind == hint:
            value += 20
        if hint == "region" and place.kind in ("admin1", "country"):
            value += 15
        if place.country in countries:
            value += 10
        unit = _unit(place)
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
            if mention.place.kind == "unlisted":
                continue
            likely = choose(_readings(mention, gazetteer), mention.level_hint, ())
            votes[likely.country] = votes.get(likely.country, 0.0) + 1 + math.log10(likely.population + 1) / 10
        if votes:
            countries.add(max(votes, key=votes.__getitem__))

    local_readings: dict[int, list[Place]] = {}

    def local(mention: PlaceMention) -> list[Place]:
        """The mention's readings in the document's countries (all of them if none lies there)."""
        if id(mention) not in local_readings:
            readings = _readings(mention, gazetteer)
            local_readings[id(mention)] = [p for p in readings if p.country in countries] or readings
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
        units = {_unit(p) for p in readings}
        if len(units) == 1 and None not in next(iter(units)):
            unit = next(iter(units))
            if explicit or (all(p.kind == "admin1" for p in readings) and (not countries or unit[0] in countries)):
                add(unit, key, 1.0)
                if explicit:
                    known.setdefault(key, readings[0] if len(readings) == 1 else mention.place)
            elif all(p.kind in ("city", "camp", "base") for p in _towns_over_units(readings)) \
                    and unit not in town_votes.get(key, ()) and key != dateline_key:  # the dateline counted once
                town_votes.setdefault(key, set()).add(unit)
                add(unit, key, 0.5)
        elif not explicit and mention.level_hint is None:
            towns = sorted((p for p in _towns_over_units(readings) if p.kind == "city"), key=lambda p: -p.population)
            if home is not None and home.kind == "city" and key == place_key(home.name) and any(
                    _unit(p) == _unit(home) for p in towns):
                towns = [p for p in towns if _unit(p) == _unit(home)]  # `of Rochester` in a Rochester outlet's story
            if towns and (len(towns) == 1 or towns[0].population >= 5 * towns[1].population) \
                    and towns[0].admin1 and _unit(towns[0]) not in town_votes.get(key, ()):
                unit = _unit(towns[0])
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
                out.append(replace(mention, place=unlocated_town(mention.place.name, region_places[sole])))
            continue
        readings = local(mention)
        key = place_key(mention.text)
        place = known.get(key) if not mention.level_hint else None
        if place is None and sole in region_places and mention.level_hint in (None, "city") and not mention.within \
                and (mention.cued or names_written[key] > 1) \
                and _small_town(readings) and all(p.kind in ("city", "unlocated")
                                                  # `in Caledonia`: a county elsewhere too, but written as a town
                                                  or (p.kind == "admin2" and mention.cued) for p in readings) \
                and not any((p.country, p.admin1) == sole or supported_without((p.country, p.admin1), key) > 0
                            for p in readings):
            place = unlocated_town(mention.text, region_places[sole])
        if place is None:
            own = town_votes.get(key, set())  # a town's own vote decides nothing
            weights = {u: w - 0.5 * (u in own) for u, w in support.items()}
            place = choose(readings, mention.level_hint, countries, {u: w for u, w in weights.items() if w > 0},
                           mention.within, home_unit)
        if place.kind == "admin2" and not mention.level_hint and (place.country, place.admin1) not in regions:
            continue  # an obscure district abroad is more likely an ordinary capitalised word
        if place.kind in ("admin1", "admin2") and not place.population and not mention.level_hint \
                and not mention.within and (place.country, place.admin1 or place.name) not in regions:
            continue  # a unit with no town of 15,000 (`Michael`, a parish of the Isle of Man): a word or a name
        if (countries and place.country not in countries and not mention.level_hint and not mention.within
                and (place.kind in ("admin1", "admin2") or (place.kind == "city" and place.population < 500_000))):
            continue  # abroad and small, or a unit abroad no one named as such: a word, a name, a hotel
        chosen = _unit(place)
        ambiguous = place.kind != "country" and supported_without(chosen, key) <= 0 and (
            len({_unit(p) for p in readings}) > 1 or any(u != chosen and w > 0 for u, w in support.items()))
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
                mention = replace(mention, place=_section(place.name, in_state[0]))
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
        readings = inside(readings, mention.within, mention.text, mention.level_hint)
    if mention.level_hint in ("admin1", "admin2", "camp"):
        readings = [p for p in readings if p.kind == mention.level_hint] or readings
    elif mention.level_hint is None and any(p.kind == "admin1" for p in readings):
        readings = [p for p in readings if p.kind != "admin2"]  # a county named like a state says `Iowa County`
    return readings


def _in_unit(readings: list[Place], unit: Place) -> list[Place]:
    """The readings that lie in a province or country."""
    return [p for p in readings if p.country == unit.country and (unit.kind == "country" or p.admin1 == unit.name)]


def unlocated_town(name: str, unit: Place, admin2: str | None = None) -> Place:
    """A place the gazetteer lacks, in the province or state `unit` (with its coordinates); a dateline's
    capitals (`GLEN FLORA`) are written as a name (`Glen Flora`)."""
    return Place(name=name.title() if name.isupper() else name, kind="unlocated", country=unit.country,
                 admin1=unit.name, admin2=admin2, lat=unit.lat, lon=unit.lon)


def admin1_place(gazetteer: Gazetteer, country: str, name: str | None) -> Place | None:
    """The province or state of that name in that country."""
    return next((p for p in gazetteer.lookup(name or "") if p.kind == "admin1" and p.country == country), None)


def inside(readings: list[Place], unit: Place, name: str, hint: str | None = None) -> list[Place]:
    """The readings that lie in the unit the text puts the name in; if the gazetteer has none there, the
    place the text describes (`Khugyani district, Ghazni province` when GeoNames knows only Nangarhar's):
    kind `unlocated`, with the unit's coordinates."""
    found = _in_unit(readings, unit)
    if found or unit.kind == "country":
        return found or readings
    if any(p.kind in ("admin1", "country") for p in readings):
        return readings
    town = unlocated_town(name, unit)
    return [replace(town, admin2=town.name) if hint == "admin2" else town]


def _region_of(place: Place, gazetteer: Gazetteer) -> Place | None:
    """The state or province a place lies in (itself for one)."""
    return place if place.kind == "admin1" else admin1_place(gazetteer, place.country, place.admin1)


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
        home_region = _region_of(home, gazetteer) if home is not None and container is None else None
        if home_region is not None and not any(_unit(p) == _unit(home) for p in readings) \
                and _small_town(readings):
            # AP style lets only big cities stand alone in a dateline; a local outlet's bare dateline naming a
            # small town no reading of which lies in its home state is a town there the gazetteer lacks
            # (`SHELBY -` from a Buffalo paper is Shelby, New York, not Shelby, Michigan).
            out += [home_region, unlocated_town(place, home_region)]
        elif readings and container is None and home is not None:
            out.append(choose(readings, None, {home.country}, (), None, _unit(home)))
        elif readings:
            out.append(choose(readings, None, (), (), container))
        elif container is not None and container.kind == "admin1" and not re.match(
                r"(?i)(?:north|south|east|west|northeast|northwest|southeast|southwest|central|downtown)\b",
                place) and re.fullmatch(
                r"(?:(?:St|Ft|Mt)\.\s)?[A-Z][a-z][\w'’\-]*(?:\s[A-Z][a-z][\w'’\-]*){0,2}", place):
            out.append(unlocated_town(place, container))  # `ST.AUGUSTINE, Fla -`: a town the gazetteer lacks
    return out
