"""Build src/eventledger/data/gazetteer.sqlite from GeoNames (CC BY 4.0).

Usage: python scripts/build_gazetteer.py [../shared/data/geonames]

Rows: key (folded name), name, kind (country|admin1|admin2|city), country (ISO alpha-2), admin1 name,
admin2 name, lat, lon, population, alternate (1 when the key comes from an alternate name), part_of (for a
section of a town, GeoNames PPLX, the most populous larger town within 20 km: `North Lawndale` -> Chicago),
minor (1 for the villages and small towns of cities500 that cities15000 lacks: read only where the text
writes the name as a place and no larger place bears it, see `Gazetteer.lookup_minor`).
Admin names drop their generic suffixes (`Ghazni Province` -> `Ghazni`) so text can say `Ghazni province`.

Alternate names are kept only where English text would write them: Latin script, every word capitalised
(or a connector such as `al`, `de`), at least four letters, not all capitals (codes such as `STL`), and
not the main name of another place in the same country. Admin units
and countries get the mean coordinates of the listed cities inside them (an approximate centre; their
population is the sum of those cities').
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from rapidfuzz import fuzz  # noqa: E402

from eventledger.extract.places import person_names, place_key  # noqa: E402  keys must match the reader's

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "gazetteer.sqlite"
SUFFIX = re.compile(r"\s+(province|district|governorate|wilayah|region|county|municipality|oblast|"
                    r"state|prefecture|department|rayon|raion)$", re.I)


CONNECTOR_WORDS = {"al", "el", "de", "del", "la", "le", "of", "e", "i", "da", "do", "du", "bin", "ibn", "abu",
                   "an", "ad", "as", "ash", "at", "ar", "az"}


def english_alternates(field: str, name: str, given_names: frozenset[str]) -> list[str]:
    """The spellings English text may use for a city (`Qandahar` for `Kandahar`): not codes, names in other
    languages (`Mekko`), transliterations in lower case or other scripts, or people's given names."""
    out = []
    main_key = place_key(name)
    for alternate in field.split(","):
        alternate = alternate.strip()
        words = re.split(r"[\s\-]+", alternate)
        if (len(alternate) < 4 or alternate.isupper() or not alternate.isascii()
                or not all(w[:1].isupper() or w.lower() in CONNECTOR_WORDS for w in words if w)
                or any(ch.isdigit() for ch in alternate) or place_key(alternate) == main_key
                or fuzz.ratio(place_key(alternate), main_key) < 75 or alternate.lower() in given_names):
            continue
        out.append(alternate)
    return out


# GeoNames writes many units by their legal form (`Province of Lanao del Sur`, `Departamento de Villaguay`,
# `Cercle de Bankass`); news writes the name (`Lanao del Sur`).
PREFIX = re.compile(r"^(?:Province|Provincia|Departamento|Department|Partido|Cercle|Arrondissement|Municipality|"
                    r"Municipio|Distrito|District|County|Region|Republic|Prefecture|Commune|Canton|Comuna|Borough|"
                    r"City|State|Governorate|Wilayat|Muhafazat)\s+(?:of|de|du|d'|di|del)\s+", re.I)


def short_name(name: str, towns: frozenset[str] = frozenset()) -> str:
    """A unit's name as news writes it: no generic suffix (`Ghazni Province`) or legal prefix (`Province of
    Sulu`), unless what is left is the name of a town of its country (`City of Francistown`, `District of
    Columbia`), which the unit must not shadow."""
    name = SUFFIX.sub("", name).strip()
    stripped = PREFIX.sub("", name).strip()
    return stripped if stripped and place_key(stripped) not in towns else name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def country_alternates(code: str, name: str, countries: dict[str, str]) -> list[str]:
    """The other names English news gives a country, from ISO 3166 (pycountry): its official and common
    names and its ISO name before any comma (`Czech Republic`, `Syrian Arab Republic`, `Democratic People's
    Republic of Korea`, `Palestine`), each also without `the` (`Democratic Republic of Congo`). A name another
    country's name contains (`Congo`, `Korea`) is left out: it says neither."""
    import pycountry

    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return []
    written = {getattr(entry, "official_name", None), getattr(entry, "common_name", None), name}
    written.add(entry.name.split(",")[0])  # `Palestine, State of`: `Palestine`
    variants = set()
    for value in filter(None, written):
        value = re.sub(r"^[Tt]he\s+", "", value)
        variants |= {value, re.sub(r"\bof the\s+", "of ", value)}
    others = [place_key(other) for other_code, other in countries.items() if other_code != code]
    out = []
    for variant in sorted(variants):
        key = place_key(variant)
        if key == place_key(name) or not variant.isascii() or any(
                re.search(rf"\b{re.escape(key)}\b", other) for other in others):
            continue
        out.append(variant)
    return out


def _minor_places(path: Path, listed: set[str], admin1: dict[str, str], admin2: dict[str, str]):
    """The populated places of cities500 that cities15000 lacks, as (name, name as written, country, admin1,
    admin2, lat, lon, population); sections of towns (PPLX) and places with no name in Latin script are left
    out. Their alternate names are not kept: a village is read by the name news writes, and the table stays
    small."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 15 or row[0] in listed or row[7] == "PPLX" or not row[2].isascii():
                continue
            cc, a1, a2 = row[8], row[10], row[11]
            yield (row[2], row[1], cc, admin1.get(f"{cc}.{a1}", ""), admin2.get(f"{cc}.{a1}.{a2}", ""),
                   float(row[4]), float(row[5]), int(row[14] or 0))


def main(source: Path) -> int:
    countries: dict[str, str] = {}
    for line in (source / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        countries[cols[0]] = cols[4]
    town_keys: dict[str, set[str]] = defaultdict(set)  # the towns of cities15000 by country, as place keys
    with (source / "cities15000.txt").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 15:
                town_keys[row[8]].add(place_key(row[2]))

    def towns_of(country: str) -> frozenset[str]:
        return frozenset(town_keys.get(country, ()))

    admin1: dict[str, str] = {}
    with (source / "admin1CodesASCII_2025.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            admin1[row[0]] = short_name(row[2], towns_of(row[0].split(".")[0]))
    admin2: dict[str, str] = {}
    with (source / "es-geonames" / "admin2Codes.txt").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3:
                admin2[row[0]] = short_name(row[2], towns_of(row[0].split(".")[0]))
    given_names = person_names()[0]
    cities: list[tuple] = []
    centres: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    sections: list[tuple[str, str, float, float, int]] = []  # PPLX: a section of a town (a neighbourhood)
    towns: dict[tuple[str, str], list[tuple[str, float, float, int]]] = defaultdict(list)
    listed: set[str] = set()  # geonameids of cities15000
    with (source / "cities15000.txt").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 15:
                continue
            listed.add(row[0])
            cc, a1, a2 = row[8], row[10], row[11]
            lat, lon, population = float(row[4]), float(row[5]), int(row[14] or 0)
            if row[7] == "PPLX":
                sections.append((row[2], cc, lat, lon, population))
            else:
                towns[(cc, a1)].append((row[2], lat, lon, population))
            city = (row[2], "city", cc, admin1.get(f"{cc}.{a1}", ""), admin2.get(f"{cc}.{a1}.{a2}", ""),
                    lat, lon, population)
            cities.append(city)
            for unit in (cc, f"{cc}.{a1}", f"{cc}.{a1}.{a2}"):
                centres[unit].append((lat, lon, population))
            for alternate in english_alternates(row[3], row[2], given_names):
                cities.append((*city, alternate))

    minor = list(_minor_places(source / "cities500.txt", listed, admin1, admin2))

    # A section's town: the most populous larger town of its country within 20 km (`North Lawndale` ->
    # Chicago, `The Bronx` -> New York City).
    part_of: dict[tuple[str, str, float, float], str] = {}
    for name, cc, lat, lon, population in sections:
        nearby = [t for key, found in towns.items() if key[0] == cc for t in found
                  if t[3] > population and _km(lat, lon, t[1], t[2]) <= 20]
        if nearby:
            part_of[(name, cc, lat, lon)] = max(nearby, key=lambda t: t[3])[0]

    def centre(code: str) -> tuple:
        points = centres.get(code)
        if not points:
            return None, None, 0
        return (round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4),
                sum(p[2] for p in points))

    rows: list[tuple] = []
    for code, name in countries.items():
        row = (name, "country", code, "", "", *centre(code))
        rows.append(row)
        for alternate in country_alternates(code, name, countries):
            rows.append((*row, alternate))
    for code, name in admin1.items():
        rows.append((name, "admin1", code.split(".")[0], name, "", *centre(code)))
    for code, name in admin2.items():
        cc, a1 = code.split(".")[:2]
        rows.append((name, "admin2", cc, admin1.get(f"{cc}.{a1}", ""), name, *centre(code)))
    rows.extend(cities)
    unit_keys = {place_key(r[0]) for r in rows if r[1] in ("country", "admin1")}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.unlink(missing_ok=True)
    db = sqlite3.connect(OUT)
    db.execute("CREATE TABLE places (key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, "
               "admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, alternate INTEGER, part_of TEXT, "
               "minor INTEGER NOT NULL DEFAULT 0)")
    main_names = {(place_key(r[0]), r[2]) for r in rows if len(r) == 8}
    seen: set[tuple] = set()
    records = []
    for r in rows:
        if len(r) > 8 and (place_key(r[8]), r[2]) in main_names:
            continue  # `Missouri` listed for Bozeman, `Washington` for Reisterstown: another place's name
        key = place_key(r[8] if len(r) > 8 else r[0])
        if not key or (key, *r[:5]) in seen:
            continue
        seen.add((key, *r[:5]))
        records.append((key, r[0], r[1], r[2], r[3] or None, r[4] or None, r[5], r[6], int(r[7] or 0),
                        int(len(r) > 8), part_of.get((r[0], r[2], r[5], r[6])) if r[1] == "city" else None, 0))
    for name, written, cc, a1, a2, lat, lon, population in minor:
        for key in {place_key(name), place_key(written)}:
            # `Iowa, Louisiana` or `Florida, Uruguay` as a village would only ever be misread
            if key and key not in unit_keys and (key, name, "city", cc, a1, a2) not in seen:
                seen.add((key, name, "city", cc, a1, a2))
                records.append((key, name, "city", cc, a1 or None, a2 or None, lat, lon, population, 0, None, 1))
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
    db.execute("CREATE INDEX places_key ON places (key)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('source', 'GeoNames (CC BY 4.0): cities15000, cities500, admin1, admin2, "
               "countryInfo')")
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"wrote {len(records)} names to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geonames")))
