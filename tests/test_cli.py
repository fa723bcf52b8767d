"""The command line end to end: extract, ingest (progress, failures, Ctrl-C), events (table, tsv, csv, json),
show, export, and the errors a person meets (missing database, ambiguous id, bad options)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventledger
from eventledger import cli
from eventledger.cli import app
from eventledger.extract.events import event_types
from eventledger.store import LedgerStore
from tests.conftest import EXAMPLE, FIXTURES

runner = CliRunner()


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The reference article and the fixtures in one ledger: several documents each have an `e1`."""
    db = str(tmp_path_factory.mktemp("ledger") / "l.db")
    result = runner.invoke(app, ["ingest", "--db", db, str(EXAMPLE), str(FIXTURES)])
    assert result.exit_code == 0, result.output
    return db


def _exported(db: str) -> dict:
    return json.loads(runner.invoke(app, ["export", "--db", db]).stdout)


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


def test_unknown_event_and_bad_convention_are_clear_errors(ledger_db):
    missing = runner.invoke(app, ["show", "nope", "--db", ledger_db])
    assert missing.exit_code == 1 and "no event 'nope'" in missing.output
    bad = runner.invoke(app, ["extract", "--convention", "ucdp", str(EXAMPLE)])
    assert bad.exit_code == 2 and "unknown counting convention" in bad.output


def test_ingest_with_two_workers_gives_the_same_ledger(tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert runner.invoke(app, ["ingest", "--db", one, str(FIXTURES)]).exit_code == 0
    assert runner.invoke(app, ["ingest", "--db", two, "--workers", "2", str(FIXTURES)]).exit_code == 0
    first, second = _exported(one), _exported(two)
    assert first["events"] == second["events"] and len(first["documents"]) == 4


# 1. events: a table that fits the terminal; plain lines when piped; csv and json on request

def test_events_table_fits_80_columns_one_line_per_event(ledger_db):
    count = len(_exported(ledger_db)["events"])
    result = runner.invoke(app, ["events", "--db", ledger_db, "--format", "table"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines), result.output
    rows = [line for line in lines if re.match(r"^(…|doc-|wire-)\S*:e\d+\s", line)]
    assert len(rows) == count  # one line per event: no cell folded onto a second line
    assert "Camp Ashraf, IQ" in result.output and "50-52 (best 50) !" in result.output  # whole words
    assert "2013-09-01" in result.output
    assert "not shown: perpetrators" in result.output  # what gave way is said, and how to see it
    # the shortened id is the ending `show` takes
    ashraf = next(line for line in rows if "Camp Ashraf" in line).split()[0]
    assert ashraf.startswith("…")
    shown = runner.invoke(app, ["show", ashraf, "--db", ledger_db])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("doc-") and ":e1: attack" in shown.output.splitlines()[0]


def test_events_wide_table_shows_full_ids_and_cuts_long_names_with_an_ellipsis(ledger_db):
    result = runner.invoke(app, ["events", "--db", ledger_db, "-f", "table"], env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 150 for line in result.output.splitlines())
    ids = [e["id"] for e in _exported(ledger_db)["events"]]
    assert all(event_id in result.output for event_id in ids)
    assert "Kata'ib Hez" in result.output and "…" in result.output  # cut at the column's end, not folded


def test_events_off_a_terminal_are_tab_separated_lines(ledger_db):
    ledger = _exported(ledger_db)
    result = runner.invoke(app, ["events", "--db", ledger_db])  # CliRunner's stdout is not a terminal
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["id", "type", "date", "place", "perpetrators", "victims", "killed", "injured",
                                    "abducted", "arrested"]
    assert len(lines) == 1 + len(ledger["events"]) and all(line.count("\t") == 9 for line in lines)
    ashraf = next(line.split("\t") for line in lines if "Camp Ashraf" in line)
    assert ashraf[1:4] == ["attack", "2013-09-01", "Camp Ashraf, IQ"] and ashraf[6] == "50-52 (best 50) !"
    assert ashraf[4].startswith("Kata'ib Hezballah, Asa'ib Ahl al-Haq")  # nothing cut


def test_events_as_csv_and_json(ledger_db):
    ledger = _exported(ledger_db)
    as_csv = runner.invoke(app, ["events", "--db", ledger_db, "--format", "csv", "--disputed"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    exported = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--db", ledger_db, "-f", "csv"]).stdout)))
    assert rows and all(r["disputed"] == "1" for r in rows)
    assert rows == [r for r in exported if r["disputed"] == "1"]  # the export's columns, filtered
    as_json = json.loads(runner.invoke(app, ["events", "--db", ledger_db, "--format", "json"]).stdout)
    assert sorted(e["id"] for e in as_json) == sorted(e["id"] for e in ledger["events"])


def test_table_layout_and_id_endings():
    columns = [cli._Column(name, cells) for name, cells in (
        ("id", ["doc-0a602eedd9ad:e1"]), ("type", ["attack"]), ("date", ["2013-09-01"]),
        ("place", ["Camp Ashraf, IQ"]), ("perpetrators", ["Kata'ib Hezballah, Asa'ib Ahl al-Haq, Quds Force"]),
        ("victims", ["Mujahedeen-e Khalq"]), ("killed", ["50-52 (best 50) !"]), ("injured", [""]),
        ("abducted", ["7"]), ("arrested", [""]))]
    kept, widths, dropped = cli._fit_columns(columns, 80, lambda: ["…ad:e1"])
    assert sum(widths.values()) + cli.COLUMN_GAP * (len(kept) - 1) <= 80
    assert dropped[:1] == ["injured"] or "injured" in dropped  # an empty column goes before a full one
    assert [c.name for c in kept][:4] == ["id", "type", "date", "place"] and widths["date"] == len("2013-09-01")
    endings = cli._unique_endings(["doc-aa:e1", "doc-ba:e1", "x:e2"], ["doc-aa:e1", "doc-ba:e1", "x:e2", "y:e3"])
    assert endings == {"doc-aa:e1": "aa:e1", "doc-ba:e1": "ba:e1", "x:e2": ":e2"}
    assert [cli._when(d) for d in ({"start": "1988-01-01", "end": "1988-12-31", "precision": "year"},
                                   {"start": "2012-12-01", "end": "2012-12-31", "precision": "month"},
                                   {"start": "2015-10-01", "end": "2017-09-30", "precision": "range"},
                                   {"start": None, "end": "2019-02-12", "precision": "range"},
                                   {"start": None, "end": None, "precision": "unknown"})] == \
        ["1988", "2012-12", "2015-10..2017-09", "..2019-02-12", ""]


# 2. show: only what is known

def test_show_never_prints_none(ledger_db):
    for event in _exported(ledger_db)["events"]:
        shown = runner.invoke(app, ["show", event["id"], "--db", ledger_db])
        assert shown.exit_code == 0, shown.output
        assert "None" not in shown.output, shown.output
        place = next(line for line in shown.output.splitlines() if line.startswith("  place: "))
        assert ("lat" in place) == (event["location"]["lat"] is not None)
    assert cli._place_line({"name": None, "city": None, "admin1": None, "country": None, "lat": None, "lon": None,
                            "precision": "unknown", "basis": "event"}) == "unknown"
    assert cli._date_line({"start": None, "end": None, "precision": "unknown", "text": None}) == "unknown"
    assert cli._date_line({"start": None, "end": "2019-02-12", "precision": "range", "text": "Tuesday"}) == \
        'on or before 2019-02-12 (range) from "Tuesday"'
    assert cli._date_line({"start": "2013-09-01", "end": "2013-09-01", "precision": "day",
                           "text": "September 1, 2013"}) == '2013-09-01 (day) from "September 1, 2013"'


# 3. show: an ending several events share is refused; an exact id always wins

def test_show_refuses_an_ambiguous_ending(ledger_db, monkeypatch):
    ids = sorted(e["id"] for e in _exported(ledger_db)["events"] if e["id"].endswith("e1"))
    assert len(ids) > 2
    result = runner.invoke(app, ["show", "e1", "--db", ledger_db])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error: 'e1' is ambiguous")
    assert f"{len(ids)} events end with it: {', '.join(ids)}" in result.output
    monkeypatch.setattr(cli, "MAX_CANDIDATES", 2)
    capped = runner.invoke(app, ["show", "e1", "--db", ledger_db])
    assert f"{', '.join(ids[:2])}, … ({len(ids) - 2} more)" in capped.output
    assert runner.invoke(app, ["show", ids[0], "--db", ledger_db]).output.startswith(f"{ids[0]}: ")


def test_an_exact_id_wins_over_longer_ids_with_the_same_ending(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [json.loads(line) for line in (FIXTURES / "feed.jsonl").read_text(encoding="utf-8").splitlines()]
    feed.write_text("".join(json.dumps({**record, "id": new_id}) + "\n"  # two stories, two events
                            for record, new_id in zip(records, ("a", "xa"), strict=True)), encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert runner.invoke(app, ["ingest", "--no-parse", "--db", db, str(feed)]).exit_code == 0
    assert LedgerStore(db).event_ids_matching("a:e1") == (["a:e1"], 1)
    assert LedgerStore(db).event_ids_matching("e1", limit=1) == (["a:e1"], 2)
    shown = runner.invoke(app, ["show", "a:e1", "--db", db])
    assert shown.exit_code == 0 and shown.output.startswith("a:e1: ")
    assert runner.invoke(app, ["show", "e1", "--db", db]).exit_code == 1


# 4. read commands refuse a database that does not exist

@pytest.mark.parametrize("command", [["events"], ["show", "e1"], ["export"], ["export", "-f", "csv"]])
def test_read_commands_refuse_a_missing_database(tmp_path, command):
    for db in (tmp_path / "missing.db", f"sqlite:///{tmp_path / 'missing.db'}"):
        result = runner.invoke(app, [*command, "--db", str(db)])
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "does not exist" in result.output
        assert not (tmp_path / "missing.db").exists()  # no empty ledger left behind


def test_ingest_still_creates_a_new_database(tmp_path):
    db = tmp_path / "new.db"
    assert runner.invoke(app, ["ingest", "--db", f"sqlite:///{db}", str(EXAMPLE)]).exit_code == 0
    assert db.exists() and runner.invoke(app, ["events", "--db", f"sqlite:///{db}"]).exit_code == 0


# 5. options are checked before anything is done

def test_limit_and_type_are_checked(ledger_db):
    for bad in ("0", "-1"):
        result = runner.invoke(app, ["events", "--db", ledger_db, "--limit", bad])
        assert result.exit_code == 2 and "--limit" in result.output
    one = runner.invoke(app, ["events", "--db", ledger_db, "--limit", "1"])
    assert one.exit_code == 0 and len(one.stdout.splitlines()) == 2  # header and one event
    wrong = runner.invoke(app, ["events", "--db", ledger_db, "--type", "foo"])
    assert wrong.exit_code == 2 and "'foo' is not one of" in wrong.output
    flat = " ".join(wrong.output.split()).replace("│ │", "")
    assert all(name in flat for name in event_types().rank)
    attacks = runner.invoke(app, ["events", "--db", ledger_db, "--type", "attack", "-f", "json"])
    assert attacks.exit_code == 0 and {e["type"] for e in json.loads(attacks.stdout)} == {"attack"}


def test_export_checks_the_format_before_touching_the_file(ledger_db, tmp_path):
    target = tmp_path / "f.xml"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", ledger_db, "--format", "xml", "-o", str(target)])
    assert result.exit_code == 2 and "'xml' is not one of" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    fresh = tmp_path / "new.xml"
    assert runner.invoke(app, ["export", "--db", ledger_db, "--format", "xml", "-o", str(fresh)]).exit_code == 2
    assert not fresh.exists()
    nowhere = tmp_path / "nodir" / "x.csv"
    failed = runner.invoke(app, ["export", "--db", ledger_db, "-f", "csv", "-o", str(nowhere)])
    assert failed.exit_code == 1 and "Traceback" not in failed.output
    assert failed.output == f"error: cannot write {nowhere}: No such file or directory\n"
    written = tmp_path / "ok.csv"
    assert runner.invoke(app, ["export", "--db", ledger_db, "-f", "csv", "-o", str(written)]).exit_code == 0
    assert written.read_text(encoding="utf-8").startswith("id,type,date_start")


# 6. --version and -h

def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output == f"eventledger {eventledger.__version__}\n"
    assert runner.invoke(app, ["-h"]).exit_code == 0
    short = runner.invoke(app, ["events", "-h"])
    assert short.exit_code == 0 and "Usage" in short.output and "--format" in short.output


# 7. an unexpected error is one line unless --debug

def test_unexpected_errors_are_one_line_unless_debug(ledger_db, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("disk on fire\nsecond line of detail")

    monkeypatch.setattr(LedgerStore, "event_rows", broken)
    result = runner.invoke(app, ["events", "--db", ledger_db])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: RuntimeError: disk on fire") and result.output.count("\n") == 1
    debug = runner.invoke(app, ["--debug", "events", "--db", ledger_db])
    assert isinstance(debug.exception, RuntimeError) and str(debug.exception).startswith("disk on fire")


# 8. ingest: progress with a total, rate and ETA; Ctrl-C keeps what was stored

def test_the_total_is_counted_without_reading_the_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "a"}\n\n{"text": "b"}\nnot json\n', encoding="utf-8")
    # 3 records (a blank line is none), the reference article, the 4 fixture documents, one missing input
    assert cli._count_documents([str(feed), str(EXAMPLE), str(FIXTURES), str(tmp_path / "gone.txt")]) == 9


def test_ingest_off_a_terminal_prints_periodic_progress_lines(tmp_path):
    db = str(tmp_path / "l.db")
    result = runner.invoke(app, ["ingest", "--db", db, str(FIXTURES)], env={cli.PROGRESS_INTERVAL_ENV: "0"})
    assert result.exit_code == 0, result.output
    lines = re.findall(r"^ingest: (\d+)/4 documents, \d+\.\d/s, ETA (\S+)$", result.output, re.M)
    assert [int(n) for n, _ in lines] == [1, 2, 3, 4] and lines[-1][1] == "0s"
    quiet = runner.invoke(app, ["ingest", "--db", db, str(FIXTURES)])  # default: every 30 s, so none here
    assert "ingest: " not in quiet.output and "0 added, 4 unchanged" in quiet.output


def test_ingest_progress_bar_shows_total_and_current_file(tmp_path, monkeypatch):
    stderr = io.StringIO()
    real = cli.Console

    def console(**kwargs):  # stderr as a terminal, so the live bar is drawn
        return real(file=stderr, force_terminal=True, width=200) if kwargs.get("stderr") else real(**kwargs)

    monkeypatch.setattr(cli, "Console", console)
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "l.db"), str(FIXTURES)])
    assert result.exit_code == 0, result.output
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stderr.getvalue())
    assert "ingesting" in drawn and "/4" in drawn and "/s" in drawn and "ETA" in drawn
    for name in ("kabul-raid.txt", "news-page.html", "feed.jsonl:1"):
        assert name in drawn  # the current file, blank before


def test_ctrl_c_during_ingest_keeps_what_was_stored(tmp_path, monkeypatch):
    db = str(tmp_path / "l.db")
    real_add = LedgerStore.add
    calls = []

    def add_then_interrupt(self, result, policy="majority"):
        calls.append(result.document.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_add(self, result, policy)

    monkeypatch.setattr(LedgerStore, "add", add_then_interrupt)
    result = runner.invoke(app, ["ingest", "--db", db, str(FIXTURES)])
    assert result.exit_code == 130, result.output
    assert "1 added, 0 unchanged, 0 failed; ledger: 1 documents" in result.output
    assert "interrupted after 1/4 documents" in result.output
    monkeypatch.setattr(LedgerStore, "add", real_add)
    assert len(_exported(db)["documents"]) == 1
    again = runner.invoke(app, ["ingest", "--db", db, str(FIXTURES)])
    assert again.exit_code == 0 and "3 added, 1 unchanged" in again.output


def test_ctrl_c_while_extracting_stops_cleanly(tmp_path, monkeypatch):
    real = cli.process_items

    def interrupted(items, settings, workers=1):
        for n, result in enumerate(real(items, settings, workers=workers)):
            if n == 1:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(cli, "process_items", interrupted)
    db = str(tmp_path / "l.db")
    result = runner.invoke(app, ["ingest", "--db", db, str(EXAMPLE), str(FIXTURES)])
    assert result.exit_code == 130 and "interrupted" in result.output and "Traceback" not in result.output
    assert "1 added" in result.output and Path(db).exists()


def test_ingest_reports_new_versions_of_stored_documents(tmp_path, monkeypatch):
    from types import SimpleNamespace

    def updated(self, result, policy="majority"):
        return SimpleNamespace(document_id=result.document.id, status="updated", events=1, version=2,
                               change="claims 3 -> 4")

    monkeypatch.setattr(LedgerStore, "add", updated)
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "l.db"), str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "0 added, 4 updated, 0 unchanged, 0 failed" in result.output  # not counted as unchanged
    assert "  updated wire-1 (version 2): claims 3 -> 4" in result.output


def test_export_streams_the_ledger_json_and_never_leaves_a_half_written_file(ledger_db, tmp_path, monkeypatch):
    target = tmp_path / "ledger.json"
    assert runner.invoke(app, ["export", "--db", ledger_db, "-o", str(target)]).exit_code == 0
    whole = LedgerStore(ledger_db).ledger_dict()
    assert target.read_text(encoding="utf-8") == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"

    def broken(self):
        yield "documents", whole["documents"][0]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(LedgerStore, "export", broken)
    again = tmp_path / "again.json"
    result = runner.invoke(app, ["export", "--db", ledger_db, "-o", str(again)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert not again.exists() and not (tmp_path / "again.json.part").exists()
