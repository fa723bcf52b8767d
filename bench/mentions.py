"""Mentions (re3d/): span precision, recall and F1, exact and overlapping, per entity type, for gold
entities with confidence >= 0.5; alias pairs from `IsSynonymOf` relations (pairs of surface forms). Scored on
the half of re3d's documents held apart from the entity recogniser's training (eventledger.nlp.corpora.re3d_part),
with the default pipeline and, in the same run, with the entity recogniser switched on.

Our mention kinds map to re3d types: Organisation <- actors of organisation kinds (states, forces, armed
groups, parties, international bodies, NGOs, media, generic groups); Person <- actors of kind person;
Location <- places; Temporal <- times; Quantity <- counted groups; Weapon <- nothing yet (not produced).
Baselines: every capitalised word sequence as a mention of each type; for alias pairs, `Name (ABBR)`.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

from bench.common import Row
from eventledger.nlp.corpora import re3d_part

TYPES = ("Organisation", "Person", "Location", "Temporal", "Quantity", "Weapon")
ORG_KINDS = {"state", "state_force", "armed_group", "militia", "criminal_group", "political_organisation",
             "international_body", "ngo", "media",
             "organisation", "generic", "civilians"}


def load(folder: Path) -> tuple[dict, dict, dict]:
    docs, entities, synonyms = {}, {}, {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        for line in (sub / "documents.json").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                docs[row["_id"]] = row["text"]
        for line in (sub / "entities.json").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                if row.get("confidence", 1) >= 0.5 and row["type"] in TYPES:
                    entities.setdefault(row["documentId"], []).append((row["begin"], row["end"], row["type"]))
        for line in (sub / "relations.json").read_text(encoding="utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                if row["type"] == "IsSynonymOf" and row.get("confidence", 1) >= 0.5:
                    pair = frozenset((row["source"].lower(), row["target"].lower()))
                    if len(pair) == 2:
                        synonyms.setdefault(row["documentId"], set()).add(pair)
    return docs, entities, synonyms


def predict(text: str, doc_id: str, entities: bool = False) -> tuple[list[tuple[int, int, str]], set[frozenset]]:
    from eventledger import Settings, extract_text, to_json

    ledger = to_json(extract_text(text, Settings(entities=entities), id=doc_id))
    spans = []
    forms: dict[str, set[str]] = {}
    for m in ledger["mentions"]:
        kind = None
        if m["kind"] == "actor":
            kind = "Person" if m["label"] == "person" else "Organisation" if m["label"] in ORG_KINDS else None
            forms.setdefault(m["ref"], set()).add(m["text"].lower())
        elif m["kind"] == "place":
            kind = "Location"
        elif m["kind"] == "time":
            kind = "Temporal"
        elif m["kind"] == "quantity":
            kind = "Quantity"
        if kind:
            spans.append((m["original_start"], m["original_end"], kind))
    pairs = {frozenset(p) for texts in forms.values() for p in combinations(sorted(texts), 2)}
    return spans, pairs


def rules_only(text: str, doc_id: str) -> tuple[list[tuple[int, int, str]], set[frozenset]]:
    """The pipeline with the entity recogniser switched on (Settings.entities, off by default)."""
    return predict(text, doc_id, entities=True)


def capitalised(text: str) -> tuple[list[tuple[int, int, str]], set[frozenset]]:
    spans = []
    for match in re.finditer(r"\b[A-Z][\w'\-]*(?:\s+(?:of\s+|al-|the\s+)?[A-Z][\w'\-]*)*", text):
        spans.extend((match.start(), match.end(), kind) for kind in TYPES)
    pairs = {frozenset((m.group(1).lower(), m.group(2).lower()))
             for m in re.finditer(r"\b([A-Z][\w'\-]*(?:\s+(?:of\s+)?[A-Z][\w'\-]*)+)\s+\(([A-Z]{2,8})\)", text)}
    return spans, pairs


def tally(predicted, gold) -> dict:
    out = {}
    for kind in TYPES:
        pred = [(a, b) for a, b, k in predicted if k == kind]
        ref = [(a, b) for a, b, k in gold if k == kind]
        exact = len(set(pred) & set(ref))
        over_p = sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in ref))
        over_g = sum(1 for g in ref if any(p[0] < g[1] and g[0] < p[1] for p in pred))
        out[kind] = (exact, over_p, over_g, len(pred), len(ref))
    return out


def prf(tp_p: int, tp_g: int, n_p: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def evaluate(system, docs, entities, synonyms):
    sums = {k: [0, 0, 0, 0, 0] for k in TYPES}
    pair_hit = pair_pred = pair_gold = 0
    for doc_id, text in docs.items():
        spans, pairs = system(text, doc_id) if system in (predict, rules_only) else system(text)
        for kind, values in tally(spans, entities.get(doc_id, [])).items():
            sums[kind] = [s + v for s, v in zip(sums[kind], values, strict=True)]
        gold_pairs = synonyms.get(doc_id, set())
        pair_hit += len(pairs & gold_pairs)
        pair_pred += len(pairs)
        pair_gold += len(gold_pairs)
    return sums, (pair_hit, pair_pred, pair_gold)


def run(data: Path, quick: bool = False) -> list[Row] | str:
    folder = data / "re3d"
    if not folder.exists():
        return f"skipped: {folder} not found"
    docs, entities, synonyms = load(folder)
    docs = {k: v for k, v in docs.items() if re3d_part(k) == "test"}  # the other half trains the recogniser
    if quick:
        docs = dict(list(docs.items())[:10])
    ours, our_pairs = evaluate(predict, docs, entities, synonyms)
    rules, _ = evaluate(rules_only, docs, entities, synonyms)
    base, base_pairs = evaluate(capitalised, docs, entities, synonyms)
    rows = []
    for kind in TYPES:
        exact, over_p, over_g, n_p, n_g = ours[kind]
        b_exact, b_over_p, b_over_g, b_n_p, b_n_g = base[kind]
        e, be = prf(exact, exact, n_p, n_g), prf(b_exact, b_exact, b_n_p, b_n_g)
        o, bo = prf(over_p, over_g, n_p, n_g), prf(b_over_p, b_over_g, b_n_p, b_n_g)
        note = "not produced yet" if kind == "Weapon" else ""
        for label, ov, bv in (("exact P/R/F1", e, be), ("overlap P/R/F1", o, bo)):
            rows.append(Row("mentions", f"{kind} {label}", "/".join(f"{x:.2f}" for x in ov),
                            "/".join(f"{x:.2f}" for x in bv), "capitalised sequences", f"re3d test half ({n_g} gold)",
                            len(docs), note))
        if kind in ("Organisation", "Person", "Location"):
            r_exact, r_over_p, r_over_g, r_n_p, r_n_g = rules[kind]
            rows.append(Row("mentions", f"{kind} overlap P/R/F1 with the entity recogniser on",
                            "/".join(f"{x:.2f}" for x in prf(r_over_p, r_over_g, r_n_p, r_n_g)),
                            "/".join(f"{x:.2f}" for x in bo), "capitalised sequences",
                            f"re3d test half ({n_g} gold)", len(docs), "Settings(entities=True), same run"))
    hit, pred, gold = our_pairs
    b_hit, b_pred, b_gold = base_pairs
    p, r, f = prf(hit, hit, pred, gold)
    bp, br, bf = prf(b_hit, b_hit, b_pred, b_gold)
    rows.append(Row("mentions", "alias pairs (IsSynonymOf) P/R/F1", f"{p:.2f}/{r:.2f}/{f:.2f}",
                    f"{bp:.2f}/{br:.2f}/{bf:.2f}", "`Name (ABBR)` pattern", f"re3d ({gold} gold pairs)", len(docs)))
    return rows
