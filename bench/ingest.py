"""Incremental ingest at scale (gva/docs.jsonl): time per article when ingesting slices of 1,000, 2,000 and
5,069 articles into a fresh SQLite ledger (extraction with the rules only, `--no-parse`, so that the figure
shows the storing and merging), the time per article of each slice's last 500 (the marginal cost, which
must not grow with the ledger), and whether re-ingesting the slice changes anything.

Baseline, measured in the same run: extraction alone, without storing or merging.

For the largest slice, the ledger's size on disk per article (baseline: the articles' own text per article)
and the peak memory of exporting its ledger JSON (`eventledger export`, streamed row by row; baseline: the
whole ledger built in memory and dumped, as export did before issue 18), each export in its own process.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
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
            if size == max(sizes):
                rows += _storage_rows(Path(folder) / "ledger.db", items[:size])
    return rows


# What export cost before streaming: the whole ledger in memory, then dumped.
_WHOLE_EXPORT = ("import json, sys\nfrom eventledger.store import LedgerStore\n"
                 "with open(sys.argv[2], 'w', encoding='utf-8') as f:\n"
                 "    json.dump(LedgerStore(sys.argv[1]).ledger_dict(), f, ensure_ascii=False, indent=2)\n")
_STREAMED_EXPORT = ("import sys\nfrom eventledger.cli import app\n"
                    "try:\n    app(['export', '--db', sys.argv[1], '-o', sys.argv[2]])\nexcept SystemExit:\n    pass\n")
# The process's own high-water mark (VmHWM, KB): ru_maxrss would carry over the parent's from before exec.
_PEAK = ("\nimport re\nstatus = open('/proc/self/status').read()\n"
         "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n")


def _peak_mb(code: str, db: Path, out: Path) -> float:
    done = subprocess.run([sys.executable, "-c", code + _PEAK, str(db), str(out)], capture_output=True, text=True,
                          check=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def _storage_rows(db: Path, items: list) -> list[Row]:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    size, articles = db.stat().st_size, len(items)
    text_bytes = sum(len(item.text.encode("utf-8")) for item in items)
    total = sum(pages for _, pages in tables)
    largest = ", ".join(f"{name} {pages / total:.0%}" for name, pages in tables[:4])
    with tempfile.TemporaryDirectory() as folder:
        streamed = _peak_mb(_STREAMED_EXPORT, db, Path(folder) / "streamed.json")
        whole = _peak_mb(_WHOLE_EXPORT, db, Path(folder) / "whole.json")
        same = (Path(folder) / "streamed.json").read_bytes() == (Path(folder) / "whole.json").read_bytes() + b"\n"
    return [*export_rows(db, articles),
        Row("storage", f"ledger on disk, KB per article ({size / 1e6:.0f} MB in all; largest: {largest})",
            round(size / articles / 1000, 1), round(text_bytes / articles / 1000, 1),
            "the articles' text, KB per article", "gva/docs.jsonl", articles, "before issue 18: 173 MB in all"),
        Row("storage", f"export of the ledger JSON, peak memory MB (streamed; output identical: "
            f"{'yes' if same else 'NO'})", round(streamed), round(whole),
            "whole ledger in memory, then dumped", "gva/docs.jsonl", articles, "before issue 18: 546 MB"),
    ]


EXPORT_FORMATS = ("csv", "acled", "ucdp-ged", "plover", "geojson", "parquet")


def export_rows(db: Path, articles: int) -> list[Row]:
    """Seconds to export the ledger in each format (`eventledger export`, in process), against the ledger
    JSON's export of the same ledger."""
    from typer.testing import CliRunner

    from eventledger.cli import app

    runner = CliRunner()

    def seconds(fmt: str, out: Path) -> float:
        started = time.perf_counter()
        result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
        if result.exit_code != 0:
            raise RuntimeError(f"export --format {fmt}: {result.output}")
        return time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        baseline = seconds("json", Path(folder) / "ledger.json")
        return [Row("storage", f"export --format {fmt}, seconds for the whole ledger", round(seconds(fmt, Path(
            folder) / f"out-{fmt}"), 1), round(baseline, 1), "export --format json, seconds", "gva/docs.jsonl",
                    articles, "seconds (issue 25)") for fmt in EXPORT_FORMATS]
