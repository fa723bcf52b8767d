"""The shipped tagger and parser on UD English EWT test (gold tokens and sentences): UPOS accuracy, UAS and
LAS (labels compared without subtypes, punctuation included). Baseline: each word's most frequent UPOS in
EWT train, attached to the word before it with the most common label."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from bench.common import Row


def read_conllu(path: Path, limit: int | None = None) -> list[list[tuple[str, str, int, str, bool]]]:
    """Sentences of (form, upos, head, deprel, space_after); multiword tokens and empty nodes skipped."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
                if limit and len(sentences) >= limit:
                    break
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        current.append((cols[1], cols[3], int(cols[6]), cols[7].split(":")[0], "SpaceAfter=No" not in cols[9]))
    if current:
        sentences.append(current)
    return sentences


def score(predicted: list[list[tuple[str, int, str]]], gold) -> tuple[float, float, float]:
    total = pos = uas = las = 0
    for pred_sent, gold_sent in zip(predicted, gold, strict=True):
        for (p_pos, p_head, p_dep), (_, g_pos, g_head, g_dep, _) in zip(pred_sent, gold_sent, strict=True):
            total += 1
            pos += p_pos == g_pos
            if p_head == g_head:
                uas += 1
                las += p_dep == g_dep
    return round(pos / total, 3), round(uas / total, 3), round(las / total, 3)


def ours(sentences) -> list[list[tuple[str, int, str]]]:
    from spacy.tokens import Doc

    from eventledger.nlp.pipeline import parser_pipeline

    nlp = parser_pipeline()
    docs = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=[t[0] for t in sentence], spaces=[t[4] for t in sentence])
        for token in doc:
            token.is_sent_start = token.i == 0
        docs.append(doc)
    out = []
    for doc in nlp.pipe(docs, batch_size=64):
        out.append([(t.pos_, 0 if t.head.i == t.i else t.head.i + 1, "root" if t.dep_.lower() == "root"
                     else t.dep_.split(":")[0]) for t in doc])
    return out


def baseline(train, sentences) -> list[list[tuple[str, int, str]]]:
    tags: dict[str, Counter] = defaultdict(Counter)
    labels = Counter()
    for sentence in train:
        for form, upos, _head, dep, _ in sentence:
            tags[form.lower()][upos] += 1
            labels[dep] += 1
    label = labels.most_common(1)[0][0]
    out = []
    for sentence in sentences:
        out.append([(tags[t[0].lower()].most_common(1)[0][0] if tags[t[0].lower()] else "NOUN", i, label)
                    for i, t in enumerate(sentence)])
    return out


def run(data: Path, quick: bool = False) -> list[Row] | str:
    folder = data / "ud-english-ewt"
    test = folder / "en_ewt-ud-test.conllu"
    if not test.exists():
        return f"skipped: {test} not found"
    from eventledger.nlp.pipeline import model_path

    if model_path() is None:
        return "skipped: no trained parser in the package (run `make model`)"
    sentences = read_conllu(test, limit=150 if quick else None)
    train = read_conllu(folder / "en_ewt-ud-train.conllu", limit=2000 if quick else None)
    o = score(ours(sentences), sentences)
    b = score(baseline(train, sentences), sentences)
    n = sum(len(s) for s in sentences)
    targets = ("≥ 0.94 (issue 4)", "", "≥ 0.82 (issue 4)")
    return [Row("tagger and parser", name, ov, bv, "most frequent tag, attach to previous word",
                f"EWT test ({n} words, gold tokens and sentences)", len(sentences), target)
            for name, ov, bv, target in zip(("UPOS accuracy", "UAS", "LAS"), o, b, targets, strict=True)]
