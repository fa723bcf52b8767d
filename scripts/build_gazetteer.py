"""Build src/eventledger/data/gazetteer.tsv.gz from GeoNames (CC BY 4.0).

Usage: python scripts/build_gazetteer.py [../shared/data/geonames]

Rows: name, kind (country|admin1|admin2|city), country (ISO alpha-2), admin1 name, admin2 name, lat, lon,
population. Admin names drop their generic suffixes (`Ghazni Province` -> `Ghazni`) so text can say
`Ghazni province`. Coordinates of admin units come from the city table where a capital of that name
exists; otherwise they are left empty (the full geocoder is a later issue).
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "gazetteer.tsv.gz"
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
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(("name", "kind", "country", "admin1", "admin2", "lat", "lon", "population"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/geonames")))
