"""World news (world-news/dev.jsonl): the main event of reports from 48 countries, scored by the rules in that
folder's README.

All pages go through one `extract` (so reports of one incident merge); each page's main event is the event
holding the most claims from that page. Counts are right when the predicted best equals the gold best or lies
within the gold [low, high]; a gold null or 0 wants null or 0; fields the gold marks vague are not scored. Rows
for every scored article and for those that state a figure. Date exact and within one day; place, admin1 and
country by the README's name rules; perpetrator by a shared content word; negatives (no new violent event) are
right when no event of the page reports a death or an injury; clusters by B-cubed F1. A merged event may match
any member of the page's gold cluster.

Baselines in the same run: the first number in the text as each count; the publication date as the date;
every report alone for clusters.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from bench.common import Row, fold_name

COUNT_FIELDS = {"killed": "killed_best", "injured": "injured", "abducted": "abducted", "arrested": "arrested"}
SET = "world-news/dev"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "hundred": 100, "dozens": 24, "hundreds": 200}
_FIRST_NUMBER = re.compile(rf"\b(\d[\d,]*|{'|'.join(_NUMBER_WORDS)})\b", re.I)
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "or", "in", "on", "at", "for", "to", "by", "with", "from", "its",
                   "their", "his", "her", "suspected", "armed", "unidentified", "group", "groups"}


def load(path: Path, limit: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return rows[:limit] if limit else rows


def first_number(text: str) -> int | None:
    found = _FIRST_NUMBER.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    return _NUMBER_WORDS.get(word) or int(word.replace(",", ""))


def count_right(predicted: int | None, gold: dict, field: str) -> bool:
    best = gold.get(field)
    prefix = field.removesuffix("_best")
    low, high = gold.get(f"{prefix}_low"), gold.get(f"{prefix}_high")
    if best in (None, 0):
        return predicted in (None, 0)
    if predicted is None:
        return False
    return predicted == best or (low is not None and high is not None and low <= predicted <= high)


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = fold_name(a), fold_name(b)
    if not a or not b:
        return False
    return a == b or a in b or b in a or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 85)


def place_right(location: dict, gold: dict) -> bool:
    names = [n for n in (location.get("name"), location.get("city"), location.get("admin2")) if n]
    golds = [gold["place"], *(gold.get("place_alt") or [])]
    return any(_similar(n, g) for n in names for g in golds if g)


def admin1_right(location: dict, gold: dict) -> bool:
    predicted = location.get("admin1") or (location.get("name") if location.get("precision") == "province" else None)
    golds = [gold["admin1"], *(gold.get("admin1_alt") or [])]
    return bool(predicted) and any(_similar(predicted, g) for g in golds if g)


def _content_words(text: str) -> set[str]:
    words = {w.lower().rstrip("s") for w in re.findall(r"[\w'’-]+", text)}
    return {w for w in words if w and w not in _FUNCTION_WORDS and len(w) > 1}


def perpetrator_right(event: dict, actors: dict[str, dict], gold: dict) -> bool:
    names = []
    for participant in event["participants"]:
        if participant["role"] == "perpetrator":
            actor = actors.get(participant["actor"], {})
            names += [actor.get("name") or participant["actor"], *actor.get("aliases", [])]
    predicted = set().union(*(_content_words(n) for n in names)) if names else set()
    return any(_content_words(g) & predicted for g in gold["perpetrators"])


def predicted_day(event: dict) -> date | None:
    value = event["date"]
    if value.get("basis") in ("publication", "report") and value.get("end"):  # a window up to a report
        return date.fromisoformat(value["end"])
    return date.fromisoformat(value["start"]) if value.get("start") else None


def bcubed(groups: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1 of documents grouped by `groups` against `gold` (document -> cluster)."""
    precision = recall = 0.0
    for doc in groups:
        same = {d for d in groups if groups[d] == groups[doc]}
        truth = {d for d in groups if gold[d] == gold[doc]}
        precision += len(same & truth) / len(same)
        recall += len(same & truth) / len(truth)
    precision, recall = precision / len(groups), recall / len(groups)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def run(data: Path, quick: bool = False) -> list[Row] | str:
    path = data / "world-news" / "dev.jsonl"
    if not path.exists():
        return f"skipped: {path} not found"
    from eventledger import extract, to_json
    from eventledger.read import RawItem, parse_iso_date

    rows = load(path, 30 if quick else None)
    items = [RawItem(text=r["text"], origin=r["id"], id=r["id"], title=r.get("title"), url=r.get("url"),
                     published=parse_iso_date(r.get("published"))) for r in rows]
    ledger = to_json(extract(items))
    actors = {a["id"]: a for a in ledger["actors"]}
    main: dict[str, dict] = {}
    told: dict[str, list[dict]] = {}
    for event in ledger["events"]:
        for doc in event["documents"]:
            told.setdefault(doc, []).append(event)
            own = sum(1 for c in event["claims"] if c.startswith(f"{doc}:c"))
            if own and (doc not in main or own > main[doc][0]):
                main[doc] = (own, event)
    gold_of = {r["id"]: r for r in rows}
    members = {r["id"]: [m["id"] for m in rows if r.get("cluster") and m.get("cluster") == r["cluster"]] or [r["id"]]
               for r in rows}
    n = len(rows)
    news = [r for r in rows if not r["negative"]]
    out: list[Row] = []

    def any_gold(doc: str, test) -> bool:
        return any(test(gold_of[m]) for m in members[doc])

    for kind, field in COUNT_FIELDS.items():
        scored = [r for r in news if kind not in (r.get("vague") or [])]
        stated = [r for r in scored if r.get(field) not in (None, 0)]

        def ours(r: dict, kind: str = kind, field: str = field) -> bool:
            event = main.get(r["id"], (0, None))[1]
            summary = (event or {}).get("counts", {}).get(kind)
            return any_gold(r["id"], lambda g: count_right(summary["best"] if summary else None, g, field))

        def baseline(r: dict, field: str = field) -> bool:
            return count_right(first_number(r["text"]), r, field)

        for label, subset in (("every scored article", scored), ("articles stating a figure", stated)):
            if subset:
                target = "≥ 0.90 (issue 19)" if kind in ("killed", "injured") and label.startswith("articles") else ""
                out.append(Row("world news", f"{kind}: main event's best right ({label})",
                               round(sum(map(ours, subset)) / len(subset), 3),
                               round(sum(map(baseline, subset)) / len(subset), 3), "first number in the text",
                               SET, len(subset), target))

    dated = [r for r in news if r.get("date")]
    for label, tolerance in (("exact day", 0), ("within one day", 1)):
        def date_ok(r: dict, tolerance: int = tolerance) -> bool:
            event = main.get(r["id"], (0, None))[1]
            day = predicted_day(event) if event else None
            return day is not None and any_gold(r["id"], lambda g: g.get("date") and abs(
                (day - date.fromisoformat(g["date"])).days) <= tolerance)

        def publication_ok(r: dict, tolerance: int = tolerance) -> bool:
            published = parse_iso_date(r.get("published"))
            return published is not None and abs((published - date.fromisoformat(r["date"])).days) <= tolerance

        out.append(Row("world news", f"date: {label}", round(sum(map(date_ok, dated)) / len(dated), 3),
                       round(sum(map(publication_ok, dated)) / len(dated), 3), "publication date", SET, len(dated)))

    def location(r: dict) -> dict:
        event = main.get(r["id"], (0, None))[1]
        return event["location"] if event else {}

    for label, needs, test in (
            ("place (town, village or district)", "place", lambda r: any_gold(r["id"], lambda g: bool(
                g.get("place")) and place_right(location(r), g))),
            ("admin1", "admin1", lambda r: any_gold(r["id"], lambda g: bool(g.get("admin1")) and admin1_right(
                location(r), g))),
            ("country", "country", lambda r: any_gold(r["id"], lambda g: location(r).get("country") == g.get(
                "country"))),
            ("perpetrator", "perpetrators", lambda r: r["id"] in main and any_gold(
                r["id"], lambda g: bool(g.get("perpetrators")) and perpetrator_right(main[r["id"]][1], actors, g)))):
        subset = [r for r in news if r.get(needs)]
        if subset:
            out.append(Row("world news", label, round(sum(map(test, subset)) / len(subset), 3), "", "", SET,
                           len(subset)))

    negatives = [r for r in rows if r["negative"]]
    if negatives:
        def quiet(r: dict) -> bool:
            return not any(e["counts"].get(k, {}).get("best") for e in told.get(r["id"], []) for k in ("killed",
                                                                                                         "injured"))
        out.append(Row("world news", "negatives: no death or injury reported", round(
            sum(map(quiet, negatives)) / len(negatives), 3), "", "", SET, len(negatives)))
    gold_clusters = {r["id"]: r.get("cluster") or r["id"] for r in rows}
    ours_clusters = {r["id"]: main[r["id"]][1]["id"] if r["id"] in main else r["id"] for r in rows}
    out.append(Row("world news", "clusters: B-cubed F1", round(bcubed(ours_clusters, gold_clusters), 3),
                   round(bcubed({d: d for d in gold_clusters}, gold_clusters), 3), "every report alone", SET, n))
    return out

