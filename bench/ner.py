"""Entity recognition (ner/ and re3d/): exact span precision, recall and F1 per type (PER, ORG, LOC) on the parts
held apart from the recogniser's training (eventledger.nlp.corpora.splits: GUM's test documents, CrossNER's
test file, UNER EWT's test file, the test half of re3d).

Ours: the shipped recogniser as the pipeline runs it (the sentence's words joined by spaces, the project's
tokenizer and sentences). Beside it, in the same run: the rules it adds to (the pipeline without the
recogniser: the actor dictionaries and name patterns for PER and ORG, the gazetteer for LOC).
"""

from __future__ import annotations

from pathlib import Path

from bench.common import Row

KINDS = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}


def _joined(words: list[str], spans: list[tuple[int, int, str]]) -> tuple[str, set[tuple[int, int, str]]]:
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    text = " ".join(words)
    gold = {(starts[a], starts[b - 1] + len(words[b - 1]), label) for a, b, label in spans}
    return text, gold


def _score(found: list[set], gold: list[set]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for label in ("PER", "ORG", "LOC"):
        hit = sum(len({s for s in f if s[2] == label} & {s for s in g if s[2] == label})
                  for f, g in zip(found, gold, strict=True))
        n_found = sum(1 for f in found for s in f if s[2] == label)
        n_gold = sum(1 for g in gold for s in g if s[2] == label)
        p, r = hit / n_found if n_found else 0.0, hit / n_gold if n_gold else 0.0
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def run(data: Path, quick: bool = False) -> list[Row] | str:
    from bench.mentions import predict
    from eventledger.nlp.corpora import splits
    from eventledger.nlp.pipeline import analyse, entity_pipeline, find_entities

    if not (data / "ner").exists():
        return f"skipped: {data / 'ner'} not found"
    if entity_pipeline() is None:
        return "skipped: no entity recogniser shipped (make model)"
    rows = []
    for name, parts in splits(data / "ner").items():
        test = parts["test"][:100] if quick else parts["test"]
        texts, golds = zip(*(_joined(words, spans) for words, spans in test), strict=True)
        ours = [set(find_entities(analyse(text))) for text in texts]
        rules = []
        for i, text in enumerate(texts):
            spans, _pairs = predict(text, f"s{i}", entities=False)
            rules.append({(a, b, KINDS[k]) for a, b, k in spans if k in KINDS})
        mine, theirs = _score(ours, list(golds)), _score(rules, list(golds))
        for label in ("PER", "ORG", "LOC"):
            n_gold = sum(1 for g in golds for s in g if s[2] == label)
            rows.append(Row("entities", f"{label} exact span P/R/F1", "/".join(f"{x:.2f}" for x in mine[label]),
                            "/".join(f"{x:.2f}" for x in theirs[label]), "dictionaries and rules",
                            f"{name} test ({n_gold} gold)", len(test)))
    return rows
