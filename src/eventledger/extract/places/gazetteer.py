"""The gazetteer: shipped GeoNames table (SQLite, CC BY 4.0) with the shipped and the user's places over it,
name keys, and outlets' home towns."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventledger.model.mentions import Place
from eventledger.read.yaml_data import load_yaml


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
        self.max_words = max([5, *(k.count(" ") + 1 for k in self.user)])  # `Democratic Republic of the Congo`
        self._cache: dict[str, list[Place]] = {}
        self._minor_cache: dict[str, list[Place]] = {}
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
                                   "part_of FROM places WHERE key = ? AND minor = 0", (key,)).fetchall()
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

    def lookup_minor(self, name: str) -> list[Place]:
        """The villages and small towns (cities500, under 15,000 people) of that name. Far more names in news
        are such a village somewhere than are one in the story (`Aden`, `Florida`, `Trump`), so callers read
        them only where the text itself writes the name as a place, or places it in a unit."""
        key = place_key(name)
        if key in self._minor_cache:
            return self._minor_cache[key]
        found = []
        if self.db is not None and key:
            rows = self.db.execute("SELECT name, country, admin1, admin2, lat, lon, population FROM places "
                                   "WHERE key = ? AND minor = 1", (key,)).fetchall()
            found = [Place(name=name_, kind="city", country=country, admin1=self.renames.get(
                (country, place_key(admin1)), admin1) if admin1 else None, admin2=admin2, lat=lat, lon=lon,
                population=population or 0, minor=True) for name_, country, admin1, admin2, lat, lon, population
                in rows]
        if len(self._minor_cache) < 100_000:
            self._minor_cache[key] = found
        return found

    def country(self, code: str) -> Place | None:
        """The country with that ISO code, as the gazetteer holds it (name, mean coordinates of its towns)."""
        if self.db is None:
            return None
        row = self.db.execute("SELECT name, lat, lon, population FROM places WHERE kind = 'country' AND country = ? "
                              "AND alternate = 0 LIMIT 1", (code,)).fetchone()
        return Place(name=row[0], kind="country", country=code, lat=row[1], lon=row[2],
                     population=row[3] or 0) if row else None

    def minor_in(self, name: str, unit: Place) -> Place | None:
        """The village of that name in a province or country (the most populous if several), if any."""
        found = [p for p in self.lookup_minor(name) if p.country == unit.country
                 and (unit.kind == "country" or p.admin1 == (unit.name if unit.kind == "admin1" else unit.admin1))
                 and (unit.kind != "admin2" or p.admin2 == unit.name)]
        return max(found, key=lambda p: p.population) if found else None


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


ARCHIVED_URL = re.compile(r"^(?:\w+://)?(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
HOST_AND_FOLDER = re.compile(r"^(?:\w+://)?([^/:?#]+)(?::\d+)?(/[^/?#]*)?")


def outlet_host(url: str) -> str:
    """The outlet's host name, unwrapped from an archive copy and without `www.`:
    `http://web.archive.org/web/2016/http://www.kfvs12.com:80/story/1` -> `kfvs12.com`."""
    url = url.strip()
    while (archived := ARCHIVED_URL.match(url)) is not None:
        url = archived.group(1)
    match = HOST_AND_FOLDER.match(url)
    host = (match.group(1) if match else url).lower()
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
