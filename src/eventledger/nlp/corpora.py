"""Readers for the open named-entity corpora the entity recogniser is trained and scored on.

Each reader yields sentences as (words, spans), spans being (first word, last word + 1, label) with the
labels the recogniser uses: PER (people), ORG (organisations, groups, parties, forces) and LOC (places
and geopolitical entities). The corpora and their licences are described in ../shared/data/ner/README.md:

- GUM (CoNLL-U, every referring expression in MISC): a mention is a name when its head word
  (the one whose syntactic head lies outside it) is a proper noun; leading determiners and lower-case
  adjectives are left out, as named-entity conventions do (`the United Nations` -> `United Nations`); of
  nested names the outermost is kept, cut before an apposition (`Durham University, United Kingdom` is two names).
- CrossNER politics (token TAB BIO label): politician/person -> PER, politicalparty/organisation -> ORG,
  country/location -> LOC; election, event and misc are not names of actors or places.
- UNER English-EWT (IOB2 with PER/ORG/LOC).
- re3d (defence and security documents, character offsets; every folder's licence permits training: CC BY,
  OGL, public domain, CC BY-SA): Person -> PER, Organisation -> ORG, Location -> LOC; half of its documents
  (by a hash of the id, `re3d_part`) train, the other half is held apart for `make bench`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

LABELS = ("PER", "ORG", "LOC")
RE3D_TYPES = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
Sentence = tuple[list[str], list[tuple[int, int, str]]]
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
CROSSNER_TYPES = {"politician": "PER", "person": "PER", "politicalparty": "ORG", "organisation": "ORG",
                  "country": "LOC", "location": "LOC"}
_BRACKET = re.compile(r"\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)")


def gum_split(folder: Path) -> dict[str, str]:
    """Document name -> dev/test from GUM's splits.md; documents not listed there are train."""
    split: dict[str, str] = {}
    section = None
    for line in (folder / "splits.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"##\s+(\w+)", line)
        if heading:
            section = heading.group(1)
        elif section in ("dev", "test") and line.strip().startswith("* "):
            split[line.strip()[2:].strip()] = section
    return split


def read_gum(path: Path) -> Iterator[Sentence]:
    """Sentences of one GUM CoNLL-U file with their names."""
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if rows:
                yield _gum_sentence(rows)
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                rows.append(cols)


def _gum_sentence(rows: list[list[str]]) -> Sentence:
    words = [r[1] for r in rows]
    heads = [int(r[6]) - 1 for r in rows]
    open_: dict[str, list[tuple[int, str]]] = {}
    mentions: list[tuple[int, int, str]] = []
    for i, row in enumerate(rows):
        entity = next((f[len("Entity="):] for f in row[9].split("|") if f.startswith("Entity=")), "")
        for match in _BRACKET.finditer(entity):
            if match.group(4):  # `N)` closes the latest open mention of entity N
                stack = open_.get(match.group(4))
                if stack:
                    start, kind = stack.pop()
                    mentions.append((start, i + 1, kind))
            elif match.group(3):  # `(N-type-...)`: a one-word mention
                mentions.append((i, i + 1, match.group(2)))
            else:
                open_.setdefault(match.group(1), []).append((i, match.group(2)))
    spans = []
    for start, end, kind in mentions:
        label = GUM_TYPES.get(kind)
        if label is None:
            continue
        inside = range(start, end)
        head = next((j for j in inside if heads[j] not in inside), None)
        if head is None or rows[head][3] != "PROPN":
            continue
        while start < end and rows[start][3] in ("DET", "ADJ") and words[start][:1].islower():
            start += 1
        # An apposition inside the mention (`Durham University, United Kingdom`) is another name.
        end = next((j for j in range(start + 1, end) if words[j] in (",", "(")), end)
        if start < end:
            spans.append((start, end, label))
    return words, _outermost(spans)


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not any(k[0] < span[1] and span[0] < k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def read_bio(path: Path, types: dict[str, str] | None = None, word_col: int = 0, label_col: int = 1
             ) -> Iterator[Sentence]:
    """BIO/IOB2 files (CrossNER: `word TAB label`; UNER: `index TAB word TAB label ...`), blank-line separated."""
    words: list[str] = []
    labels: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if words:
                yield words, _bio_spans(labels, types)
            words, labels = [], []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) > max(word_col, label_col):
                words.append(cols[word_col])
                labels.append(cols[label_col])


def _bio_spans(labels: list[str], types: dict[str, str] | None) -> list[tuple[int, int, str]]:
    spans = []
    start = kind = None
    for i, tag in enumerate([*labels, "O"]):
        inside = tag.startswith("I-") and kind == tag[2:]
        if not inside and start is not None:
            label = types.get(kind, None) if types else kind
            if label in LABELS:
                spans.append((start, i, label))
            start = kind = None
        if tag.startswith("B-") or (tag.startswith("I-") and not inside):
            start, kind = i, tag[2:]
    return spans


def re3d_part(doc_id: str) -> str:
    """train or test: a fixed half of re3d's documents each, by a hash of the document id."""
    return "train" if int(hashlib.md5(doc_id.encode()).hexdigest()[0], 16) % 2 == 0 else "test"


def read_re3d(folder: Path, part: str = "train") -> Iterator[Sentence]:
    """The sentences of re3d's documents of one part, with their people, organisations and places."""
    from eventledger.nlp.pipeline import analyse

    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and (p / "documents.json").exists()):
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for line in (sub / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["type"] in RE3D_TYPES and row.get("confidence", 1) >= 0.5:
                    spans.setdefault(row["documentId"], []).append((row["begin"], row["end"], RE3D_TYPES[row["type"]]))
        for line in (sub / "documents.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if re3d_part(row["_id"]) != part:
                continue
            doc = analyse(row["text"])
            tokens = []
            for begin, end, label in sorted(spans.get(row["_id"], []), key=lambda s: (s[0], -s[1])):
                span = doc.char_span(begin, end, alignment_mode="expand")
                if span is not None and not any(t[0] < span.end and span.start < t[1] for t in tokens):
                    tokens.append((span.start, span.end, label))
            for sentence in doc.sents:
                words = [t.text for t in sentence if t.text.strip()]
                if not words:
                    continue
                keep = [i for i in range(sentence.start, sentence.end) if doc[i].text.strip()]
                index = {i: n for n, i in enumerate(keep)}
                inside = [(index[a], index[b - 1] + 1, label) for a, b, label in tokens
                          if sentence.start <= a and b <= sentence.end and a in index and b - 1 in index]
                yield words, inside


def splits(ner: Path) -> dict[str, dict[str, list[Sentence]]]:
    """{set name: {train|dev|test: sentences}}. GUM by its official split; CrossNER's small train and its
    dev pooled for training, a tenth of dev for model selection, its test held apart; UNER's dev for
    training (it has no train file), its test held apart."""
    out: dict[str, dict[str, list[Sentence]]] = {}
    gum = ner / "gum"
    if gum.exists():
        which = gum_split(gum)
        parts: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
        for path in sorted(gum.glob("GUM_*.conllu")):
            parts[which.get(path.stem, "train")].extend(read_gum(path))
        out["GUM"] = parts
    crossner = ner / "crossner-politics"
    if crossner.exists():
        dev = list(read_bio(crossner / "dev.txt", CROSSNER_TYPES))
        train = list(read_bio(crossner / "train.txt", CROSSNER_TYPES)) + dev[len(dev) // 10:]
        out["CrossNER politics"] = {"train": train, "dev": dev[:len(dev) // 10],
                                    "test": list(read_bio(crossner / "test.txt", CROSSNER_TYPES))}
    re3d = ner.parent / "re3d"
    if re3d.exists():
        out["re3d"] = {"train": list(read_re3d(re3d, "train")), "dev": [], "test": list(read_re3d(re3d, "test"))}
    uner = ner / "uner-ewt"
    if uner.exists():
        out["UNER EWT"] = {"train": list(read_bio(uner / "en_ewt-ud-dev.iob2", None, 1, 2)), "dev": [],
                           "test": list(read_bio(uner / "en_ewt-ud-test.iob2", None, 1, 2))}
    return out
