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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

KIND_WORDS = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "state": "admin1",
    "district": "admin2", "districts": "admin2", "county": "admin2",
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
              "victoria", "mobile", "independence", "justice", "deal", "chase", "sale", "best"}
SPECIFICITY = {"camp": 0, "base": 0, "checkpoint": 0, "neighbourhood": 1, "city": 2, "admin2": 2, "admin1": 3,
               "country": 5}


def specificity(place: Place) -> int:
    """How narrowly a place pins an event down: 0 for a camp or base, 5 for a whole country."""
    return SPECIFICITY.get(place.kind, 4)


KIND_RANK = {"camp": 6, "base": 6, "checkpoint": 6, "neighbourhood": 5, "admin1": 4, "country": 12,
             "city": 3, "admin2": 2}


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


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place
    level_hint: str | None = None


class Gazetteer:
    """Name lookups over the shipped GeoNames table (SQLite, read lazily) and the user places (in memory)."""

    def __init__(self, database: Path | None, user_places: Iterable[Place] = (),
                 aliases: dict[str, list[Place]] | None = None) -> None:
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
            rows = self.db.execute("SELECT name, kind, country, admin1, admin2, lat, lon, population FROM places "
                                   "WHERE key = ?", (key,)).fetchall()
            for name_, kind, country, admin1, admin2, lat, lon, population in rows:
                admin1 = self.renames.get((country, place_key(admin1)), admin1) if admin1 else None
                if kind == "admin1":
                    name_ = admin1 or name_
                if (country, place_key(name_), kind) in self.user_keys:
                    continue
                found.append(Place(name=name_, kind=kind, country=country, admin1=admin1, admin2=admin2, lat=lat,
                                   lon=lon, population=population or 0))
        if len(self._cache) < 100_000:
            self._cache[key] = found
        return found


def place_key(name: str) -> str:
    """Lower case, no accents, apostrophes or hyphens. No vowel folding: `Albania` is not `Albany`."""
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch) and ch not in "'’`")
    return " ".join(re.findall(r"\w+", plain.replace("-", " ")))


def _user_places(path: Path) -> tuple[list[Place], dict[str, list[Place]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    places, aliases = [], {}
    for row in data.get("places") or []:
        place = Place(name=row["name"], kind=row.get("kind", "city"), country=row.get("country", ""),
                      admin1=row.get("admin1"), admin2=row.get("admin2"), lat=row.get("lat"),
                      lon=row.get("lon"))
        places.append(place)
        for alias in row.get("aliases") or []:
            aliases.setdefault(alias, []).append(place)
    return places, aliases


@lru_cache(maxsize=4)
def load_gazetteer(user_files: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped GeoNames table with the shipped and the user's places over it."""
    user_places: list[Place] = []
    user_aliases: dict[str, list[Place]] = {}
    data = resources.files("eventledger.data")
    for path in [Path(str(data.joinpath("places.yaml")))] + [Path(p) for p in user_files]:
        places, aliases = _user_places(path)
        user_places.extend(places)
        for key, value in aliases.items():
            user_aliases.setdefault(key, []).extend(value)
    database = Path(str(data.joinpath("gazetteer.sqlite")))
    return Gazetteer(database if database.exists() else None, user_places, user_aliases)


_CANDIDATE = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|e|de|of|bin|ibn|abu)[\s\-]+)?'?[A-Z][\w'’\-]*){0,3}")
CONNECTORS = {"al", "el", "e", "de", "bin", "ibn", "abu"}


def find_places(text: str, gazetteer: Gazetteer, blocked: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Place names in `text`, longest first, skipping spans already taken by actor mentions."""
    blocked = list(blocked)
    found: list[PlaceMention] = []
    for match in _CANDIDATE.finditer(text):
        words = list(re.finditer(r"[^\s]+", match.group(0)))
        level_after = re.match(r"\s+(?:provinces?|district|districts|governorate|county)\b", text[match.end():])
        if level_after and len(words) > 1 and not gazetteer.lookup(match.group(0)):
            continue  # `Mota Khan district` unknown: its parts (`Mota`) would be places elsewhere
        i = 0
        while i < len(words):
            if i > 0 and words[i - 1].group(0).lower() in CONNECTORS:
                i += 1  # `Ashraf` in `Najaf al Ashraf` is part of another name
                continue
            hit = None
            for j in range(min(len(words), i + gazetteer.max_words), i, -1):
                start = match.start() + words[i].start()
                end = match.start() + words[j - 1].end()
                name = text[start:end].rstrip("'’,.")
                end = start + len(name)
                if j - i == 1 and (name.lower() in NOT_PLACES or len(name) < 3):
                    continue
                if any(start < b and a < end for a, b in blocked):
                    continue
                candidates = gazetteer.lookup(name)
                if candidates:
                    hit = (start, end, name, candidates, j)
                    break
            if hit is None:
                i += 1
                continue
            start, end, name, candidates, j = hit
            after = text[end:end + 12].lower()
            before = text[max(0, start - 8):start].lower()
            hint = None
            level = re.match(r"\s+(provinces?|governorate|district|districts|county|city|village|town)\b", after)
            if level:
                hint = KIND_WORDS[level.group(1)]
            elif before.endswith("camp "):
                hint = "camp"
            elif found and text[found[-1].end:start] in (", ", ","):
                hint = "region"  # `Bastrop, Texas`: the second name is the first one's province or country
            found.append(PlaceMention(start, end, name, choose(candidates, hint, ()), hint))
            i = j
    return found


def choose(candidates: list[Place], hint: str | None, countries: Iterable[str],
           regions: Iterable[tuple[str, str]] = ()) -> Place:
    """The most likely reading of a name: the level the text names, the document's provinces or states,
    its countries, then size."""
    countries = set(countries)
    regions = set(regions)

    def score(place: Place) -> float:
        value = KIND_RANK.get(place.kind, 1)
        if hint and place.kind == hint:
            value += 20
        if hint == "region" and place.kind in ("admin1", "country"):
            value += 15
        if place.country in countries:
            value += 10
        if (place.country, place.admin1) in regions or (place.kind == "admin1" and (place.country, place.name)
                                                         in regions):
            value += 8
        if place.kind in ("camp", "base", "checkpoint"):
            value += 5  # user places are deliberate
        return value + math.log10(place.population + 1)

    return max(candidates, key=score)


def resolve_in_context(mentions: list[PlaceMention], gazetteer: Gazetteer, extra_countries: Iterable[str] = (),
                       extra_regions: Iterable[tuple[str, str]] = ()) -> list[PlaceMention]:
    """Re-choose each mention's reading now that the document's countries and provinces are known.

    The regions are those of the dateline and of names the text places explicitly (`Bastrop, Texas`,
    `Andar district, Ghazni province`) or that are unambiguous (one reading only)."""
    countries = set(extra_countries)
    regions = set(extra_regions)
    for mention in mentions:
        if mention.place.kind == "country" or mention.level_hint in ("admin1", "admin2"):
            countries.add(mention.place.country)
        candidates = gazetteer.lookup(mention.text)
        unambiguous = len({(c.country, c.admin1 or c.name) for c in candidates}) == 1 and all(
            c.kind in ("city", "camp", "base") for c in candidates)
        if mention.level_hint in ("admin1", "admin2", "region") or unambiguous:
            place = mention.place
            if place.kind == "admin1":
                regions.add((place.country, place.name))
            elif place.admin1:
                regions.add((place.country, place.admin1))
    out = []
    for mention in mentions:
        candidates = gazetteer.lookup(mention.text)
        place = choose(candidates, mention.level_hint, countries, regions)
        if place.kind == "admin2" and not mention.level_hint and (place.country, place.admin1) not in regions:
            continue  # an obscure district abroad is more likely an ordinary capitalised word
        out.append(PlaceMention(mention.start, mention.end, mention.text, place, mention.level_hint))
    return out
