"""Attribution: who says each sentence, through whom, and how sure they are.

A claim's chain runs from the publisher inward. Quotations take the speaker of their frame
(`"...," the report reads`; `reads a new report by X`; `X said, "..."`); inside a sentence,
`according to X`, `X said (that)`, `X claim(s)`, `..., X said` and `..., X confirms` add a further link,
so nested speech gives the full chain. Definite descriptions and pronouns (`the report`, `she`)
resolve to the latest matching speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventledger.extract.actors import ActorMention
from eventledger.model import Actor, Source

SPEECH_VERBS = (
    "said|says|say|reads|read|added|adds|told|tells|stated|states|wrote|writes|explained|noted|notes|"
    "stressed|stresses|reminded|reminds|declared|announced|announces|reported|reports|confirmed|confirms|"
    "claimed|claims|claim|alleged|alleges|allege|denied|denies|deny|insisted|insists|warned|warns|"
    "acknowledged|admitted|asserted|argued|continued|concluded|recalled|emphasized|emphasised|"
    "estimated|estimates|indicated|indicates|suggested|suggests|believes|believed|accused|accuses|"
    "maintained|maintains|revealed|reveals|testified|"
    r"(?:put|puts|placed|places)\s+the\s+(?:death\s+|casualty\s+)?(?:toll|number of dead)\s+at"
)
SPEECH_WORD = re.compile(rf"\b(?:{SPEECH_VERBS}|told|tells)\b", re.I)
# Verbs that frame speech only next to a quotation (`"...," he continued`), never in running text.
QUOTATION_ONLY_CUES = {"continued"}
CLAIMED_CUES = {"claimed", "claims", "claim", "alleged", "alleges", "allege", "accused", "accuses", "insisted",
                "insists", "asserted", "maintained", "maintains", "claiming", "alleging", "insisting"}
DENIED_CUES = {"denied", "denies", "deny", "rejected", "rejects", "dismissed", "denying"}
HEDGED_CUES = {"believes", "believed", "suggested", "suggests", "estimated", "estimates", "indicated",
               "indicates"}
HEDGES = re.compile(r"\b(may|might|could|possibly|probably|reportedly|apparently|likely|perhaps|"
                    r"suspected(?! insurgents?| militants?)|believed to|thought to|appears? to|seem(?:s|ed)? to)\b",
                    re.I)
ALLEGED = re.compile(r"\b(allegedly|purportedly|is accused of|are accused of|was accused of|were accused of)\b",
                     re.I)
HYPOTHETICAL = re.compile(r"^\s*(?:if|unless|should)\b|\bwould (?!not)\w+|\bwould have\b|\bif\b.+\bwill\b", re.I)
NEGATED = re.compile(r"\b(did not|didn't|was not|wasn't|were not|weren't|never|no one|nobody|has not|"
                     r"have not|haven't|hasn't|had not)\b", re.I)

SPEAKER_NOUNS = (
    "report|reports|statement|spokesman|spokeswoman|spokesperson|official|officials|police|authorities|"
    "witness|witnesses|eyewitnesses|sources|source|residents|press reports|media reports|news reports|"
    "media|press|ministry|military|army|government|agency|group|organization|organisation|analysts|"
    "experts|investigators|prosecutors|doctors|hospital officials|relatives|family|families|survivors|"
    "activists|observers|monitors?|observatory|rights group|rescue group|commander|officer|governor|mayor|"
    "chief|president|minister|leader|television|TV|radio|broadcaster|news agency|newspaper|channel"
)
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
NAME = (r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Sen|Rep|Gov|Prof)\.\s+)?[A-Z][\w'\-.]+"
        r"(?:\s+(?:al-|bin\s|de\s|(?:of|for)\s(?:the\s)?)?[A-Z][\w'\-.]*){0,5}")
_POSSESSOR = r"(?:(?:[Tt]he\s+)?[\w.]+(?:\s[A-Z][\w.]+)?'s?\s+)?"
SPEAKER = (rf"{_POSSESSOR}(?:(?:[Tt]he|[Aa]n?|[Ss]everal|[Tt]wo|[Tt]hree|[Mm]any|[Ss]ome|[Aa]ll(?: the)?)\s+)?"
           rf"(?:(?:new|recent|latest|local|senior|joint|official|police|military|"
           rf"U\.S\.|US|UN|Iraqi|Afghan|Iranian|[A-Z][\w\-]+|[a-z][\w\-]+)\s+)*?(?i:{SPEAKER_NOUNS})"
           rf"(?:\s+{NAME}|\s+(?:by|from|of|for)\s+(?:the\s+)?{NAME})?"
           rf"|{NAME}(?:\s+\([^)]{{1,20}}\))?|he|she|they|it|we|I")
# What may stand between a speaker and the verb: an apposition (`Scott Pruitt, the attorney general,`).
APPOSITION = r"(?:,\s+(?P<appos>[^,\"]{3,150}),)?"
# What may open a sentence before its speaker: `But`, `For his part,`, `In Novi, Michigan,`.
OPENER = r"(?:(?:But|And|Yet|Still|Also|Meanwhile|However|Later|Now|Instead),?\s+|(?:[^,\"]{2,40},\s+){1,2})?"


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a time or discourse adverbial before the speaker (`On Saturday`, `Later`, `Meanwhile,`) is no part of its name
_LEADING_ADVERBIAL = re.compile(rf"(?:(?:On|By|Late|Early|Later)\s+{_WEEKDAY}"
                                rf"(?:\s+(?:morning|afternoon|evening|night))?|"
                                rf"{_WEEKDAY}|Yesterday|Today|Later|Earlier|Meanwhile|However|Separately|Also|But|And)"
                                rf"\s*,?\s+")


@dataclass(frozen=True, slots=True)
class Attribution:
    """The sources a stretch of text adds to the chain, its span and its modality."""

    start: int
    end: int
    sources: tuple[Source, ...]
    cue: str | None = None
    content: tuple[int, int] | None = None


@dataclass
class SpeakerMemory:
    """Speakers met so far, for `the report`, `she`, `Mrs. Rajavi` to find their antecedent."""

    seen: list[Source] = field(default_factory=list)

    @staticmethod
    def could_be(pronoun: str, source: Source) -> bool:
        """Whether `source` can be what the pronoun points back to: `he` a person (an official named by name
        among them), `it` a ministry, a group or a report, `they` and `we` anyone."""
        if pronoun in ("he", "she", "i"):
            return source.kind == "person" or (source.kind == "official" and source.actor is None)
        if pronoun == "it":
            return source.kind != "person"
        return True

    def resolve(self, text: str, make: callable) -> Source:
        lowered = text.lower().strip()
        words = lowered.split()
        head = words[-1] if words else lowered
        if lowered in PRONOUNS:
            for source in reversed(self.seen):
                if self.could_be(lowered, source):
                    return source
        if words and words[0] == "the" and len(words) <= 3:
            for source in reversed(self.seen):
                if head in source.name.lower() or head == source.kind or head in (source.cue or ""):
                    return source
        source = make(text)
        self.seen.append(source)
        return source


class Attributor:
    """Finds quotation frames and in-sentence attributions in one document."""

    def __init__(self, text: str, mentions: list[ActorMention], actors: dict[str, Actor]) -> None:
        self.text = text
        self.mentions = mentions
        self.actors = actors
        self.memory = SpeakerMemory()

    # -- sources -----------------------------------------------------------------------------------
    def make_source(self, phrase: str, start: int, cue: str | None) -> Source:
        """A source from a speaker phrase, linked to an actor when one is mentioned in it."""
        phrase = phrase.strip(" ,")
        lead = _LEADING_ADVERBIAL.match(phrase)  # `On Saturday the health ministry said`: the ministry
        if lead and lead.end() < len(phrase):
            start, phrase = start + lead.end(), phrase[lead.end():]
        end = start + len(phrase)
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        actor = inside[-1] if inside else None
        lowered = phrase.lower()
        kind = "person"
        if re.search(r"\b(report|reports|statement)\b", lowered):
            kind = "report"
        elif re.search(r"\b(press|media|news)\b", lowered):
            kind = "media"
        elif re.search(r"\b(witness|witnesses|eyewitnesses|residents|survivors|relatives)\b", lowered):
            kind = "witness"
        elif actor is not None:
            kind = self.actors[actor.actor].kind
        elif re.search(rf"\b({SPEAKER_NOUNS})\b", lowered):
            kind = "official"
        name = phrase
        if actor is not None and kind in ("report", "person") and not re.match(r"(?i)(?:the|a|an)\b", phrase):
            name = self.actors[actor.actor].name if kind == "person" else phrase
        elif actor is not None and kind == "report":
            name = self.actors[actor.actor].name
        elif actor is not None:
            name = self.actors[actor.actor].name
        return Source(name=name, kind=kind, actor=actor.actor if actor else None, cue=cue)

    def speaker(self, phrase: str, start: int, cue: str, cue_start: int | None = None) -> Source:
        source = self.memory.resolve(phrase, lambda p: self.make_source(p, start, cue))
        stripped = phrase.strip(" ,")
        span_start = start + (len(phrase) - len(phrase.lstrip(" ,")))
        cue_span = (cue_start, cue_start + len(cue)) if cue_start is not None else None
        return Source(name=source.name, kind=source.kind, actor=source.actor, cue=cue,
                      span=(span_start, span_start + len(stripped)), cue_span=cue_span)

    # -- quotations --------------------------------------------------------------------------------
    def quotations(self) -> list[Attribution]:
        """Quoted passages with a speech frame before or after them."""
        text = self.text
        found: list[Attribution] = []
        for paragraph in re.finditer(r"[^\n]+", text):
            marks = [m.start() for m in re.finditer(r'"|(?<![\w\'])\'\'|\'\'(?![\w\'])', paragraph.group(0))]
            base = paragraph.start()
            for a, b in zip(marks[0::2], marks[1::2], strict=False):
                start = base + a
                end = base + b + (2 if text.startswith("''", base + b) else 1)
                inner = text[start + 1:end - 1]
                if len(inner.split()) < 4:
                    continue
                frame = self._frame_after(end, paragraph.end()) or self._frame_before(start, paragraph.start())
                if frame is None:
                    continue
                phrase, phrase_start, cue, cue_start = frame
                found.append(Attribution(start, end, (self.speaker(phrase, phrase_start, cue, cue_start),), cue,
                                         content=(start + 1, end - 1)))
        return found

    _AFTER_SPEAKER_VERB = re.compile(rf"^\s*,?\s*(?P<speaker>{SPEAKER}){APPOSITION}\s+(?:also\s+)?"
                                     rf"(?P<cue>{SPEECH_VERBS})\b")
    _AFTER_VERB_SPEAKER = re.compile(rf"^\s*,?\s*(?P<cue>{SPEECH_VERBS})\s+(?P<speaker>{SPEAKER})")
    _BEFORE = re.compile(rf"(?P<speaker>{SPEAKER})(?P<appos>,[^,\"]{{3,120}},)?\s+(?:also\s+)?"
                         rf"(?P<cue>{SPEECH_VERBS})(?:\s+that)?\s*[,:]?\s*$")

    def _frame_after(self, end: int, limit: int) -> tuple[str, int, str, int] | None:
        tail = self.text[end:min(limit, end + 200)]
        match = self._AFTER_VERB_SPEAKER.match(tail) or self._AFTER_SPEAKER_VERB.match(tail)
        if not match:
            return None
        return (match.group("speaker"), end + match.start("speaker"), match.group("cue").lower(),
                end + match.start("cue"))

    def _frame_before(self, start: int, limit: int) -> tuple[str, int, str, int] | None:
        window_start = max(limit, start - 300)
        head = self.text[window_start:start]
        match = self._BEFORE.search(head)
        if not match:
            return None
        return (match.group("speaker"), window_start + match.start("speaker"), match.group("cue").lower(),
                window_start + match.start("cue"))

    # -- inside one sentence ---------------------------------------------------------------------
    _ACCORDING = re.compile(r"\b[Aa]ccording to (?P<speaker>(?:[^,.;\"]|\.(?=\S)){2,100}?)(?=\s*[,.;\"]|$)")
    _LEADING = re.compile(rf"^\W*{OPENER}(?P<speaker>{SPEAKER}){APPOSITION}\s+(?:also\s+|have\s+|has\s+|had\s+)?"
                          rf"(?P<cue>{SPEECH_VERBS})\b"
                          r"(?:\s+(?:on|late|early|last|this)\s+\w+(?=\s+that\b))?"  # `said on Tuesday that`
                          r"(?:\s+(?:the\s+\w+\s+)?that\b)?")
    _TRAILING = re.compile(rf",\s*(?:(?P<speaker>(?:{SPEAKER})(?:\s+and\s+(?:{SPEAKER}))?)\s+(?P<cue>{SPEECH_VERBS})"
                           rf"|(?P<cue2>{SPEECH_VERBS})\s+(?P<speaker2>{SPEAKER}))"
                           # `..., police said on Wednesday.`, `..., officials said Sunday.`, `... in a statement.`
                           r"(?:\s+(?:on|in|at|late|early|last|this|yesterday|today|tonight|Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday)\b[^,.;\"]{0,40})?"
                           r"\s*(?:,[^.]*)?[.!]?\"?\s*$")

    _SAYING = re.compile(r",\s+(?P<cue>saying|adding|claiming|insisting|alleging|warning|denying)\s+(?:that\s+)?")

    def in_sentence(self, start: int, end: int) -> list[Attribution]:
        """Attribution frames within the sentence text[start:end], outermost first."""
        sentence = self.text[start:end]
        found: list[Attribution] = []
        match = self._LEADING.match(sentence)
        if match and re.match(r"(?:no|none|nobody|neither)\b", match.group("speaker"), re.I):
            match = None  # `No group has claimed responsibility`: nobody is speaking
        if match and re.match(r"\s*(?:responsibility|credit)\b", sentence[match.end("cue"):]):
            match = None  # claiming responsibility is a deed, not speech
        if match and match.group("cue").lower() in QUOTATION_ONLY_CUES:
            match = None  # `Fighting continued for days`: only a quotation makes `continued` speech
        if match and "," in sentence[:match.start("speaker")] and self._TRAILING.search(sentence):
            match = None  # `Two people died, the ministry said.`: the opener is what was said
        if match and match.group("speaker").lower() not in ("it", "this", "that", "there", "we"):
            cue = match.group("cue").lower()
            phrase, phrase_start = match.group("speaker"), match.start("speaker")
            appos = match.group("appos")
            if appos and re.match(r"(?i:the|an?)\s", phrase) and re.fullmatch(NAME, appos.strip()) \
                    and not re.search(rf"(?i:\b(?:{SPEAKER_NOUNS})$)", appos.strip()):
                phrase, phrase_start = appos.strip(), match.start("appos")  # `The opposition leader, Raila Odinga,`
            source = self.speaker(phrase, start + phrase_start, cue, start + match.start("cue"))
            found.append(Attribution(start, end, (source,), cue, content=(start + match.end(), end)))
        else:
            match = self._TRAILING.search(sentence)
            if match:
                phrase = match.group("speaker") or match.group("speaker2")
                cue = (match.group("cue") or match.group("cue2")).lower()
                offset = match.start("speaker") if match.group("speaker") else match.start("speaker2")
                # `..., it said.` names the body last heard from; with none, `it` is nobody
                body_heard = phrase.lower() == "it" and any(self.memory.could_be("it", s) for s in self.memory.seen)
                if phrase.lower() not in ("it", "this", "that", "there") or body_heard:
                    cue_start = start + (match.start("cue") if match.group("cue") else match.start("cue2"))
                    source = self.speaker(phrase, start + offset, cue, cue_start)
                    found.append(Attribution(start, end, (source,), cue, content=(start, start + match.start())))
        saying = self._SAYING.search(sentence)
        if saying and not found:
            subject = re.match(rf"^\W*{OPENER}(?P<speaker>{SPEAKER})", sentence)
            if subject and subject.group("speaker").lower() not in ("it", "this", "that", "there"):
                cue = saying.group("cue").lower()
                source = self.speaker(subject.group("speaker"), start + subject.start("speaker"), cue,
                                      start + saying.start("cue"))
                found.append(Attribution(start, end, (source,), cue, content=(start + saying.end(), end)))
        for according in self._ACCORDING.finditer(sentence):
            phrase = re.sub(r"^(?:accounts|reports|information)\s+(?:by|from|of)\s+", "",
                            according.group("speaker"))
            phrase_start = start + according.end("speaker") - len(phrase)
            source = self.speaker(phrase, phrase_start, "according to", start + according.start())
            before, after = sentence[:according.start()].rstrip(" ,"), sentence[according.end():].lstrip(" ,")
            content = (start, start + len(before)) if len(before) >= len(after) else (end - len(after), end)
            found.append(Attribution(start, end, (source,), "according to", content=content))
        return found


    def from_parse(self, parsed, offset: int) -> list[Attribution]:
        """The frame read off the parse of one claim, where the rules found none."""
        from eventledger.extract.roles import speech_from_parse

        found = speech_from_parse(parsed)
        if found is None:
            return []
        (s0, s1), (c0, c1), (t0, t1) = found
        phrase = parsed.text[s0:s1]
        if phrase.lower() in PRONOUNS - {"he", "she", "they"} or len(phrase) > 120:
            return []
        cue = parsed.text[c0:c1].lower()
        source = self.speaker(phrase, offset + s0, cue, offset + c0)
        return [Attribution(offset, offset + len(parsed.text), (source,), cue, content=(offset + t0, offset + t1))]


def modality_of(sentence: str, cues: list[str]) -> str:
    """The claim's modality from its innermost cue and the hedges, conditions and negations in it."""
    cue = cues[-1] if cues else None
    if cue in DENIED_CUES:
        return "denied"
    if cue in CLAIMED_CUES or ALLEGED.search(sentence):
        return "claimed"
    if HYPOTHETICAL.search(sentence):
        return "hypothetical"
    if cue in HEDGED_CUES or HEDGES.search(sentence):
        return "hedged"
    return "asserted"
