"""Build src/eventledger/data/gazetteer.sqlite from GeoNames (CC BY 4.0).

Usage: python scripts/build_gazetteer.py [../shared/data/geonames]

Rows: name, kind (country|admin1|admin2|city), country (ISO alpha-2), admin1 name, admin2 name, lat, lon,
population. Admin names drop their generic suffixes (`Ghazni Province` -> `Ghazni`) so text can say
`Ghazni province`. Coordinates of admin units come from the city table where a capital of that name
exists; otherwise they are left empty (the full geocoder is a later issue).
"""

from __future__ import annotations

import csv
import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from eventledger.extract.places import place_key  # noqa: E402  the lookup key must match the reader's

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "gazetteer.sqlite"
SUFFIX = re.compile(r"\s+(province|district|governorate|wilayah|region|county|municipality|oblast|"
                    r"state|prefecture|department|rayon|raion)$", re.I)


def short_name(name: str) -> str:
    return SUFFIX.sub("", name).strip()


def main(source: Path) -> int:
    countries: dict[str, str] = {}
    for line in (source / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        countries[cols[0]] = cols[4]
    admin1: dict[str, str] = {}
    with (source / "admin1CodesASCII_2025.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            admin1[row[0]] = short_name(row[2])
    admin2: dict[str, str] = {}
    with (source / "es-geonames" / "admin2Codes.txt").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3:
                admin2[row[0]] = short_name(row[2])
    rows: list[tuple] = []
    for code, name in countries.items():
        rows.append((name, "country", code, "", "", "", "", ""))
    for code, name in admin1.items():
        rows.append((name, "admin1", code.split(".")[0], name, "", "", "", ""))
    for code, name in admin2.items():
        cc, a1 = code.split(".")[:2]
        rows.append((name, "admin2", cc, admin1.get(f"{cc}.{a1}", ""), name, "", "", ""))
    with (source / "cities15000.txt").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 15:
                continue
            cc, a1, a2 = row[8], row[10], row[11]
            rows.append((row[2], "city", cc, admin1.get(f"{cc}.{a1}", ""), admin2.get(f"{cc}.{a1}.{a2}", ""),
                         f"{float(row[4]):.4f}", f"{float(row[5]):.4f}", row[14]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.unlink(missing_ok=True)
    db = sqlite3.connect(OUT)
    db.execute("CREATE TABLE places (key TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, "
               "admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER)")
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [(place_key(r[0]), r[0], r[1], r[2], r[3] or None, r[4] or None,
                     float(r[5]) if r[5] else None, float(r[6]) if r[6] else None, int(r[7] or 0)) for r in rows])
    db.execute("CREATE INDEX places_key ON places (key)")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('source', 'GeoNames (CC BY 4.0): cities15000, admin1, admin2, countryInfo')")
    db.commit()
    db.execute("VACUUM")
    db.close()
    print(f"wrote {len(rows)} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geonames")))
