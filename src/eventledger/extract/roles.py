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

from spacy.tokens import Doc, Token

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass", "csubj:pass"}
OBJECT = {"obj", "dobj", "iobj"}
NEGATION_WORDS = {"not", "n't", "never", "no"}


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
    """The token of the trigger words: the last word of a multi-word trigger (`shot dead` -> `shot`)."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    verbs = [t for t in inside if t.pos_ in ("VERB", "AUX")]
    nouns = [t for t in inside if t.pos_ in ("NOUN", "PROPN")]
    return (verbs or nouns or inside)[0]


def is_negated(token: Token) -> bool:
    return any(c.dep_ in ("neg", "advmod") and c.lower_ in NEGATION_WORDS for c in token.children)


def roles_from_parse(doc: Doc, start: int, end: int) -> list[tuple[str, tuple[int, int]]] | None:
    """(role, character span in the claim) for the trigger at claim offsets start..end, or None."""
    token = trigger_token(doc, start, end)
    if token is None:
        return None
    roles: list[tuple[str, tuple[int, int]]] = []
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if token.dep_ in ("acl",) and token.tag_ == "VBN":
            roles.append(("victim", _filler_span(token.head)))  # `martyrs slaughtered in Camp Ashraf`
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
            if child.dep_ in PASSIVE_SUBJECT:
                roles.append(("victim", _filler_span(child)))
            elif child.dep_ in SUBJECT:
                roles.append(("perpetrator", _filler_span(child)))
            elif child.dep_ in OBJECT:
                roles.append(("victim", _filler_span(child)))
            elif child.dep_ in ("obl", "obl:agent", "agent") and _case(child) == "by" and passive:
                roles.append(("perpetrator", _filler_span(child)))
        if not any(r == "perpetrator" for r, _ in roles) and not passive:
            for subject in _subject_of(token):
                if subject.i != token.i and subject.head.i != token.i:
                    roles.append(("perpetrator" if subject.dep_ not in PASSIVE_SUBJECT else "victim",
                                  _filler_span(subject)))
        return _with_coordinated(doc, token, roles) or None
    else:
        for child in token.children:
            case = _case(child)
            if child.dep_ in ("nmod", "obl") and case == "by":
                roles.append(("perpetrator", _filler_span(child)))
            elif child.dep_ in ("nmod", "obl") and case in ("on", "against", "of"):
                roles.append(("victim", _filler_span(child)))
            elif child.dep_ in ("nmod:poss",):
                roles.append(("perpetrator", _filler_span(child)))
    return _with_coordinated(doc, token, roles) or None


def _with_coordinated(doc: Doc, trigger: Token, roles: list[tuple[str, tuple[int, int]]]
                      ) -> list[tuple[str, tuple[int, int]]]:
    """Each role filler's conjuncts fill the same role (`by KH and AAH`), including a conjunct the parser
    hung on the trigger instead (`an attack by KH and AAH on ...` parsed as `attack ... and AAH`)."""
    out = list(roles)
    for role, (start, end) in roles:
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
            if (role, span) not in out and not any(s <= span[0] < e for _, (s, e) in out):
                out.append((role, span))
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


def nominal_agent(head: Token) -> tuple[int, int, str] | None:
    """(start, end, name) of a noun phrase that names who acted, when no dictionary knows it: a plural of
    people (`bandits`, `youths`), an agent noun (`a suicide bomber`), a group noun (`the Gran Grif gang`) or
    a proper name; not a pronoun, a number, a weapon or an event (`the blast killed six`)."""
    if head.pos_ not in ("NOUN", "PROPN") or head.like_num:
        return None
    lower = head.lower_
    lemma = head.lemma_.lower() if head.lemma_ else lower
    if lower in MEANS or lemma in MEANS or lower.rstrip("s") in MEANS:
        return None
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
