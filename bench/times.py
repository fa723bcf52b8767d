"""Times (tempeval3-tbaq/): TIMEX3 of type DATE. Span F1 (exact and overlapping) and normalised-value
accuracy (over gold dates that a predicted span overlaps), relative to the document creation time.
Baseline: dateparser.search.search_dates with the same base date."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from bench.common import Row


def parse_tml(path: Path) -> tuple[str, date | None, list[tuple[int, int, str]]]:
    """The document text (tags removed), its creation date, and (start, end, value) of DATE timexes."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    value = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    if value:
        dct = date.fromisoformat(value.group(1))
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    root = ElementTree.fromstring(f"<TEXT>{body}</TEXT>")
    text_parts: list[str] = []
    spans = []

    def walk(node, position: int) -> int:
        if node.text:
            text_parts.append(node.text)
            position += len(node.text)
        for child in node:
            start = position
            position = walk(child, position)
            if child.tag == "TIMEX3" and child.get("type") == "DATE":
                spans.append((start, position, child.get("value", "")))
            if child.tail:
                text_parts.append(child.tail)
                position += len(child.tail)
        return position

    walk(root, 0)
    return "".join(text_parts), dct, spans


def span_scores(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) counts for exact and overlapping matches."""
    exact = len(set(predicted) & set(gold))
    overlap_gold = sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in predicted))
    overlap_pred = sum(1 for p in predicted if any(p[0] < g[1] and g[0] < p[1] for g in gold))
    return {"exact": (exact, exact, len(predicted), len(gold)),
            "overlap": (overlap_pred, overlap_gold, len(predicted), len(gold))}


def f1(tp_pred: int, tp_gold: int, n_pred: int, n_gold: int) -> float:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def ours(text: str, dct: date | None) -> list[tuple[int, int, str | None]]:
    from eventledger import extract_text, to_json

    ledger = to_json(extract_text(text, published=dct))
    return [(m["original_start"], m["original_end"], m["ref"]) for m in ledger["mentions"] if m["kind"] == "time"]


def baseline(text: str, dct: date | None) -> list[tuple[int, int, str | None]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.combine(dct, datetime.min.time())} if dct else {}
    found = search_dates(text, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for phrase, value in found:
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        out.append((start, start + len(phrase), value.date().isoformat()))
    return out


def score(system, docs) -> tuple[float, float, float]:
    totals = {"exact": [0, 0, 0, 0], "overlap": [0, 0, 0, 0]}
    right = matched = 0
    for text, dct, gold in docs:
        predicted = system(text, dct)
        counts = span_scores([(a, b) for a, b, _ in predicted], [(a, b) for a, b, _ in gold])
        for key, values in counts.items():
            totals[key] = [t + v for t, v in zip(totals[key], values, strict=True)]
        for g_start, g_end, g_value in gold:
            overlapping = [v for a, b, v in predicted if a < g_end and g_start < b]
            if overlapping:
                matched += 1
                right += overlapping[0] == g_value
    return (round(f1(*totals["exact"]), 3), round(f1(*totals["overlap"]), 3),
            round(right / matched, 3) if matched else 0.0)


def run(data: Path, quick: bool = False) -> list[Row] | str:
    folder = data / "tempeval3-tbaq"
    if not folder.exists():
        return f"skipped: {folder} not found"
    paths = sorted(folder.glob("*/*.tml"))[: 8 if quick else None]
    docs = [parse_tml(p) for p in paths]
    n_gold = sum(len(d[2]) for d in docs)
    o = score(ours, docs)
    b = score(baseline, docs)
    names = ("DATE span F1, exact", "DATE span F1, overlapping", "DATE value accuracy (overlapped spans)")
    return [Row("times", name, ov, bv, "dateparser search_dates", f"tempeval3-tbaq ({n_gold} DATE timexes)",
                len(docs)) for name, ov, bv in zip(names, o, b, strict=True)]
