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


def test_a_failed_write_leaves_nothing_half_written(store, monkeypatch):
    result = process_item(text_item(ARTICLE, id="first"))
    store.add(result)
    before = store.counts()

    def fail(self, incident_id):
        raise RuntimeError("disk full")

    import eventledger.store as storage

    monkeypatch.setattr(storage._StoredMerge, "rebuild", fail)
    with pytest.raises(RuntimeError, match="disk full"):  # after the document, claims and reports were written
        store.add(process_item(text_item(ARTICLE.replace("15 policemen", "16 policemen"), id="second")))
    assert store.counts() == before
    with pytest.raises(RuntimeError, match="disk full"):  # an update fails whole too: the old version stays
        store.add(process_item(text_item(ARTICLE.replace("15 policemen", "17 policemen"), id="first")))
    assert store.counts() == before and store.document_history("first") == []
    assert "15 policemen" in store.document_text("first")


REPORT_V1 = ("MAIDUGURI, Nigeria, March 4, 2019 - Gunmen killed five people in an attack on a market in Maiduguri "
             "on Monday, police said.")
REPORT_V2 = ("MAIDUGURI, Nigeria, March 4, 2019 - Gunmen killed nine people and wounded 12 others in an attack on a "
             "market in Maiduguri on Monday, police said, after four of the wounded died in hospital.")
OTHER_OUTLET = ("MAIDUGURI, Nigeria, March 5, 2019 - Five people were killed when gunmen attacked a market in "
                "Maiduguri on Monday, residents said.")


def test_a_new_version_of_an_article_replaces_its_claims_and_events_and_keeps_its_history(store):
    assert store.add(process_item(text_item(REPORT_V1, id="wire-1"))).status == "added"
    store.add(process_item(text_item(OTHER_OUTLET, id="paper-2")))
    [incident] = store.event_rows()
    assert sorted(incident["documents"]) == ["paper-2", "wire-1"]

    outcome = store.add(process_item(text_item(REPORT_V2, id="wire-1")))
    assert (outcome.status, outcome.version) == ("updated", 2)
    assert "main event killed 5 -> 9" in outcome.change and "main event injured - -> 12" in outcome.change
    assert store.counts()["documents"] == 2
    # the ledger holds the new version only: its claims, and the incident rebuilt with it
    ledger = store.ledger_dict()
    texts = [c["text"] for c in ledger["claims"] if c["document"] == "wire-1"]
    assert texts and all("five people" not in t for t in texts) and any("nine people" in t for t in texts)
    [incident] = store.event_rows()
    assert sorted(incident["documents"]) == ["paper-2", "wire-1"]
    assert sorted(v["value"] for v in incident["counts"]["killed"]["values"]) == [5, 9]
    assert incident["counts"]["killed"]["disputed"]
    claim_events = {c["event"] for c in ledger["claims"] if c["event"]}
    assert claim_events <= {e["id"] for e in ledger["events"]}  # no claim points at a vanished event
    # and the old version is kept: its text, claims and events as they were
    [old] = store.document_history("wire-1")
    assert old["version"] == 1 and old["text"].startswith("MAIDUGURI") and "five people" in old["text"]
    assert any("five people" in c["text"] for c in old["claims"])
    assert old["events"][0]["counts"]["killed"]["best"] == 5

    third = store.add(process_item(text_item(REPORT_V2 + " The market was closed on Tuesday.", id="wire-1")))
    assert (third.status, third.version) == ("updated", 3)
    assert [v["version"] for v in store.document_history("wire-1")] == [1, 2]


def test_an_article_without_an_id_is_updated_by_its_web_address(store):
    url = "https://news.example/maiduguri-attack"
    store.add(process_item(text_item(REPORT_V1, url=url)))
    outcome = store.add(process_item(text_item(REPORT_V2, url=url)))
    assert outcome.status == "updated" and store.counts()["documents"] == 1
    [incident] = store.event_rows()
    assert incident["counts"]["killed"]["best"] == 9


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


def test_a_schema_2_ledger_is_migrated_in_place_and_exports_the_same_ledger(tmp_path):
    import json
    import shutil
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    db = tmp_path / "old.db"
    shutil.copy(fixtures / "ledger-schema2.sqlite", db)  # written by eventledger with schema 2
    expected = json.loads((fixtures / "ledger-schema2.json").read_text(encoding="utf-8"))
    store = LedgerStore(db)
    assert store.ledger_dict() == expected
    with store.engine.connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar_one() == "3"
        assert "text" not in json.loads(conn.execute(text("SELECT data FROM claims LIMIT 1")).scalar_one())
    store.add(process_item(text_item(ARTICLE)))  # and it takes new documents
    assert LedgerStore(db).counts()["documents"] == len(expected["documents"]) + 1


def test_reading_an_older_version_again_changes_nothing(store):
    store.add(process_item(text_item(REPORT_V1, id="wire-1")))
    assert store.add(process_item(text_item(REPORT_V2, id="wire-1"))).status == "updated"
    before = store.ledger_dict()
    for text in (REPORT_V1, REPORT_V2, REPORT_V1):  # an older crawl of the page, then both again
        assert store.add(process_item(text_item(text, id="wire-1"))).status == "unchanged"
    assert store.ledger_dict() == before and len(store.document_history("wire-1")) == 1
    assert store.has_hash(process_item(text_item(REPORT_V1, id="wire-1")).document.content_hash)


def test_documents_with_their_own_ids_are_never_replaced_by_another_sharing_their_address(store):
    url = "https://news.example/latest"  # a feed's listing page, shared by its items
    store.add(process_item(text_item(REPORT_V1, id="item-1", url=url)))
    assert store.add(process_item(text_item(OTHER_OUTLET, id="item-2", url=url))).status == "added"
    assert store.counts()["documents"] == 2 and store.document_history("item-1") == []


def test_the_history_of_a_page_without_an_id_follows_it_across_versions(store):
    url = "https://news.example/maiduguri-attack"
    store.add(process_item(text_item(REPORT_V1, url=url)))
    second = store.add(process_item(text_item(REPORT_V2, url=url)))
    third = store.add(process_item(text_item(REPORT_V2 + " The market reopened on Friday.", url=url)))
    assert (second.version, third.version) == (2, 3)
    assert [v["version"] for v in store.document_history(third.document_id)] == [1, 2]
    assert store.counts()["documents"] == 1


def test_id_endings_are_matched_with_their_case(store):
    store.add(process_item(text_item(ARTICLE, id="wire-AD")))
    store.add(process_item(text_item(REPORT_V1, id="wire-ad")))  # another incident
    assert store.event_ids_matching("D:e1") == (["wire-AD:e1"], 1)
    assert store.event_ids_matching("d:e1") == (["wire-ad:e1"], 1)
    assert store.event("D:e1")["id"] == "wire-AD:e1" and store.event(":e1") is None  # ambiguous: none


def test_claims_round_trip_whatever_their_shape(store):
    from dataclasses import replace

    result = process_item(text_item(ARTICLE, id="shapes"))
    odd = [replace(result.claims[0], content=None), *result.claims[1:]]
    store.add(replace(result, claims=odd))
    exported = {c["id"]: c for c in store.ledger_dict()["claims"]}
    assert "content_start" not in exported[odd[0].id]
    from eventledger.ledger_json import claim_json

    assert [exported[c.id] for c in odd] == [claim_json(c) for c in odd]


def test_an_incident_a_new_version_leaves_keeps_only_the_blocks_of_its_other_reports(tmp_path):
    from sqlalchemy import text

    kabul = ("KABUL, Afghanistan, June 2, 2021 - A roadside bomb killed three soldiers in Kabul on Tuesday, "
             "officials said.")

    def blocks_of_paper(db) -> set:
        with db.engine.connect() as conn:
            incident = conn.execute(text("SELECT incident_id FROM reports WHERE document_id = 'paper-2'")).scalar_one()
            return set(conn.execute(text("SELECT family, week, country FROM blocks WHERE incident_id = :i"),
                                    {"i": incident}))

    named = REPORT_V1.replace("killed five people", "killed five people, among them the trader James Walker,")
    updated = LedgerStore(tmp_path / "updated.db")
    updated.add(process_item(text_item(named, id="wire-1")))
    updated.add(process_item(text_item(OTHER_OUTLET, id="paper-2")))
    updated.add(process_item(text_item(kabul, id="wire-1")))  # the page now tells another story
    fresh = LedgerStore(tmp_path / "fresh.db")
    fresh.add(process_item(text_item(OTHER_OUTLET, id="paper-2")))
    assert ("name:violence", "james walker", "*") not in blocks_of_paper(updated)  # only the old version named him
    assert blocks_of_paper(updated) == blocks_of_paper(fresh)


def test_a_values_relation_to_the_toll_is_stored_and_read_back(store):
    report = ("RAFAH, Gaza Strip, June 10, 2024 - Israeli strikes on Rafah killed at least 74 Palestinians on "
              "Monday, health officials said. Among the dead were 27 children and 22 women, a rights group said.")
    store.add(process_item(text_item(report, id="rafah")))
    (event,) = store.ledger_dict()["events"]
    killed = event["counts"]["killed"]
    assert killed["best"] == 74
    assert {(v["value"], v.get("relation", "total")) for v in killed["values"]} == {(74, "total"), (49, "part")}
    from eventledger.ledger_json import event_from_json, event_json

    assert event_json(event_from_json(event))["counts"] == event["counts"]
