"""Every export format, from a ledger built from real text, read back the way analysts' tools read it:
pandas against the real GED rows, shapely for GeoJSON, DuckDB for Parquet, and the formats' own field lists."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.export.vocab import priogrid_gid
from tests.export.conftest import GED_DIR, ged_reference

runner = CliRunner()

# ACLED's published columns, as the issue lists them.
ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                "fatalities", "tags", "timestamp"]
PLOVER_CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                     "DEMAND", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                     "ASSAULT"}


def _export(db: str, fmt: str, target: Path) -> Path:
    result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _nullable(dtype) -> str:
    """The nullable pandas type of a reference column's type: an empty cell of ours is missing, not a type
    change."""
    return {"i": "Int64", "f": "Float64", "b": "boolean"}.get(dtype.kind, "string")


def test_ged_csv_has_the_reference_header_and_its_columns_load_with_the_reference_dtypes(ledger_db, ledger,
                                                                                      tmp_path):
    pd = pytest.importorskip("pandas")
    reference = pd.read_csv(ged_reference())
    header = (GED_DIR / "ged231_columns.csv").read_text(encoding="utf-8").strip()
    path = _export(ledger_db, "ucdp-ged", tmp_path / "ged.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == header
    ours = pd.read_csv(path)
    lethal = [e for e in ledger["events"] if e["type"] != "arrest" and e["counts"].get("killed", {}).get("high")]
    assert len(ours) == len(lethal) >= 4
    # every cell parses as the reference column's type (empty cells are missing values)
    typed = pd.read_csv(path, dtype={c: _nullable(t) for c, t in reference.dtypes.items()
                                     if reference[c].notna().any()})
    checked = 0
    for column in reference.columns:
        if reference[column].isna().all():
            continue  # relid and gwnob are empty in the reference: no type to compare with
        if ours[column].notna().all():  # filled on every row: pandas reads it as the reference's type
            assert ours[column].dtype == reference[column].dtype, column
            checked += 1
        assert typed[column].notna().sum() == ours[column].notna().sum(), column
    assert checked >= 15
    for column in ("id", "number_of_sources", "event_clarity", "deaths_a", "deaths_b", "deaths_civilians",
                   "deaths_unknown", "best", "high", "low"):
        assert ours[column].dtype == reference[column].dtype == "int64", column
    assert (ours["best"] == ours[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)).all()
    assert (ours["low"] <= ours["best"]).all() and (ours["best"] <= ours["high"]).all()
    bambari = ours[ours["relid"] == "car-1:e1"].iloc[0]
    assert (bambari["low"], bambari["high"], bambari["deaths_civilians"]) == (12, 20, bambari["best"])
    assert (bambari["where_prec"], bambari["date_prec"], bambari["date_start"]) == (1, 1, "2021-02-15")
    assert bambari["side_b"] == "Civilians" and bambari["source_date"] == "2021-02-16"
    assert bambari["source_article"].startswith('"') and "Bambari" in bambari["source_headline"]
    ashraf = ours[ours["relid"] == "doc-0a602eedd9ad:e1"].iloc[0]
    assert (ashraf["low"], ashraf["best"], ashraf["high"]) == (50, 50, 52)


def test_ged_priogrid_cells_are_ucdp_own(tmp_path):
    """The grid cell is computed from the point: on every real GED row it is the cell UCDP coded."""
    rows = list(csv.DictReader(ged_reference().open(encoding="utf-8")))
    assert all(priogrid_gid(float(r["latitude"]), float(r["longitude"])) == int(r["priogrid_gid"]) for r in rows)


def test_geojson_is_a_valid_feature_collection_of_the_located_events(ledger_db, ledger, tmp_path):
    shapely_geometry = pytest.importorskip("shapely.geometry")
    data = json.loads(_export(ledger_db, "geojson", tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and isinstance(data["features"], list)
    located = {e["id"] for e in ledger["events"] if e["location"]["lat"] is not None}
    assert {f["id"] for f in data["features"]} == located and len(located) >= 5
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        point = shapely_geometry.shape(feature["geometry"])
        assert point.geom_type == "Point" and point.is_valid
        assert -180 <= point.x <= 180 and -90 <= point.y <= 90
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())  # flat, for GIS tables
    ashraf = next(f for f in data["features"] if f["id"] == "doc-0a602eedd9ad:e1")
    assert ashraf["geometry"]["coordinates"] == [44.8167, 33.9833]
    assert (ashraf["properties"]["killed_low"], ashraf["properties"]["killed_high"]) == (50, 52)


def test_parquet_reads_back_in_duckdb_and_pandas_with_the_ledgers_counts(ledger_db, ledger, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    out = _export(ledger_db, "parquet", tmp_path / "ledger-parquet")
    expected = {
        "events": len(ledger["events"]), "claims": len(ledger["claims"]), "documents": len(ledger["documents"]),
        "actors": len(ledger["actors"]),
        "participants": sum(len(e["participants"]) for e in ledger["events"]),
        "values": sum(len(c["values"]) for e in ledger["events"] for c in e["counts"].values()),
        "sources": sum(len(c["sources"]) for c in ledger["claims"]),
    }
    con = duckdb.connect()
    for table, count in expected.items():
        assert con.execute(f"select count(*) from '{out / table}.parquet'").fetchone()[0] == count, table
        assert len(pd.read_parquet(out / f"{table}.parquet")) == count, table
    # the tables join on their ids, and typed columns stay typed
    orphans = con.execute(f"select count(*) from '{out}/values.parquet' v left join '{out}/events.parquet' e "
                          "on v.event_id = e.id where e.id is null").fetchone()[0]
    assert orphans == 0
    killed = con.execute(f"select killed_low, killed_best, killed_high, date_start from '{out}/events.parquet' "
                         "where id = 'doc-0a602eedd9ad:e1'").fetchone()
    assert killed[:3] == (50, 50, 52) and str(killed[3]) == "2013-09-01"
    again = runner.invoke(app, ["export", "--db", ledger_db, "-f", "parquet", "-o", str(out)])
    assert again.exit_code == 0, again.output  # an earlier export is replaced
    refused = runner.invoke(app, ["export", "--db", ledger_db, "-f", "parquet", "-o", str(tmp_path)])
    assert refused.exit_code == 1 and "not an earlier Parquet export" in refused.output  # never deletes others'
    missing = runner.invoke(app, ["export", "--db", ledger_db, "-f", "parquet"])
    assert missing.exit_code == 2 and "--output DIR" in missing.output


def test_acled_csv_has_acleds_columns_and_the_conservative_toll(ledger_db, ledger, tmp_path):
    text = _export(ledger_db, "acled", tmp_path / "acled.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == ACLED_HEADER
    assert len(rows) == len(ledger["events"])
    by_id = {r["event_id_cnty"]: r for r in rows}
    ashraf = by_id["doc-0a602eedd9ad:e1"]
    assert ashraf["fatalities"] == "50"  # the lowest sourced figure, not the best (50) or the high (52)
    assert (ashraf["country"], ashraf["iso"], ashraf["geo_precision"]) == ("Iraq", "368", "1")
    assert ashraf["actor2"] == "Mujahedeen-e Khalq" and ashraf["actor1"]
    bambari = by_id["car-1:e1"]
    assert bambari["fatalities"] == "12" and bambari["civilian_targeting"] == "Civilian targeting"
    assert (bambari["event_type"], bambari["sub_event_type"]) == ("Violence against civilians", "Attack")
    arrest = by_id["doc-845f31adbba1:e1"]
    assert (arrest["disorder_type"], arrest["sub_event_type"], arrest["fatalities"]) == \
        ("Strategic developments", "Arrests", "0")
    assert all(r["region"] == r["tags"] == r["timestamp"] == r["source_scale"] == "" for r in rows)  # not known


def test_plover_records_have_the_fields_plover_requires(ledger_db, ledger, tmp_path):
    lines = _export(ledger_db, "plover", tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    dated = [e for e in ledger["events"] if e["date"]["start"]]
    assert len(records) == len(dated)
    for record in records:
        assert all(field in record for field in ("id", "date", "source", "event")), record
        assert isinstance(record["source"], list) and all("actor_text" in a for a in record["source"])
        assert record["event"] and set(record["event"]) <= PLOVER_CATEGORIES
        assert len(record["date"]) == 10 and record["date"][4] == "-"
    by_id = {r["id"]: r for r in records}
    assert (by_id["wire-1:e1"]["event"], by_id["wire-1:e1"]["mode"], by_id["wire-1:e1"]["dead"]) == \
        (["ASSAULT"], "explosives", 3)
    arrest = by_id["doc-845f31adbba1:e1"]
    assert (arrest["event"], arrest["mode"], arrest["arrested"]) == (["COERCE"], "arrest", 3)
    assert [a["actor_text"] for a in arrest["source"]] == ["coalition forces"]
    assert [a["actor_text"] for a in arrest["recipient"]] == ["Taliban"]
    assert by_id["doc-0a602eedd9ad:e3"]["context"] == ["historical"]


def test_json_and_csv_exports_are_unchanged(ledger_db, ledger):
    as_csv = runner.invoke(app, ["export", "--db", ledger_db, "-f", "csv"]).stdout
    assert as_csv.splitlines()[0].startswith("id,type,date_start,date_end,date_precision,place")
    assert len(list(csv.DictReader(io.StringIO(as_csv)))) == len(ledger["events"])
    assert set(ledger) == {"documents", "actors", "claims", "events", "mentions"}


def test_a_ledger_json_exports_as_its_database_does(example_ledger, tmp_path):
    """`LedgerView.from_ledger` (the JSON of `eventledger extract`) and a database give the same rows."""
    from eventledger.export import LedgerView, write_acled, write_ged, write_plover
    from eventledger.store import LedgerStore
    from tests.conftest import EXAMPLE
    from tests.export.conftest import ingest

    store = LedgerStore(ingest(tmp_path / "one.db", EXAMPLE))
    for write in (write_acled, write_ged, write_plover):
        from_json, from_db = io.StringIO(), io.StringIO()
        write(LedgerView.from_ledger(example_ledger), from_json)
        write(LedgerView.from_store(store), from_db)
        assert from_json.getvalue() == from_db.getvalue(), write.__name__
