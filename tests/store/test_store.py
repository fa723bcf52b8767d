"""The SQLite ledger: one transaction per document, idempotent ingest, export in the ledger JSON shape."""

from __future__ import annotations

import pytest

from eventledger.pipeline import process_item, text_item
from eventledger.store import LedgerStore, StoreError

ARTICLE = ("MOSUL, Iraq, June 10, 2014 - Islamic State militants killed 15 policemen in an attack on a checkpoint "
           "in Mosul on Monday, officials said.")


@pytest.fixture
def store(tmp_path) -> LedgerStore:
    return LedgerStore(tmp_path / "ledger.db")


def test_ingesting_the_same_document_twice_changes_nothing(store):
    result = process_item(text_item(ARTICLE))
    assert store.add(result).status == "added"
    before = store.counts()
    assert store.add(process_item(text_item(ARTICLE))).status == "unchanged"
    assert store.counts() == before
    assert before["documents"] == 1 and before["events"] == 1


def test_a_failed_write_leaves_nothing_half_written(store):
    result = process_item(text_item(ARTICLE, id="same-id"))
    store.add(result)
    other = process_item(text_item(ARTICLE + " More text.", id="same-id"))
    with pytest.raises(StoreError, match="already stored"):
        store.add(other)
    assert store.counts()["documents"] == 1
    assert store.counts()["claims"] == len(result.claims)


def test_export_has_the_ledger_json_shape(store):
    store.add(process_item(text_item(ARTICLE)))
    ledger = store.ledger_dict()
    assert set(ledger) == {"documents", "actors", "claims", "events", "mentions"}
    event = ledger["events"][0]
    assert event["counts"]["killed"]["best"] == 15
    assert {"id", "type", "date", "location", "participants", "counts", "claims", "documents"} <= set(event)
    claim_ids = {c["id"] for c in ledger["claims"]}
    assert set(event["claims"]) <= claim_ids


def test_unopenable_database_gives_a_one_line_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the ledger database"):
        LedgerStore(tmp_path / "no-such-dir" / "x.db")


def test_ingest_joins_new_reports_to_stored_incidents(tmp_path):
    from datetime import date

    from tests.reconcile.test_reconcile import INDEPENDENT, REPRINT, WIRE

    path = tmp_path / "ledger.db"
    day = date(2014, 3, 4)
    items = [text_item(WIRE, id="wire", published=day, url="https://apnews.com/kirkuk"),
             text_item(REPRINT, id="reprint", published=day, url="https://www.example-times.com/kirkuk"),
             text_item(INDEPENDENT, id="local", published=day, url="https://www.iraq-daily.example/kirkuk")]
    LedgerStore(path).add(process_item(items[0]))
    store = LedgerStore(path)  # a later run: tomorrow's articles join yesterday's events
    for item in items[1:]:
        store.add(process_item(item))
    kirkuk = [e for e in store.event_rows() if e["location"]["name"] == "Kirkuk"]
    assert len(kirkuk) == 1
    event = kirkuk[0]
    assert event["independent_sources"] == 2 and event["reports"] == 3
    assert event["counts"]["killed"]["disputed"] is True
    assert {v["value"] for v in event["counts"]["killed"]["values"]} == {23, 31}
    claims = store.claims_by_id(event["claims"])
    assert {c["event"] for c in claims.values()} == {event["id"]}
    before = store.counts()
    for item in items:
        assert store.add(process_item(item)).status == "unchanged"
    assert store.counts() == before


def test_one_documents_events_stay_apart_in_the_ledger(store):
    from pathlib import Path

    from eventledger.read import read_file

    example = Path(__file__).resolve().parents[2] / "examples" / "camp-ashraf-2019-10-19.txt"
    [item] = list(read_file(example))
    result = process_item(item)
    store.add(result)
    assert len(result.events) == 3  # the 2013 attack, the Camp Liberty shelling, the 1988 massacre
    assert store.counts()["events"] == 3
