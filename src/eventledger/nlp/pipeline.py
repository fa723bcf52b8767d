"""The spaCy pipeline: blank English plus the project's own components.

No pretrained pipeline exists on these machines. Sentences come from `SentenceSegmenter`, a rule
component that knows news abbreviations (`U.S.`, `Mrs.`, `Sept.`, `Col.`), closing quotes and
paragraphs; the trained tagger and parser (when shipped) run on those sentences.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
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


def text_of(doc: Doc) -> str:
    """The Doc's text, kept on it: `Doc.text` joins every token again at each call, which the stages that
    search the whole text would otherwise pay many times per article."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


@Language.component("el_sentences", assigns=["token.is_sent_start"])
def segment_sentences(doc: Doc) -> Doc:
    """Sentence starts from punctuation, paragraphs and abbreviations; nothing else splits."""
    n = len(doc)
    if n == 0:
        return doc
    texts = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    newline_after = ["\n" in t.text or "\n" in t.whitespace_ for t in doc]
    starts = numpy.zeros((n, 1), dtype="int64")
    starts[:, 0] = -1
    starts[0, 0] = 1
    i = 0
    while i < n:
        text = texts[i]
        boundary_after = None
        if "\n" in text and not text.strip():
            boundary_after = i
        elif text in TERMINALS:
            is_abbrev = (i > 0 and not spaces[i - 1] and text == "."
                         and (texts[i - 1].lower() in ABBREVIATIONS or (len(texts[i - 1]) == 1
                                                                          and texts[i - 1].isupper())))
            if not is_abbrev:
                boundary_after = i
                while boundary_after + 1 < n and texts[boundary_after + 1] in CLOSERS and not spaces[boundary_after]:
                    boundary_after += 1
        elif text.endswith(".") and len(text) > 1 and i + 1 < n:
            # `U.S.` ends a sentence only when a typical sentence opener follows.
            nxt = texts[i + 1]
            if nxt[:1].isupper() and nxt.lower() in SENTENCE_STARTERS and spaces[i]:
                boundary_after = i
        if boundary_after is not None:
            j = boundary_after + 1
            while j < n and not texts[j].strip():
                j += 1
            if j < n:
                nxt = texts[j]
                newline = any(newline_after[k] for k in range(i, j))
                if newline or nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"'“‘([":
                    starts[j, 0] = 1
            i = max(boundary_after + 1, i + 1)
            continue
        i += 1
    doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """Blank English with the project's sentence segmenter (and, once trained, tagger and parser)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("el_sentences")
    return nlp


def analyse(text: str) -> Doc:
    """The document analysed: tokens and the project's sentences. The size limit is the project's own
    (`Settings.max_chars`, checked before this), so spaCy's default guard (1,000,000 characters, meant
    for parsers and NER over the whole text, which this pipeline never runs) is raised to the text."""
    nlp = build_pipeline()
    if len(text) > nlp.max_length:
        nlp.max_length = len(text)
    return nlp(text)


def model_path() -> Path | None:
    """The trained tagger and parser shipped in the package (`make model`), if present; the environment
    variable EVENTLEDGER_MODEL names another trained pipeline (to compare configs, or use one's own)."""
    override = os.environ.get("EVENTLEDGER_MODEL")
    path = Path(override) if override else Path(str(resources.files("eventledger.data").joinpath("model")))
    return path if (path / "config.cfg").exists() else None


@lru_cache(maxsize=1)
def parser_pipeline() -> Language | None:
    """The project's trained pipeline (tok2vec, tagger, morphologizer, parser), loaded from the package.

    It shares the vocabulary and the tokenizer of `build_pipeline` (blank English, which the models are
    trained with)."""
    path = model_path()
    if path is None:
        return None
    base = build_pipeline()
    shared = {"nlp": {"tokenizer": {"@tokenizers": "eventledger.shared_tokenizer.v1"}}}
    return spacy.load(path, vocab=base.vocab, exclude=["tokenizer"], config=shared)


@spacy.registry.tokenizers("eventledger.shared_tokenizer.v1")
def shared_tokenizer() -> Callable[[Language], Tokenizer]:
    """The tokenizer of `build_pipeline`, for the trained pipeline: the default factory would build a
    second one (its special cases and affix patterns), a tenth of a second of start-up for nothing."""
    return lambda nlp: build_pipeline().tokenizer


def parse_sentences(texts: list[str], names: list[list[tuple[int, int]]] | None = None) -> list[Doc]:
    """Tag and parse each text as one sentence: the project's sentences, never split again.

    `names` (character spans per text) are merged into single tokens first: long names recognised by
    the dictionaries (`Asa'ib Ahl al-Haq`, `Islamic State`) otherwise break the parse."""
    nlp = parser_pipeline()
    if nlp is None:
        return []
    docs = []
    for index, text in enumerate(texts):
        doc = nlp.make_doc(text)
        if names and names[index]:
            with doc.retokenize() as retokenizer:
                for start, end in sorted(set(names[index])):
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if span is not None and len(span) > 1:
                        try:
                            retokenizer.merge(span, attrs={"TAG": "NNP", "POS": "PROPN"})
                        except ValueError:
                            continue  # overlaps a span merged already
        if len(doc):
            starts = numpy.full((len(doc), 1), -1, dtype="int64")
            starts[0, 0] = 1
            doc.from_array([SENT_START], starts.astype("uint64"))
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=32))


def entity_model_path() -> Path | None:
    """The trained entity recogniser shipped in the package (`make model`, training/ner.cfg), if present;
    EVENTLEDGER_NER names another one."""
    override = os.environ.get("EVENTLEDGER_NER")
    path = Path(override) if override else Path(str(resources.files("eventledger.data").joinpath("ner")))
    return path if (path / "config.cfg").exists() else None


@lru_cache(maxsize=1)
def entity_pipeline() -> Language | None:
    path = entity_model_path()
    if path is None:
        return None
    base = build_pipeline()
    shared = {"nlp": {"tokenizer": {"@tokenizers": "eventledger.shared_tokenizer.v1"}}}
    nlp = spacy.load(path, vocab=base.vocab, exclude=["tokenizer"], config=shared)
    others = [name for name in nlp.pipe_names if name != "ner"]
    if others:  # a whole training output (model-best) named by EVENTLEDGER_NER: only its recogniser runs
        nlp.select_pipes(disable=others)
    return nlp


def find_entities(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans of the people (PER), organisations (ORG) and places (LOC) the
    trained recogniser finds, sentence by sentence (the project's sentences); none without the model."""
    nlp = entity_pipeline()
    if nlp is None:
        return []
    sentences = [s for s in doc.sents if any(t.text[:1].isupper() for t in s[1:]) or s[:1].text[:1].isupper()]
    docs = [Doc(nlp.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s]) for s in sentences]
    found = []
    for sentence, tagged in zip(sentences, nlp.pipe(docs, batch_size=64), strict=True):
        for ent in tagged.ents:
            start = sentence[ent.start].idx
            last = sentence[ent.end - 1]
            found.append((start, last.idx + len(last.text), ent.label_))
    return found
