"""The command line end to end: extract, ingest (with failures), events, show, export."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from eventledger.cli import app
from tests.conftest import EXAMPLE, FIXTURES

runner = CliRunner()


def test_extract_prints_the_ledger_json():
    result = runner.invoke(app, ["extract", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    ledger = json.loads(result.stdout)
    assert ledger["documents"][0]["published"] == "2019-10-19"
    assert any(e["location"]["name"] == "Camp Ashraf" for e in ledger["events"])


def test_ingest_reports_failures_and_keeps_the_rest(tmp_path):
    db = tmp_path / "l.db"
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--db", str(db), str(FIXTURES), str(tmp_path / "empty.txt")])
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output and "1 failed" in result.output and "empty file" in result.output
    again = runner.invoke(app, ["ingest", "--db", str(db), str(FIXTURES)])
    assert "0 added, 4 unchanged" in again.output


def test_events_show_and_export(tmp_path):
    db = str(tmp_path / "l.db")
    runner.invoke(app, ["ingest", "--db", db, str(EXAMPLE)])
    table = runner.invoke(app, ["events", "--db", db, "--disputed"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Camp Ashraf" in table.output and "50-52" in table.output
    shown = runner.invoke(app, ["show", "e1", "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert "DISPUTED" in shown.output and "per PMOI/MEK → U.S. State Department (reads)" in shown.output
    exported = runner.invoke(app, ["export", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    ashraf = next(r for r in rows if r["place"] == "Camp Ashraf")
    assert (ashraf["killed_low"], ashraf["killed_high"], ashraf["disputed"]) == ("50", "52", "1")
    as_json = json.loads(runner.invoke(app, ["export", "--db", db]).stdout)
    assert len(as_json["events"]) == len(rows)


def test_unknown_event_and_bad_convention_are_clear_errors(tmp_path):
    db = str(tmp_path / "l.db")
    missing = runner.invoke(app, ["show", "nope", "--db", db])
    assert missing.exit_code == 1 and "no event 'nope'" in missing.output
    bad = runner.invoke(app, ["extract", "--convention", "ucdp", str(EXAMPLE)])
    assert bad.exit_code == 2 and "unknown counting convention" in bad.output


def test_ingest_with_two_workers_gives_the_same_ledger(tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert runner.invoke(app, ["ingest", "--db", one, str(FIXTURES)]).exit_code == 0
    assert runner.invoke(app, ["ingest", "--db", two, "--workers", "2", str(FIXTURES)]).exit_code == 0
    first = json.loads(runner.invoke(app, ["export", "--db", one]).stdout)
    second = json.loads(runner.invoke(app, ["export", "--db", two]).stdout)
    assert first["events"] == second["events"] and len(first["documents"]) == 4
