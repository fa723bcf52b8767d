"""Build src/eventledger/data/conflict-actors.jsonl: states, conflict actors and designated groups.

Usage: python scripts/build_conflict_actors.py ../shared/data

Three open sources (credited in NOTICE):
- states: every country in pycountry (ISO 3166), with the demonyms and spellings of the Phoenix country
  dictionary (MIT): `Israel`, `Israeli`, `Israelis`; and UCDP's `Government of X` rows as aliases.
- UCDP Actor Dataset 22.1 (CC BY 4.0): formally organised groups (kind armed_group), supporters of parties
  (political_organisation) and groups along ethnic, clan or religious lines (militia), with every name the
  dataset gives (data name, original, full English, later names) and home countries.
- OFAC SDN entities (public domain): foreign terrorist organisations and global terrorism designations that
  name a group (armed_group), and narcotics kingpins that name a cartel (criminal_group), with their aliases.

Each record keeps where it came from (`source`), its home countries (ISO alpha-2) and, for UCDP, the actor id
that UCDP GED exports use. An alias several records share is kept on each: the matcher resolves it with the
document's own evidence (eventledger.extract.actors).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_actor_dictionary import COMMON_WORDS, STOP_ALIASES, display_name, parse_file, slug, split_acronym  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "conflict-actors.jsonl"
UCDP_KINDS = {"1": "armed_group", "2": "political_organisation", "3": "militia"}
# Demonyms and adjectives end so; the Phoenix country entries also list cities and leaders, which do not.
DEMONYM = re.compile(r"(?:an|ans|ian|ians|ese|i|is|ish|ic|ch|ots?|ers?|ene|enes|ine|ines|ais)$", re.I)
GROUP_WORDS = re.compile(r"\b(army|front|brigades?|battalions?|movement|group|organi[sz]ation|jihad|mujahid\w*|"
                         r"state|qa'?ida|qaeda|shabaab?|taliban|hizball?ah|hamas|haram|tehrik|lashkar|jaish|"
                         r"jama'?at\w*|ansar\w*|forces|militia|commandos?|martyrs|liberation|resistance|tigers)\b",
                         re.I)
CARTEL_WORDS = re.compile(r"\b(cartel|zetas|clan|gang|mara|ms-13|familia)\b", re.I)
COUNTRY_FIXES = {"DR Congo (Zaire)": "CD", "Russia (Soviet Union)": "RU", "Serbia (Yugoslavia)": "RS",
                 "Yemen (North Yemen)": "YE", "Cambodia (Kampuchea)": "KH", "Vietnam (North Vietnam)": "VN",
                 "Myanmar (Burma)": "MM", "Zimbabwe (Rhodesia)": "ZW", "Madagascar (Malagasy)": "MG",
                 "Bosnia-Herzegovina": "BA", "Ivory Coast": "CI", "Kingdom of eSwatini (Swaziland)": "SZ",
                 "Turkey": "TR", "Iran": "IR", "Syria": "SY", "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE",
                 "Tanzania": "TZ", "Moldova": "MD", "Macedonia, FYR": "MK", "North Macedonia": "MK",
                 "Palestine": "PS", "Taiwan": "TW", "Vietnam": "VN", "South Korea": "KR", "North Korea": "KP",
                 "Russia": "RU", "Czechia": "CZ"}


def country_code(name: str) -> str | None:
    name = name.strip()
    if name in COUNTRY_FIXES:
        return COUNTRY_FIXES[name]
    try:
        return pycountry.countries.lookup(re.sub(r"\s*\(.*\)$", "", name)).alpha_2
    except LookupError:
        return None


def countries_of(location: str) -> list[str]:
    found = []
    for part in re.split(r",\s*(?![^()]*\))", location or ""):
        code = country_code(part)
        if code and code not in found:
            found.append(code)
    return found


def states(phoenix: Path, common: set[str]) -> dict[str, dict]:
    """One state actor per ISO country, with the Phoenix country entry's demonyms."""
    extra: dict[str, set[str]] = {}
    for entry in parse_file(phoenix / "Phoenix.Countries.actors.txt"):
        # the country's code, dated where the state changed (`[USRUKR <910824]`, `[UKR >911221]`)
        code = next((c.split()[0] for c in entry["codes"] if re.fullmatch(r"[A-Z]{3}", c.split()[0])), "")
        if not code:
            continue
        for raw in entry["aliases"]:
            alias = display_name(raw)
            if (re.fullmatch(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)?", alias) and DEMONYM.search(alias)
                    and alias.lower() not in STOP_ALIASES):
                extra.setdefault(code, set()).add(alias)
    short = {code: name for name, code in COUNTRY_FIXES.items() if "(" not in name and "," not in name}
    out = {}
    for country in pycountry.countries:
        name = short.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        names = {country.name, getattr(country, "official_name", country.name), name}
        stems = {w[:3].lower() for n in names for w in re.findall(r"[A-Za-z]+", n) if len(w) > 3}
        # a demonym shares its first letters with the country's name (`Nigerian`); cities do not (`Ibadan`)
        demonyms = {a for a in extra.get(country.alpha_3, set()) if a[:3].lower() in stems}
        demonyms |= {d + "s" for d in demonyms if d.endswith(("an", "i"))}  # `Israelis`, `Ukrainians`
        aliases = {a for a in names | demonyms if a != name and "," not in a and a.lower() not in common}
        out[country.alpha_2] = {"id": slug(name), "name": name, "kind": "state", "country": country.alpha_2,
                                "countries": [country.alpha_2], "aliases": sorted(aliases),
                                "source": "ISO 3166 (pycountry); demonyms from the Phoenix country dictionary"}
    return out


def ucdp(path: Path, by_country: dict[str, dict], common: set[str]) -> list[dict]:
    out = []
    for row in csv.DictReader(path.open(encoding="utf-8-sig")):
        names = [row[k].strip() for k in ("NameData", "NameOrig", "NameOrigFullEng", "NewNameFullEng")]
        names += [n.strip() for n in (row["NewName"] or "").split(",")]
        names = [re.sub(r"\s*-?\s*\n\s*", "-", n) if "-\n" in n else re.sub(r"\s+", " ", n) for n in names]
        names = [n for n in dict.fromkeys(names) if n and n.lower() not in ("n/a", "civilians")]
        if not names:
            continue
        countries = countries_of(row["Location"])
        if row["Org"] == "4":  # `Government of Israel`: an alias of the state
            government = re.match(r"Government of (.+)", names[0])
            code = country_code(government.group(1)) if government else None
            if code and code in by_country:
                state = by_country[code]
                state["aliases"] = sorted(set(state["aliases"]) | {re.sub(r"\s*\(.*\)", "", n) for n in names})
                state["ucdp_id"] = int(row["ActorId"])
            continue
        kind = UCDP_KINDS.get(row["Org"])
        if kind is None:
            continue
        full = next((n for n in names[1:] if len(n) > len(names[0]) and " " in n), None)
        name = full if names[0].isupper() and full else names[0]
        aliases: set[str] = set()
        for raw in names:
            base, acronyms = split_acronym(raw)
            aliases.update([base, *acronyms])
        aliases = {a for a in aliases if len(a) > 1 and a.lower() not in STOP_ALIASES
                   and (" " in a or a.lower() not in common)} - {name}
        out.append({"id": slug(name), "name": name, "kind": kind, "country": countries[0] if countries else None,
                    "countries": countries, "aliases": sorted(aliases), "ucdp_id": int(row["ActorId"]),
                    "source": f"UCDP Actor Dataset 22.1, actor {row['ActorId']}"})
    return out


def ofac(path: Path, common: set[str]) -> list[dict]:
    out = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        programs = set(row.get("programs") or [])
        if "FTO" in programs or ("SDGT" in programs and GROUP_WORDS.search(row["name"])):
            kind = "armed_group"
        elif programs & {"SDNTK", "TCO", "ILLICIT-DRUGS-EO14059"} and CARTEL_WORDS.search(row["name"]):
            kind = "criminal_group"
        else:
            continue
        names = [row["name"], *(a["name"] for a in row.get("aliases") or [] if a.get("type") in ("aka", "nka", "fka"))]
        aliases: set[str] = set()
        for raw in names:
            base, acronyms = split_acronym(display_name(raw))
            aliases.update([base, *acronyms])
        name = split_acronym(display_name(row["name"]))[0]
        aliases = {a for a in aliases if len(a) > 1 and a.lower() not in STOP_ALIASES
                   and (" " in a or a.lower() not in common)} - {name}
        out.append({"id": slug(name), "name": name, "kind": kind, "country": None, "countries": [],
                    "aliases": sorted(aliases), "source": f"OFAC SDN list, entry {row['ent_num']}"})
    return out


def main(data: Path) -> int:
    actors_dir, phoenix = data / "actors", data / "phoenix-dictionaries"
    for needed in (actors_dir / "ucdp-actor-221.csv", actors_dir / "ofac-sdn-entities.jsonl", phoenix):
        if not needed.exists():
            print(f"missing {needed}", file=sys.stderr)
            return 1
    common = {w.strip().lower() for w in COMMON_WORDS.read_text(encoding="utf-8").splitlines()
              if w.strip() and not w.startswith("#")}
    by_country = states(phoenix, common)
    records = list(by_country.values()) + ucdp(actors_dir / "ucdp-actor-221.csv", by_country, common)
    records += ofac(actors_dir / "ofac-sdn-entities.jsonl", common)
    seen: dict[str, dict] = {}
    for record in records:
        key = record["id"]
        if key in seen:
            old = seen[key]
            if old["kind"] == record["kind"] and (not old["countries"] or not record["countries"]
                                                  or set(old["countries"]) & set(record["countries"])):
                old["aliases"] = sorted(set(old["aliases"]) | set(record["aliases"]))
                old["countries"] = old["countries"] or record["countries"]
                old["country"] = old["country"] or record["country"]
                old["source"] += "; " + record["source"]
                continue
            key = slug(f"{record['name']} {record['country'] or record['source'][-5:]}")
            record["id"] = key
        seen[key] = record
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as handle:
        for record in sorted(seen.values(), key=lambda r: r["id"]):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for record in seen.values():
        kinds[record["kind"]] = kinds.get(record["kind"], 0) + 1
    print(f"wrote {len(seen)} actors to {OUT} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")))
