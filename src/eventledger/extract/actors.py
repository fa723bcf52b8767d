"""Actor mentions: a shipped, user-extendable dictionary, aliases learnt from the text, fuzzy matching.

Matching runs on a folded form of each token (lower case, no accents or apostrophes, vowel runs and
doubled letters collapsed), so spelling variants meet: Hezballah/Hezbollah, Kata'ib/Kataib,
Mujahedeen/Mujahedin. Short all-caps aliases (KH, AAH, MEK) match case-sensitively. The text adds
aliases: definitions (`Kata'ib Hezballah (KH)`), `X, or Y,`, `also known as`, slash forms
(`PMOI / MEK`) and short forms (`Kata'ib` after `Kata'ib Hezballah`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from eventledger.extract.places.words import CONNECTORS, KIND_WORDS, ROAD_WORDS, STREET_AND_BUILDING_WORDS
from eventledger.model import Actor
from eventledger.model.mentions import ActorMention
from eventledger.nlp.pipeline import build_pipeline, text_of
from eventledger.read.yaml_data import YAMLError, load_yaml

ACTOR_KINDS = ("state", "state_force", "armed_group", "militia", "criminal_group", "political_organisation",
               "person", "international_body", "ngo", "media", "civilians", "witness", "generic", "organisation")
CASE_SENSITIVE_MAX = 5
GROUP_HEADS = (r"Brigades?|Front|Army|Movement|Group|Party|Militia|Council|Network|Organi[sz]ation|Battalions?|"
               r"Alliance|Committee|League|Guards?|Regiment|Commandos?|Mujahideen|Jihad|Martyrs")
POLITICAL_HEADS = {"party", "council", "committee", "league", "movement", "alliance"}
PERSON_TITLES = (r"Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|President|Prime Minister|Minister|"
                 r"General|Colonel|Major|Captain|Commander|Sheikh|Sheik|Ayatollah|Mullah|Imam|King|Queen|Prince|"
                 r"Judge|Mayor|Governor|Senator|Sergeant|Lieutenant|Chief|Sheriff|Spokesman|Spokeswoman|"
                 r"Police Chief|Defense Minister|Foreign Minister|Interior Minister")
_NEW_PERSON = re.compile(rf"\b(?:{PERSON_TITLES})\.?\s+((?:[A-Z][a-z][\w'\-]*\s+(?:al-|bin\s+|de\s+)?){{0,3}}"
                         rf"[A-Z][a-z][\w'\-]*)")
_NEW_GROUP = re.compile(rf"\b((?:[A-Z][\w'\-]+\s+(?:(?:of|for|and|the|al-|el-)\s+)*){{1,6}}(?:{GROUP_HEADS}))\b")
FUZZY_MIN_SCORE = 92
# What a state acts through: after a demonym (`Israeli warplanes`, `Russian forces`, an `Ethiopian air strike`)
# these make the state a participant; other nouns it only describes (`Iranian proxies`, `Afghan civilians`).
STATE_MEANS = {"forces", "force", "troops", "army", "military", "navy", "police", "soldiers", "soldier", "warplanes",
               "warplane", "jets", "jet", "aircraft", "drones", "drone", "missiles", "missile", "rockets", "rocket",
               "artillery", "tanks", "helicopters", "helicopter", "gunboats", "government", "authorities",
               "regime", "junta", "security", "intelligence", "border", "special", "air", "naval", "side",
               "strike", "strikes", "airstrike", "airstrikes", "shelling", "bombardment", "attack", "attacks",
               "raid", "raids", "offensive", "operation", "operations", "fire", "bombing", "bombings"}
COMMON_WORDS = {"the", "camp", "iranian", "iraqi", "afghan", "national", "islamic", "popular", "united",
                "international", "revolutionary", "army", "force", "forces", "council", "people", "state",
                "government", "party", "front", "movement", "new", "us", "u.s.", "american", "president"}


def local_id(name: str) -> str:
    """The id of a document-local actor named `name` (`local:gran-grif-gang`)."""
    return "local:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class DictionaryError(ValueError):
    """A user dictionary file that cannot be read; the message says which line and why."""


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """A spelling-insensitive key for one token: `Hezballah` and `Hizbollah` fold alike."""
    lowered = unicodedata.normalize("NFKD", text.lower())
    lowered = "".join(ch for ch in lowered if not unicodedata.combining(ch) and ch not in "'’`")
    if len(lowered) < 6 or not lowered.isalpha():
        return lowered  # short words keep their vowels: `grace` is not `Greece`
    lowered = re.sub(r"[aeiouy]+", "a", lowered)
    return re.sub(r"(.)\1+", r"\1", lowered)


def variants(alias: str) -> set[str]:
    """Hyphen and `al-` spellings of one alias."""
    out = {alias}
    if "-" in alias:
        out.add(alias.replace("-", " "))
    if re.search(r"\bal ", alias, re.I):
        out.add(re.sub(r"\b([Aa]l) ", r"\1-", alias))
    return out


@dataclass
class ActorDictionary:
    """Actors by id, with every alias; later layers override earlier ones alias by alias."""

    actors: dict[str, Actor] = field(default_factory=dict)
    generic_ids: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    # lower-cased alias -> the actors of one layer that share it (`ELN` in Bolivia, Colombia and Peru): the
    # matcher takes it only where the document supports one of them (eventledger.extract.actors)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    countries: dict[str, tuple[str, ...]] = field(default_factory=dict)  # actor id -> home countries
    # lower-cased alias -> ids of actors that have (or had) it, so an override need not scan every actor
    _owners: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def add(self, actor: Actor, generic: bool = False, override: bool = True) -> None:
        if override:
            claimed = {a.lower() for a in (actor.name, *actor.aliases)}
            for alias in claimed:  # a later layer (curated, a user's file) settles a shared alias
                self.ambiguous.pop(alias, None)
            others = {other for alias in claimed for other in self._owners.get(alias, ())} - {actor.id}
            for other_id in others:
                other = self.actors[other_id]
                kept = tuple(a for a in other.aliases if a.lower() not in claimed)
                if len(kept) != len(other.aliases):
                    self.actors[other_id] = Actor(id=other.id, name=other.name, kind=other.kind, aliases=kept,
                                                  country=other.country)
        # re-inserted at the end, so that the alias table (later entries win) follows the layers' order
        existing = self.actors.pop(actor.id, None)
        if existing is not None:
            aliases = tuple(dict.fromkeys((*existing.aliases, *actor.aliases)))
            actor = Actor(id=actor.id, name=actor.name, kind=actor.kind, aliases=aliases,
                          country=actor.country or existing.country)
        self.actors[actor.id] = actor
        for alias in actor.aliases:
            self._owners.setdefault(alias.lower(), set()).add(actor.id)
        if generic:
            self.generic_ids.add(actor.id)

    def alias_table(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for actor in self.actors.values():  # later layers (curated, then user files) win
            for alias in (actor.name, *actor.aliases):
                for form in variants(alias):
                    table[form] = actor.id
        for form in [f for f in table if f.lower() in self.ambiguous]:
            del table[form]
        return table

    def add_layer(self, actors: list[Actor], countries: dict[str, tuple[str, ...]]) -> None:
        """A layer whose actors may share an alias: each keeps it, and the shared ones become ambiguous."""
        owners: dict[str, dict[str, str]] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                owners.setdefault(alias.lower(), set()).add(actor.id)
        layer = {actor.id for actor in actors}
        for other_id in {o for alias in owners for o in self._owners.get(alias, ())} - layer:
            other = self.actors[other_id]  # an earlier layer's actor gives up the aliases this layer claims
            kept = tuple(a for a in other.aliases if a.lower() not in owners)
            if len(kept) != len(other.aliases):
                self.actors[other_id] = replace(other, aliases=kept)
        for actor in actors:
            self.add(actor, override=False)
        for alias, ids in owners.items():
            if len(ids) > 1:
                self.ambiguous[alias] = tuple(sorted(ids))
        self.countries.update(countries)


def _actor_from_mapping(row: dict, where: str) -> Actor:
    name = str(row.get("name") or "").strip()
    if not name:
        raise DictionaryError(f"{where}: an actor needs a name")
    actor_id = str(row.get("id") or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
    kind = str(row.get("kind") or "organisation")
    if kind not in ACTOR_KINDS:
        raise DictionaryError(f"{where}: unknown kind {kind!r} (one of {', '.join(ACTOR_KINDS)})")
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in re.split(r"[|;]", aliases) if a.strip()]
    return Actor(id=actor_id, name=name, kind=kind, aliases=tuple(str(a) for a in aliases),
                 country=row.get("country") or None)


def load_actor_file(path: Path) -> tuple[list[Actor], list[Actor]]:
    """(actors, generic actors) from a YAML (`actors:` / `generic:` lists) or CSV (id,name,kind,aliases)."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{where}: cannot read actor dictionary ({exc})") from None
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        actors = [_actor_from_mapping(row, f"{where}:{i + 2}") for i, row in enumerate(rows)]
        return [a for a in actors if a.kind != "generic"], [a for a in actors if a.kind == "generic"]
    try:
        data = load_yaml(text) or {}
    except YAMLError as exc:
        raise DictionaryError(f"{where}: not valid YAML ({exc})") from None
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict):
        raise DictionaryError(f"{where}: expected a mapping with 'actors' and/or 'generic' lists")
    actors = [_actor_from_mapping(r, f"{where}: actors[{i}]") for i, r in enumerate(data.get("actors") or [])]
    generic = [_actor_from_mapping(r, f"{where}: generic[{i}]") for i, r in enumerate(data.get("generic") or [])]
    return actors, generic


def _phoenix_actors() -> Iterable[Actor]:
    with resources.files("eventledger.data").joinpath("phoenix-actors.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield Actor(id=row["id"], name=row["name"], kind=row["kind"], aliases=tuple(row["aliases"]),
                        country=None)


def _conflict_actors() -> tuple[list[Actor], dict[str, tuple[str, ...]]]:
    actors, countries = [], {}
    with resources.files("eventledger.data").joinpath("conflict-actors.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            actors.append(Actor(id=row["id"], name=row["name"], kind=row["kind"], aliases=tuple(row["aliases"]),
                                country=row.get("country")))
            countries[row["id"]] = tuple(row.get("countries") or ())
    return actors, countries


def load_dictionary(user_files: Iterable[str | Path] = ()) -> ActorDictionary:
    """The shipped Phoenix seed, the states and conflict actors of UCDP and OFAC over it
    (scripts/build_conflict_actors.py), the curated actors over those, then each user file over all."""
    dictionary = ActorDictionary()
    for actor in _phoenix_actors():
        dictionary.add(actor, override=False)
    dictionary.sources.append("phoenix-actors.jsonl")
    dictionary.add_layer(*_conflict_actors())
    dictionary.sources.append("conflict-actors.jsonl")
    curated = resources.files("eventledger.data").joinpath("actors.yaml")
    layers = [Path(str(curated))] + [Path(p) for p in user_files]
    for path in layers:
        actors, generic = load_actor_file(path)
        for actor in actors:
            dictionary.add(actor)
        for actor in generic:
            dictionary.add(actor, generic=True)
        dictionary.sources.append(path.name)
    return dictionary



class ActorMatcher:
    """Finds actor mentions in a spaCy Doc; one instance per dictionary.

    Aliases are tokenised once with the pipeline's tokenizer and kept as tuples of folded tokens
    (exact tokens for short acronyms); the tables are cached on disk by the dictionary's hash, so
    start-up does not re-tokenise thousands of aliases.
    """

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.table = dictionary.alias_table()
        # one-word names of communities (`Murle`, `Mahamid`) are matched as written: folded, they meet
        # personal names (`Mohammed`)
        exact_only = {alias for alias, actor_id in self.table.items()
                      if " " not in alias and dictionary.actors[actor_id].kind == "militia"}
        self.folded, self.exact = _token_tables(self.table, exact_only)
        # every leading part of an alias, so a lookup walks forward only while some alias can still match
        self.prefixes = {key[:n] for key in (*self.folded, *self.exact) for n in range(1, len(key) + 1)}
        self.fuzzy_choices = [a for a in self.table if len(a) >= 8]
        self.shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for alias, ids in dictionary.ambiguous.items():
            self.shared[tuple(fold(w) for w in re.findall(r"[\w'’\-]+|[^\w\s]", alias))] = ids
        self.shared_longest = max((len(k) for k in self.shared), default=0)

    @cached_property
    def keys(self) -> dict[str, str]:
        """Folded alias -> actor id, for names the text pairs (`A / B`); built on first use, as few texts need it
        and folding every alias is a tenth of a second of start-up."""
        return {" ".join(fold(t) for t in alias.split()): actor_id for alias, actor_id in
                reversed(list(self.table.items()))}

    def _lookup_tokens(self, words: list[str], folded: list[str]) -> list[tuple[int, int, str, str]]:
        """Dictionary matches over the tokens as written and folded: at each token the longest alias."""
        found = []
        prefixes = self.prefixes
        for i in range(len(words)):
            best = None
            n = 1
            while i + n <= len(words):
                as_written, as_folded = tuple(words[i:i + n]), tuple(folded[i:i + n])
                if as_written not in prefixes and as_folded not in prefixes:
                    break
                actor_id = self.exact.get(as_written) or self.folded.get(as_folded)
                if actor_id:
                    best = (i, i + n, actor_id, "dictionary")
                n += 1
            if best:
                found.append(best)
        return found

    def find(self, doc: Doc) -> tuple[list[ActorMention], dict[str, dict[str, str]]]:
        """Mentions (longest match wins) and the aliases the text taught us (alias -> how), per actor id."""
        mentions, learned, _new = self.find_all(doc)
        return mentions, learned

    def find_all(self, doc: Doc, entities: Iterable[tuple[int, int, str]] = ()
                 ) -> tuple[list[ActorMention], dict[str, dict[str, str]], dict[str, Actor]]:
        """Mentions, learned aliases, and the groups and people the text names that no dictionary knows
        (`entities`: the trained recogniser's PER/ORG/LOC character spans)."""
        words = [t.text for t in doc]
        folded = [fold(w) for w in words]
        raw = self._lookup_tokens(words, folded)
        learned: dict[str, dict[str, str]] = {}
        # Names are capitalised: an all-lowercase match counts only for actors with a lowercase alias.
        raw = [m for m in raw if self._case_ok(doc[m[0]:m[1]].text, m[2])]
        mentions = _longest(raw + self._supported_shared(doc, words, folded, _longest(raw)))
        new_actors: dict[str, Actor] = {}
        mentions = [m for m in mentions if not self._describes(doc, m)]
        mentions = self._unknown_groups(doc, mentions, new_actors)
        mentions = self._entities(doc, mentions, new_actors, entities)
        self._local = new_actors
        mentions = self._definitions(doc, mentions, learned)
        mentions = self._short_forms(doc, mentions, learned)
        mentions = self._fuzzy(doc, mentions, learned)
        out = []
        for start, end, actor_id, how in sorted(mentions):
            span = doc[start:end]
            out.append(ActorMention(span.start_char, span.end_char, span.text, actor_id, how,
                                    actor_id in self.dictionary.generic_ids))
        self._local = {}
        return out, learned, new_actors

    def _describes(self, doc: Doc, mention: tuple[int, int, str, str]) -> bool:
        """A state's adjective that describes a noun or starts another name (`Iranian proxies`, `the Syrian
        Observatory`), rather than naming the state or what it acts through (`Israeli warplanes`)."""
        start, end, actor_id, _how = mention
        actor = self.dictionary.actors[actor_id]
        if actor.kind != "state" or end >= len(doc) or end - start != 1:
            return False
        word = doc[start].text
        if fold(word) == fold(actor.name) or word.endswith("s"):
            return False  # the state's name (`Israel`), or its people (`Israelis`)
        following = doc[end].text
        if following[:1].isupper():
            return True
        return following[:1].isalpha() and following.lower() not in STATE_MEANS

    def _supported_shared(self, doc: Doc, words: list[str], folded: list[str], mentions: list) -> list:
        """An alias several actors share (`ELN`, `NLA`) names the one the document supports: its full name
        is in the text, or one of its home countries is a state the document names; otherwise no one."""
        if not self.shared:
            return []
        text = text_of(doc).lower()
        named_countries = {self.dictionary.actors[m[2]].country for m in mentions
                           if self.dictionary.actors[m[2]].kind == "state"}
        found = []
        for i in range(len(doc)):
            if not words[i][:1].isupper():
                continue
            for n in range(min(self.shared_longest, len(doc) - i), 0, -1):
                ids = self.shared.get(tuple(folded[i:i + n]))
                if not ids:
                    continue
                by_name = [a for a in ids if self.dictionary.actors[a].name.lower() in text
                           and self.dictionary.actors[a].name.lower() != doc[i:i + n].text.lower()]
                by_country = [a for a in ids if set(self.dictionary.countries.get(a, ())) & named_countries]
                chosen = by_name if len(by_name) == 1 else by_country if len(by_country) == 1 else []
                if chosen:
                    found.append((i, i + n, chosen[0], "dictionary"))
                break
        return found

    def _unknown_groups(self, doc: Doc, mentions: list, new_actors: dict[str, Actor]) -> list:
        """`the Martyrs of Jenin Brigade`: a capitalised name ending in a group word is a group even when
        no dictionary has it; it becomes a document-local actor (id `local:...`)."""
        covered = {i for start, end, *_ in mentions for i in range(start, end)}
        added = []
        for match in _NEW_GROUP.finditer(text_of(doc)):
            name = re.sub(r"^(?:The|A|An)\s+", "", match.group(1))
            start = match.end(1) - len(name)
            span = doc.char_span(start, match.end(1), alignment_mode="contract")
            if span is None or len(span) < 2 or any(i in covered for i in range(span.start, span.end)):
                continue
            if name.split()[0].lower() in COMMON_WORDS and len(name.split()) == 2:
                continue  # `Iraqi Army`, `National Council`: too generic to name one group
            head = name.split()[-1].lower()
            kind = "political_organisation" if head in POLITICAL_HEADS else "armed_group"
            actor_id = local_id(name)
            new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind))
            added.append((span.start, span.end, actor_id, "group-name"))
        for match in _NEW_PERSON.finditer(text_of(doc)):  # `Prime Minister Nouri al-Maliki`, `Col. Rafael Torres`
            span = doc.char_span(match.start(), match.end(1), alignment_mode="contract")
            if span is None or any(i in covered for i in range(span.start, span.end)):
                continue
            name = match.group(1)
            surname = name.split()[-1]
            actor_id = local_id(name)
            known = next((a for a in new_actors.values() if a.kind == "person" and a.name.split()[-1] == surname),
                         None)
            if known is not None:
                actor_id = known.id
            else:
                new_actors[actor_id] = Actor(id=actor_id, name=name, kind="person", aliases=(surname,))
            added.append((span.start, span.end, actor_id, "person-name"))
        return _longest(mentions + added, prefer_existing=True)

    def _entities(self, doc: Doc, mentions: list, new_actors: dict[str, Actor],
                  entities: Iterable[tuple[int, int, str]]) -> list:
        """People and organisations the recogniser finds where no dictionary or name pattern did: document-local
        actors of kind person or organisation (a person also answers to the surname)."""
        covered = {i for start, end, *_ in mentions for i in range(start, end)}
        added = []
        for start, end, label in entities:
            if label not in ("PER", "ORG"):
                continue
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            if (span is None or not len(span) or any(t.i in covered for t in span) or not span.text[:1].isupper()
                    or not span.text[-1].isalnum()):
                continue
            if (label == "PER" and not _person_like(span)) or span[-1].lower_ in ROAD_WORDS:
                continue  # `Rosamond Boulevard` is a street, whatever the recogniser says
            name = span.text
            actor_id = local_id(name)
            if label == "PER":
                surname = name.split()[-1]
                known = next((a for a in new_actors.values() if a.kind == "person"
                              and surname in (a.name.split()[-1], *a.aliases)), None)
                if known is not None:
                    actor_id = known.id
                else:
                    new_actors[actor_id] = Actor(id=actor_id, name=name, kind="person",
                                                 aliases=(surname,) if " " in name else ())
            else:
                new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind="organisation"))
            covered.update(t.i for t in span)
            added.append((span.start, span.end, actor_id, "entity"))
        return _longest(mentions + added, prefer_existing=True)

    def actor(self, actor_id: str) -> Actor:
        local = getattr(self, "_local", {})
        return local.get(actor_id) or self.dictionary.actors[actor_id]

    def _case_ok(self, text: str, actor_id: str) -> bool:
        if not text.islower():
            return True
        actor = self.dictionary.actors[actor_id]
        return any(a.islower() for a in (actor.name, *actor.aliases))

    def _definitions(self, doc: Doc, mentions: list, learned: dict[str, dict[str, str]]) -> list:
        """`Name (ABBR)`, `Name, or ABBR,`, `Name (also known as X)` and `A / B` teach aliases."""
        text = text_of(doc)
        by_end = {doc[m[1] - 1].idx + len(doc[m[1] - 1]): m for m in mentions}
        added: list[tuple[int, int, str, str]] = []
        for match in re.finditer(r"\s*(?:\(\s*(?:also known as |or |aka )?|,\s*or\s+)"
                                 r"(?P<alias>[A-Z][\w'\-]*(?: [A-Z][\w'\-]*){0,3})\s*[),]", text):
            owner = by_end.get(match.start())
            if owner is None:
                continue
            alias = match.group("alias")
            learned.setdefault(owner[2], {}).setdefault(alias, "definition")
            added.extend(self._all_occurrences(doc, alias, owner[2], "definition"))
        for match in re.finditer(r"\b(?P<a>[A-Z][A-Za-z]{1,9})\s*/\s*(?P<b>[A-Z][A-Za-z]{1,9})\b", text):
            known = [self._lookup(match.group(g)) for g in ("a", "b")]
            owner_id = next((k for k in known if k), None)
            if owner_id:
                for g in ("a", "b"):
                    learned.setdefault(owner_id, {}).setdefault(match.group(g), "slash")
                learned[owner_id].setdefault(match.group(0), "slash")
                added.extend(self._all_occurrences(doc, match.group(0), owner_id, "slash"))
                for g in ("a", "b"):
                    added.extend(self._all_occurrences(doc, match.group(g), owner_id, "slash"))
        return _longest(mentions + added)

    def _lookup(self, alias: str) -> str | None:
        return self.table.get(alias) or self.keys.get(" ".join(fold(t) for t in alias.split()))

    def _all_occurrences(self, doc: Doc, alias: str, actor_id: str, how: str) -> list:
        found = []
        flags = 0 if alias.isupper() or len(alias) <= CASE_SENSITIVE_MAX else re.I
        for m in re.finditer(rf"(?<![\w'])({re.escape(alias)})(?![\w'])", text_of(doc), flags):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                found.append((span.start, span.end, actor_id, how))
        return found

    def _short_forms(self, doc: Doc, mentions: list, learned: dict[str, dict[str, str]]) -> list:
        """The first word of a multi-word group name, used alone later (`Kata'ib`)."""
        firsts: dict[str, dict[str, str]] = {}
        for start, end, actor_id, _how in mentions:
            if (end - start >= 2 and actor_id not in self.dictionary.generic_ids
                    and self.actor(actor_id).kind != "person"):
                word = doc[start].text
                if len(word) >= 5 and word[0].isupper() and word.lower() not in COMMON_WORDS:
                    firsts.setdefault(word, set()).add(actor_id)
        added = []
        for word, owners in firsts.items():
            if len(owners) != 1:
                continue  # ambiguous: two groups share the first word
            owner = next(iter(owners))
            occurrences = [o for o in self._all_occurrences(doc, word, owner, "short-form")
                           if not any(o[0] < m[1] and m[0] < o[1] for m in mentions)]
            if occurrences:
                learned.setdefault(owner, {}).setdefault(word, "short-form")
                added.extend(occurrences)
        return _longest(mentions + added, prefer_existing=True)

    def _fuzzy(self, doc: Doc, mentions: list, learned: dict[str, dict[str, str]]) -> list:
        """Capitalised names of two or more words that no alias matched, against every long alias."""
        covered = set()
        for start, end, *_ in mentions:
            covered.update(range(start, end))
        candidates = []
        for match in re.finditer(r"\b(?!The |A |An )[A-Z][\w'\-]+(?: (?:al-|el-|of |the )?[A-Z][\w'\-]+){1,5}",
                                 text_of(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
            if span is not None and not any(i in covered for i in range(span.start, span.end)):
                candidates.append((match.group(0), span))
        if not candidates or not self.fuzzy_choices:
            return mentions
        # one matrix for the document's names against every long alias: the choices are prepared once
        scores = process.cdist([name for name, _span in candidates], self.fuzzy_choices, scorer=fuzz.ratio,
                               score_cutoff=FUZZY_MIN_SCORE, workers=1)
        added = []
        for (name, span), row in zip(candidates, scores, strict=True):
            best = int(row.argmax())  # the first of the best, as extractOne would choose
            if row[best]:
                actor_id = self.table[self.fuzzy_choices[best]]
                learned.setdefault(actor_id, {}).setdefault(name, "fuzzy")
                added.append((span.start, span.end, actor_id, "fuzzy"))
        return _longest(mentions + added)


def _longest(raw: list, prefer_existing: bool = False) -> list:
    """Non-overlapping matches, longest first (`Kata'ib Hezballah` beats `Hezballah`)."""
    ordered = sorted(raw, key=lambda m: (-(m[1] - m[0]), m[0]))
    taken: set[int] = set()
    kept = []
    for start, end, actor_id, how in ordered:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        kept.append((start, end, actor_id, how))
    return sorted(kept)


def _token_tables(table: dict[str, str], exact_only: set[str] = frozenset()
                  ) -> tuple[dict[tuple, str], dict[tuple, str]]:
    """(folded-token table, exact-token table) for the aliases, from the disk cache when it is current."""
    digest = hashlib.sha1(json.dumps([sorted(table.items()), sorted(exact_only)]).encode()).hexdigest()[:16]
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "eventledger"
    cache = cache_dir / f"actor-tokens-{digest}.pickle"
    try:
        with cache.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    tokenizer = build_pipeline().tokenizer
    folded: dict[tuple, str] = {}
    exact: dict[tuple, str] = {}
    for alias, actor_id in table.items():
        words = tuple(t.text for t in tokenizer(alias))
        if alias in exact_only or (len(alias) <= CASE_SENSITIVE_MAX and not any(ch.islower() for ch in alias[1:])):
            exact[words] = actor_id
        else:
            folded[tuple(fold(w) for w in words)] = actor_id
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((folded, exact), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cache)
    except OSError:
        pass  # a read-only home: work without the cache
    return folded, exact


@lru_cache(maxsize=8)
def default_matcher(user_files: tuple[str, ...] = ()) -> ActorMatcher:
    return ActorMatcher(load_dictionary(user_files))


def _person_like(span: Span) -> bool:
    """Whether a span the recogniser calls a person reads as a person's name: every word capitalised (but
    the particles of names: `bin`, `al`, `de`) and none a word of places (`St. Louis County`, `Cliff Cave
    Park`, `the Park ranger`), which the recogniser trained on little such text takes for names."""
    for token in span:
        lower = token.lower_.strip(".'’")
        if lower in KIND_WORDS or lower in STREET_AND_BUILDING_WORDS:
            return False
        if token.is_alpha and not token.text[:1].isupper() and lower not in CONNECTORS:
            return False
    return True
