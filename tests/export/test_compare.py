"""`eventledger compare`: the ledger of two Central African reports against a small GED and ACLED file written
here, against the 1,490 real GED rows, and against files that are not what they claim to be."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.export.ged import GED_COLUMNS
from tests.export.conftest import ged_reference

runner = CliRunner()
BAMBARI, BANGUI, BRIA = (5.765278, 20.674167), (4.366667, 18.583333), (6.54233, 21.98633)


def _write(path: Path, header: list[str] | tuple[str, ...], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _ged_row(event_id: int, day: str, point: tuple[float, float], low: int, best: int, high: int) -> dict:
    return {"id": event_id, "date_start": day, "date_end": day, "latitude": point[0], "longitude": point[1],
            "low": low, "best": best, "high": high, "country": "Central African Republic", "where_prec": 1}


def _compare(db: str, reference: Path, *options: str) -> dict:
    result = runner.invoke(app, ["compare", str(reference), "--db", db, "--format", "json", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_compare_with_a_ged_file_counts_matches_each_sides_own_events_and_toll_agreement(car_db, tmp_path):
    reference = _write(tmp_path / "ged.csv", GED_COLUMNS, [
        _ged_row(1, "2021-02-15", BAMBARI, 12, 12, 20),  # the Bambari attack: the ledger says 12 to 20
        _ged_row(2, "2021-03-03", BANGUI, 3, 3, 3),  # the Bangui killing, three dead
        _ged_row(3, "2021-02-20", BRIA, 4, 4, 4),  # nothing in the ledger
    ])
    report = _compare(car_db, reference)
    assert (report["reference_format"], report["matches"], report["ledger_only"], report["reference_only"]) == \
        ("UCDP GED", 2, 0, 1)
    assert report["fatalities"] == {"equal": 1, "within_range": 1, "differ": 0, "no_ledger_figure": 0}
    assert {(p["ledger_id"], p["reference_id"]) for p in report["pairs"]} == {("car-1:e1", "1"), ("car-2:e1", "2")}
    assert report["reference_only_ids"] == ["3"]
    # a day's window too narrow for a report dated a day off, a radius too small for another town's point
    shifted = _write(tmp_path / "shifted.csv", GED_COLUMNS, [_ged_row(2, "2021-03-05", BANGUI, 3, 3, 3)])
    assert _compare(car_db, shifted)["matches"] == 0
    assert _compare(car_db, shifted, "--days", "2")["matches"] == 1
    elsewhere = _write(tmp_path / "elsewhere.csv", GED_COLUMNS, [_ged_row(2, "2021-03-03", (4.7, 18.583333), 3,
                                                                            3, 3)])
    assert _compare(car_db, elsewhere)["matches"] == 0  # 37 km north of Bangui
    assert _compare(car_db, elsewhere, "--km", "40")["matches"] == 1
    text = runner.invoke(app, ["compare", str(reference), "--db", car_db])
    assert text.exit_code == 0 and "matches: 2" in text.output and "only in the reference: 1" in text.output


def test_compare_with_an_acled_file_needs_compatible_types(car_db, tmp_path):
    header = ["event_id_cnty", "event_date", "event_type", "country", "latitude", "longitude", "fatalities"]
    reference = _write(tmp_path / "acled.csv", header, [
        {"event_id_cnty": "CAF1", "event_date": "15 February 2021", "event_type": "Violence against civilians",
         "country": "Central African Republic", "latitude": BAMBARI[0], "longitude": BAMBARI[1], "fatalities": 12},
        {"event_id_cnty": "CAF2", "event_date": "2021-03-03", "event_type": "Violence against civilians",
         "country": "Central African Republic", "latitude": BANGUI[0], "longitude": BANGUI[1], "fatalities": 7},
        {"event_id_cnty": "CAF3", "event_date": "2021-03-03", "event_type": "Protests",
         "country": "Central African Republic", "latitude": BANGUI[0], "longitude": BANGUI[1], "fatalities": 0},
    ])
    report = _compare(car_db, reference)
    assert (report["reference_format"], report["matches"], report["ledger_only"], report["reference_only"]) == \
        ("ACLED", 2, 0, 1)
    # ACLED's fatalities are conservative: the ledger's lowest figure for Bambari, 12, is the same count
    assert report["fatalities"] == {"equal": 1, "within_range": 0, "differ": 1, "no_ledger_figure": 0}
    assert report["reference_only_ids"] == ["CAF3"]  # a protest is no ledger event type


def test_compare_on_the_real_ged_rows_finds_the_one_event_both_hold(car_db):
    report = _compare(car_db, ged_reference())
    assert (report["reference_events"], report["matches"], report["ledger_only"], report["reference_only"]) == \
        (1490, 1, 1, 1489)
    assert report["pairs"][0]["ledger_id"] == "car-1:e1" and report["pairs"][0]["reference_id"] == "410815"
    assert report["fatalities"]["within_range"] == 1  # GED: 12 (12-20); the ledger: 12-20
    assert report["ledger_only_ids"] == ["car-2:e1"]


@pytest.mark.parametrize(("content", "message"), [
    ("a,b\n1,2\n", "neither an ACLED file (no event_id_cnty"),
    ("", "is empty"),
    (",".join(GED_COLUMNS) + "\n" + ",".join("1" for _ in GED_COLUMNS) + "\n", "line 2: date_start '1' is not a date"),
    ("id,date_start,date_end,latitude,longitude,best,low,high\n7,2021-02-15,2021-02-15,north,20.6,1,1,1\n",
     "line 2: latitude 'north' is not a number"),
    ("id,date_start,date_end,latitude,longitude,best,low,high\n7,2021-02-15,2021-02-15,5.7,20.6,1,1,1,9\n",
     "line 2: 9 cells for 8 columns"),
    ("id,date_start,date_end,latitude,longitude,best,low,high\n7,2021-02-16,2021-02-15,5.7,20.6,1,1,1\n",
     "date_end 2021-02-15 is before date_start 2021-02-16"),
])
def test_a_malformed_reference_is_a_one_line_error(car_db, tmp_path, content, message):
    path = tmp_path / "ref.csv"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(path), "--db", car_db])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.output
    assert "Traceback" not in result.output


def test_a_reference_that_is_not_text_or_not_there_is_a_one_line_error(car_db, tmp_path):
    binary = tmp_path / "ref.csv"
    binary.write_bytes(b"id,date_start\n\xff\xfe\x00\x01")
    for path, message in ((binary, "is not UTF-8 text"), (tmp_path / "nope.csv", "does not exist")):
        result = runner.invoke(app, ["compare", str(path), "--db", car_db])
        assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
        assert message in result.output
