"""Write the entity recogniser's training and development data as spaCy DocBin files.

Usage: python scripts/build_ner_corpus.py ../shared/data/ner build/ner

Reads GUM, CrossNER politics and UNER English-EWT through `eventledger.nlp.corpora` (which says how each
is mapped to PER/ORG/LOC and which part is held apart for scoring); only train and dev parts are written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span

from eventledger.nlp.corpora import splits
from eventledger.nlp.pipeline import build_pipeline


def main(ner: Path, out: Path) -> int:
    sets = splits(ner)
    if not sets:
        print(f"no named-entity corpora under {ner}", file=sys.stderr)
        return 1
    vocab = build_pipeline().vocab
    out.mkdir(parents=True, exist_ok=True)
    for part in ("train", "dev"):
        bin_ = DocBin()
        n = 0
        for parts in sets.values():
            for words, spans in parts[part]:
                doc = Doc(vocab, words=words)
                doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
                bin_.add(doc)
                n += 1
        bin_.to_disk(out / f"{part}.spacy")
        print(f"{part}: {n} sentences -> {out / f'{part}.spacy'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
