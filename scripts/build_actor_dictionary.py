"""Build src/eventledger/data/phoenix-actors.jsonl from the Phoenix/PETRARCH2 dictionaries (MIT).

Usage: python scripts/build_actor_dictionary.py [../shared/data/phoenix-dictionaries]

Takes the non-state armed groups, the international bodies, and the state forces, governments and
parties of the country file (entries without date ranges: those are office holders). People,
cities and time-bound entries are left out; the curated `actors.yaml` is layered over the result.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "phoenix-actors.jsonl"
# Aliases that are ordinary words: matching them would tag every sentence.
STOP_ALIASES = {
    "organization", "government", "army", "military", "police", "party", "front", "movement", "council",
    "committee", "group", "forces", "force", "alliance", "union", "league", "brigade", "brigades", "guard",
    "guards", "revolution", "resistance", "authority", "ministry", "people", "republic", "state", "the state",
    "cabinet", "parliament", "congress", "senate", "court", "opposition", "rebels", "islam", "base", "martyrs",
    "unity", "justice", "liberation", "the organization", "the base", "the front", "the movement",
}
# Words English writes in lower case (`Youth`, `CAR`, `LET`): as one-word aliases they would tag ordinary text.
COMMON_WORDS = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "data" / "lowercase-words.txt"
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "to", "a", "an", "by", "from", "with", "without"}
# Country and international files mix organisations with people: keep names that say they are bodies.
ORG_WORDS = re.compile(
    r"\b(forces?|army|armies|police|ministry|government|guards?|militias?|party|council|committee|"
    r"agency|service|services|command|corps|navy|air force|marines?|gendarmerie|brigades?|battalions?|"
    r"organi[sz]ation|association|union|federation|league|commission|office|bank|fund|court|tribunal|"
    r"institute|foundation|society|network|front|movement|alliance|coalition|mission|programme|program|"
    r"watch|amnesty|red cross|red crescent|nations|parliament|assembly|department|unit|squad|"
    r"intelligence|security|news|press|radio|television|times|post|agence|reuters)\b", re.I)
KIND_BY_CODE = [
    (re.compile(r"(REB|INS|MILREB|UAF|SEP)$"), "armed_group"),
    (re.compile(r"MIL|SPY|POL$|POLICE"), "state_force"),
    (re.compile(r"GOV|LEG|JUD"), "state"),
    (re.compile(r"OPP|PTY|PAR"), "political_organisation"),
    (re.compile(r"^IGO"), "international_body"),
    (re.compile(r"^NGO"), "ngo"),
    (re.compile(r"MED|JRN"), "media"),
]


def display_name(raw: str) -> str:
    name = raw.strip().strip("_").replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^(?:THE|The|the)\s+", "", name)
    words = []
    for word in name.split(" "):
        if word.startswith("("):
            words.append(word)  # `(JEM)`, `(GREECE)`: split_acronym decides what the brackets hold
        elif word.lower() in FUNCTION_WORDS:
            words.append(word.lower())
        elif re.fullmatch(r"\(?[A-Z0-9.\-]{2,3}\)?", word) or not re.search(r"[AEIOUY]", word):
            words.append(word)
        else:
            words.append("-".join(part.capitalize() if part.lower() not in {"al", "of", "the", "and", "for",
                                                                          "in", "e", "i", "ul", "el"}
                                  else part.lower() for part in word.split("-")))
    return " ".join(words)


def is_acronym(short: str, name: str) -> bool:
    """Whether a bracketed word abbreviates the name: short, or its letters are the initials of the name's
    words in order (`LTTE`, `EMETIC`). Brackets also hold countries and nicknames (`National Liberation Army
    (COLOMBIA)`, `(PARADISE)`, `(MUHAMMED)`): as aliases those would tag every mention of the word."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    if not letters or not short.isupper():
        return False
    if len(letters) <= 4:
        return True
    initials = iter(part[0].upper() for part in re.split(r"[\s\-]+", name) if part)
    return all(any(letter == initial for initial in initials) for letter in letters)


def split_acronym(name: str) -> tuple[str, list[str]]:
    """`Aden Abyan Islamic Army (AAIA)` -> name and [AAIA]; other bracketed words and a dangling `(` are cut."""
    base = re.sub(r"\s*\([^)]*\)\s*", " ", name)
    base = re.sub(r"\s*\(.*$", "", base).strip()
    found = [short for short in re.findall(r"\(([A-Za-z0-9.\-]{2,10})\)", name) if is_acronym(short, base)]
    return base, found


def kind_for(code: str) -> str | None:
    for pattern, kind in KIND_BY_CODE:
        if pattern.search(code):
            return kind
    return None


def parse_file(path: Path) -> list[dict]:
    """Blocks: a name line, `+ALIAS` lines, and `[CODE]` either on the name line or indented after."""
    entries: list[dict] = []
    current: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        codes = re.findall(r"\[([^\]]+)\]", stripped)
        text = re.sub(r"\[[^\]]*\]", "", stripped).strip()
        if stripped.startswith((" ", "\t")) and codes and not text:
            if current is not None:
                current["codes"].extend(codes)
            continue
        if text.startswith("+"):
            if current is not None:
                current["aliases"].extend(a for a in text[1:].split("+_") if a)
            if codes and current is not None:
                current["codes"].extend(codes)
            continue
        if text.startswith(("!", "<", "&")) or "=" in text:
            current = None
            continue
        current = {"name": text, "aliases": [], "codes": list(codes)}
        entries.append(current)
    return entries


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


def main(source: Path) -> int:
    files = {
        "Phoenix.MilNonState.actors.txt": "armed_group",
        "Phoenix.International.actors.txt": None,
        "Phoenix.Countries.actors.txt": None,
    }
    actors: dict[str, dict] = {}
    common = {line.strip().lower() for line in COMMON_WORDS.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")}
    for filename, default_kind in files.items():
        path = source / filename
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 1
        for entry in parse_file(path):
            codes = [c.strip() for c in entry["codes"]]
            if not codes or any(re.search(r"\d{6}", c) for c in codes) or any("ELI" in c for c in codes):
                continue  # office holders and people carry date ranges or elite codes
            code = codes[0].split()[0]
            if filename == "Phoenix.Countries.actors.txt" and re.fullmatch(r"[A-Z]{3}", code):
                continue  # bare country entries: states come from pycountry, without city aliases
            kind = default_kind or kind_for(code[3:] if len(code) > 3 and filename.startswith("Phoenix.C")
                                            else code)
            if kind is None:
                continue
            name, acronyms = split_acronym(display_name(entry["name"]))
            if filename != "Phoenix.MilNonState.actors.txt" and not ORG_WORDS.search(name):
                continue
            if len(name) < 3 or name.lower() in STOP_ALIASES:
                continue
            aliases = set(acronyms)
            for raw in entry["aliases"]:
                alias, more = split_acronym(display_name(raw))
                aliases.update(more)
                if alias and alias.lower() not in STOP_ALIASES and len(alias) >= 3 and not alias.islower():
                    aliases.add(alias)
            aliases = {a for a in aliases if len(a) > 2 and (" " in a or a.lower() not in common)}
            aliases.discard(name)
            actor_id = slug(name)
            if actor_id in actors:
                actors[actor_id]["aliases"] = sorted(set(actors[actor_id]["aliases"]) | aliases)
                continue
            country = code[:3] if kind in ("state_force", "state", "political_organisation") else None
            actors[actor_id] = {"id": actor_id, "name": name, "kind": kind, "aliases": sorted(aliases),
                                "phoenix_code": code, **({"country3": country} if country else {})}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as handle:
        for actor in sorted(actors.values(), key=lambda a: a["id"]):
            handle.write(json.dumps(actor, ensure_ascii=False) + "\n")
    print(f"wrote {len(actors)} actors to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/phoenix-dictionaries")))
