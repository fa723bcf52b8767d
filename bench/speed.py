"""Throughput and memory: articles per second on one core and peak resident memory over gva/docs.jsonl,
and the start-up plus one article of `eventledger extract` (medians of several runs).
Baselines: reading and normalising the same articles without extraction (the floor any pipeline pays); for the
start-up, Python importing spaCy and building blank English (the floor of any spaCy command)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Row

ROOT = Path(__file__).resolve().parent.parent


def _throughput(path: Path, limit: int, extract: bool, parse: bool = False) -> dict:
    code = f"""
import json, sys, time
from eventledger.read import read_jsonl
from eventledger.clean.normalize import normalize_text
from pathlib import Path
import itertools
items = list(itertools.islice((i for i in read_jsonl(Path({str(path)!r})) if hasattr(i, 'text')), {limit}))
extract = {extract}
if extract:
    from eventledger.pipeline import process_item, Settings
    settings = Settings(parse={parse})
    process_item(items[0], settings)
started = time.perf_counter()
for item in items:
    process_item(item, settings) if extract else normalize_text(item.text)
elapsed = time.perf_counter() - started
import resource
print(json.dumps({{"rate": len(items) / elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    one_core = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                            env=one_core)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(data: Path, quick: bool = False) -> list[Row] | str:
    path = data / "gva" / "docs.jsonl"
    if not path.exists():
        return f"skipped: {path} not found"
    limit = 40 if quick else 5069
    parse_limit = 20 if quick else 1000
    repeats = 1 if quick else 3
    parsed = [_throughput(path, parse_limit, True, parse=True) for _ in range(repeats)]
    rules = [_throughput(path, limit, True) for _ in range(repeats)]
    base = [_throughput(path, limit, False) for _ in range(repeats)]
    example = ROOT / "examples" / "camp-ashraf-2019-10-19.txt"
    cli = Path(sys.executable).parent / "eventledger"
    starts, floors = [], []
    for _ in range(1 if quick else 9):  # interleaved, so both see the same machine noise
        started = time.perf_counter()
        subprocess.run([str(cli), "extract", str(example)], capture_output=True, check=True)
        starts.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import spacy; spacy.blank('en')"], capture_output=True, check=True)
        floors.append(time.perf_counter() - started)
    return [
        Row("speed", "articles per second, one core (median; default, with the parser)",
            round(statistics.median(r["rate"] for r in parsed), 1),
            round(statistics.median(r["rate"] for r in base), 1), "read + normalise only", "gva/docs.jsonl",
            parse_limit, "≥ 15 (issue 4)"),
        Row("speed", "articles per second, one core, rules only --no-parse (median)",
            round(statistics.median(r["rate"] for r in rules), 1),
            round(statistics.median(r["rate"] for r in base), 1), "read + normalise only", "gva/docs.jsonl", limit),
        Row("speed", "peak resident memory, MB (default)", round(max(r["rss_mb"] for r in parsed), 1),
            round(max(r["rss_mb"] for r in base), 1), "read + normalise only", "gva/docs.jsonl", limit, ""),
        Row("speed", "`eventledger extract` one article incl. start-up, s (median)",
            round(statistics.median(starts), 2), round(statistics.median(floors), 2),
            "python start-up + import spacy + blank English", "examples/camp-ashraf", 1, "< 2 s"),
    ]
