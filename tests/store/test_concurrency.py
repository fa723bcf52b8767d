"""Several ingests writing one SQLite ledger at once: no false failures, each document stored once, and the
ledger a sequential ingest in commit order would make (docs/storage.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from eventledger.store import LedgerStore

TOWNS = [("Kandahar", "Kandahar province"), ("Jalalabad", "Nangarhar province"), ("Ghazni", "Ghazni province"),
         ("Kunduz", "Kunduz province"), ("Herat", "Herat province")]
TELLINGS = [
    "{town}, Afghanistan ({day}) - Insurgents attacked a police checkpoint in {town}, {province}, on {weekday}, "
    "killing {killed} police officers and wounding {injured} others, the provincial governor's office said.",
    "Gunmen opened fire on a police post near {town} in {province} on {weekday}. {killed} officers were killed "
    "and {injured} were injured, a spokesman for the interior ministry said on {weekday}.",
]


def _articles(count: int) -> list[dict]:
    """Reports of distinct attacks, each told twice by different outlets (so incidents merge)."""
    out = []
    start = date(2013, 3, 4)
    for number in range(count):
        attack = number // 2
        town, province = TOWNS[attack % len(TOWNS)]
        day = start + timedelta(days=3 * attack)
        text = TELLINGS[number % 2].format(town=town, province=province, day=day.strftime("%b. %d"),
                                           weekday=day.strftime("%A"), killed=2 + attack % 7, injured=1 + attack % 4)
        out.append({"id": f"report-{number:03d}", "text": text, "published": day.isoformat(),
                    "url": f"https://outlet{number % 2}.example/{number}"})
    return out


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ingest(db: Path, *inputs: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventledger.cli", "ingest", "--no-parse", "--db", str(db),
                             *map(str, inputs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _ledger(db: Path) -> dict:
    """The ledger's documents, events and claims (what a user queries), comparable across databases."""
    ledger = LedgerStore(db).ledger_dict()
    for document in ledger["documents"]:
        document.pop("origin")  # the file and line it was read from
    return {name: sorted(ledger[name], key=lambda row: row["id"]) for name in ("documents", "events", "claims")}


def _commit_order(db: Path) -> list[str]:
    with create_engine(f"sqlite:///{db}").connect() as conn:
        return [row[0] for row in conn.execute(text("SELECT id FROM documents ORDER BY rowid"))]


def _run_together(db: Path, *inputs: Path) -> list[str]:
    writers = [_ingest(db, path) for path in inputs]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert " 0 failed" in err and "IntegrityError" not in err, err
    return [err for _out, err in outputs]


def test_two_ingests_of_the_same_input_at_once_fail_nothing_and_match_a_sequential_ingest(tmp_path):
    records = _articles(40)
    feed = _write(tmp_path / "feed.jsonl", records)
    together, alone = tmp_path / "together.db", tmp_path / "alone.db"
    summaries = _run_together(together, feed, feed)
    added = sum(int(summary.split(" added")[0].split()[-1]) for summary in summaries)
    assert added == len(records)  # each document stored by exactly one of the writers
    assert _commit_order(together) == [r["id"] for r in records]
    assert _ingest(alone, feed).wait(timeout=300) == 0
    assert _ledger(together) == _ledger(alone)


def test_two_ingests_of_overlapping_halves_store_each_document_once_in_commit_order(tmp_path):
    records = _articles(40)
    first = _write(tmp_path / "first.jsonl", records[:28])
    second = _write(tmp_path / "second.jsonl", records[12:])
    together = tmp_path / "together.db"
    _run_together(together, first, second)
    order = _commit_order(together)
    assert sorted(order) == sorted(r["id"] for r in records)  # all stored, none twice
    # the guarantee: the ledger is the one a sequential ingest of the documents in commit order makes
    by_id = {r["id"]: r for r in records}
    replay = tmp_path / "replay.db"
    assert _ingest(replay, _write(tmp_path / "replay.jsonl", [by_id[i] for i in order])).wait(timeout=300) == 0
    assert _ledger(together) == _ledger(replay)
