"""Merging reports into incidents (gvc/train.jsonl): B-cubed and pairwise F1 of documents grouped into
events against `gold_incident`; per incident, killed, injured, date and city.

Our grouping: `extract` over all articles at once; each article joins the event that holds its main
(most-claimed) event. Baselines: every article alone; articles with the same publication date together.
Per incident, each field is the value most of the incident's articles give (their main event), against
a baseline of the most common gold value (killed, injured), the publication date (date) and nothing (city;
the gold city is read as in bench/geocoding.py: `Chicago (Englewood)` accepts either, a county its admin2).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

from bench.common import Row, gvc_main_events
from bench.geocoding import fold_place, gold_cities


def bcubed(clusters: dict[str, str], gold: dict[str, str]) -> float:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for doc, c in clusters.items():
        by_pred[c].add(doc)
    for doc, g in gold.items():
        by_gold[g].add(doc)
    p = r = 0.0
    for doc in gold:
        same_pred, same_gold = by_pred[clusters[doc]], by_gold[gold[doc]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(clusters: dict[str, str], gold: dict[str, str]) -> float:
    docs = sorted(gold)
    pred_pairs = {(a, b) for a, b in combinations(docs, 2) if clusters[a] == clusters[b]}
    gold_pairs = {(a, b) for a, b in combinations(docs, 2) if gold[a] == gold[b]}
    if not pred_pairs or not gold_pairs:
        return 0.0
    hit = len(pred_pairs & gold_pairs)
    p, r = hit / len(pred_pairs), hit / len(gold_pairs)
    return 2 * p * r / (p + r) if p + r else 0.0


def gold_date(text: str) -> str | None:
    try:
        return datetime.strptime(text.strip(), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def run(data: Path, quick: bool = False) -> list[Row] | str:
    path = data / "gvc" / "train.jsonl"
    if not path.exists():
        return f"skipped: {path} not found"
    rows, ledger, main_event = gvc_main_events(path, 8 if quick else None)
    gold = {r["doc_id"]: r["gold_incident"] for r in rows}
    clusters = {doc: main_event[doc]["id"] if doc in main_event else f"alone:{doc}" for doc in gold}
    alone = {doc: doc for doc in gold}
    by_date = {r["doc_id"]: r.get("dct") or r["doc_id"] for r in rows}

    incidents = defaultdict(list)
    for r in rows:
        incidents[r["gold_incident"]].append(r)
    fields = {"killed": [0, 0], "injured": [0, 0], "date": [0, 0], "city": [0, 0]}
    common_killed = Counter(r["incident"]["num_killed"] for r in rows).most_common(1)[0][0]
    common_injured = Counter(r["incident"]["num_injured"] for r in rows).most_common(1)[0][0]
    for docs in incidents.values():
        truth = docs[0]["incident"]
        events = [main_event[d["doc_id"]] for d in docs if d["doc_id"] in main_event]

        def vote(values):
            values = [v for v in values if v is not None]
            return Counter(values).most_common(1)[0][0] if values else None

        killed = vote(e["counts"].get("killed", {}).get("best", 0) for e in events) if events else 0
        injured = vote(e["counts"].get("injured", {}).get("best", 0) for e in events) if events else 0
        day = vote(e["date"]["start"] if e["date"]["precision"] == "day" else None for e in events)
        city = vote(e["location"]["name"] for e in events)
        town = vote(e["location"].get("city") for e in events)
        admin2 = vote(e["location"]["admin2"] for e in events)
        fields["killed"][0] += killed == truth["num_killed"]
        fields["injured"][0] += injured == truth["num_injured"]
        fields["date"][0] += day == gold_date(truth["date"])
        fields["city"][0] += bool(gold_cities(truth["city_or_county"])
                                  & {fold_place(city), fold_place(town), fold_place(admin2)})
        fields["killed"][1] += truth["num_killed"] == common_killed
        fields["injured"][1] += truth["num_injured"] == common_injured
        fields["date"][1] += docs[0].get("dct") == gold_date(truth["date"])
    n = len(incidents)
    out = [
        Row("merging", "B-cubed F1", round(bcubed(clusters, gold), 3), round(bcubed(alone, gold), 3),
            "every article alone", f"gvc/train ({n} incidents)", len(rows), "≥ 0.90 (issue 6)"),
        Row("merging", "B-cubed F1 vs same-date baseline", round(bcubed(clusters, gold), 3),
            round(bcubed(by_date, gold), 3), "same publication date", f"gvc/train ({n} incidents)", len(rows)),
        Row("merging", "pairwise F1", round(pairwise(clusters, gold), 3), round(pairwise(by_date, gold), 3),
            "same publication date", f"gvc/train ({n} incidents)", len(rows)),
    ]
    names = {"killed": "killed (per incident)", "injured": "injured (per incident)", "date": "date (per incident)",
             "city": "city or county (per incident)"}
    baselines = {"killed": "most common value", "injured": "most common value", "date": "publication date",
                 "city": "none"}
    targets = {"killed": "≥ 0.85 (issue 6)", "injured": "≥ 0.80 (issue 6)", "date": "≥ 0.80 (issue 6)",
               "city": "≥ 0.85 (issue 6)"}
    for key, (ours, base) in fields.items():
        out.append(Row("merging", names[key], round(ours / n, 3), round(base / n, 3), baselines[key],
                       f"gvc/train ({n} incidents)", len(rows), targets[key]))
    return out
