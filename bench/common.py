"""Helpers shared by the scorers: folding names, medians, results."""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


def fold_name(text: str | None) -> str:
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", plain)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Row:
    """One line of the benchmark table."""

    stage: str
    metric: str
    ours: float | str
    baseline: float | str
    baseline_name: str
    dataset: str
    size: int
    target: str = ""


@dataclass
class StageResult:
    name: str
    rows: list[Row] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0


def gvc_main_events(path: Path, quick_incidents: int | None = None) -> tuple[list[dict], dict, dict[str, dict]]:
    """GVC rows (the first `quick_incidents` incidents when given), the ledger JSON of `extract` over all their
    articles, and each article's main event: the event with the most claims among those it tells."""
    from eventledger import extract, to_json
    from eventledger.read import RawItem, parse_iso_date

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    if quick_incidents:
        keep = sorted({r["gold_incident"] for r in rows})[:quick_incidents]
        rows = [r for r in rows if r["gold_incident"] in keep]
    items = [RawItem(text=r["text"], origin=r["doc_id"], id=r["doc_id"], title=r.get("title"),
                     published=parse_iso_date(r.get("dct")), url=r.get("uri")) for r in rows]
    ledger = to_json(extract(items))
    main_event: dict[str, dict] = {}
    for event in ledger["events"]:
        for doc in event["documents"]:
            if doc not in main_event or len(event["claims"]) > len(main_event[doc]["claims"]):
                main_event[doc] = event
    return rows, ledger, main_event
