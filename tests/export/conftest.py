"""A ledger built from real text (the reference article, the fixtures and two reports from the Central African
Republic written for these tests), and where the shared UCDP GED reference lies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from tests.conftest import EXAMPLE, FIXTURES, ROOT

CAR_REPORTS = Path(__file__).resolve().parent / "fixtures" / "car-reports.jsonl"
# The shared data beside the repository (the Makefile's DATA), or where EVENTLEDGER_DATA points.
DATA = Path(os.environ.get("EVENTLEDGER_DATA", ROOT.parent / "shared" / "data"))
GED_DIR = DATA / "ucdp-ged"

runner = CliRunner()


def ingest(db: Path, *paths: Path) -> str:
    result = runner.invoke(app, ["ingest", "--db", str(db), *map(str, paths)])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="package")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return ingest(tmp_path_factory.mktemp("exports") / "l.db", EXAMPLE, FIXTURES, CAR_REPORTS)


@pytest.fixture(scope="package")
def ledger(ledger_db: str) -> dict:
    """The same ledger as the ledger JSON, to count against."""
    result = runner.invoke(app, ["export", "--db", ledger_db])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="package")
def car_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return ingest(tmp_path_factory.mktemp("car") / "car.db", CAR_REPORTS)


def ged_reference() -> Path:
    """The 1,490 real GED 23.1 rows; the test is skipped where the shared data is absent."""
    path = GED_DIR / "ged231_car.csv"
    if not path.is_file():
        pytest.skip(f"UCDP GED reference not found at {path}")
    return path
