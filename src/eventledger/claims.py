"""Claims: the document's sentences (a quotation cut from its frame), each with its attribution chain,
cues, modality and content span."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from eventledger.extract.attribution import SPEECH_WORD, Attribution, Attributor, SpeakerMemory, modality_of
from eventledger.extract.counts import CountMention, find_counts
from eventledger.extract.events import SentenceContext, has_trigger
from eventledger.extract.places import outlet_host
from eventledger.extract.times import find_times
from eventledger.model import Claim, Event, Source, TimeValue
from eventledger.model.mentions import ActorMention, PlaceMention, TimeMention
from eventledger.nlp.pipeline import parse_sentences, text_of


class ClaimParses:
    """The parses of a document's claims, with known names as single tokens. Claims holding an event word are
    parsed up front in one batch: the event stage reads every one. Claims holding only a speech word are parsed
    when the attribution rules find no frame in them (a third of them): the rest never need a parse, and the
    parser is the largest cost of extraction."""

    def __init__(self, text: str, segments: list[tuple[int, int]], actor_mentions: list[ActorMention],
                 places: list[PlaceMention], enabled: bool = True) -> None:
        self.text, self.actor_mentions, self.places = text, actor_mentions, places
        self.speech_only: set[tuple[int, int]] = set()
        self.done: dict[tuple[int, int], Doc] = {}
        if not enabled:
            return
        events = []
        for span in segments:
            sentence = text[span[0]:span[1]]
            if has_trigger(sentence):
                events.append(span)
            elif SPEECH_WORD.search(sentence):
                self.speech_only.add(span)
        self._parse(events)

    def _parse(self, spans: list[tuple[int, int]]) -> None:
        names = [[(m.start - s, m.end - s) for m in self.actor_mentions if s <= m.start and m.end <= e
                  and not m.generic] + [(p.start - s, p.end - s) for p in self.places if s <= p.start and p.end <= e]
                 for s, e in spans]
        self.done.update(zip(spans, parse_sentences([self.text[s:e] for s, e in spans], names), strict=False))

    def parsed(self, span: tuple[int, int]) -> Doc | None:
        """The parse of a claim if it has one already."""
        return self.done.get(span)

    def for_speech(self, span: tuple[int, int]) -> Doc | None:
        """The parse of a claim with an event or a speech word, parsing it now if need be."""
        if span in self.speech_only and span not in self.done:
            self._parse([span])
        return self.done.get(span)


_LOCATIVE = re.compile(r"\b(?:in|at|near|across|throughout|inside|into|within|around|of)\s+(?:the\s+)?$", re.I)


def _territory(text: str, mention: ActorMention, places: list[PlaceMention]) -> bool:
    """A state named as a place (`in Mozambique`, `the north of Syria`) is where, not who."""
    return (_LOCATIVE.search(text, max(0, mention.start - 20), mention.start) is not None
            and any(p.start <= mention.start and mention.end <= p.end for p in places))


def _segments(doc, quotes: list[Attribution]) -> Iterator[tuple[int, int]]:
    """Sentences, each cut where a quotation opens after its frame (`X said, "...`): the frame is the
    publisher's words, the quotation the speaker's."""
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        for quote in quotes:
            if start + 1 < quote.start < end - 1 and text_of(doc)[start:quote.start].strip():
                yield start, quote.start
                start = quote.start
        yield start, end


def _enclosing_quote(quotes: list[Attribution], start: int, end: int) -> Attribution | None:
    for quote in quotes:
        inner_start, inner_end = quote.start + 1, quote.end - 1
        overlap = min(end, inner_end) - max(start, inner_start)
        if overlap > 0.5 * (end - start) or (overlap > 0 and overlap >= 0.8 * (inner_end - inner_start)):
            return quote
    return None


def _said_on(text: str, quote: Attribution, times: list[TimeMention], published: date | None,
             known: dict[tuple[int, int], int]) -> TimeValue | None:
    """The date a quotation was spoken: a date in its frame before the quote (`In September 2017, ... said,`)."""
    line_start = text.rfind("\n", 0, quote.start) + 1
    frame = text[line_start:quote.start]
    if not frame.strip():
        return None
    found = find_times(frame, published, offset=line_start, known=dict(known))
    for time in found:
        if time.value.start is not None:
            return time.value
    return None


def _antecedent(speaker: Source, heard: list[Source]) -> Source:
    """`"...," he told reporters`: the quotations are read before the sentences, so a pronoun's speaker is
    the last matching one the sentences before the quote named (`Raila Odinga ... said`)."""
    pronoun = speaker.name.lower()
    if pronoun not in ("he", "she", "they"):
        return speaker
    for earlier in reversed(heard):
        if SpeakerMemory.could_be(pronoun, earlier) and earlier.name.lower() not in ("he", "she", "they"):
            return replace(speaker, name=earlier.name, kind=earlier.kind, actor=earlier.actor)
    return speaker


def publisher_source(publisher: str | None, text: str, actor_mentions: list[ActorMention], url: str | None
                     ) -> Source:
    """The outermost source of every claim: the publisher the page names (an actor when the dictionaries
    know it), else the web site, else `publisher`."""
    publisher_actor = None
    if publisher:
        at = text.find(publisher)
        inside = [m for m in actor_mentions if at <= m.start < at + len(publisher)]
        publisher_actor = inside[0].actor if inside else None
    return Source(name=publisher or (url and outlet_host(url)) or "publisher", kind="publisher",
                  actor=publisher_actor, cue=None)


def claim_spans(doc: Doc, quotes: list[Attribution], dateline_span: tuple[int, int] | None
                ) -> list[tuple[int, int]]:
    """Each claim's span: a sentence or a quotation cut from its frame, without surrounding white space or
    the dateline that heads the lede, and of three words or more."""
    text = text_of(doc)
    dateline_end = dateline_span[1] if dateline_span else -1
    spans = []
    for start, end in _segments(doc, quotes):
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if start <= dateline_end <= end and dateline_end - start < 120:
            start = dateline_end
            while start < end and text[start] in ' "—–-':
                start += 1 if text[start] != '"' else 0
                if text[start] == '"':
                    break
        if len(text[start:end].split()) >= 3:
            spans.append((start, end))
    return spans


def extract_claims(text: str, spans: list[tuple[int, int]], attributor: Attributor, quotes: list[Attribution],
                   parses: ClaimParses, publisher: Source, doc_id: str, published: date | None,
                   convention: dict, actor_mentions: list[ActorMention], places: list[PlaceMention]
                   ) -> tuple[list[Claim], list[SentenceContext], list[TimeMention], list[CountMention]]:
    """One claim per span, with its attribution chain (publisher, then the speakers of its quotation and its
    frames, outermost first), cues, modality, content span, dates and counts; and, for the event stage,
    each claim's sentence context (the mentions inside it, speakers left out). Dates are read in text
    order, each relative date against the ones before it."""
    heard_before_quotes = len(attributor.memory.seen)
    known_dates: dict[tuple[int, int], int] = {}
    time_mentions: list[TimeMention] = []
    count_mentions: list[CountMention] = []
    claims: list[Claim] = []
    contexts: list[SentenceContext] = []
    said_on_by_speaker: dict[str, TimeValue] = {}
    for start, end in spans:
        times = find_times(text[start:end], published, offset=start, known=known_dates)
        time_mentions.extend(times)
        chain: list[Source] = [publisher]
        cues: list[str] = []
        content = (start, end)
        said_on = None
        quote = _enclosing_quote(quotes, start, end)
        if quote is not None:
            speaker = _antecedent(quote.sources[0], attributor.memory.seen[heard_before_quotes:])
            chain.append(speaker)
            cues.append(quote.cue or "")
            if quote.content:
                content = (max(start, quote.content[0]), min(end, quote.content[1]))
            said_on = _said_on(text, quote, times, published, known_dates) or said_on_by_speaker.get(speaker.name)
            if said_on is not None:
                said_on_by_speaker.setdefault(speaker.name, said_on)
        in_sentence = attributor.in_sentence(start, end)
        if not in_sentence and quote is None and (parse := parses.for_speech((start, end))) is not None:
            # The rules found no frame: the parse may (`speaker` = subject of the reporting verb).
            in_sentence = attributor.from_parse(parse, start)
        for attribution in in_sentence:
            source = attribution.sources[0]
            if any(s.name == source.name for s in chain[1:]):
                continue
            chain.append(source)
            cues.append(attribution.cue or "")
            if attribution.content:
                content = (max(content[0], attribution.content[0]), min(content[1], attribution.content[1]))
        claim_text = text[start:end]
        claim_index = len(claims)
        claim_id = f"{doc_id}:c{claim_index + 1}"
        modality = modality_of(claim_text, cues)
        counts = find_counts(claim_text, offset=start, convention=convention)
        count_mentions.extend(counts)
        contexts.append(SentenceContext(
            claim_index=claim_index, start=start, end=end, text=claim_text,
            # the speakers (`..., police spokesman Mohammed Shehu said`) are sources, not participants
            actors=[m for m in actor_mentions if start <= m.start and m.end <= end
                    and not any(s.span and s.span[0] <= m.start and m.end <= s.span[1] for s in chain[1:])
                    and not _territory(text, m, places)],
            places=[p for p in places if start <= p.start and p.end <= end],
            times=times, counts=counts, said_on=said_on, published=published, parsed=parses.parsed((start, end))))
        claims.append(Claim(id=claim_id, document=doc_id, text=claim_text, start=start, end=end,
                            sources=tuple(chain), modality=modality, said_on=said_on,
                            dates=tuple(t.value for t in times),
                            content=content if content[1] > content[0] else (start, end)))
    return claims, contexts, time_mentions, count_mentions


def with_events(claims: list[Claim], events: list[Event]) -> list[Claim]:
    """Each claim points at the first event it tells."""
    event_of_claim: dict[str, str] = {}
    for event in events:
        for claim_id in event.claims:
            event_of_claim.setdefault(claim_id, event.id)
    return [replace(c, event=event_of_claim.get(c.id)) for c in claims]
