"""Incremental ingest at scale (gva/docs.jsonl): time per article when ingesting slices of 1,000, 2,000 and
5,069 articles into a fresh SQLite ledger (extraction with the rules only, `--no-parse`, so that the figure
shows the storing and merging), the time per article of each slice's last 500 (the marginal cost, which
must not grow with the ledger), and whether re-ingesting the slice changes anything.

Baseline, measured in the same run: extraction alone, without storing or merging.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from pathlib import Path

from bench.common import Row


def run(data: Path, quick: bool = False) -> list[Row] | str:
    path = data / "gva" / "docs.jsonl"
    if not path.exists():
        return f"skipped: {path} not found"
    from eventledger.pipeline import Settings, process_item
    from eventledger.read import read_jsonl
    from eventledger.store import LedgerStore

    settings = Settings(parse=False)
    sizes = (60, 120) if quick else (1000, 2000, 5069)
    items = [i for i in itertools.islice(read_jsonl(path), max(sizes)) if hasattr(i, "text")]
    results = [process_item(item, settings) for item in items[:max(sizes)]]
    started = time.perf_counter()
    for item in items[:sizes[0]]:
        process_item(item, settings)
    extract_only = (time.perf_counter() - started) / sizes[0] * 1000
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            store = LedgerStore(Path(folder) / "ledger.db")
            tail = max(1, min(500, size // 4))
            started = time.perf_counter()
            for index, result in enumerate(results[:size]):
                if index == size - tail:
                    tail_started = time.perf_counter()
                store.add(result)
            elapsed = time.perf_counter() - started
            tail_ms = (time.perf_counter() - tail_started) / tail * 1000
            before = store.counts()
            for result in results[:size]:
                store.add(result)
            unchanged = store.counts() == before
            rows.append(Row("ingest", f"{size} articles: ms per article stored and merged (last {tail})",
                            f"{elapsed / size * 1000:.1f} ({tail_ms:.1f})", round(extract_only, 1),
                            "extraction alone, ms per article", "gva/docs.jsonl", size,
                            "roughly constant (issue 6)"))
            rows.append(Row("ingest", f"{size} articles: incidents; re-ingest changes nothing",
                            f"{before['events']}; {'yes' if unchanged else 'NO'}", "", "", "gva/docs.jsonl", size))
    return rows
