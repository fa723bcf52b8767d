"""Event mentions in claims, and their merging into the events of one document.

An event mention is a trigger word (data/event_types.yaml) with the participants, counts, date and
place read around it: the subject of an active verb and the agent of a passive one are perpetrators,
the object or the passive subject are victims; `an attack by A and B on C`; role verbs
(`planned`, `orchestrated`) give a participant's part. Mentions merge into one event unless their
dates or places disagree; definite references (`the attack`, `the Ashraf massacre`, `the strikes`) join the
event already told. Planned, negated, generic and ongoing mentions (`planning to launch an attack`, `attacks
on`, `two cartels have been fighting`) make no event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from eventledger.extract.actors import ActorMention, local_id
from eventledger.extract.attribution import SPEECH_VERBS
from eventledger.extract.count_relations import UNATTACHED
from eventledger.extract.counts import PERSON_NOUNS, CountMention, noun_phrase_before
from eventledger.extract.places import PlaceMention, specificity
from eventledger.extract.roles import filler_head, nominal_agent, roles_from_parse
from eventledger.extract.times import TimeMention
from eventledger.model import Actor, TimeValue
from eventledger.read.yaml_data import load_yaml

DETERMINERS = r"(?:an?|the|this|that|its|their|his|her|another|a new|last|yesterday's|today's)"
PLANNED = re.compile(r"\b(?:plann(?:ing|ed)|plans?|intend(?:ed|s|ing)?|threaten(?:ed|s|ing)?|prepar(?:ing|ed)|"
                     r"tr(?:y|ied|ying)|attempt(?:ed|ing)?|will|would|could|to launch|to conduct|to carry out|"
                     r"responsible for|involved in|linked to|accused of|wanted for|calls? for|"
                     r"way for them)\s+(?:\w+\s+){0,3}$", re.I)
NEGATION = re.compile(r"\b(?:no|not|never|nobody|no one|did not|didn't|were not|was not|without)\s+(?:\w+\s+){0,2}$",
                      re.I)
CONTINUOUS_GENERIC = re.compile(r"\b(?:are|is|keep|keeps|continue to|continues to)\s+$", re.I)
ONGOING = re.compile(r"\b(?:have|has)\s+been\s+$", re.I)
# Plural event nouns that name the strikes a story tells when definite (`the strikes hit a market`).
SPECIFIC_PLURALS = {"strikes", "airstrikes", "air strikes", "air raids", "drone strikes"}
# Nouns that only refer back to strikes the story tells (`the strikes hit a market`), never start an event.
REFERENCE_ONLY_NOUNS = {"strike", "strikes"}
# `the hunger strike`, `the strike by teachers`: a walk-out, not an airstrike.
LABOUR_BEFORE = re.compile(r"\b(?:hunger|general|labou?r|workers'?|teachers'?|nationwide|on)\s+$", re.I)
LABOUR_AFTER = re.compile(r"\s+(?:action|over|for|by\s+(?:workers|teachers|unions?|staff))\b", re.I)
ANNIVERSARY = re.compile(r"\b(?:anniversary|memory|commemorat\w+|remembrance|since|investigation into|"
                         r"eve of|before|after|following|during)\s+(?:of\s+)?(?:the\s+)?(?:[\w'-]+\s+){0,3}$",
                         re.I)
PREPOSITIONS_NOT_SUBJECT = {"in", "at", "of", "on", "from", "to", "near", "during", "by", "for", "into", "against",
                            "over", "under", "about", "through", "across", "toward", "towards", "between", "among",
                            "help", "behalf", "with"}
LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|on|across|throughout|around|of)\s+(?:the\s+)?"
                      r"(?:[\w'-]+\s+){0,3}$", re.I)


@dataclass(frozen=True, slots=True)
class EventTypes:
    rank: dict[str, int]
    plover: dict[str, str]
    acled: dict[str, str]
    verbs: dict[str, str]  # word -> type
    nouns: dict[str, str]
    role_verbs: dict[str, str]  # phrase -> detail


@lru_cache(maxsize=1)
def event_types() -> EventTypes:
    data = load_yaml(resources.files("eventledger.data").joinpath("event_types.yaml").read_text("utf-8"))
    rank, plover, acled, verbs, nouns = {}, {}, {}, {}, {}
    for name, spec in data["types"].items():
        rank[name] = spec["rank"]
        plover[name] = spec["plover"]
        acled[name] = spec["acled"]
        for word in spec.get("verbs") or []:
            verbs[word.lower()] = name
        for word in spec.get("nouns") or []:
            nouns[word.lower()] = name
    roles = {phrase.lower(): detail for detail, phrases in data["role_verbs"].items() for phrase in phrases}
    return EventTypes(rank, plover, acled, verbs, nouns, roles)


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def has_trigger(text: str) -> bool:
    """Whether a claim holds any event or role word: only those are worth parsing."""
    verbs, nouns, roles = _trigger_regex()
    return bool(verbs.search(text) or nouns.search(text) or roles.search(text))


@lru_cache(maxsize=1)
def _trigger_regex() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    types = event_types()
    verbs = re.compile(rf"\b(?P<w>{_alternation(types.verbs)})\b", re.I)
    nouns = re.compile(rf"\b(?P<w>{_alternation(types.nouns)})\b", re.I)
    roles = re.compile(rf"\b(?P<w>{_alternation(types.role_verbs)})\b", re.I)
    return verbs, nouns, roles


@dataclass
class ParticipantMention:
    actor: str
    role: str  # perpetrator | victim | target
    detail: str | None
    generic: bool


@dataclass
class EventMention:
    """What one claim says about one event."""

    claim_index: int
    type: str
    start: int
    end: int
    definite: bool
    participants: list[ParticipantMention] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    date: TimeValue | None = None
    place: PlaceMention | None = None
    weapons: list[str] = field(default_factory=list)
    comparison: bool = False  # `Like the 1988 massacre, ...`: named for comparison
    anchor: str = "news"  # news | background (events/anchoring.py); an event may also be historical
    reference_only: bool = False  # `planned the attack`: adds roles to an event told elsewhere
    also_at: list[PlaceMention] = field(default_factory=list)  # `in Nairobi and Kisumu`: the other places


@dataclass
class SentenceContext:
    claim_index: int
    start: int
    end: int
    text: str
    actors: list[ActorMention]
    places: list[PlaceMention]
    times: list[TimeMention]
    counts: list[CountMention]
    said_on: TimeValue | None
    published: date | None
    parsed: Doc | None = None  # the claim tagged and parsed by the project's model, when shipped
    # actors the parse found in a role that no dictionary knows (`bandits killed 14 people`), for the document
    new_actors: dict[str, Actor] = field(default_factory=dict)


def _word_before(text: str, pos: int) -> str:
    before = re.findall(r"[\w']+", text[max(0, pos - 30):pos].lower())
    skip = {"the", "a", "an", "its", "their", "his", "her", "iranian", "iraqi", "afghan", "u.s.", "us", "proxies",
            "insurgent", "armed", "taliban", "suspected", "unidentified", "unknown", "local", "two", "three"}
    for word in reversed(before):
        if word not in skip:
            return word
    return ""


def _subject_actors(ctx: SentenceContext, left_start: int, trigger_start: int) -> list[ActorMention]:
    """Actors that head the clause before the trigger: not inside a prepositional phrase."""
    chosen: list[ActorMention] = []
    previous_ok = False
    for mention in ctx.actors:
        if not (left_start <= mention.start and mention.end <= trigger_start):
            continue
        word = _word_before(ctx.text, mention.start - ctx.start)
        if word in ("and", "or") and previous_ok:
            ok = True
        elif word in ("with",) and ctx.text[max(0, mention.start - ctx.start - 14):mention.start - ctx.start].lower(
        ).strip(" [(").endswith("along with"):
            ok = True
        elif word == "of" and re.search(rf"\b{GROUP_HEADS}\s+of\s+(?:the\s+)?\W*$",
                                        ctx.text[max(0, mention.start - ctx.start - 30):mention.start - ctx.start],
                                        re.I):
            ok = True  # `members of the Quds Force` act for the Quds Force
        else:
            ok = word not in PREPOSITIONS_NOT_SUBJECT and word not in ("according",)
        if ok:
            chosen.append(mention)
        previous_ok = ok
    return chosen


def _clause_start(ctx: SentenceContext, pos: int) -> int:
    """Start of the clause holding absolute position `pos` (after `;`, `that`, a quote mark...).

    A relative clause closed before `pos` (`The gunmen, who stormed the camp, killed`) is skipped over:
    the clause then starts where its noun does."""
    text = ctx.text[:pos - ctx.start]
    text = re.sub(r",\s+(?:who|which|whose)\b[^,;\"]*,", lambda m: " " * len(m.group(0)), text)
    start = 0
    for match in re.finditer(r"[;:\"]|\b(?:that|which|who|when|while|as|after|because|but|and then)\b|"
                             r"\b(?:according to [^,]+),", text):
        start = match.end()
    return ctx.start + start


def _clause_end(ctx: SentenceContext, pos: int) -> int:
    text = ctx.text[pos - ctx.start:]
    match = re.search(r"[;:\"]|,\s+(?:using|according|who|which|when|while|after|before|as|but)\b|"
                      r"\b(?:and (?:smuggled|then|took|fled)|because|after|before|when|while)\b|\.\s|\.$", text)
    return pos + (match.start() if match else len(text))


SPEAKER_AFTER = re.compile(r"^\s*(?:also\s+)?(?:said|says|confirms|confirmed|reads|reported|reports|claims?|"
                           r"claimed|told|added|stated|denied|denies|alleged|announced)\b"
                           r"(?!\s+(?:responsibility|credit))", re.I)
# `the al-Qaida-linked al-Shabab group`: a group named to describe another takes no part itself.
AFFILIATION_AFTER = re.compile(r"-(?:linked|backed|affiliated|allied|aligned|inspired|funded|sponsored)\b", re.I)
COMPARISON = re.compile(r"\b(?:[Ll]ike|[Uu]nlike|similar to|reminiscent of|compared (?:to|with)|as in|recalling)\s+"
                        r"(?:the\s+)?(?:[\w'\-]+\s+){0,3}$")
MODIFIED_HEAD = re.compile(
    r"(?:-|\s+)(?:facilitators?|cells?|networks?|makers?|making|materials?|components?|emplacers?|experts?|"
    r"leaders?|commanders?|factor(?:y|ies)|attacks|operations|campaigns?|trainers?|specialists?|supplies|"
    r"caches?|labs?|parts|precursors?|'s|emplacement|construction|coordinators?|propelled|launchers?|"
    r"dealers?|smugglers?|belts?|vests?)\b", re.I)
# Summaries over many operations (`detained more than 30 ... since Dec. 1`) are not one event.
AGGREGATE = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning)|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?(?:\s+\d|\b)|"
    r"(?:19|20)\d\d)|over the (?:past|last)\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)|so far this (?:year|month)|"
    r"to date|in (?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|\d+) "
    r"(?:separate )?operations|(?:more than|over) a dozen operations|"
    r"(?:a number|a series|dozens|scores) of operations|during the (?:past|last) (?:\w+\s+)?(?:weeks?|months?))",
    re.I)
GROUP_HEADS = r"(?:members|fighters|forces|elements|militants|units|soldiers|troops|operatives|officers|agents)"


def find_event_mentions(ctx: SentenceContext) -> list[EventMention]:
    """Event mentions in one claim."""
    types = event_types()
    if AGGREGATE.search(ctx.text):
        return []
    # Speakers (`..., U.S. State Department confirms`) and `according to X` are sources, not participants.
    ctx.actors = [a for a in ctx.actors if not SPEAKER_AFTER.match(ctx.text[a.end - ctx.start:]) and not re.search(
        r"according to\s+(?:[\w.'-]+\s+){0,3}$", ctx.text[:a.start - ctx.start], re.I)
        and not AFFILIATION_AFTER.match(ctx.text, a.end - ctx.start)]
    verbs, nouns, roles = _trigger_regex()
    rel = ctx.text
    triggers: list[tuple[int, int, str, str, str]] = []  # start, end, word, type, form
    for match in verbs.finditer(rel):
        triggers.append((match.start(), match.end(), match.group("w"), types.verbs[match.group("w").lower()],
                         "verb"))
    for match in nouns.finditer(rel):
        if any(a <= match.start() < b for a, b, *_ in triggers):
            continue
        triggers.append((match.start(), match.end(), match.group("w"), types.nouns[match.group("w").lower()],
                         "noun"))
    triggers.sort()
    mentions: list[EventMention] = []
    weapons = [w for a, b, w, t, f in triggers if f == "noun" and t in ("shelling", "bombing", "airstrike")]
    for start, end, word, etype, form in triggers:
        before = rel[:start]
        lowered = word.lower()
        if form == "verb" and lowered.endswith("ing") and lowered in types.nouns and re.search(
                rf"\b{DETERMINERS}\s+(?:[\w'-]+\s+){{0,3}}$", before, re.I):
            form, etype = "noun", types.nouns[lowered]  # `the kidnapping of 78 students`: the event noun
        if form == "verb":
            if lowered in ("attack", "kill") and not re.search(r"\b(?:will|would|did|to)\s+$", before):
                # bare forms are nouns or infinitives unless a modal or `did` governs them
                if re.search(rf"\b{DETERMINERS}\s+(?:[\w'-]+\s+){{0,3}}$", before, re.I):
                    form = "noun"
                else:
                    continue
            if re.search(r"\bto\s+$", before):
                continue  # infinitive: purpose or plan, not a report of the deed
            if lowered.endswith("ing") and not re.search(r"(?:,|\bby|\bwhile|\bafter|\bbefore)\s+$", before):
                continue  # `attacking the members` as a subject, `killing of civilians`
            if lowered == "engaged" and not re.search(r"\b(?:enemy|insurgents?|militants?|position|fighters?)\b",
                                                       rel[end:end + 40], re.I):
                continue
        if form == "noun":
            if MODIFIED_HEAD.match(rel[end:]):
                continue  # `IED facilitator`, `bomb-making materials`: the word names a trade, not an event
            if lowered.endswith("s") and lowered not in ("clashes", "deaths", "rockets", "missiles", "mortars",
                                                         "precision guided munitions", "bombs", "arrests") \
                    and not (lowered in SPECIFIC_PLURALS and re.search(r"\b(?:the|these|those)\s+$", before, re.I)):
                continue  # plural event nouns are generic (`attacks on Ashraf residents`), not `the strikes`
            if lowered in ("deaths",) and not re.search(r"\bdeaths?\s+of\b|\d|\b(?:led to|resulted in)\b",
                                                        rel[max(0, start - 20):end + 4], re.I):
                continue
        if PLANNED.search(before) or CONTINUOUS_GENERIC.search(before):
            continue
        if lowered.endswith("ing") and ONGOING.search(before):
            continue  # `where two cartels have been fighting for control`: a state of affairs, not an event
        if NEGATION.search(before):
            continue
        definite = form == "noun" and bool(re.search(
            r"\b(?:the|this|that|its|their)\s+(?:[\w'\-]+\s+){0,4}$", before, re.I)) and not re.search(
            r"\b(?:an?|another)\s+(?:[\w'\-]+\s+){0,4}$", before, re.I)
        if lowered in REFERENCE_ONLY_NOUNS and (not definite or LABOUR_BEFORE.search(before)
                                                 or LABOUR_AFTER.match(rel, end)):
            continue  # a bare `strike` is as often a walk-out: only `the strikes` of a story that tells them
        mention = EventMention(ctx.claim_index, etype, ctx.start + start, ctx.start + end, definite,
                               reference_only=lowered in REFERENCE_ONLY_NOUNS)
        mention.comparison = bool(COMPARISON.search(before))
        mention.weapons = weapons
        _read_participants(ctx, mention, form, start, end)
        mentions.append(mention)
    for match in roles.finditer(rel):
        _read_role(ctx, match, mentions)
    if not mentions:
        return []
    apart = [m for m in mentions if m.comparison]
    main = [m for m in mentions if not m.comparison]
    out = []
    if main:
        merged = _merge_in_sentence(main)
        _attach_counts_dates_places(ctx, merged)
        if any(c.kind in ("killed", "injured") for c in merged[0].counts):
            # `In the deadliest strike on Monday ..., 17 people lost their lives`: a strike that kills is no
            # walk-out, and tells its event even when nothing before it did
            merged[0].reference_only = False
        out.extend(merged)
    for mention in apart:  # a comparison names another event: its own date, no counts of this one
        mention.date = _choose_date(ctx, mention)
        out.append(mention)
    return out


def _read_participants(ctx: SentenceContext, mention: EventMention, form: str, start: int, end: int) -> None:
    """Roles from the parse where it gives them; the rules over the words where it does not."""
    by_rule = EventMention(mention.claim_index, mention.type, mention.start, mention.end, mention.definite)
    _read_participants_by_rule(ctx, by_rule, form, start, end)
    roles = roles_from_parse(ctx.parsed, start, end, mention.type) if ctx.parsed is not None else None
    if not roles:
        mention.participants.extend(by_rule.participants)
        return
    for role, (a, b), detail, known_only, no_state in roles:
        inside = [actor for actor in ctx.actors if a <= actor.start - ctx.start < b
                  and not (no_state and any(p.start <= actor.start and actor.end <= p.end for p in ctx.places))]
        if not inside and role == "perpetrator" and not known_only:
            inside = _nominal_agent(ctx, a, b)
        for actor in inside:
            if not any(p.actor == actor.actor and p.role == role for p in mention.participants):
                mention.participants.append(ParticipantMention(actor.actor, role, detail, actor.generic))
    # Where the parse found no one for a role, the rules may have. For an event noun the rules read the whole
    # `by` phrase, which the parse may cut (`an attack by Iranian proxies Kata'ib Hezballah and ...`).
    for role in ("perpetrator", "victim"):
        if form != "verb" and role == "perpetrator":
            mention.participants.extend(p for p in by_rule.participants if p.role == role and not any(
                q.actor == p.actor and q.role == role for q in mention.participants))
        elif not any(p.role == role and p.detail != "fought" for p in mention.participants):
            # a clash's other side (`..., clashed with police`) leaves the subject the parse missed to the rules
            mention.participants.extend(p for p in by_rule.participants if p.role == role and not any(
                q.actor == p.actor for q in mention.participants))


def _nominal_agent(ctx: SentenceContext, start: int, end: int) -> list[ActorMention]:
    """The perpetrator the parse found where no dictionary names anyone (`bandits`, `a female suicide
    bomber`): a document-local actor named by the text's words, its mention kept as evidence."""
    head = filler_head(ctx.parsed, start, end)
    found = nominal_agent(head) if head is not None else None
    if found is None:
        return []
    a, b, name = found
    absolute = (ctx.start + a, ctx.start + b)
    if any(p.start < absolute[1] and absolute[0] < p.end for p in [*ctx.places, *ctx.times]) \
            or has_trigger(head.text):  # `a drone strike Wednesday killed three`: a day is no one
        return []
    actor_id = local_id(name)
    generic = head.pos_ != "PROPN"
    ctx.new_actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind="generic" if generic else "armed_group"))
    mention = ActorMention(absolute[0], absolute[1], ctx.text[a:b], actor_id, "role-filler", generic)
    ctx.actors.append(mention)
    return [mention]


def _read_participants_by_rule(ctx: SentenceContext, mention: EventMention, form: str, start: int,
                               end: int) -> None:
    rel = ctx.text
    abs_start, abs_end = ctx.start + start, ctx.start + end
    after = rel[end:]
    before = rel[:start]
    if form == "verb":
        passive = re.search(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", before, re.I)
        # `52 martyrs slaughtered in Camp Ashraf` (a reduced relative), not `militants killed 12 soldiers`
        reduced = (re.search(rf"\b(?:{PERSON_NOUNS})\s+$", before) and rel[start:end].lower().endswith("ed")
                   and re.match(r"\s*(?:$|[,.;]|(?:in|on|at|by|during|near|when|after|while|and)\b)", after))
        if passive or reduced:
            by = re.match(r"\s+by\s+", after)
            if by:
                stop = _clause_end(ctx, abs_end + by.end())
                for actor in ctx.actors:
                    if abs_end <= actor.start < stop:
                        mention.participants.append(ParticipantMention(actor.actor, "perpetrator", None,
                                                                       actor.generic))
            left = max(_clause_start(ctx, abs_start), ctx.start + before.rfind(",") + 1)
            if reduced:  # `52 PMOI / MEK martyrs slaughtered`: only the noun phrase before the verb
                left = max(left, ctx.start + noun_phrase_before(rel, start)[0])
            for actor in ctx.actors:
                if left <= actor.start and actor.end <= abs_start:
                    mention.participants.append(ParticipantMention(actor.actor, "victim", None, actor.generic))
        else:
            left = _clause_start(ctx, abs_start)
            for actor in _subject_actors(ctx, left, abs_start):
                mention.participants.append(ParticipantMention(actor.actor, "perpetrator", None, actor.generic))
            stop = _clause_end(ctx, abs_end)
            for actor in ctx.actors:
                if abs_end <= actor.start < stop:
                    mention.participants.append(ParticipantMention(actor.actor, "victim", None, actor.generic))
    else:
        by = re.match(r"\s+(?:[\w'\-]+\s+){0,2}?by\s+(?P<who>.+?)(?=\s+(?:on|in|at|against)\s|,|$)", after)
        by_end = abs_end
        if by:
            who_start = ctx.start + end + by.start("who")
            who_end = ctx.start + end + by.end("who")
            by_end = who_end
            for actor in ctx.actors:
                if who_start <= actor.start and actor.end <= who_end:
                    mention.participants.append(ParticipantMention(actor.actor, "perpetrator", None,
                                                                   actor.generic))
        target = re.match(r"\s*(?:on|against)\s+(?P<whom>[^,;.]+)", rel[by_end - ctx.start:])
        if target:
            whom_start = by_end + target.start("whom")
            whom_end = by_end + target.end("whom")
            for actor in ctx.actors:
                if whom_start <= actor.start and actor.end <= whom_end:
                    mention.participants.append(ParticipantMention(actor.actor, "victim", None, actor.generic))
        of = re.match(r"\s+of\s+(?P<whom>[^,;.]+)", after)
        if of and mention.type in ("killing", "abduction", "arrest"):
            whom_start, whom_end = abs_end + of.start("whom"), abs_end + of.end("whom")
            for actor in ctx.actors:
                if whom_start <= actor.start and actor.end <= whom_end:
                    mention.participants.append(ParticipantMention(actor.actor, "victim", None, actor.generic))
        possessive = re.search(r"(?P<who>[\w'\- ]+)'s\s+(?:[\w\-]+\s+){0,2}$", before)
        if possessive:
            for actor in ctx.actors:
                if ctx.start + possessive.start("who") <= actor.start < abs_start:
                    mention.participants.append(ParticipantMention(actor.actor, "perpetrator", None,
                                                                   actor.generic))


def _read_role(ctx: SentenceContext, match: re.Match, mentions: list[EventMention]) -> None:
    """`X planned the attack`, `the attack was orchestrated by X`, `X opened the way for them`."""
    types = event_types()
    rel = ctx.text
    detail = types.role_verbs[re.sub(r"\s+", " ", match.group("w").lower())]
    abs_start, abs_end = ctx.start + match.start(), ctx.start + match.end()
    before = rel[:match.start()]
    after = rel[match.end():]
    passive = re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", before, re.I)
    actors: list[ActorMention] = []
    event_noun = None
    if passive:
        by = re.match(r"\s+by\s+", after)
        if not by:
            return
        comma = after.find(",", by.end())
        stop = min(_clause_end(ctx, abs_end + by.end()), abs_end + comma if comma >= 0 else ctx.end)
        actors = [a for a in ctx.actors if abs_end <= a.start < stop]
        head = [m for m in mentions if m.start < abs_start]
        event_noun = head[-1] if head else None
    else:
        obj = re.match(rf"\s+(?:{DETERMINERS}\s+)?(?:[\w'\-]+\s+){{0,3}}?(?P<noun>{_alternation(event_types().nouns)}|"
                       r"them|the attackers|the assailants|the gunmen|it)\b", after, re.I)
        if detail != "facilitated" and not obj:
            return
        if detail == "facilitated" and not (obj or re.search(r"\b(?:attackers|assailants|gunmen|perpetrators|them)\b",
                                                             after[:60], re.I)):
            return
        actors = _subject_actors(ctx, _clause_start(ctx, abs_start), abs_start)
        later = [m for m in mentions if m.start >= abs_end]
        event_noun = later[0] if later else None
    if not actors:
        return
    if event_noun is None:
        event_noun = EventMention(ctx.claim_index, "attack", abs_start, abs_end, definite=True, reference_only=True)
        mentions.append(event_noun)
    for actor in actors:
        if actor.actor in ("press", "eyewitnesses"):
            continue
        existing = [p for p in event_noun.participants if p.actor == actor.actor]
        if existing:
            existing[0].role, existing[0].detail = "perpetrator", detail
        else:
            event_noun.participants.append(ParticipantMention(actor.actor, "perpetrator", detail, actor.generic))
    # `played a direct combat role in it`: a second role verb on the same subject.
    if detail in ("planned",) and re.search(r"\bplayed a (?:direct )?(?:combat )?role in\b", rel[match.end():], re.I):
        for participant in event_noun.participants:
            if participant.detail == "planned":
                participant.detail = "planned and took part"


def _merge_in_sentence(mentions: list[EventMention]) -> list[EventMention]:
    """Triggers of one sentence describe one event, unless one is a separate dated thing."""
    mentions.sort(key=lambda m: m.start)
    head = mentions[0]
    for other in mentions[1:]:
        head.participants.extend(other.participants)
        if event_types().rank[other.type] > event_types().rank[head.type]:
            head.type = other.type
        head.definite = head.definite and other.definite
        head.reference_only = head.reference_only and other.reference_only
        head.end = max(head.end, other.end)
    return [head]


TARGETING = re.compile(r"\b(?:targeting|targeted|in pursuit of|pursuing|pursued|searching for|search for|"
                       r"searched for|looking for|hunting for|aimed at capturing|to (?:arrest|capture|detain)|"
                       r"in search of|target of the (?:search|operation|raid|strike) (?:was|is))\s+|"
                       r"^\W*The\s+(?=(?:[A-Z][\w'\-]*\s+){1,3}(?:[\w\-]+\s+){0,2}"
                       r"(?:leader|facilitator|commander|financier|emir|official|operative)\b)", re.I)


def count_only(ctx: SentenceContext, counts: list[CountMention]) -> EventMention:
    """A count with no trigger word (`Two Afghan males were injured`) belongs to the event told, unless its
    sentence dates it apart (`In August, three members of a family ... were discovered dead`)."""
    mention = EventMention(ctx.claim_index, "attack", ctx.start, ctx.end, definite=False, counts=counts)
    date = _choose_date(ctx, mention)  # read as an indefinite mention: any date of the sentence may be its own
    mention.definite = True  # then it refers to the event told, like `the shooting`
    # Only a date well before the report, or a period (`in early November`), sets it apart: a day in the story's
    # week (`autopsies Friday that showed all four died`) is most often a later step of the same story.
    if date is not None and ctx.published is not None and date.end is not None and (
            date.precision in ("month", "year")
            or date.precision == "range" and date.basis != "report" and date.start is not None
            and (date.end - date.start).days >= 7  # a period (`in early November`), not `overnight`
            or (ctx.published - date.end).days > STORY_WINDOW_DAYS):
        mention.date = date
    return mention


# The days up to a source's report (`police said Thursday`) an event it tells is dated to when nothing else dates
# it: the week, as ACLED and UCDP code a report's undated event.
REPORT_WINDOW_DAYS = 7
# How far before its report a story's own event lies at most: a count dated earlier (`In August, ...`) and a
# mention dated before an open bound (`police said Thursday` -> by Thursday) by more are other events.
STORY_WINDOW_DAYS = 31


def targets_only(ctx: SentenceContext) -> EventMention | None:
    """A sentence with no event word that names whom the operation was after joins the story's event."""
    mention = EventMention(ctx.claim_index, "arrest", ctx.start, ctx.end, definite=True, reference_only=True)
    _attach_targets(ctx, mention)
    return mention if mention.participants else None


def _attach_targets(ctx: SentenceContext, mention: EventMention) -> None:
    """`while searching for a Taliban leader`, `targeting Haqqani leadership`: whom the operation was after."""
    for match in TARGETING.finditer(ctx.text):
        start = ctx.start + match.end()
        stop = _clause_end(ctx, start)
        stop = min(stop, start + 80)
        for actor in ctx.actors:
            if start <= actor.start < stop and not actor.generic:
                if not any(p.actor == actor.actor and p.role == "target" for p in mention.participants):
                    mention.participants.append(ParticipantMention(actor.actor, "target", None, actor.generic))


def _attach_counts_dates_places(ctx: SentenceContext, mentions: list[EventMention]) -> None:
    mention = mentions[0]
    _attach_targets(ctx, mention)
    # a running total (`nearly 100 killed since a September 30 rally`) or another incident's figure is no
    # figure of this event
    mention.counts = [c for c in ctx.counts if not c.negated and c.relation not in UNATTACHED]
    # Victims named inside the counted groups (`seven MeK members`, `50 members of the MeK`).
    for count in mention.counts:
        tail = ctx.text[count.group_end - ctx.start:count.group_end - ctx.start + 60]
        of = re.match(r"\s+of\s+(?:the\s+)?[^,;.]+", tail)
        group_end = count.group_end + (of.end() if of else 0)
        # the attackers' own dead (`two gunmen were killed`) are the attackers, not their victims
        role = "perpetrator" if count.relation == "attackers" else "victim"
        for actor in ctx.actors:
            if count.group_start <= actor.start < group_end and count.kind != "arrested" or (
                    count.kind == "arrested" and count.group_start <= actor.start < count.group_end):
                if not any(p.actor == actor.actor and p.role == role for p in mention.participants):
                    mention.participants.append(ParticipantMention(actor.actor, role, None, actor.generic))
    mention.date = _choose_date(ctx, mention)
    mention.place = _choose_place(ctx, mention)
    if mention.place is not None:
        mention.also_at = _coordinated_places(ctx, mention.place)


# `in Nairobi and the western city of Kisumu`, `in Kano, Katsina and Zamfara`: places the event spans.
_PLACE_COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
                                 r"(?:[\w\-]+\s+){0,3}?(?:of\s+)?", re.I)


def _coordinated_places(ctx: SentenceContext, place: PlaceMention) -> list[PlaceMention]:
    """The places coordinated with the event's place in its sentence: the event happened in each."""
    chain, last, listed = [], place, False
    for other in sorted((p for p in ctx.places if p.start >= place.end), key=lambda p: p.start):
        between = ctx.text[last.end - ctx.start:other.start - ctx.start]
        if not _PLACE_COORDINATION.fullmatch(between):
            break
        listed = listed or re.search(r"\b(?:and|or)\b", between) is not None
        chain.append(other)
        last = other
    # `Alvin, Texas` is a town and its state, not two places: only a list with `and` or `or` spans places,
    # and never the unit that holds the event's place.
    holders = {place.place.admin1, place.place.admin2, place.place.country}
    return [p for p in chain if p.place.name not in holders and p.place.kind not in ("country", "admin1")
            or p.place.kind == place.place.kind] if listed else []


def _choose_date(ctx: SentenceContext, mention: EventMention) -> TimeValue | None:
    candidates = []
    # `confirmed today the arrest of ... Sunday`: a definite noun a reporting verb announces is news, not a
    # reference back to an event told before, and takes the sentence's dates like any other mention.
    reported = _REPORTED_BEFORE.search(ctx.text[:mention.start - ctx.start])
    for time in ctx.times:
        if time.value.start is None:
            continue
        between = ctx.text[min(time.end, mention.start) - ctx.start:max(time.start, mention.end) - ctx.start]
        before_time = ctx.text[:time.start - ctx.start]
        if re.search(r"\s[-–—]\s*$", before_time):
            continue  # a caption's date (`... - August 2017`) dates the photo, not the event
        if ANNIVERSARY.search(ctx.text[:mention.start - ctx.start]) and mention.definite:
            continue
        if (mention.definite and not reported) or mention.comparison:
            # A definite reference takes only a date inside its own noun phrase (`the 1988 massacre`).
            # ... or right after it (`the deadliest strike on Monday`)
            gap = ctx.text[time.end - ctx.start:mention.start - ctx.start]
            after = ctx.text[mention.end - ctx.start:time.start - ctx.start]
            if not (time.end <= mention.start and not re.search(r"[,;.]|\b(?:on|in|the|an?)\b", gap)) and not (
                    time.start >= mention.end and (re.fullmatch(r"\s+(?:(?:early|late)\s+)?on\s+", after)
                                                   or _TOOK_PLACE.fullmatch(after))):
                continue
        if '"' in between:
            continue
        # `the March 16 anniversary`, `Saturday's anniversary of`: the day of a commemoration; not a date a
        # clause away from one (`on Friday, August 23, at a festival for the city's 650th anniversary`)
        if re.search(r"\banniversary\b", ctx.text[max(0, time.start - ctx.start - 5):time.start - ctx.start], re.I) or \
                re.match(r"[^,.;]{0,25}\banniversary\b", ctx.text[time.end - ctx.start:], re.I):
            continue
        if _dates_another_noun(ctx, time, mention):
            continue
        distance = abs(time.start - mention.start)
        candidates.append((_dates_the_report(ctx, time), distance, time))
    if not candidates:
        return None
    tier, _, time = min(candidates, key=lambda c: (c[0], c[1]))
    value = time.value
    if tier and value.end is not None:  # `said Tuesday`: it happened by then, in the week up to it
        return TimeValue(start=value.end - timedelta(days=REPORT_WINDOW_DAYS - 1), end=value.end, precision="range",
                         text=value.text, basis="report")
    if time.relation in ("after", "since") and value.start is not None:
        end = ctx.said_on.end if ctx.said_on and ctx.said_on.end else ctx.published
        return TimeValue(start=value.start, end=end, precision="range", text=_relation_phrase(ctx, time))
    if time.relation in ("before", "until") and value.end is not None:
        return TimeValue(start=None, end=value.start, precision="range", text=value.text)
    return value


# `The attack in Solingen (North Rhine-Westphalia) took place late on Friday`: a predicate that dates its subject
_TOOK_PLACE = re.compile(r"\s+(?:in\s+[^,;.]{1,40}?\s+)?(?:\([^)]{1,40}\)\s+)?(?:took place|happened|occurred|"
                         r"unfolded|was carried out)\s+(?:(?:early|late)\s+)?(?:on\s+|at\s+)?(?:(?:early|late)\s+)?",
                         re.I)
# `confirmed the arrest`: a definite noun right after a reporting verb (and perhaps a date)
_REPORTED_BEFORE = re.compile(rf"\b(?:{SPEECH_VERBS})\s+(?:\w+\s+)?(?:the|a|an)\s+$", re.I)
# Verbs whose date is the day something was said or done after the event (`said Tuesday`, `identified Sunday`)
_REPORT_VERB = rf"(?:{SPEECH_VERBS}|identified|named|buried|mourned|remembered|arraigned|charged)"
# A court's steps, dated with their object between (`received three years' probation Thursday for shooting`)
_COURT_VERB = r"(?:sentenced|convicted|indicted|acquitted|pleaded|received|jailed|arraigned|charged)"
_REPORT_VERB_BEFORE = re.compile(rf"\b{_REPORT_VERB}\s+(?:(?:in|at)\s+(?:[\w'’]+\s+){{1,3}}?)?(?:on\s+)?$"
                                 rf"|\b{_COURT_VERB}\s+(?:(?![\w'’]*(?:ed|ing)\b)[\w'’]+\s+){{0,4}}?(?:on\s+)?$"
                                 rf"|\b(?:funeral|vigil|memorial|burial|services|hearing|trial)\s+(?:[\w'’]+\s+){{0,2}}?(?:on\s+)?$",
                                 re.I)  # `remembered in funeral services on Saturday`
_REPORT_VERB_AFTER = re.compile(rf"\s*\W?\s*{_REPORT_VERB}\b", re.I)

# Words that end a noun phrase a date may premodify: a preposition, a verb's particle, punctuation.
_NOT_A_NOUN = re.compile(r"(?:in|on|at|of|near|during|when|while|and|or|but|to|by|for|from|with|after|before|"
                         r"against|that|which|who|whom|as|the|a|an|this|last|night|morning|evening|afternoon|"
                         r"was|were|is|are|had|has|have|killed|left|wounded)\b", re.I)


_RELATION_CUE = re.compile(r"\b(?:after|following|since)\b", re.I)


def _relation_phrase(ctx: SentenceContext, time: TimeMention) -> str:
    """The words that date a range from its start (`Following Khamenei's approval of the JCPOA in October
    2015`), from the cue's first letter: evidence is whole words, never a piece of one."""
    end = time.end - ctx.start
    cues = list(_RELATION_CUE.finditer(ctx.text, max(0, time.start - ctx.start - 100), time.start - ctx.start))
    if not cues:
        return time.value.text or time.text
    return ctx.text[cues[-1].start():end]


def _dates_another_noun(ctx: SentenceContext, time: TimeMention, mention: EventMention) -> bool:
    """`the July 2 attack`, `Wednesday's bombing`: a date written inside another noun phrase dates that noun.

    The date premodifies a noun when it follows a determiner (or takes a possessive) and a word other than a
    preposition follows it; it dates this mention only when the mention is that noun phrase's head.
    """
    before = ctx.text[:time.start - ctx.start]
    after = ctx.text[time.end - ctx.start:]
    possessive = re.match(r"['’]s\s+(?=[A-Za-z])", after)
    determiner = re.search(r"\b(?:the|a|an|that|this)\s+$", before, re.I)
    if not possessive and not (determiner and re.match(r"\s+(?=[a-z])", after) and not _NOT_A_NOUN.match(
            after.lstrip())):
        return False
    phrase_end = time.end
    for word in list(re.finditer(r"[\w-]+", after))[:4]:
        if _NOT_A_NOUN.fullmatch(word.group()) or re.search(r"[^\w\s'’-]", after[:word.start()]):
            break
        phrase_end = time.end + word.end()
    return not (time.end <= mention.start < phrase_end)


def _dates_the_report(ctx: SentenceContext, time: TimeMention) -> int:
    """1 for a date written against a reporting verb (`confirmed today the arrest`, `said Tuesday`): the day
    it was said, taken for the event only when nothing else in the sentence dates it."""
    before = ctx.text[max(0, time.start - ctx.start - 50):time.start - ctx.start]
    after = ctx.text[time.end - ctx.start:time.end - ctx.start + 16]
    if re.search(r"\b(?:the|a|an|this|that)\s+$", before, re.I):
        return 0  # `charged in connection to the June 28th fatal shooting`: the date is the shooting's
    # `according to statements from the governor and witnesses on Monday`: the day the sources spoke
    # (a fronted `According to the complaint, on Sunday officers ...` ends at its comma)
    sourced = re.search(r"\S\s+according to\b[^.;:()\"“”]*$|^\W*according to\b[^,.;:()\"“”]*$",
                        ctx.text[:time.start - ctx.start], re.I)
    return int(bool(_REPORT_VERB_BEFORE.search(before) or _REPORT_VERB_AFTER.match(after) or sourced))


# A funeral, a burial or a vigil: where the dead are mourned, not where they died
_MOURNED_BEFORE = re.compile(r"\b(?:last rites|funerals?|burials?|buried|laid to rest|mourn\w*|vigils?|cremat\w+|"
                             r"memorial services?)\b[^.;,]{0,30}$", re.I)


def _choose_place(ctx: SentenceContext, mention: EventMention) -> PlaceMention | None:
    candidates = []
    for place in ctx.places:
        before = ctx.text[:place.start - ctx.start]
        if re.search(r"\b(?:to|from|into|toward|towards|back to)\s+(?:the\s+)?$", before, re.I) or place.residence:
            continue  # a destination, an origin or someone's home town, not where it happened
        if place.treated:
            continue  # `died at Sacred Heart Medical Center in Spokane`: where the victim was treated
        if _MOURNED_BEFORE.search(before[-60:]):
            continue  # `carry the casket of a bomb blast victim for last rites in Bengaluru`: where they mourn
        if place.place.kind == "country" and not LOCATIVE.search(before) and "," not in before[-3:]:
            continue
        distance = abs(place.start - mention.start)
        candidates.append((specificity(place.place), distance, place))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]
