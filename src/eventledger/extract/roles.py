"""Who did what to whom, read from the dependency parse of one claim.

The trigger's arcs give the roles: the subject of an active verb is the perpetrator and its object the
victim; the subject of a passive verb is the victim and the `by` phrase the perpetrator; a verb joined
to another (`... and smuggled them`) or a participle clause (`..., killing two insurgents`) shares its
head's subject; a relative clause (`the gunmen, who stormed the camp`) takes the noun it describes; a
reduced relative (`52 martyrs slaughtered in Camp Ashraf`) makes that noun the victim; for a noun
(`an attack by A and B on C`) the `by` phrase gives perpetrators and `on`/`against` the victims.
Each role is a character span of the claim; the caller finds the actors inside it. When the parse
gives no role for a trigger, `roles_from_parse` returns None and the rule path decides.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass", "csubj:pass"}
OBJECT = {"obj", "dobj", "iobj"}
NEGATION_WORDS = {"not", "n't", "never", "no"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# Verbs whose object names the deed their subject did (`X launched an attack`, `Ethiopia carries out airstrike`,
# `IS claimed the bombing`): support-verb constructions, read from the parse. The shipped model has no
# lemmatizer, so each verb is listed with its inflections (form -> base).
SUPPORT_VERBS = {form: forms[0] for forms in (
    ("launch", "launches", "launched", "launching"), ("carry", "carries", "carried", "carrying"),
    ("conduct", "conducts", "conducted", "conducting"), ("stage", "stages", "staged", "staging"),
    ("mount", "mounts", "mounted", "mounting"), ("perpetrate", "perpetrates", "perpetrated", "perpetrating"),
    ("commit", "commits", "committed", "committing"), ("execute", "executes", "executed", "executing"),
    ("unleash", "unleashes", "unleashed", "unleashing"), ("undertake", "undertakes", "undertook", "undertaken",
                                                          "undertaking"),
    ("claim", "claims", "claimed", "claiming")) for form in forms}
# Verbs that lay a deed at someone's door (`officials blamed separatists for the kidnapping`, `Hezbollah accused
# Israel of the explosions`, `the attack was blamed on X`): the one blamed is the alleged perpetrator.
BLAME_VERBS = {form: forms[2] for forms in (
    ("blame", "blames", "blamed", "blaming"), ("accuse", "accuses", "accused", "accusing"),
    ("suspect", "suspects", "suspected", "suspecting"), ("attribute", "attributes", "attributed", "attributing"))
    for form in forms}
# Event types whose noun a modifier can name the doer of (`an Ethiopian air strike`, `a Taliban attack`), not
# those a modifier names the victims of (`civilian deaths`, `Palestinian arrests`).
MODIFIER_TYPES = {"attack", "airstrike", "bombing", "shelling"}


class Role(NamedTuple):
    """A role the parse gives a trigger: who, as a character span of the claim, and how the text gives it."""

    role: str  # perpetrator | victim
    span: tuple[int, int]
    detail: str | None = None  # `blamed`, `fought`: the part the text gives the participant
    known_only: bool = False  # a modifier (`the Westgate attack`) names a doer only when an actor is known
    no_state: bool = False  # a state's name as a modifier is the place (`a Georgia shooting`), not the doer


def _span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


# Dependents that belong to a role filler's own phrase (`the seven MeK members of the camp`); others, such as
# a clause or a fronted phrase the parser hung on the filler (`Following Khamenei's approval, Camp Liberty
# was attacked`), name other people.
FILLER_PARTS = {"det", "amod", "nummod", "compound", "flat", "flat:name", "nmod:poss", "poss", "conj", "cc",
                "fixed", "appos", "quantmod", "nmod", "case", "punct", "cc:preconj", "det:predet", "nmod:npmod"}


def _filler_span(token: Token) -> tuple[int, int]:
    """The character span of a role filler's own phrase: itself, the words that make up its noun phrase,
    and modifiers after it; not what comes before it through other relations."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in FILLER_PARTS and not (child.i < token.i and child.dep_ in ("nmod", "punct", "case")):
            tokens.extend(child.subtree)
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _case(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    return None


def _passive(verb: Token) -> bool:
    if any(c.dep_ in PASSIVE_SUBJECT or c.dep_ == "aux:pass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children)


def _subject_of(verb: Token) -> list[Token]:
    """The verb's own subject, or that of the verb it is joined to or depends on."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT]
        if subjects:
            return subjects
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ in ("acl:relcl", "relcl") and current.head.i != current.i:
            return [current.head]
        break
    return []


def trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    """The token of the trigger words: the verb of a multi-word verb (`shot dead` -> `shot`), the head noun of
    a multi-word noun (`rocket attack`, `air strike` -> the last noun, whose head lies outside the words)."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    verbs = [t for t in inside if t.pos_ in ("VERB", "AUX")]
    nouns = [t for t in inside if t.pos_ in ("NOUN", "PROPN")]
    heads = [t for t in nouns if not (start <= t.head.idx < end) or t.head.i == t.i]
    return (verbs or heads or nouns or inside)[0]


def is_negated(token: Token) -> bool:
    return any(c.dep_ in ("neg", "advmod") and c.lower_ in NEGATION_WORDS for c in token.children)


def roles_from_parse(doc: Doc, start: int, end: int, event_type: str | None = None) -> list[Role] | None:
    """The roles of the trigger at claim offsets start..end, or None when the parse gives none."""
    token = trigger_token(doc, start, end)
    if token is None:
        return None
    roles: list[Role] = []
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        accused = _accused_of(token)
        if accused:
            roles.extend(accused)
        elif token.dep_ in ("acl",) and token.tag_ == "VBN":
            if event_type == "armed_clash":  # `clashed` has no passive: `protesters and police clashed` misread
                roles.append(Role("perpetrator", _filler_span(token.head), "fought"))
            else:
                roles.append(Role("victim", _filler_span(token.head)))  # `martyrs slaughtered in Camp Ashraf`
        passive = _passive(token)
        # A verb has one subject: a "subject" with a preposition (`Following X's approval, ...`) is a
        # misparsed adjunct, and of several the one nearest the verb stands.
        subjects = [c for c in token.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT
                    and not any(g.dep_ == "case" and g.lower_ not in ("'s", "’s") for g in c.children)]
        nearest = max((c for c in subjects if c.i < token.i), key=lambda c: c.i, default=None)
        for child in token.children:
            if child.dep_ in SUBJECT | PASSIVE_SUBJECT and child.i < token.i and (nearest is None
                                                                                  or child.i != nearest.i):
                continue  # not the verb's subject (see above)
            filler = child
            if child.dep_ in SUBJECT | PASSIVE_SUBJECT and child.lower_ in RELATIVE_PRONOUNS \
                    and token.dep_ in ("acl:relcl", "relcl") and token.head.i != token.i:
                filler = token.head  # `the gunmen, who stormed the camp`: the noun the clause describes
            if child.dep_ in PASSIVE_SUBJECT:
                roles.append(Role("victim", _filler_span(filler)))
            elif child.dep_ in SUBJECT:
                roles.append(Role("perpetrator", _filler_span(filler)))
                if is_means(filler):
                    roles.extend(_blamed(filler))  # `accused Israel of the explosions that killed 12`
            elif child.dep_ in OBJECT:
                roles.append(Role("victim", _filler_span(child)))
            elif child.dep_ in ("obl", "obl:agent", "agent") and _case(child) == "by" and passive:
                roles.append(Role("perpetrator", _filler_span(child)))
            elif child.dep_ == "obl" and _case(child) == "with" and event_type == "armed_clash":
                roles.append(Role("perpetrator", _filler_span(child), "fought"))  # `police clashed with X`
        if not any(r.role == "perpetrator" for r in roles) and not passive and not accused:
            for subject in _subject_of(token):
                if subject.i != token.i and subject.head.i != token.i:
                    roles.append(Role("perpetrator" if subject.dep_ not in PASSIVE_SUBJECT else "victim",
                                      _filler_span(subject)))
        return _with_coordinated(doc, token, roles) or None
    for child in token.children:
        case = _case(child)
        if child.dep_ in ("nmod", "obl") and case == "by":
            roles.append(Role("perpetrator", _filler_span(child)))
        elif child.dep_ in ("nmod", "obl") and case in ("between", "with") and event_type == "armed_clash":
            roles.append(Role("perpetrator", _filler_span(child), "fought"))  # `clashes between X and Y`
        elif child.dep_ in ("nmod", "obl") and case in ("on", "against", "of"):
            roles.append(Role("victim", _filler_span(child)))
        elif child.dep_ in ("nmod:poss",):
            roles.append(Role("perpetrator", _filler_span(child)))
    words = [t for t in doc if start <= t.idx < end] or [token]
    after = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
    inside_a_noun = (after is not None and after.pos_ == "NOUN") or any(
        t.dep_ == "compound" and not start <= t.head.idx < end for t in words)
    if event_type in MODIFIER_TYPES and not inside_a_noun:  # not in `a Sri Lankan bomb blast victim`
        roles.extend(_modifier_doers(words, event_type))
    roles.extend(_support_verb_doers(token))
    roles.extend(_blamed(token))
    return _with_coordinated(doc, token, roles) or None


def _modifier_doers(words: list[Token], event_type: str | None) -> list[Role]:
    """Who a noun's modifier names as its doer: a state's adjective or a name (`an Ethiopian air strike`,
    `a Boko Haram attack`), only when a known actor stands there, or a group noun (`a police raid`)."""
    roles = []
    for word in words:
        for child in word.children:
            if child.i >= words[0].i or child.dep_ not in ("amod", "compound") or child.like_num \
                    or child.pos_ not in ("ADJ", "PROPN", "NOUN"):
                continue
            # The modifier word itself: in `a police station attack` the station, not the police, modifies.
            # A state's name, unlike its adjective, is the place of a shooting or a bombing (`a Georgia
            # shooting`, `the Kenya attack`); of an air strike or shelling it is the doer (`a US drone strike`).
            roles.append(Role("perpetrator", (child.idx, child.idx + len(child.text)),
                              known_only=child.lower_ not in GROUP_NOUNS,
                              no_state=child.pos_ != "ADJ" and event_type not in ("airstrike", "shelling")))
    return roles


def _support_verb_doers(token: Token) -> list[Role]:
    """The doer of a deed named as a support verb's object (`armed youth launched an attack`) or passive
    subject (`the raid was carried out by X`)."""
    verb = token.head
    if verb.i == token.i or verb.lower_ not in SUPPORT_VERBS:
        return []
    if SUPPORT_VERBS[verb.lower_] == "carry" and not any(c.lower_ == "out" for c in verb.children):
        return []
    if token.dep_ in OBJECT:
        return [Role("perpetrator", _filler_span(s)) for s in _subject_of(verb)
                if s.dep_ in SUBJECT and s.i != token.i]
    if token.dep_ in PASSIVE_SUBJECT:
        return [Role("perpetrator", _filler_span(c)) for c in verb.children
                if c.dep_ in ("obl", "obl:agent", "agent") and _case(c) == "by"]
    return []


def _blamed(token: Token) -> list[Role]:
    """The one a blaming verb lays the deed on: its object (`blamed separatists for the kidnapping`, `accused
    Israel of triggering explosions`) or its `on`/`to` phrase (`the attack was blamed on X`)."""
    current = token
    for _ in range(4):
        current = current.head
        if current.lower_ in BLAME_VERBS and current.pos_ in ("VERB", "AUX"):
            detail = BLAME_VERBS[current.lower_]
            found = [Role("perpetrator", _own_words(c), detail) for c in current.children
                     if c.dep_ in OBJECT and c.i != token.i]
            found += [Role("perpetrator", _filler_span(c), detail) for c in current.children
                      if c.dep_ == "obl" and _case(c) in ("on", "to") and c.i != token.i]
            return found
        if current.head.i == current.i:
            break
    return []


def _accused_of(verb: Token) -> list[Role]:
    """The one a blaming verb names as the doer of the verb it governs (`the NGO accuses the coalition of
    having bombed hospitals`, `police accused the gang of having killed three farmers`): object control."""
    head = verb.head
    if head.i == verb.i or any(c.dep_ in SUBJECT for c in verb.children):
        return []
    if verb.dep_ in ("advcl", "xcomp", "acl") and head.lower_ in BLAME_VERBS:
        return [Role("perpetrator", _own_words(o), BLAME_VERBS[head.lower_]) for o in head.children
                if o.dep_ in OBJECT]
    if verb.dep_ == "acl" and head.dep_ in OBJECT and head.head.lower_ in BLAME_VERBS:
        return [Role("perpetrator", _own_words(head), BLAME_VERBS[head.head.lower_])]
    return []


def _own_words(token: Token) -> tuple[int, int]:
    """A noun with the words of its own name only (`Israel` in `Israel of triggering explosions`)."""
    parts = [token] + [c for c in token.children if c.dep_ in ("compound", "flat", "flat:name", "amod", "det")
                       and c.i < token.i]
    first = min(parts, key=lambda t: t.i)
    return first.idx, token.idx + len(token.text)


def _with_coordinated(doc: Doc, trigger: Token, roles: list[Role]) -> list[Role]:
    """Each role filler's conjuncts fill the same role (`by KH and AAH`), including a conjunct the parser
    hung on the trigger instead (`an attack by KH and AAH on ...` parsed as `attack ... and AAH`)."""
    out = list(roles)
    for role in roles:
        start, end = role.span
        last = next((t for t in doc if t.idx < end <= t.idx + len(t.text)), None)
        if last is None:
            continue
        filler = last
        while filler.head.i != filler.i and start <= filler.head.idx < end:
            filler = filler.head
        joined = [c for c in filler.conjuncts if c.i > filler.i]
        following = doc[last.i + 1:last.i + 3]
        if len(following) == 2 and following[0].dep_ in ("cc", "punct") and following[0].lower_ in ("and", "or", ",") \
                and following[1].dep_ == "conj" and following[1].head.i in (trigger.i, filler.i) \
                and following[1].pos_ in ("PROPN", "NOUN"):
            joined.append(following[1])
        for conjunct in joined:
            span = (conjunct.idx, conjunct.idx + len(conjunct.text))
            if not any(r.role == role.role and r.span == span for r in out) \
                    and not any(s <= span[0] < e for _, (s, e), *_ in out):
                out.append(role._replace(span=span))
    return out


# Nouns that count or gather the people they govern (`a number of armed bandits`, `a group of youths`).
GATHERING = {"number", "group", "band", "dozens", "hundreds", "scores", "thousands", "crowd", "mob", "gang",
             "unit", "squad", "team", "contingent", "cell", "party"}
# Things that kill without being anyone: a weapon or a vehicle in the subject of a violent verb is the means.
MEANS = {"bomb", "device", "ied", "explosive", "explosives", "missile", "rocket", "shell", "drone", "mine", "grenade",
         "bullet", "gun", "rifle", "vehicle", "car", "truck", "motorcycle", "aircraft", "plane", "jet", "warplane",
         "helicopter", "fire", "gunfire", "blast", "explosion", "flood", "landslide", "storm", "earthquake",
         "collapse", "crash", "accident", "stampede", "disease", "vest"}
AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "man", "men", "ee", "ian", "ite")
GROUP_NOUNS = {"army", "military", "militia", "junta", "regime", "government", "forces", "force", "police",
               "group", "gang", "mob", "front", "movement", "brigade", "battalion", "faction", "cartel", "clan",
               "tribe", "community", "youth"}


def filler_head(doc: Doc, start: int, end: int) -> Token | None:
    """The head word of a role filler at claim offsets start..end, through gathering nouns
    (`a number of armed bandits` -> `bandits`)."""
    inside = [t for t in doc if start <= t.idx < end]
    heads = [t for t in inside if not (start <= t.head.idx < end) or t.head.i == t.i]
    if not heads:
        return None
    head = heads[0]
    for _ in range(2):
        if head.lower_ in GATHERING:
            governed = [c for c in head.children if c.dep_ in ("nmod", "obl") and _case(c) == "of"]
            if governed:
                head = governed[0]
                continue
        break
    return head


def is_means(token: Token) -> bool:
    """Whether a noun names a weapon, a vehicle or a blast rather than anyone (MEANS, singular or plural)."""
    lower = token.lower_
    return lower in MEANS or (token.lemma_ or lower).lower() in MEANS or lower.rstrip("s") in MEANS


def nominal_agent(head: Token) -> tuple[int, int, str] | None:
    """(start, end, name) of a noun phrase that names who acted, when no dictionary knows it: a plural of
    people (`bandits`, `youths`), an agent noun (`a suicide bomber`), a group noun (`the Gran Grif gang`) or
    a proper name; not a pronoun, a number, a weapon or an event (`the blast killed six`)."""
    if head.pos_ not in ("NOUN", "PROPN") or head.like_num:
        return None
    if is_means(head):
        return None
    lower = head.lower_
    plural = head.tag_ in ("NNS", "NNPS") or (lower.endswith("s") and not lower.endswith("ss"))
    named = head.pos_ == "PROPN" and head.text[:1].isupper()
    agentive = lower.endswith(AGENT_SUFFIXES) or lower in GROUP_NOUNS
    if not (plural or named or agentive):
        return None
    parts = [head] + [c for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound", "flat")
                      and c.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")]
    first = min(parts, key=lambda t: t.i)
    words = [t for t in head.doc[first.i:head.i + 1] if t in parts or t.dep_ in ("compound", "flat")]
    name = " ".join(t.text for t in words)
    return words[0].idx, head.idx + len(head.text), name


REPORTING = {"say", "tell", "report", "claim", "add", "state", "confirm", "announce", "allege", "deny", "insist",
             "warn", "note", "explain", "argue", "write", "stress", "acknowledge", "admit", "believe", "suggest",
             "indicate", "estimate", "accuse", "reveal", "declare", "maintain", "recall", "testify", "think"}


def speech_from_parse(doc: Doc) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """(speaker span, cue span, content span) of the sentence's reporting verb: its subject speaks and its
    clausal complement is what was said (`Officials said [that] two soldiers died`)."""
    for token in doc:
        if token.lemma_.lower() not in REPORTING and token.lower_ not in REPORTING:
            continue
        subjects = [c for c in token.children if c.dep_ in SUBJECT]
        contents = [c for c in token.children if c.dep_ in ("ccomp", "parataxis", "xcomp")]
        if not contents and token.dep_ in ("parataxis",) and token.head.i != token.i:
            contents = [token.head]  # `Two soldiers died, officials said.`
        if subjects and contents:
            return _span(subjects[0]), (token.idx, token.idx + len(token.text)), _span(contents[0])
    return None
