"""The spaCy pipeline: blank English plus the project's own components.

No pretrained pipeline exists on these machines. Sentences come from `SentenceSegmenter`, a rule
component that knows news abbreviations (`U.S.`, `Mrs.`, `Sept.`, `Col.`), closing quotes and
paragraphs; the trained tagger and parser (when shipped) run on those sentences.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "adm", "brig",
    "cmdr", "gov", "sen", "rep", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "dept", "gov't", "ft", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "approx", "est", "fig", "al", "spc", "sgts", "pfc", "rev", "hon", "amb", "supt", "insp", "det",
}
SENTENCE_STARTERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "but", "this", "that",
                     "there", "his", "her", "their", "its", "after", "at", "officials", "police"}
CLOSERS = {'"', "'", ")", "]", "”", "’"}
TERMINALS = {".", "!", "?", "...", "…"}


@Language.component("el_sentences", assigns=["token.is_sent_start"])
def segment_sentences(doc: Doc) -> Doc:
    """Sentence starts from punctuation, paragraphs and abbreviations; nothing else splits."""
    n = len(doc)
    if n == 0:
        return doc
    for token in doc:
        token.is_sent_start = token.i == 0
    i = 0
    while i < n:
        token = doc[i]
        text = token.text
        boundary_after = None
        if "\n" in text and not text.strip():
            boundary_after = i
        elif text in TERMINALS:
            prev = doc[i - 1] if i > 0 else None
            is_abbrev = (prev is not None and not prev.whitespace_ and text == "."
                         and (prev.lower_ in ABBREVIATIONS or (len(prev.text) == 1 and prev.text.isupper())))
            if not is_abbrev:
                boundary_after = i
                while (boundary_after + 1 < n and doc[boundary_after + 1].text in CLOSERS
                       and not doc[boundary_after].whitespace_):
                    boundary_after += 1
        elif text.endswith(".") and len(text) > 1 and i + 1 < n:
            # `U.S.` ends a sentence only when a typical sentence opener follows.
            nxt = doc[i + 1]
            if nxt.text[:1].isupper() and nxt.lower_ in SENTENCE_STARTERS and token.whitespace_:
                boundary_after = i
        if boundary_after is not None:
            j = boundary_after + 1
            while j < n and not doc[j].text.strip():
                j += 1
            if j < n:
                nxt = doc[j].text
                newline = any("\n" in doc[k].text or "\n" in doc[k].whitespace_ for k in range(i, j))
                if newline or nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"'“‘([":
                    doc[j].is_sent_start = True
                    for k in range(boundary_after + 1, j):
                        doc[k].is_sent_start = False
            i = max(boundary_after + 1, i + 1)
            continue
        i += 1
    for token in doc[1:]:
        if token.is_sent_start is None:
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """Blank English with the project's sentence segmenter (and, once trained, tagger and parser)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("el_sentences")
    return nlp


def analyse(text: str) -> Doc:
    return build_pipeline()(text)
