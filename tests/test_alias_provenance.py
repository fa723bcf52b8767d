"""An alias a document teaches holds in that document; the ledger takes it only when independent sources agree."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventledger import extract, text_item
from eventledger.cli import app

TEACHES = ("KABUL, Afghanistan - An Afghan and coalition security force detained a Gulbuddin/Taliban leader "
           "in Kunar province on Tuesday. The Gulbuddin/Taliban leader is believed to have planned attacks on "
           "Afghan forces, and Gulbuddin fighters fired on the force during the operation.")
NAMES_ONLY = ("KABUL, Afghanistan - Taliban fighters attacked a police checkpoint in Helmand province on Monday, "
              "killing two policemen, provincial officials said. The Taliban claimed the attack.")


def _taliban(ledger):
    return next(a for a in ledger.actors if a.id == "taliban")


def test_a_slash_form_stays_with_the_document_that_taught_it():
    ledger = extract([text_item(TEACHES, id="teacher", url="https://outlet-a.example/1"),
                      text_item(NAMES_ONLY, id="plain", url="https://outlet-b.example/2")])
    taliban = _taliban(ledger)
    assert not {"Gulbuddin", "Gulbuddin/Taliban"} & set(taliban.aliases)
    taught = {(e.alias, e.document, e.how) for e in taliban.learned}
    assert ("Gulbuddin/Taliban", "teacher", "slash") in taught
    assert all(document == "teacher" for _, document, _ in taught)
    # the plain report's Taliban is the dictionary's: nothing the other report taught
    plain = extract([text_item(NAMES_ONLY, id="plain")])
    assert _taliban(plain).learned == () and "Gulbuddin" not in _taliban(plain).aliases


def test_a_name_becomes_an_alias_when_two_independent_sources_teach_it():
    other = TEACHES.replace("Kunar", "Kapisa").replace("Tuesday", "Thursday")
    same_outlet = extract([text_item(TEACHES, id="a1", url="https://outlet-a.example/1"),
                           text_item(other, id="a2", url="https://outlet-a.example/2")])
    assert "Gulbuddin/Taliban" not in _taliban(same_outlet).aliases  # one outlet twice is one source
    two_outlets = extract([text_item(TEACHES, id="a1", url="https://outlet-a.example/1"),
                           text_item(other, id="b1", url="https://outlet-b.example/1")])
    taliban = _taliban(two_outlets)
    assert "Gulbuddin/Taliban" in taliban.aliases
    assert {e.document for e in taliban.learned if e.alias == "Gulbuddin/Taliban"} == {"a1", "b1"}


def test_export_and_show_say_which_document_taught_a_name(tmp_path):
    runner = CliRunner()
    teacher, plain = tmp_path / "teacher.txt", tmp_path / "plain.txt"
    teacher.write_text(TEACHES, encoding="utf-8")
    plain.write_text(NAMES_ONLY, encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    assert runner.invoke(app, ["ingest", "--db", db, str(teacher), str(plain)]).exit_code == 0
    exported = json.loads(runner.invoke(app, ["export", "--db", db]).stdout)
    taliban = next(a for a in exported["actors"] if a["id"] == "taliban")
    assert "Gulbuddin/Taliban" not in taliban["aliases"]
    teacher_id = next(d["id"] for d in exported["documents"] if d["origin"].endswith("teacher.txt"))
    assert {"alias": "Gulbuddin/Taliban", "document": teacher_id, "how": "slash"} in taliban["learned_aliases"]
    event = next(e for e in exported["events"] if any(p["actor"] == "taliban" for p in e["participants"])
                 and teacher_id in e["documents"])
    shown = runner.invoke(app, ["show", "--db", db, event["id"]]).stdout
    assert f"Gulbuddin/Taliban (in {teacher_id}, slash)" in shown
