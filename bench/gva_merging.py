"""Merging at scale (gva/docs.jsonl): one `extract` over the Gun Violence Archive's 5,069 source articles, each
article grouped by its main event (the event holding the most of its claims), against GVA's `incident_id`.

Rows: B-cubed F1 beside every article alone; how many multi-report incidents mix GVA incidents (over-merging,
issue 22); the largest incident and how many GVA incidents it mixes. Quick mode reads the first 300 articles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from bench.common import Row
from bench.merging import bcubed

SET = "gva/docs.jsonl"


def run(data: Path, quick: bool = False) -> list[Row] | str:
    path = data / "gva" / "docs.jsonl"
    if not path.exists():
        return f"skipped: {path} not found"
    from eventledger import extract, to_json
    from eventledger.read import RawItem, parse_iso_date

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    rows = rows[:300] if quick else rows
    items = [RawItem(text=r["content"], origin=r["doc_id"], id=r["doc_id"], title=r.get("title"), url=r.get("uri"),
                     published=parse_iso_date(r.get("dct"))) for r in rows]
    ledger = to_json(extract(items))
    main: dict[str, tuple[int, str]] = {}
    for event in ledger["events"]:
        for doc in event["documents"]:
            own = sum(1 for c in event["claims"] if c.startswith(f"{doc}:c"))
            if own and (doc not in main or own > main[doc][0]):
                main[doc] = (own, event["id"])
    gold = {r["doc_id"]: r["incident_id"] for r in rows}
    groups = {doc: main[doc][1] if doc in main else f"alone:{doc}" for doc in gold}
    members: dict[str, list[str]] = defaultdict(list)
    for doc, group in groups.items():
        members[group].append(doc)
    multi = [docs for docs in members.values() if len(docs) > 1]
    mixed = [docs for docs in multi if len({gold[d] for d in docs}) > 1]
    largest = max(members.values(), key=len)
    label = f"gva/docs ({len(set(gold.values()))} incidents)"
    share = f"{len(mixed)} of {len(multi)} ({len(mixed) / len(multi):.0%})" if multi else "0 of 0"
    return [
        Row("merging at scale", "B-cubed F1 of articles by main event", round(bcubed(groups, gold), 3),
            round(bcubed({d: d for d in gold}, gold), 3), "every article alone", label, len(rows)),
        Row("merging at scale", "multi-report incidents that mix GVA incidents", share, "", "", label, len(rows),
            "fewer (issue 22)"),
        Row("merging at scale", "largest incident: reports (GVA incidents in it)",
            f"{len(largest)} ({len({gold[d] for d in largest})})", "", "", label, len(rows)),
    ]
