"""Attribution (polnear/dev): source, cue and content spans (lenient: token overlap >= 0.5; and exact), and
attribution-level F1: a predicted claim matches a gold attribution when its content overlaps the gold
content and its innermost source overlaps the gold source. Baseline: every sentence with a speech verb
as content, the nearest capitalised phrase or pronoun before the verb as source, the verb as cue."""

from __future__ import annotations

import re
from pathlib import Path

from bench.common import Row

SPEECH = re.compile(r"\b(said|says|told|tells|reported|reports|stated|added|claimed|claims|announced|wrote|"
                    r"according to|argued|noted|explained|believes|thinks)\b")


def load(folder: Path) -> list[tuple[str, str, list[dict]]]:
    docs = []
    texts = {p.stem: p for p in (folder / "text").glob("*.txt")}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in texts:
            continue
        spans, relations = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, *offsets = parts[1].split(" ")
                numbers = [int(x) for chunk in " ".join(offsets).split(";") for x in chunk.split()]
                spans[parts[0]] = (label, min(numbers), max(numbers))
            elif line.startswith("E") and len(parts) >= 2:
                relations.append(dict(arg.split(":") for arg in parts[1].split(" ") if ":" in arg))
        gold = []
        for rel in relations:
            entry = {}
            for role in ("Source", "Cue", "Content"):
                if role in rel and rel[role] in spans:
                    entry[role] = spans[rel[role]][1:]
            if "Content" in entry:
                gold.append(entry)
        docs.append((ann.stem, texts[stem].read_text(encoding="utf-8"), gold))
    return docs


def tokens(text: str, span: tuple[int, int]) -> set[int]:
    return {m.start() + span[0] for m in re.finditer(r"\w+", text[span[0]:span[1]])}


def overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    ta, tb = tokens(text, a), tokens(text, b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / max(len(ta), len(tb))


def ours(text: str, doc_id: str, parse: bool = False) -> list[dict]:
    from eventledger import Settings, extract_text, to_json

    ledger = to_json(extract_text(text, settings=Settings(clean_scraped=False, parse=parse), id=doc_id))
    out: list[dict] = []
    for claim in ledger["claims"]:
        if len(claim["sources"]) < 2:
            continue
        inner = claim["sources"][-1]
        entry = {"Content": (claim.get("content_start", claim["start"]), claim.get("content_end", claim["end"]))}
        if "start" in inner:
            entry["Source"] = (inner["start"], inner["end"])
        if "cue_start" in inner:
            entry["Cue"] = (inner["cue_start"], inner["cue_end"])
        # The sentences of one quotation share its frame: together they are one attribution.
        if out and entry.get("Source") and out[-1].get("Source") == entry["Source"] and \
                out[-1].get("Cue") == entry.get("Cue"):
            out[-1]["Content"] = (min(out[-1]["Content"][0], entry["Content"][0]),
                                  max(out[-1]["Content"][1], entry["Content"][1]))
            continue
        out.append(entry)
    return out


def baseline(text: str, doc_id: str) -> list[dict]:
    out = []
    for sentence in re.finditer(r"[^.!?\n]+[.!?]?", text):
        verb = SPEECH.search(sentence.group(0))
        if not verb:
            continue
        start = sentence.start()
        before = sentence.group(0)[:verb.start()]
        source = None
        names = list(re.finditer(r"\b(?:[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*|he|she|they|officials|police)\b", before))
        if names:
            source = (start + names[-1].start(), start + names[-1].end())
        entry = {"Content": (start, sentence.end()), "Cue": (start + verb.start(), start + verb.end())}
        if source:
            entry["Source"] = source
        out.append(entry)
    return out


def evaluate(system, docs) -> dict[str, float]:
    # per span kind: predictions that match, predictions, gold spans that are matched, gold spans
    totals = {f"{role} {mode}": [0, 0, 0, 0] for role in ("Source", "Cue", "Content")
              for mode in ("lenient", "exact")}
    attr = [0, 0, 0]  # matched predictions, matched gold, counts below
    n_pred = n_gold = 0
    for doc_id, text, gold in docs:
        predicted = system(text, doc_id)
        n_pred += len(predicted)
        n_gold += len(gold)
        for role in ("Source", "Cue", "Content"):
            pred_spans = [p[role] for p in predicted if role in p]
            gold_spans = [g[role] for g in gold if role in g]
            tests = (("lenient", lambda a, b, t=text: overlap(t, a, b) >= 0.5), ("exact", lambda a, b: a == b))
            for mode, test in tests:
                key = f"{role} {mode}"
                totals[key][0] += sum(1 for p in pred_spans if any(test(p, g) for g in gold_spans))
                totals[key][1] += len(pred_spans)
                totals[key][2] += sum(1 for g in gold_spans if any(test(p, g) for p in pred_spans))
                totals[key][3] += len(gold_spans)
        def matches(p, g, t=text):
            return (overlap(t, p["Content"], g["Content"]) > 0 and "Source" in p and "Source" in g
                    and overlap(t, p["Source"], g["Source"]) > 0)
        attr[0] += sum(1 for p in predicted if any(matches(p, g) for g in gold))
        attr[1] += sum(1 for g in gold if any(matches(p, g) for p in predicted))
    out = {}
    for key, (hit_pred, pred, hit_gold, gold_n) in totals.items():
        p = hit_pred / pred if pred else 0.0
        r = hit_gold / gold_n if gold_n else 0.0
        out[key] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    p = attr[0] / n_pred if n_pred else 0.0
    r = attr[1] / n_gold if n_gold else 0.0
    out["attribution"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return out


def run(data: Path, quick: bool = False) -> list[Row] | str:
    folder = data / "polnear" / "dev"
    if not folder.exists():
        return f"skipped: {folder} not found"
    docs = load(folder)[: 6 if quick else None]
    o, b = evaluate(lambda t, d: ours(t, d, parse=True), docs), evaluate(baseline, docs)
    n_gold = sum(len(g) for _, _, g in docs)
    rows = [Row("attribution", "attribution-level F1 (default, with the parser)", o["attribution"], b["attribution"],
                "speech-verb sentences", f"polnear/dev ({n_gold} attributions)", len(docs),
                "above 0.376, the figure before issue 4")]
    rules = evaluate(ours, docs)
    rows.append(Row("attribution", "attribution-level F1, rules only (--no-parse)", rules["attribution"],
                    b["attribution"], "speech-verb sentences", f"polnear/dev ({n_gold} attributions)", len(docs)))
    for key in o:
        if key != "attribution":
            rows.append(Row("attribution", f"{key} span F1", o[key], b[key], "speech-verb sentences",
                            f"polnear/dev ({n_gold} attributions)", len(docs)))
    return rows
