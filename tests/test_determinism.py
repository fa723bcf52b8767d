"""The same inputs give the same ledger whatever the hash seed (set order) and the order of the inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import EXAMPLE, FIXTURES

# A town-like name the gazetteer lacks, inside a longer one (`Drexel`, `Drexel Hahnemann`): two mentions start
# at the same offset, and which came first once depended on the order of a set.
NESTED_NAMES = """PHILADELPHIA - A gunman opened fire on a patrol car in West Philadelphia late Friday, wounding a \
Drexel officer and three passers-by before he was shot dead, police said.

The officer, who joined Drexel's force two years ago, was in stable condition Saturday at Drexel Hahnemann Medical \
Center.

One of the passers-by, a 25-year-old woman, died at Drexel Hahnemann at 2:10 a.m. Saturday. The two others were in \
stable condition at Drexel Hahnemann, police said.

"We believe this man acted alone," the commissioner said outside Drexel Hahnemann.

In an alley at 34th and Chestnut, the Drexel police officer confronted the gunman and fired, killing him, police \
said. The Drexel officer, shot in his left leg, was wounded in that exchange.
"""
# Seeds under which a set of those two names iterates in each of its two orders (found by trying seeds 0-15).
SEEDS = ("0", "7", "8", "13")


def _under_seed(seed: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    return done.stdout


def test_place_mentions_do_not_depend_on_the_hash_seed():
    code = ("import sys\nfrom eventledger.extract.places import find_places, load_gazetteer\n"
            "print([(p.start, p.end, p.place.kind) for p in find_places(sys.stdin.read(), load_gazetteer())])")
    found = {_under_seed(seed, "-c", code, stdin=NESTED_NAMES) for seed in SEEDS}
    assert len(found) == 1, found


def _comparable(ledger_json: str) -> dict:
    ledger = json.loads(ledger_json)
    for document in ledger["documents"]:
        document.pop("origin")  # the path it was read from
    return {name: sorted(json.dumps(row, sort_keys=True) for row in rows) for name, rows in ledger.items()}


def test_the_ledger_does_not_depend_on_the_hash_seed_or_the_order_of_the_inputs(tmp_path):
    story = tmp_path / "nested.txt"
    story.write_text(NESTED_NAMES, encoding="utf-8")
    inputs = [str(story), str(EXAMPLE), *sorted(str(p) for p in FIXTURES.iterdir())]
    extract = ["-m", "eventledger.cli", "extract", "--indent", "0"]
    ledgers = [_comparable(_under_seed(seed, *extract, *inputs)) for seed in SEEDS[:2]]
    ledgers.append(_comparable(_under_seed(SEEDS[2], *extract, *reversed(inputs))))
    assert all(ledger == ledgers[0] for ledger in ledgers[1:])
    assert len(ledgers[0]["documents"]) >= 5
