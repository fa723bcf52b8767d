"""Shared fixtures: the ledger of the bundled reference article, built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventledger import extract, to_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "camp-ashraf-2019-10-19.txt"
EXPECTED = ROOT / "examples" / "camp-ashraf-2019-10-19.expected.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def example_ledger() -> dict:
    return to_json(extract([EXAMPLE]))


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))
