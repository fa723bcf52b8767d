"""Casualty counts: killed, injured, abducted, arrested, missing.

A count is a quantified group of people joined to a casualty word: `two insurgents were killed`,
`killing Fayez Jan and one additional insurgent`, `led to the deaths of 50 members`, `ten insurgent
deaths`, `detained the senior leader along with three of his associates`. Numbers with no casualty
word (`only 100 people remained`, `a 26-year home`, `leads 40 fighters`) never become counts. Vague
words are read under a counting convention (data/conventions.toml), chosen by name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from eventledger.extract.count_relations import relation
from eventledger.extract.quantities import NUMBER, NUMBER_WORD, QUALIFIER, RANGE, read_quantity

COUNT_VERBS = {
    "killed": r"feared (?:dead|killed)|(?:found\s+)?shot (?:and|to) (?:killed|death)|"
              r"fatally (?:shot|stabbed|wounded|injured|shooting|"
              r"stabbing|wounding|injuring)|perished|"
              r"stabbed (?:and killed|to death)|beaten to death|burned to death|"
              r"(?:found|pronounced|confirmed|left|lying) dead|shot dead|gunned down|lost their lives|"
              r"killed|kill|kills|killing|murdered|murdering|slain|slaughtered|executed|massacred|"
              r"assassinated|beheaded|died|dead|deaths?|fatalities",
    "injured": r"injured|injuring|wounded|wounding|hurt|injuries|casualties",
    "abducted": r"abducted|abducting|kidnapped|kidnapping|taken hostage|held hostage|abductions?|"
                r"(?:taken|held) (?:captive|prisoner)|taken away|"
                r"taken(?=\s*(?:[.,;]|$))",  # `52 people had been taken.`, never `taken to hospital`
    "arrested": r"arrested|arresting|detained|detaining|captured|capturing|apprehended|taken into custody|"
                r"in custody|detention|arrests?",
    "missing": r"missing|disappeared|unaccounted for",
}
PERSON_NOUNS = (
    r"people|persons?|civilians?|members?|residents?|insurgents?|militants?|fighters?|soldiers?|troops?|"
    r"policemen|policeman|police officers?|officers?|children|child|women|woman|men|man|males?|females?|"
    r"suspects?|leaders?|commanders?|associates?|facilitators?|individuals?|students?|worshippers?|"
    r"protesters?|demonstrators?|bystanders?|passengers?|workers?|guards?|others|victims?|martyrs?|"
    r"Afghans|Iraqis|Syrians|Americans|Marines|gunmen|gunman|attackers?|terrorists?|rebels?|hostages?|"
    r"boys?|girls?|teenagers?|teens?|adults?|journalists?|officials?|employees?|villagers?|pilgrims?|"
    r"refugees?|detainees?|prisoners?|sons?|daughters?|brothers?|family members|relatives|"
    r"enemy fighters|operatives?|cell members|bomb makers?|emirs?|deputies|deputy|lieutenants?|"
    r"them|those|personnel|guests?|jawans?|porters?|"
    r"service members?|neighbou?rs?|wife|wives|husbands?|mothers?|fathers?|parents|"
    r"siblings?|cousins?|friends?|babies|baby|grandchildren|grandchild|grandsons?|granddaughters?|"
    r"grandparents|grandmothers?|grandfathers?|nephews?|nieces?|stepsons?|stepdaughters?|toddlers?|infants?|"
    r"girlfriends?|boyfriends?|roommates?|kids?|sons?-in-law|daughters?-in-law|"
    # occupations, roles and communities news names as victims or the arrested
    r"school(?:girls?|boys?|children|child)|pupils?|teachers?|farmers?|herders?|herdsmen|fishermen|miners?|"
    r"traders?|shopkeepers?|merchants?|drivers?|doctors?|nurses?|medics?|paramedics?|patients?|"
    r"peacekeepers?|contractors?|tourists?|foreigners?|nationals?|citizens?|locals|inhabitants|shoppers?|"
    r"mourners?|churchgoers?|congregants?|Christians?|Muslims?|Shiites?|Sunnis?|Hindus?|Kurds?|Yazidis?|"
    r"Rohingya|migrants?|asylum seekers?|inmates?|militiamen|militiaman|jihadists?|extremists?|Islamists?|"
    r"separatists?|guerrillas?|paramilitaries|gendarmes?|troopers?|servicemen|serviceman|sailors?|airmen|"
    r"pilots?|recruits?|cadets?|conscripts?|bodyguards?|activists?|lawyers?|judges?|politicians?|lawmakers?|"
    r"candidates?|voters?|clerics?|imams?|priests?|monks?|nuns?|missionaries|volunteers?|rescuers?|"
    r"firefighters?|staffers?|colleagues?|crew members?|tribesmen|elders?|youths?|minors?|headm[ae]n|chiefs?|"
    r"rangers?|constables?|sergeants?|corporals?|reservists?|vigilantes?|shepherds?|travell?ers?|commuters?|"
    r"motorists?|motorcyclists?|pedestrians?|"
    # members of a movement or a people, capitalised plurals (`Maoists`, `Palestinians`, `Israelis`, `Houthis`)
    r"(?-i:[A-Z][a-z]+(?:ists|ians|ites|[lqnhdt]is))|"
    r"kidnappers?|bandits?|robbers?|smugglers?|traffickers?|dealers?|gangsters?|gang members?|assailants?|"
    r"raiders?|labou?rers?|engineers?|technicians?|supporters?|followers?|loyalists?|opponents?|critics?|"
    r"dissidents?|"
    # nationalities and peoples, listed: a pattern such as `-is`, `-ans` would take `Louis` and `Evans`
    r"Pakistanis|Indians|Nigerians|Somalis|Kenyans|Ethiopians|Eritreans|Egyptians|Libyans|Tunisians|Algerians|"
    r"Moroccans|Malians|Chadians|Nigeriens|Burkinabe|Ivorians|Ghanaians|Senegalese|Mauritanians|Cameroonians|"
    r"Ugandans|Rwandans|Burundians|Tanzanians|Mozambicans|Zimbabweans|South Africans|Sudanese|Congolese|"
    r"Yemenis|Saudis|Iranians|Israelis|Palestinians|Lebanese|Jordanians|Turks|Arabs|Jews|Druze|Copts|"
    r"Alawites|Russians|Ukrainians|Georgians|Chechens|Britons|Germans|Italians|Spaniards|Australians|"
    r"Canadians|Mexicans|Colombians|Venezuelans|Brazilians|Haitians|Hondurans|Guatemalans|Salvadorans|"
    r"Filipinos|Indonesians|Thais|Malaysians|Chinese|Japanese|Koreans|Vietnamese|Burmese|Bangladeshis|"
    r"Sri Lankans|Nepalese|Sikhs|Tamils|Uighurs|Uyghurs|Baloch|Pashtuns|Hazaras|Tajiks|Uzbeks|"
    r"Europeans|Africans|Asians|Westerners"
)
LEADER_NOUNS = (r"leader|commander|facilitator|emir|deputy|chief|lieutenant|financier|operative|man|official|"
                r"dealer|smuggler|supplier|trafficker|courier|instructor|trainer|recruiter|mullah|governor|"
                r"individual|bomber|emplacer|spy|informant|sniper|assassin|maker|coordinator|sub-commander")
SINGULAR_PERSON = (r"person|civilian|member|resident|insurgent|militant|fighter|soldier|policeman|officer|"
                   r"ranger|constable|sergeant|corporal|reservist|vigilante|shepherd|travell?er|commuter|motorist|"
                   r"motorcyclist|pedestrian|headman|"
                   r"police officer|child|woman|man|male|female|suspect|leader|commander|associate|"
                   r"facilitator|individual|student|worshipper|protester|bystander|passenger|worker|guard|"
                   r"victim|boy|girl|teenager|teen|adult|journalist|official|employee|villager|hostage|"
                   r"operative|emir|deputy|lieutenant|financier|gunman|attacker|terrorist|rebel|detainee|wife|husband|"
                   r"mother|father|son|daughter|brother|sister|neighbou?r|friend|baby|cousin|dealer|smuggler|supplier|"
                   r"trafficker|courier|financier|instructor|trainer|bomber|sniper|recruiter|emplacer|spy|assassin|"
                   r"maker|coordinator|"
                   r"informant|driver|guard|fighter|mullah|cleric|governor|chief|militia member|suspect|"
                   r"grandchild|grandson|granddaughter|grandmother|grandfather|nephew|niece|stepson|stepdaughter|"
                   r"toddler|infant|girlfriend|boyfriend|roommate|uncle|aunt|fianc[eé]e?|son-in-law|daughter-in-law|"
                   r"schoolgirl|schoolboy|pupil|teacher|farmer|herder|herdsman|fisherman|miner|trader|shopkeeper|"
                   r"merchant|doctor|nurse|medic|paramedic|patient|peacekeeper|contractor|tourist|foreigner|"
                   r"national|citizen|militiaman|jihadist|gendarme|trooper|serviceman|sailor|pilot|recruit|"
                   r"bodyguard|activist|lawyer|judge|politician|lawmaker|candidate|cleric|imam|priest|monk|nun|"
                   r"missionary|volunteer|rescuer|firefighter|elder|kidnapper|bandit|robber|gangster|assailant|"
                   r"engineer|technician")
VAGUE = (r"(?:a couple of|a couple|several|a few|some|a group of|multiple|numerous|a handful of|a number of|"
         r"a large number of|tens of thousands of|hundreds of thousands of|tens of|dozens of|dozens|scores of|"
         r"hundreds of|thousands of|many)")
# a character of a clause's noun phrase: up to the end of the sentence or clause, but on over `1.2 million`
_CHAR = r'(?:[^.;:"()]|(?<=\d)\.(?=\d))'
ADJ = r"(?:[a-zA-Z\-'/.\"]+\s+){0,4}?"  # `20 "apostate" soldiers`
_AGE = r"\d{1,3}(?:-and-a-half)?[\s-](?:year|month|week|day)s?[\s-]old"  # `17-year-old`, `17 year old`


@dataclass(frozen=True, slots=True)
class CountPart:
    """One quantified group in a count: `three of his associates` or `the senior leader`."""

    value: int
    qualifier: str
    leader: bool
    text: str
    vague: bool = False  # from a word (`several`, `dozens`, `a fatal shooting`), not a figure
    high: int = 0  # the top of a range (`between 10 and 15`); 0 when the figure is one number


# A part that picks out one person: a pronoun or reflexive (`he`, `then himself`), a definite or possessive
# noun phrase (`the woman`, `his wife`, but not `the two men`), a name (`Jaxon Slaight`) or an age and a name
# (`8-year-old Joseph`). An indefinite one (`a man`) may be the whole toll and is not individual.
_INDIVIDUAL = re.compile(rf"(?:(?:then\s+)?(?:he|she|him|her)(?:self)?\b|another$|(?:\w+\s+)*?(?:him|her)self\b|"
                         rf"(?:the|his|her|their)\s(?!(?:{NUMBER_WORD})\b)|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)$|"
                         rf"(?:an?\s+)?{_AGE}\s+(?-i:[A-Z][a-z]+))", re.I)


@dataclass(frozen=True, slots=True)
class CountMention:
    kind: str  # killed, injured, abducted, arrested, missing
    start: int
    end: int
    parts: tuple[CountPart, ...]
    negated: bool = False
    group_start: int = 0
    group_end: int = 0
    bound: bool = False  # `a fatal shooting`: someone died; a lower bound on a figure, never added to one
    adds: bool = False  # `killed his two daughters before killing herself`: the killer, on top of the victims
    relation: str = "total"  # to the report's other figures: see extract/count_relations.py
    # `the deaths of a police officer and a temple guard, with six other policemen wounded`: other than the
    # dead the sentence counts first, not more of the wounded told before
    other_than_dead: bool = False

    @property
    def individual(self) -> bool:
        """`he killed himself`, `Jaxon Slaight was pronounced dead`, `the woman and the child died`: people
        the story picks out one by one. They are among the dead, not a figure for the whole incident."""
        return bool(self.parts) and all(p.value == 1 and _INDIVIDUAL.match(p.text) for p in self.parts)

    @property
    def additional(self) -> bool:
        """`two additional suspects`, `two more people`: people on top of those counted before, not the same
        ones again."""
        # (`killing three and wounding another`: one other than the dead, not more of the wounded)
        if self.other_than_dead and not self.adds:
            return False
        return self.adds or all(re.search(r"\b(?:additional|another|other|further)\b|\bmore\b(?!\s+than\b)", p.text,
                                          re.I) and p.text.lower() != "another" for p in self.parts)

    @property
    def vague(self) -> bool:
        return all(p.vague for p in self.parts)

    @property
    def value(self) -> int:
        return sum(p.value for p in self.parts)

    @property
    def qualifier(self) -> str:
        qualifiers = {p.qualifier for p in self.parts}
        if "at_least" in qualifiers:
            return "at_least"
        if "about" in qualifiers:
            return "about"
        if "at_most" in qualifiers:
            return "at_most"
        return "exact"


@lru_cache(maxsize=4)
def load_convention(name: str = "isaf") -> dict[str, int]:
    data = tomllib.loads(resources.files("eventledger.data").joinpath("conventions.toml").read_text("utf-8"))
    if name not in data:
        raise ValueError(f"unknown counting convention {name!r} (one of {', '.join(sorted(data))})")
    return {k.replace("_", " "): v for k, v in data[name].items() if isinstance(v, int)}


_QNP_ITEM = re.compile(
    rf"(?P<age>(?i:(?:a|an|the|one|his|her|their)\s+)?{_AGE}(?:\s+(?:[A-Za-z\-']+\s+){{0,2}}?(?i:{SINGULAR_PERSON})\b|"
    rf"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}\b)?)"
    rf"|(?i:(?P<neg>\bno\s+)?(?:(?:his|her|their|its)\s+)?(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"(?:(?P<num>{RANGE}|{NUMBER})(?![\d-])|(?P<vague>{VAGUE}))"
    rf"(?:\s+(?:of\s+)?(?:the|his|her|their|its|these|those|our|my|your)?)?\s+{ADJ}"
    rf"(?P<noun>{PERSON_NOUNS})\b(?!\s+(?:{PERSON_NOUNS})\b))"  # `two Chinese nationals`: the last noun
    rf"|(?P<couple>\b(?i:a|an|the)\s+(?:[A-Za-z\-']+\s+){{0,3}}?(?i:couple)\b)"
    rf"|(?P<single>\b(?:(?i:a|an|the|one|another|his|her|their|my|our|your|additional)|[A-Z][a-z]+['’]s)\s+(?!\d)(?:[A-Za-z\-']+\s+){{0,4}}?(?P<snoun>{SINGULAR_PERSON})\b"
    rf"(?:\s+(?:[A-Z][a-z]+\s?){{1,3}})?)"
    rf"|(?P<numonly>(?i:(?:(?P<qual2>{QUALIFIER})\s+)?(?P<num2>{RANGE}|{NUMBER}))\s*$)"
    rf"|(?P<vagueonly>(?i:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|several|many|"
    rf"a few|a handful|numerous))\s*$"
    rf"|(?P<bare>\b(?i:(?:suspected|armed|unarmed|innocent|local|Taliban|enemy)\s+)?(?i:(?:{PERSON_NOUNS}))"
    rf"(?<=s|n|e)\b)"
    rf"|(?P<pronoun>\b(?i:he|she|him|another)\b|\b(?i:her)\b(?!\s+(?:[\w\-]+\s+){{0,2}}?(?i:{PERSON_NOUNS})\b))"
    rf"|(?P<name>\b(?!(?:With|In|On|At|For|From|After|Before|During|When|While|As|By|Of|To|And|But|The|An?|"
    rf"Some|Many|All|Both|Most|Several|Among|Including|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    rf"January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}\b)",
)


_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+$")
_BARE_SINGULAR = re.compile(rf"(?:[a-z\-]+\s+){{0,2}}(?:{SINGULAR_PERSON})\b(?!['’])")


_COORDINATION = re.compile(r",?\s+(?:along with|as well as)\s+|[,;]\s*(?:and\s+)?|\s+and\s+|\s+plus\s+")
_WHOLE_FIGURE = re.compile(rf"(?i)\b(?:{RANGE}|{NUMBER})")


# a figure and the people it counts (`301 persons`, `six wedding guests`)
_COUNTED = rf"(?i:\b(?:{QUALIFIER}\s+)?(?:{NUMBER}))\s+(?:[\w\-]+\s+){{0,2}}?(?i:{PERSON_NOUNS})\b"
# `the coordinated attack left 301 persons`: a clause that counts people, not a noun phrase naming one again
_COUNTED_PEOPLE = re.compile(_COUNTED)


def _split_coordination(phrase: str) -> list[str]:
    """`A man, two women and a child` split into items and the separators between them (as re.split with a
    group gives), never inside one figure: `between 10 and 15`, `a hundred and twenty`, `300,000`."""
    inside = [(m.start(), m.end()) for m in _WHOLE_FIGURE.finditer(phrase)]
    pieces, last = [], 0
    for cut in _COORDINATION.finditer(phrase):
        if any(a < cut.start() and cut.end() < b for a, b in inside):
            continue
        pieces += [phrase[last:cut.start()], cut.group(0)]
        last = cut.end()
    return pieces + [phrase[last:]]


def parse_group(phrase: str, convention: dict[str, int], strict: bool = False) -> list[CountPart]:
    """The quantified items of a coordinated noun phrase, in order.

    `strict`: every item must be a whole quantified noun phrase (for the phrase before a passive verb).
    """
    parts: list[CountPart] = []
    # `eight people including a soldier and two children`: who is among them, not more people
    phrase = re.split(r",?\s+(?:including|among\s+(?:them|whom))\b", phrase, maxsplit=1)[0]
    pieces = _split_coordination(phrase)
    separators = [""] + pieces[1::2]
    following = pieces[1::2] + [""]
    groups: list[int] = []  # `Two boys, 8-year-old Joseph and 6-year-old Jaxon,`: a group, then its members
    for index, (piece, separator) in enumerate(zip(pieces[0::2], separators, strict=False)):
        if parts and parts[-1].value > 1 and separator.strip() == ",":
            groups.append(len(parts) - 1)
        listed = following[index].strip() == "and"  # `A man, a girl and a woman`: a list, not an apposition
        if (separator.strip() == "," and parts and parts[-1].value == 1 and not listed
                and ((parts[-1].leader and re.match(r"\s*(?:an?|the)\s", piece, re.I)
                      and not _COUNTED_PEOPLE.search(piece))
                     or (re.fullmatch(rf"\s*(?:(?:an?\s+)?{_AGE}\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}\s*", piece)
                         and (parts[-1].leader or re.match(r"(?i:an?|the|his|her|their)\s|[A-Z][a-z]+['’]s\s",
                                                            parts[-1].text))))):
            continue  # `the man, an IED facilitator,`, `her son, (8-year-old) Jordan,`: the same person again
        piece = piece.strip()
        if not piece:
            continue
        if parts and re.fullmatch(r"[A-Z][\w'\- ]*\s(?:province|district|county|city|state|governorate)", piece):
            continue  # `a leader in Pul-e 'Alam district, Logar province,`: the place goes on, not the list
        if index and re.fullmatch(rf"(?!(?:of|in|from|at|near|on|to|for|with|by|and|or|the|an?|his|her|their|"
                                  rf"{NUMBER_WORD})\s)"
                                  r"[a-z][a-z\-]+\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}", piece):
            parts.append(CountPart(1, "exact", True, piece))  # `..., third-grader Kailey, sophomore Michael`
            continue
        match = _QNP_ITEM.match(piece)
        if parts and re.fullmatch(r"(?:then\s+)?(?:him|her)self", piece, re.I):
            parts.append(CountPart(1, "exact", False, piece))  # `killed his two children and himself`
            continue
        if (not match or match.group("bare")) and parts and separator.strip() in ("and", ",", ", and") \
                and _BARE_SINGULAR.fullmatch(piece):
            parts.append(CountPart(1, "exact", False, piece))  # `her father and daughter`: one more
            continue
        if not match:
            if strict:
                return []
            continue
        rest = re.sub(r"^\s+(?:of|from|in|at(?! least\b| most\b))\s+(?:the\s+)?[\w'\-]+(?:\s+[\w'\-]+){0,4}$", "",
                      piece[match.end():])
        if strict and rest.strip(" ,.'\""):
            return []
        if match.group("neg"):
            continue
        if match.group("num"):
            quantity = read_quantity(f"{match.group('qual') or ''} {match.group('num')}")
            if quantity is None:
                continue
            value, qualifier, high = quantity.value, quantity.qualifier, quantity.high
            if high > value and qualifier == "exact":
                qualifier = "at_least"  # `between 10 and 15`: at least the low end, at most the high
            noun = match.group("noun").lower()
            if value > 1 and re.fullmatch(SINGULAR_PERSON, noun):
                continue  # `Image 9 of 9 Mother, child found dead`: a number that does not count the noun
            leader = value == 1 and bool(re.fullmatch(LEADER_NOUNS, noun))
            parts.append(CountPart(value, qualifier, leader, match.group(0), high=high))
        elif match.group("couple"):  # `a Roy couple`: two people
            parts.append(CountPart(2, "exact", False, match.group(0)))
        elif match.group("age"):
            parts.append(CountPart(1, "exact", False, match.group(0)))
        elif match.group("pronoun"):  # `detained him`: one person, most often the one already named
            parts.append(CountPart(1, "exact", True, match.group(0)))
        elif match.group("numonly") and (parts or index > 0):
            continue  # `Nicole, 41,`: a bare number after a name is an age
        elif match.group("numonly"):
            quantity = read_quantity(f"{match.group('qual2') or ''} {match.group('num2')}")
            if quantity is None:
                continue
            qualifier = quantity.qualifier if quantity.high == quantity.value else "at_least"
            parts.append(CountPart(quantity.value, qualifier, False, match.group(0), high=quantity.high))
        elif match.group("vague") or match.group("vagueonly"):  # `dozens of people`, `dozens were wounded`
            word = (match.group("vague") or match.group("vagueonly")).lower().removesuffix(" of")
            value = convention.get(word, convention.get("several", 3))
            parts.append(CountPart(value, "at_least", False, match.group(0), vague=True))
        elif match.group("single"):
            noun = match.group("snoun").lower()
            leader = bool(re.fullmatch(LEADER_NOUNS, noun)) or bool(re.search(r"[A-Z][a-z]+\s*$",
                                                                               match.group("single")))
            parts.append(CountPart(1, "exact", leader, match.group(0)))
        elif match.group("bare") and parts:
            continue  # `80 policemen and soldiers`: the number counts both nouns together
        elif match.group("bare"):
            parts.append(CountPart(convention.get("plural", 2), "at_least", False, match.group(0), vague=True))
        elif match.group("name") and " " not in match.group("name") and not strict:
            continue  # a lone capitalised word is a surname only where a passive verb needs its subject
        elif match.group("name"):
            parts.append(CountPart(1, "exact", True, match.group(0)))
    if len(parts) > 1 and re.fullmatch(rf"(?i:(?:{QUALIFIER}\s+)?(?:{NUMBER}))", parts[0].text) and re.search(
            r"\bothers?\b", parts[1].text, re.I):
        parts = parts[1:]  # `has risen to 13, and 95 others were injured`: the bare figure is another count's
    for group in groups:  # the members named after a group are the group again
        members = parts[group + 1:group + 1 + parts[group].value]
        if len(members) == parts[group].value and all(
                p.value == 1 and re.search(r"(?<!^)\b[A-Z][a-z]+|^[A-Z][a-z]+", p.text) for p in members):
            return parts[:group + 1] + parts[group + 1 + len(members):]
    return parts


def _verb_alternation(kind: str) -> str:
    return COUNT_VERBS[kind]


# `five people were seriously injured`: how badly, between the auxiliary and the verb
_MANNER = (r"(?:seriously|critically|severely|gravely|badly|slightly|lightly|mildly|moderately|mortally|"
           r"grievously|fatally)")
_BE = (r"(?:were|was|are|is|have been|has been|had been|being|been|got|remain|remained|reportedly|"
       r"also|allegedly|later|all|both|each)")


def _patterns() -> list[tuple[str, re.Pattern, str]]:
    """(kind, pattern, voice) for every count kind."""
    out = []
    for kind, verbs in COUNT_VERBS.items():
        # `dead`, `deaths`, `died` take no object: `the four dead females` counts four, not the words after.
        active = re.compile(rf"\b(?!(?:dead|deaths?|fatalities|died|perished|injuries|casualties)\b)"
                            # after an auxiliary the verb is passive: `were injured - 38 members ...` lists them
                            rf"(?<!\bwere )(?<!\bwas )(?<!\bbeen )(?<!\bare )(?<!\bis )(?<!\bbe )"
                            rf"(?P<verb>{verbs})\s+"
                            rf"(?!by\b|in\b|on\b|at\b(?! least| most)|during\b|when\b|and\b|or\b|across\b|[-–—])"
                            rf"(?P<group>(?:(?:{_CHAR}|;(?=\s+(?:his|her|their)\s|\s+and\s+(?!(?:he|she|they|police|officers?)\b)\S))"
                            rf"(?!\b(?:in|during|while|when|after|before|near|on|"
                            rf"at(?! least| most)|inside|outside|from|who|which|that|and (?:smuggled|took|fled|then)|"
                            rf"and (?:also )?\w+ed|using|(?<!along )with)\b)){{1,160}})", re.I)
        # The noun phrase before a passive verb is found by noun_phrase_before, not by the pattern.
        passive = re.compile(rf"(?P<group>)\b(?:{_BE}\s+){{1,3}}(?:(?:shot|stabbed|wounded)\s+and\s+)?"
                             rf"(?:{_MANNER}\s+)?(?P<verb>{verbs})\b", re.I)
        participle = re.compile(rf"(?P<group>)(?<=[\w\-'/] )(?P<verb>{verbs})\b"
                                rf"(?=\s+(?:in|inside|on|at|by|during|near|when|after|and|across|throughout|while|as|since)\b"
                                rf"|\s*[.,;]|\s*$)", re.I)
        out.extend([(kind, active, "active"), (kind, passive, "passive"), (kind, participle, "participle")])
    # `A teenager died after being shot`, `the boy has died`: the subject of an intransitive verb of dying.
    died = re.compile(r"(?P<group>)\b(?:(?:has|have|had|later|reportedly|also|subsequently|now)\s+){0,2}"
                      r"(?P<verb>died|dies|perished|succumbed|succumbs|lost (?:their|his|her) li(?:ves|fe))\b", re.I)
    out.append(("killed", died, "passive"))
    # `18 people sustained serious injuries`, `Nine police officers suffered non-life threatening injuries`
    hurt = re.compile(r"(?P<group>)\b(?:(?:have|has|had|also|reportedly)\s+){0,2}(?P<verb>(?:sustained|suffered|"
                      r"received)\s+(?:[\w\-]+\s+){0,3}?(?:injuries|wounds|burns)|(?:were|was)\s+hospitali[sz]ed|"
                      r"(?:were|was|are|is)\s+(?:being\s+)?treated\s+for\s+(?:[\w\-]+\s+){0,2}?(?:injuries|wounds|burns))\b",
                      re.I)
    out.append(("injured", hurt, "passive"))
    # `the coordinated attack left 301 persons injured`, `leaving three people dead`
    left = re.compile(rf"\b(?:left|leaving)\s+(?P<group>(?:(?:{QUALIFIER})\s+)?(?:{NUMBER}|{VAGUE})"
                      r"(?:\s+[\w\-]+){0,3}?)\s+(?P<verb>injured|wounded|hurt)\b", re.I)
    out.append(("injured", left, "active"))
    # `fatally shot himself`, `shot and killed herself`: the subject, one person
    # what came before the killer's own death (`..., and then`): the killer adds one to those killed
    then = r"(?P<then>\b(?:before|then|and then|after|and)\s+(?:\w+\s+){0,2}?)?"
    reflexive = re.compile(rf"(?P<group>){then}\b"
                           r"(?P<verb>fatally (?:shot|stabbed|wounded)|(?:shot|shooting) and (?:killed|killing)|"
                           r"killed|killing|shot to death|turn(?:ed|ing) the gun on|(?<=and )then)\s+(?:him|her)self\b",
                           re.I)
    out.append(("killed", reflexive, "reflexive"))
    out.append(("killed", re.compile(rf"(?P<group>){then}\b(?P<verb>shot|stabbed|hanged|burned)\s+(?:him|her)self"
                                     r"\s+to\s+death\b", re.I), "reflexive"))  # `shot himself to death`
    # `shot his 6-year-old brother to death`, `stabbed two neighbours to death`: the object between
    to_death = re.compile(r"\b(?P<verb>shot|stabbed|beat|beaten|strangled|choked|bludgeoned|burned|hacked)\s+"
                          r"(?!(?:him|her|them)sel(?:f|ves)\b)(?P<group>[^.;:\"(),]{1,60}?)\s+to\s+death\b", re.I)
    out.append(("killed", to_death, "active"))
    # `two dead people in the back seat in addition to the dead woman`: one more, on top of the figure
    besides = re.compile(rf"\b(?:in addition to|besides|as well as|plus)\s+(?P<group>(?:the|a|an)\s+)"
                         rf"(?P<verb>dead)\s+(?:{SINGULAR_PERSON})\b", re.I)
    out.append(("killed", besides, "besides"))
    # `the 2-year-old's death`, `Ibram Hanna's murder`
    possessive = re.compile(r"(?P<group>\b(?i:the)\s+[\w\-]+(?:\s+[\w\-]+)?|\b[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})"
                            r"['’]s?\s+(?:(?:shooting|accidental|"
                            r"tragic|violent)\s+)?(?P<verb>death|killing|murder)\b", re.I)
    out.append(("killed", possessive, "nominal"))
    implied = re.compile(r"(?P<group>)\b(?P<verb>fatal|deadly)\s+(?:mass\s+)?(?:shooting|stabbing|attack|bombing|"
                         r"blast|explosion|ambush|crash)\b", re.I)
    out.append(("killed", implied, "implied"))
    nominal = re.compile(r"\b(?:led to|resulted in|caused|left|leaving)\s+(?:the\s+)?"
                         rf"(?P<verb>deaths?|death toll)\s+of\s+(?P<group>{_CHAR}{{1,120}})", re.I)
    deaths = re.compile(rf"(?P<group>(?:{QUALIFIER}\s+)?(?:{NUMBER}))\s+(?:\w+\s+)?(?P<verb>deaths|dead|fatalities)\b",
                        re.I)
    out.append(("killed", nominal, "nominal"))
    # `found the bodies of her daughter, son-in-law and three granddaughters`
    bodies = re.compile(rf"\b(?:the\s+)?(?P<verb>bodies|remains)\s+of\s+(?P<group>{_CHAR}{{1,120}})", re.I)
    out.append(("killed", bodies, "nominal"))
    # `the death toll from clashes between the National Liberation Army (ELN) and ... has risen to 60`: the
    # toll's own noun phrase may run long, never past a clause's end
    for verb, gap in (("death toll", r"(?:[^\s.;:,]+\s+){0,24}?"), ("toll", r"(?:[\w'\-]+\s+){0,8}?")):
        toll = re.compile(rf"\b(?P<verb>{verb})\s+{gap}(?:at|to|of|was|is|reached)\s+"
                          rf"(?P<group>(?:(?:{QUALIFIER})\s+)?(?:{NUMBER}))\b", re.I)
        out.append(("killed", toll, "deaths"))
    for kind, verbs in COUNT_VERBS.items():
        inverted = re.compile(rf"\b(?:also\s+)?(?P<verb>{verbs})\s+(?:in\s+(?:the|that|this)\s+\w+\s+)?(?:were|was)\s+"
                              rf"(?P<group>{_CHAR}{{1,120}})", re.I)
        out.append((kind, inverted, "nominal"))
    for kind, nouns in (("arrested", "arrests?|capture|detention"), ("abducted", "abduction|kidnapping"),
                        ("killed", "killing|death|murder|assassination|execution")):
        # `the death of`, `the shooting death of`, `the accidental killing of`
        of_group = re.compile(rf"\b(?:the|their|his|her)\s+(?:(?:shooting|stabbing|accidental|violent|"
                              rf"unintentional|apparent|tragic)\s+)?(?P<verb>{nouns})\s+of\s+"
                              rf"(?P<group>{_CHAR}{{1,120}})", re.I)
        out.append((kind, of_group, "nominal"))
    out.append(("killed", deaths, "deaths"))
    # `three wounded soldiers`, `two kidnapped engineers`: the casualty word before the people it counts
    for kind, adjective in (("injured", "wounded|injured"), ("abducted", "kidnapped|abducted"),
                            ("arrested", "detained|arrested"), ("missing", "missing")):
        before_noun = re.compile(rf"(?P<group>(?:{QUALIFIER}\s+)?{NUMBER})\s+(?:(?!(?:and|or)\b)\w+\s+)?"
                                 rf"(?P<verb>{adjective})\s+(?=(?:(?!\d)[\w\-]+\s+){{0,2}}?(?:{PERSON_NOUNS})\b)", re.I)
        out.insert(0, (kind, before_noun, "deaths"))  # before `wounded soldiers` reads as verb and object
    return out


_PATTERNS = _patterns()
_KILLING_BEFORE = re.compile(r"\b(?:killed|killing|murdered|fatally shot|shot and killed|shot dead|to death)\b", re.I)
_ANY_COUNT_WORD = re.compile(rf"\b(?:{'|'.join(COUNT_VERBS.values())}|fatal|deadly|toll|bodies|remains)\b", re.I)
_TRIM_GROUP = re.compile(r",\s+(?:[\w.'\-]+\s+){0,4}?(?:said|says|say|told|reported|added|confirmed|according)\b.*$|"
                         r"\s+(?:in|during|while|when|after|before|near|on|at(?! least| most)|inside|outside|from|"
                         r"who|which|that|using|(?<!along )with|and (?:smuggled|took|fled|then)|for)\b.*$", re.I)


_AS_WERE = re.compile(rf"{_CHAR}{{0,80}}?,\s*as\s+(?:were|was)\s+([^,.;:\"()]+)", re.I)


INTENDED = re.compile(r"(?<!\bled )(?<!\bdue )(?<!\bthanks )\bto\s+$|\b(?:tried|trying|attempt(?:ed|ing)?|"
                      r"plann?(?:ed|ing)|sought|seeking|intend(?:ed|ing)?|in order) to\s+(?:\w+\s+)?$|"
                      r"\b(?:aimed|aiming|focused|intent) (?:at|on)\s+$", re.I)
_ALL_VERBS = "|".join(COUNT_VERBS.values())
_NP_CUT = re.compile(rf"\b(?:{_ALL_VERBS}|{_BE}|that|who|which|when|where|after|before|while|because|said|says|"
                     rf"remained|said|told)\b|[;:\"()]", re.I)
# `outside a bar in Michoacan, and two others were wounded`: after words that count no one, `N others` is a new
# subject (but `A man, a woman, and two others` lists people)
_AND_OTHERS = re.compile(rf"(?i:,\s+and\s+(?=(?:{QUALIFIER}\s+)?(?:{NUMBER})\s+(?:[\w\-]+\s+)?others?\b))")
_ENDS_WITH_PERSON = re.compile(rf"(?i:\b(?:{PERSON_NOUNS}|{SINGULAR_PERSON}|him|her|himself|herself)\s*)$")


_NP_START = re.compile(rf"(?:\bno\s+)?(?:(?:{QUALIFIER})\s+)?(?:\b(?:{NUMBER})\b|{VAGUE}|\ba\b|\ban\b|\bthe\b|"
                       rf"\bone\b|\bhis\b|\bher\b|\btheir\b|\b(?-i:[A-Z]))", re.I)


def noun_phrase_before(sentence: str, verb_start: int) -> tuple[int, str]:
    """The noun phrase that ends right before a passive verb (`Five people, including two children,`)."""
    before = re.sub(rf"(?:\s+(?:{_BE}|{_MANNER}|has|have|had|later|subsequently|now|shot and|stabbed and|wounded and|"
                    rf"found|discovered|"
                    rf"appears? to|appeared to|seems? to|seemed to|believed to))+\s*$", "",
                    sentence[:verb_start],
                    flags=re.I).rstrip(" ,")
    verb_start = len(before)
    # `the 2-year-old who died`: the subject is right before the relative pronoun
    before = re.sub(r",?\s+(?:who|that)\s*$", "", before)
    # `A 5-year-old boy who was shot in the face at a home has died`, `The teenager that accidentally shot
    # himself ... has died`: the subject is before the relative clause
    relative = list(re.finditer(r"(?<!\bsaid)(?<!\bsays)(?<!\bsay)(?<!\btold)(?<!\breported)(?<!\bbelieve)"
                                r",?\s+(?:who|that)\s+(?:\w+ly\s+)?(?:was|were|had|has|is|are|shot|\w+ed|went|ran|"
                                r"fell|got|took|came)\b[^;:\"()]*$", before))
    nearest = _subject(before)
    if relative and not (nearest[2] and re.match(rf"(?:all\s+)?(?:{QUALIFIER}\s+)?(?:{NUMBER}|{VAGUE})\b", nearest[1],
                                                 re.I)):  # `autopsies that showed all four died`: all four
        start, phrase, people = _subject(before[:relative[-1].start()])
        if people:
            return start, phrase
    if not re.match(rf"(?:all\s+)?(?:{QUALIFIER}\s+)?(?:{NUMBER}|{VAGUE})\b", nearest[1], re.I):
        # `At least six people attending a wedding in Geoza town, Borno State were killed`: a counted group
        # that a participle describes is the subject, not the name that ends the description
        described = list(_COUNTED_THEN_PARTICIPLE.finditer(before))
        if described:
            return described[-1].start(), described[-1].group(0)
    if not nearest[2]:
        # `all four people involved in a shooting early Saturday morning have now died`: the subject before a
        # participle or a place that describes it
        for modifier in _MODIFIER_AFTER_SUBJECT.finditer(before, nearest[0]):
            start, phrase, people = _subject(before[:modifier.start()])
            if people and start >= nearest[0]:
                return start, phrase
    return nearest[:2]


_COUNTED_THEN_PARTICIPLE = re.compile(rf"{_COUNTED}(?=\s+(?!during\b|including\b|according\b)[a-z]+ing\b)")
_MODIFIER_AFTER_SUBJECT = re.compile(r"\s+(?:involved|caught|trapped|living|staying|inside|in|at|on|from|near|"
                                     r"(?!during\b|including\b|according\b)[a-z]+ing)\b")


_AGE_APPOSITION = re.compile(r"(?<!\d),\s*(?:(?:both|all|each)\s+)?(?:aged?s?\s+)?\d{1,3}(?:\s*(?:,|and)\s*\d{1,3})*"
                             r"(?:\s+years?\s+old)?\s*,?\s*$", re.I)


def _subject(before: str) -> tuple[int, str, bool]:
    """The last noun phrase of `before`, and whether it reads as a group of people."""
    before = re.sub(r'"([\w\-]+)"', r" \1 ", before)  # `20 "apostate" soldiers`: a scare-quoted word, same length
    before = re.sub(r",\s*including\b[^,]*,?\s*$", "", before)
    age = _AGE_APPOSITION.search(before)  # `A man and woman, both 35 years old,`: their age, not a count
    if age and not re.search(rf"\b(?:{_ALL_VERBS})\s*$", before[:age.start()], re.I):
        before = before[:age.start()]  # (but `19 dead, 48 wounded`: a second count)
    before = re.sub(r",\s*including\b[^,]*,", ",", before)
    start = 0
    for cut in _NP_CUT.finditer(before):
        start = cut.end()
    for others in _AND_OTHERS.finditer(before, start):
        if not _ENDS_WITH_PERSON.search(before, 0, others.start()):
            start = others.end()
    phrase = before[start:]  # candidates are tried from the clause start: `A man, two women and a child`
    starts = sorted({0} | {m.start() for m in _NP_START.finditer(phrase)}
                    | {m.end() for m in re.finditer(r",\s*(?!\d)", phrase)})
    for lead in starts:
        candidate = phrase[lead:].rstrip(" ,")
        offset = len(candidate) - len(candidate.lstrip())
        candidate = candidate.strip()
        if phrase[:lead + offset].endswith(("$", "£", "€")) or _MONTH_BEFORE.search(phrase[:lead + offset]) \
                or re.match(r"(?:19|20)\d\d\b|(?:In|On|At(?! least| most)|By|Since|During|After|Before|Last|This|"
                                    r"Early|Late)\s"
                                    r"|(?:January|February|March|April|June|July|August|September|October|November|"
                                    r"December)\b", candidate):
            # `$75,000 on the neighbor`: money; `On June 7, Jamie Lynn Salazar`, `In 2015, ...`, `In August, ...`:
            # dates
            continue
        if candidate and parse_group(candidate, load_convention(), strict=True):
            return start + lead + offset, candidate, True
    return start, phrase.rstrip(" ,"), False


_DETERMINER_BEFORE = re.compile(r"\b(?:the|their|his|her|its|our|those|these)\s+$", re.I)


def find_counts(sentence: str, offset: int = 0, convention: dict[str, int] | None = None) -> list[CountMention]:
    """Every casualty count in one sentence (offsets relative to the document when `offset` is given)."""
    convention = convention or load_convention()
    if not _ANY_COUNT_WORD.search(sentence):
        return []
    found: list[CountMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, voice in _PATTERNS:
        for match in pattern.finditer(sentence):
            if INTENDED.search(sentence[:match.start("verb")]):
                continue  # `an operation to arrest a Taliban leader`: the aim, not the outcome
            if kind == "injured" and re.search(r"\bfatally\s+$", sentence[:match.start("verb")], re.I):
                continue  # `fatally injuring the person`: a death, read as killed
            if kind == "injured" and re.search(r"\b(?:die[sd]?|dying|succumb\w*)\s+(?:of|from|to)\s+(?:\w+\s+)?$",
                                               sentence[:match.start("verb")], re.I):
                continue  # `dies from injuries`: a death, read as killed
            if kind == "injured" and voice == "active" and match.group("verb").lower() == "hurt":
                continue  # `he would never hurt her`: harm in general, not an injury count
            if voice == "besides":
                found.append(CountMention(kind, offset + match.start(), offset + match.end(),
                                          (CountPart(1, "exact", False, match.group(0)),), False,
                                          offset + match.start(), offset + match.end(), adds=True))
                taken.append((match.start(), match.end(), kind))
                continue
            if voice == "reflexive":
                # after killing others (`shot his wife and then turned the gun on himself`), the killer adds one
                sequel = bool(match.group("then")) or match.group("verb").lower() == "then"  # `..., and then himself`
                after_killing = sequel and bool(_KILLING_BEFORE.search(sentence[:match.start()]))
                if match.group("verb").lower().startswith(("turn", "then")) and not after_killing:
                    continue
                if any(match.start("verb") < b and a < match.end() and k == kind for a, b, k in taken):
                    continue
                found.append(CountMention(kind, offset + match.start(), offset + match.end(),
                                          (CountPart(1, "exact", False, match.group(0)),), False,
                                          offset + match.start(), offset + match.end(), adds=after_killing))
                taken.append((match.start(), match.end(), kind))
                continue
            if voice == "participle" and _DETERMINER_BEFORE.search(sentence, 0, match.start("verb")):
                continue  # `shots to the injured`, `their wounded`: an adjective used as a noun counts no one
            group = match.group("group")
            g_start = match.start("group")
            if voice == "active" and re.match(r"(?:along|together) with\b|as well as\b", group, re.I):
                continue  # `were shot dead along with their mother`: the verb has no object here
            if voice == "active" or voice == "nominal":
                group = _TRIM_GROUP.sub("", group)
            else:
                g_start, group = noun_phrase_before(sentence, match.start("verb"))
                if voice == "deaths":
                    g_start, group = match.start("group"), match.group("group")
            v_start = match.start("verb")
            span = (min(g_start, v_start), max(match.end(), g_start + len(group)))
            if any(span[0] < b and a < span[1] and k == kind for a, b, k in taken):
                continue
            negated = bool(re.match(r"\s*(?:no|none|nobody|no one)\b", group, re.I)) or bool(
                re.search(r"\b(?:no one|nobody|none|not)\s+(?:\w+\s+){0,2}$", sentence[:v_start], re.I)
                and voice in ("passive", "participle"))
            if voice == "implied":  # `a fatal shooting`: someone died, no figure given
                parts = [CountPart(1, "at_least", False, match.group(0), vague=True)]
                found.append(CountMention(kind, offset + match.start(), offset + match.end(), tuple(parts), False,
                                          offset + match.start(), offset + match.end(), bound=True))
                taken.append((match.start(), match.end(), kind))
                continue
            if voice == "deaths":  # a bare figure, with its qualifier (`more than 30`)
                parts = parse_group(group, convention, strict=True)
            else:
                parts = parse_group(group, convention, strict=voice in ("passive", "participle"))
                along = re.match(r"\s+(?:along|together) with\s+([^,.;]+)", sentence[match.end():], re.I)
                if parts and voice == "passive" and along:  # `X were shot dead along with their mother`
                    parts = parts + parse_group(_TRIM_GROUP.sub("", along.group(1)), convention)
                likewise = _AS_WERE.match(sentence, match.end())
                if parts and voice == "passive" and likewise:  # `..., as were three children`: more of them
                    parts = parts + parse_group(likewise.group(1), convention, strict=True)
            if not parts:
                continue
            if voice == "participle" and not any(re.match(rf"(?:{QUALIFIER}\s+)?(?:{NUMBER}|{VAGUE})", p.text, re.I)
                                                 for p in parts):
                continue  # `the injured` or `members slaughtered` without a number says no count
            taken.append((span[0], span[1], kind))
            last = group.rfind(parts[-1].text)
            group_end = g_start + (last + len(parts[-1].text) if last >= 0 else len(group))
            first = group.find(parts[0].text)
            group_start = g_start + max(first, 0)  # where its first counted people start
            found.append(CountMention(kind, offset + span[0], offset + span[1], tuple(parts), negated,
                                      offset + group_start, offset + group_end))
    found.sort(key=lambda c: c.start)
    found = [replace(c, relation=relation(sentence, c.start - offset, c.end - offset, c.group_start - offset,
                                          c.group_end - offset, sentence[c.group_start - offset:c.group_end - offset],
                                          c.kind)) for c in found]
    found = [replace(c, kind="casualties") if _killed_or_injured(sentence, c.start - offset, c.end - offset, c.kind)
             else c for c in found]
    found = [replace(c, other_than_dead=True) if c.kind == "injured" and any(
        k.kind == "killed" and k.start < c.start for k in found) else c for c in found]
    return _coordinated_groups_add(sentence, offset, found)


_OTHER_HARM_AFTER = re.compile(r"\s*(?:,\s*)?(?:or|and|and/or)\s+(?:were\s+|was\s+)?"
                               r"(?:injured|wounded|hurt|killed|dead|maimed)\b", re.I)
_OTHER_HARM_BEFORE = re.compile(r"\b(?:killed|injured|wounded|hurt|killing|injuring|wounding)\s+(?:or|and|and/or)\s+$",
                                re.I)


def _killed_or_injured(sentence: str, start: int, end: int, kind: str) -> bool:
    """`26 soldiers were killed or injured`, `killed or wounded 30 people`: one figure for the dead and the
    wounded together, a count of casualties, neither a toll nor a number injured."""
    if kind not in ("killed", "injured"):
        return False
    told = sentence[start:end]
    # the figure's own words end with the verb (`26 soldiers were killed`) or begin with it (`wounded 30`)
    return bool((_HARM_VERB_END.search(told) and _OTHER_HARM_AFTER.match(sentence, end))
                or (_HARM_VERB_START.match(told) and _OTHER_HARM_BEFORE.search(sentence, 0, start)))


_HARM_VERB_END = re.compile(r"\b(?:killed|injured|wounded|hurt|dead)$", re.I)
_HARM_VERB_START = re.compile(r"(?:killed|injured|wounded|hurt|killing|injuring|wounding)\b", re.I)


_AND_THEN_VERB = re.compile(r"\s*,?\s*and\s+(?:also\s+|then\s+)?$", re.I)


def _coordinated_groups_add(sentence: str, offset: int, found: list[CountMention]) -> list[CountMention]:
    """`captured three facilitators and detained several suspected insurgents`: a second verb of the same
    kind coordinated with the first names other people, who add to the first group rather than retell it."""
    out: list[CountMention] = []
    for count in found:
        previous = out[-1] if out else None
        if (previous is not None and previous.kind == count.kind and not count.bound and not previous.bound
                and previous.end <= count.start
                and _AND_THEN_VERB.match(sentence[previous.end - offset:count.start - offset])
                and count.start < count.group_start):  # the verb comes first: an active clause
            count = replace(count, adds=True)
        out.append(count)
    return out
