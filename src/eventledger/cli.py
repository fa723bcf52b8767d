"""The command line: parses arguments, calls the library, prints with rich.

Every command prints for a person first: tables fit the terminal, nothing says `None`, and an error is one
line (`error: ...`, exit 1) unless `--debug` asks for the traceback. docs/cli.md shows each command's output.
"""

from __future__ import annotations

import csv
import enum
import errno
import gzip
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from eventledger import __version__, to_json
from eventledger.extract.actors import DictionaryError
from eventledger.extract.events import event_types
from eventledger.model import DocumentResult
from eventledger.pipeline import ItemFailure, Settings, assemble, iter_items, process_item, process_items
from eventledger.read import (
    DEFAULT_MAX_CHARS,
    JSONL_SUFFIXES,
    RawItem,
    ReadFailure,
    content_hash,
    expand_paths,
    file_kind,
)

if TYPE_CHECKING:
    from eventledger.store import LedgerStore

# Seconds between the one-line progress messages of `ingest` when stderr is not a terminal (a log, CI);
# the environment variable overrides it (0: a line after every document).
PROGRESS_INTERVAL = 30.0
PROGRESS_INTERVAL_ENV = "EVENTLEDGER_PROGRESS_INTERVAL"
MAX_CANDIDATES = 10  # ids listed when an id ending is ambiguous
ELLIPSIS = "…"

out = Console()
err = Console(stderr=True, soft_wrap=True)


def _one_line(text: object) -> str:
    """The first line of a message: an error must fit one line of a log."""
    lines = str(text).strip().splitlines()
    return lines[0] if lines else ""


def _exception_line(exc: BaseException) -> str:
    """`Class: message` on one line; a database error as the driver's own (SQLAlchemy adds the statement and
    its parameters, which hold a whole article)."""
    inner = getattr(exc, "orig", None) or exc
    return f"{inner.__class__.__name__}: {_one_line(inner)}"


def _error(message: str) -> None:
    """Print `error: message` on stderr, never read as rich markup (file names and messages hold brackets)."""
    err.print(Text("error: ", style="red") + Text(message), soft_wrap=True)


class _Group(TyperGroup):
    """Runs the commands so that an unexpected exception is one line on stderr (exit 1), not a traceback;
    `--debug` lets it through."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt, EOFError):
            raise  # exits, usage errors and Ctrl-C are typer's to report
        except Exception as exc:
            if ctx.meta.get("eventledger.debug"):
                raise
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                raise  # `eventledger events | head`: click ends quietly
            _error(f"{exc.__class__.__name__}: {_one_line(exc)} (run with --debug for the traceback)")
            raise typer.Exit(1) from None


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Turn news reports of political violence into a sourced ledger of events.")


def _version(value: bool) -> None:
    if value:
        out.print(f"eventledger {__version__}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _main(ctx: typer.Context,
          version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", is_eager=True,
                                                callback=_version)] = False,
          debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error "
                                              "instead of one line.")] = False) -> None:
    """Turn news reports of political violence into a sourced ledger of events."""
    global out, err
    # Fresh consoles per run: each finds its own stream, width and terminal (tests swap the streams).
    out = Console()
    err = Console(stderr=True, soft_wrap=True)
    ctx.meta["eventledger.debug"] = debug


DbOption = Annotated[str, typer.Option("--db", help="Ledger database: a SQLite path or a SQLAlchemy URL.")]
ActorsOption = Annotated[list[Path], typer.Option("--actors", help="Extra actor dictionary (YAML or CSV); "
                                                   "repeatable.", exists=True, dir_okay=False)]
PlacesOption = Annotated[list[Path], typer.Option("--places", help="Extra places file (YAML); repeatable.",
                                                   exists=True, dir_okay=False)]
ConventionOption = Annotated[str, typer.Option("--convention", help="Counting convention for vague numbers: "
                                                "isaf or acled (data/conventions.toml).")]
MaxCharsOption = Annotated[int, typer.Option("--max-chars", help="Largest article accepted, in characters of "
                                             "text.", min=1)]
MaxBytesOption = Annotated[int | None, typer.Option("--max-bytes", hidden=True, help="Deprecated and ignored: "
                                                    "use --max-chars.")]
ParseOption = Annotated[bool, typer.Option("--parse/--no-parse", help="Read roles and speakers from the "
                                           "shipped dependency parser as well as the rules (default); --no-parse "
                                           "uses the rules alone (faster; see docs/architecture.md).")]


def _settings(actors: list[Path] | None, places: list[Path] | None, convention: str, max_chars: int,
              parse: bool = True, max_bytes: int | None = None) -> Settings:
    """Settings checked up front, so a bad dictionary or convention fails before any article is read."""
    if max_bytes is not None:  # scripts written for the old limit keep running, and are told
        err.print(Text("warning: --max-bytes is ignored: the limit is in characters now (--max-chars)",
                       style="yellow"))
    settings = Settings(actor_files=tuple(str(p) for p in actors or ()),
                        place_files=tuple(str(p) for p in places or ()), convention=convention,
                        max_chars=max_chars, parse=parse)
    try:
        from eventledger.extract.actors import default_matcher
        from eventledger.extract.counts import load_convention

        load_convention(convention)
        default_matcher(settings.actor_files)
    except (DictionaryError, ValueError) as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    return settings


def _sqlite_path(db: str) -> Path | None:
    """The file behind a --db value (a path or a sqlite:/// URL); None for other URLs and in-memory SQLite."""
    if "://" not in db:
        return Path(db)
    if db.startswith("sqlite:///"):
        path = db[len("sqlite:///"):].split("?", 1)[0]
        return Path(path) if path and path != ":memory:" else None
    return None


def _open_store(db: str, must_exist: bool = False) -> LedgerStore:
    """The ledger database; a read command (`must_exist`) refuses a missing file rather than create an empty
    ledger and report `0 events` as if that were the answer."""
    path = _sqlite_path(db)
    if must_exist and path is not None and not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        _error(f"no ledger database: {path} {what} (create one with `eventledger ingest --db {db} ...`)")
        raise typer.Exit(1)
    # Imported here: SQLAlchemy costs a tenth of a second of start-up that `extract` never needs.
    from eventledger.store import LedgerStore, StoreError

    try:
        return LedgerStore(db)
    except StoreError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None


@app.command()
def extract(paths: Annotated[list[str], typer.Argument(help="Files, directories or globs: .txt, .html, .jsonl")],
            actors: ActorsOption = None, places: PlacesOption = None, convention: ConventionOption = "isaf",
            max_chars: MaxCharsOption = DEFAULT_MAX_CHARS, parse: ParseOption = True,
            max_bytes: MaxBytesOption = None,
            indent: Annotated[int, typer.Option(help="JSON indentation (0 for one line).")] = 2) -> None:
    """Print the ledger JSON of the given articles (nothing is stored)."""
    settings = _settings(actors, places, convention, max_chars, parse, max_bytes)
    results, failures = [], 0
    for item in iter_items(paths, settings):
        if isinstance(item, ReadFailure):
            err.print(Text("skipped ", style="yellow") + Text(str(item)))
            failures += 1
            continue
        try:
            results.append(process_item(item, settings))
        except Exception as exc:  # one bad article must not cost the others
            err.print(Text("failed ", style="red") + Text(f"{item.origin}: {_exception_line(exc)}"))
            failures += 1
    sys.stdout.write(json.dumps(to_json(assemble(results)), ensure_ascii=False, indent=indent or None) + "\n")
    if failures and not results:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------------- ingest

def _progress_interval() -> float:
    """Seconds between progress lines off a terminal: PROGRESS_INTERVAL, or the environment's override."""
    try:
        return max(0.0, float(os.environ[PROGRESS_INTERVAL_ENV]))
    except (KeyError, ValueError):
        return PROGRESS_INTERVAL


def _count_documents(paths: list[str]) -> int:
    """How many documents (or failures) the inputs will give, streamed: one per JSONL line that is not blank,
    one per other file or unreadable input. Cheap next to the extraction, and gives the progress a total."""
    total = 0
    for entry in expand_paths(paths):
        kind, compressed = ("", False) if isinstance(entry, ReadFailure) else file_kind(entry)
        if kind not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with (gzip.open(entry, "rb") if compressed else entry.open("rb")) as handle:
                total += sum(1 for line in handle if line.strip())
        except (OSError, EOFError):
            total += 1  # read_jsonl reports it as one failure
    return total


def _duration(seconds: float) -> str:
    """`3m31s`, `1h02m`, `12s`: an ETA a person reads at a glance."""
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class _RateColumn(ProgressColumn):
    """Documents per second (rich's speed columns speak of bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s", style="progress.data.speed")


@dataclass
class _IngestProgress:
    """The progress of an ingest: a live bar on a terminal; elsewhere (a log, CI) one line every
    `interval` seconds, so a long batch never looks hung."""

    total: int
    live: bool
    interval: float
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    _last_line: float = 0.0
    _progress: Progress | None = None
    _task: Any = None

    def __enter__(self) -> _IngestProgress:
        self.started = self._last_line = time.monotonic()
        if self.live:
            self._progress = Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                                      TextColumn("ETA"), TimeRemainingColumn(), TimeElapsedColumn(),
                                      TextColumn("{task.fields[current]}", markup=False), console=err,
                                      transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("ingest", total=self.total or None, current="")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    def current(self, origin: str) -> None:
        """The document being worked on now."""
        if self._progress is not None:  # drawn now: a document takes long enough to be worth it
            self._progress.update(self._task, current=_tail(origin, 50), refresh=True)

    def advance(self, origin: str | None = None) -> None:
        """One more document done (added, unchanged or failed)."""
        self.done += 1
        self.total = max(self.total, self.done)
        if self._progress is not None:
            fields = {"current": _tail(origin, 50)} if origin is not None else {}
            self._progress.update(self._task, advance=1, total=self.total, refresh=bool(fields), **fields)
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            err.print(self.line(now), markup=False, highlight=False)

    def line(self, now: float | None = None) -> str:
        """`ingest: 1200/5069 documents, 18.3/s, ETA 3m31s`."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        eta = _duration((self.total - self.done) / rate) if rate > 0 else "unknown"
        return f"ingest: {self.done}/{self.total} documents, {rate:.1f}/s, ETA {eta}"


def _tail(text: str, width: int) -> str:
    """The end of a long path, which names the file."""
    return text if len(text) <= width else ELLIPSIS + text[-(width - 1):]


def _origin(result: DocumentResult | ItemFailure) -> str:
    """Where a result came from: a DocumentResult keeps it on its document (which is why the progress
    column used to stay blank), a failure on itself."""
    if isinstance(result, ItemFailure):
        return result.origin
    return result.document.origin or result.document.id


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="Files, directories or globs: .txt, .html, .jsonl")],
           db: DbOption = "eventledger.db", actors: ActorsOption = None, places: PlacesOption = None,
           convention: ConventionOption = "isaf", max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
           parse: ParseOption = True, max_bytes: MaxBytesOption = None,
           workers: Annotated[int, typer.Option("--workers", "-j", help="Processes extracting in parallel "
                                                "(writes stay in one process).", min=1)] = 1) -> None:
    """Extract the articles and add them to the ledger database (created if missing).

    One transaction per document. Progress goes to stderr: a bar on a terminal, else a line every 30 s.

    Ctrl-C stops after the document being written; what was stored stays stored (exit 130).
    """
    settings = _settings(actors, places, convention, max_chars, parse, max_bytes)
    store = _open_store(db)
    added = unchanged = 0
    failures: list[str] = []
    updates: list[str] = []
    interrupted = False
    progress: _IngestProgress | None = None

    def fresh_items(progress: _IngestProgress) -> Iterator[RawItem]:
        nonlocal unchanged
        for item in iter_items(paths, settings):
            if isinstance(item, ReadFailure):
                failures.append(str(item))
                progress.advance(item.origin)
            elif store.has_hash(content_hash(item.text)):
                unchanged += 1  # already in the ledger: no work at all
                progress.advance(item.origin)
            else:
                if workers == 1:  # with a pool, items are read ahead: the finished one is shown instead
                    progress.current(item.origin)
                yield item

    results = None
    try:
        progress = _IngestProgress(_count_documents(paths), live=err.is_terminal, interval=_progress_interval())
        with progress:
            results = process_items(fresh_items(progress), settings, workers=workers)
            for result in results:
                if isinstance(result, ItemFailure):
                    failures.append(str(result))
                else:
                    try:
                        outcome = store.add(result, settings.policy)
                    except Exception as exc:  # reported per document; the batch goes on
                        failures.append(f"{result.document.origin}: {_exception_line(exc)}")
                    else:
                        if outcome.status == "updated":  # a new version of a stored document
                            updates.append(f"{outcome.document_id} (version {getattr(outcome, 'version', '?')})"
                                           + (f": {outcome.change}" if getattr(outcome, "change", "") else ""))
                        added += outcome.status == "added"
                        unchanged += outcome.status == "unchanged"
                progress.advance(_origin(result) if workers > 1 else None)  # done once stored
    except KeyboardInterrupt:
        interrupted = True  # the document being written was rolled back; the ones before it are stored
    finally:
        if results is not None:
            results.close()  # a pool cancels the documents it has not started
    totals = store.counts()
    summary = Text.assemble((f"{added} added", "green"), f", {len(updates)} updated" if updates else "",
                            f", {unchanged} unchanged, ",
                            (f"{len(failures)} failed", "red" if failures else ""),
                            f"; ledger: {totals['documents']} documents, {totals['events']} events, "
                            f"{totals['claims']} claims ({db})")
    err.print(summary)
    for line in updates:
        err.print(Text("  updated ", style="cyan") + Text(line))
    for line in failures:
        err.print(Text("  failed ", style="red") + Text(line))
    if interrupted:
        done = f" after {progress.done}/{progress.total} documents" if progress else ""
        err.print(Text(f"interrupted{done}: run the same command again to go on (stored documents are skipped)",
                       style="yellow"))
        raise typer.Exit(130)
    if failures and not added and not unchanged and not updates:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------------- events

# Built from data/event_types.yaml, so `--help` lists the types and typer refuses any other word with the list.
EventType = enum.Enum("EventType", {name: name for name in event_types().rank}, type=str)  # type: ignore[misc]


class EventsFormat(enum.StrEnum):
    auto = "auto"
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"


class ExportFormat(enum.StrEnum):
    json = "json"
    csv = "csv"
    acled = "acled"
    ucdp_ged = "ucdp-ged"
    plover = "plover"
    geojson = "geojson"
    parquet = "parquet"


COUNT_KINDS = ("killed", "injured", "abducted", "arrested")
TABLE_COLUMNS = ("id", "type", "date", "place", "perpetrators", "victims", *COUNT_KINDS)
# The order columns give way in when the terminal is narrow (the last goes first); names and places are cut
# with an ellipsis before that, and the id is shortened to the ending `show` needs.
COLUMN_PRIORITY = ("id", "type", "date", "place", "killed", "perpetrators", "victims", "injured", "abducted",
                   "arrested")
# Columns that may be cut with an ellipsis, and how narrow they may get: a place is short and worth reading
# whole, a list of actors can be cut to its first name. The other columns are shown whole or not at all.
FLEXIBLE_MIN = {"place": 24, "perpetrators": 12, "victims": 12}
COLUMN_GAP = 2  # the table's padding between two columns


def _count_cell(event: dict, kind: str) -> str:
    summary = event["counts"].get(kind)
    if not summary:
        return ""
    if summary["low"] == summary["high"]:
        text = str(summary["best"])
    else:
        text = f"{summary['low']}-{summary['high']} (best {summary['best']})"
    return text + (" !" if summary["disputed"] else "")


def _when(date: dict) -> str:
    """A date as short as it is exact: `2013-09-01`, `2012-12` (a month), `1988` (a year), `2015-10..2017-09`
    (months), `..2019-02-12` (by then); empty when unknown."""
    start, end, precision = date.get("start"), date.get("end"), date.get("precision")
    if not start and not end:
        return ""
    if start and end and start == end:
        return start
    if start and end and precision == "month" and start[:7] == end[:7]:
        return start[:7]
    if start and end and precision == "year" and start[:4] == end[:4]:
        return start[:4]
    if start and end and start.endswith("-01") and _month_end(end):
        return f"{start[:7]}..{end[:7]}"
    return f"{start or ''}..{end or ''}"


def _month_end(day: str) -> bool:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=1)).day == 1
    except ValueError:
        return False


def _place(location: dict) -> str:
    return ", ".join(x for x in (location.get("name"), location.get("country")) if x)


def _names(event: dict, role: str, actors: dict[str, dict], sep: str = ", ") -> str:
    return sep.join(dict.fromkeys(actors.get(p["actor"], {}).get("name", p["actor"]) for p in event["participants"]
                                  if p["role"] == role))


def _event_cells(event: dict, actors: dict[str, dict]) -> dict[str, str]:
    """The table's (and TSV's) cells of one event."""
    cells = {"id": event["id"], "type": event["type"], "date": _when(event["date"]),
             "place": _place(event["location"]), "perpetrators": _names(event, "perpetrator", actors),
             "victims": _names(event, "victim", actors)}
    cells.update({kind: _count_cell(event, kind) for kind in COUNT_KINDS})
    return cells


def _unique_endings(ids: list[str], among: list[str]) -> dict[str, str]:
    """The shortest ending of each id that no other id in `among` shares and that keeps the whole `:eN` part,
    e.g. `ad:e1`: what `show` needs, in a fraction of the width. Sorting the reversed ids puts the ids that
    share the longest ending next to each other."""
    reversed_ids = sorted({i[::-1] for i in among} | {i[::-1] for i in ids})
    position = {r: n for n, r in enumerate(reversed_ids)}

    def common(a: str, b: str) -> int:
        n = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            n += 1
        return n

    endings = {}
    for event_id in ids:
        rev = event_id[::-1]
        n = position[rev]
        shared = max(common(rev, reversed_ids[m]) for m in (n - 1, n + 1) if 0 <= m < len(reversed_ids)) \
            if len(reversed_ids) > 1 else 0
        keep = max(shared + 1, len(event_id) - event_id.rfind(":") if ":" in event_id else 1)
        endings[event_id] = event_id if keep >= len(event_id) else event_id[-keep:]
    return endings


@dataclass
class _Column:
    name: str
    cells: list[str]

    @property
    def natural(self) -> int:
        return max([cell_len(self.name), *(cell_len(c) for c in self.cells)])

    @property
    def minimum(self) -> int:
        if self.name in FLEXIBLE_MIN:
            return min(self.natural, max(cell_len(self.name), FLEXIBLE_MIN[self.name]))
        return self.natural

    @property
    def empty(self) -> bool:
        return not any(self.cells)


def _fit_columns(columns: list[_Column], width: int, shorten_ids: Callable[[], list[str]]
                 ) -> tuple[list[_Column], dict[str, int], list[str]]:
    """Which columns to show and how wide, so the table fits `width` with one line per event and no word
    broken: names and places cut with an ellipsis first, then ids shortened to their unambiguous endings,
    then the columns of least importance (empty ones first) left out. Returns columns, widths and the names
    of the columns left out."""
    def needed(cols: list[_Column], minimal: bool) -> int:
        return sum(c.minimum if minimal else c.natural for c in cols) + COLUMN_GAP * (len(cols) - 1)

    kept = list(columns)
    dropped: list[str] = []
    if needed(kept, minimal=True) > width:
        kept[0] = _Column(kept[0].name, shorten_ids())
    rank = {name: n for n, name in enumerate(COLUMN_PRIORITY)}
    while needed(kept, minimal=True) > width and len(kept) > 1:
        candidates = sorted(kept[1:], key=lambda c: (not c.empty, -rank[c.name]))
        kept.remove(candidates[0])
        dropped.append(candidates[0].name)
    widths = {c.name: c.minimum for c in kept}
    spare = width - needed(kept, minimal=True)
    growing = [c for c in kept if c.natural > widths[c.name]]
    while spare > 0 and growing:  # shared out evenly: no column keeps all the room while another is cut
        share = max(1, spare // len(growing))
        for column in growing:
            grow = min(share, spare, column.natural - widths[column.name])
            widths[column.name] += grow
            spare -= grow
        growing = [c for c in growing if c.natural > widths[c.name]]
    return kept, widths, [name for name in TABLE_COLUMNS if name in dropped]


def _events_table(rows: list[dict], actors: dict[str, dict], width: int, all_ids: Callable[[], list[str]]
                  ) -> Table:
    """The events as a table `width` wide at most: one line per event, no word broken into pieces."""
    cells = [_event_cells(event, actors) for event in rows]
    columns = [_Column(name, [c[name] for c in cells]) for name in TABLE_COLUMNS]

    def shorten_ids() -> list[str]:
        ids = [c["id"] for c in cells]
        endings = _unique_endings(ids, all_ids())
        keep = max((len(e) for e in endings.values()), default=0)  # one width: as much of each id as fits
        return [event_id if len(event_id) <= keep + 1 else ELLIPSIS + event_id[-keep:] for event_id in ids]

    kept, widths, dropped = _fit_columns(columns, width, shorten_ids)
    notes = ["! disputed figure"]
    if dropped:
        notes.append(f"not shown: {', '.join(dropped)} (--format tsv shows all)")
    table = Table(title=f"{len(rows)} event{'s' if len(rows) != 1 else ''}", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, COLUMN_GAP // 2), collapse_padding=True,
                  caption="; ".join(notes), caption_justify="left")
    for column in kept:
        table.add_column(column.name, width=widths[column.name], no_wrap=True, overflow="ellipsis")
    for n in range(len(rows)):
        table.add_row(*(column.cells[n] for column in kept))
    return table


def _tsv_field(value: str) -> str:
    return " ".join(value.split("\t")).replace("\r", " ").replace("\n", " ")


CSV_HEADER = ["id", "type", "date_start", "date_end", "date_precision", "place", "admin1", "country", "lat", "lon",
              "perpetrators", "victims", "killed_low", "killed_best", "killed_high", "injured_best",
              "abducted_best", "arrested_best", "disputed", "claims", "documents", "reports", "independent_sources"]


def _csv_row(event: dict, actors: dict[str, dict]) -> list[Any]:
    """One event as a flat CSV row (CSV_HEADER), the same for `events --format csv` and `export`."""
    counts = event["counts"]

    def best(kind: str, key: str = "best") -> str:
        return str(counts[kind][key]) if kind in counts and counts[kind][key] is not None else ""

    loc, when = event["location"], event["date"]
    return [event["id"], event["type"], when["start"], when["end"], when["precision"], loc["name"], loc["admin1"],
            loc["country"], loc["lat"], loc["lon"], _names(event, "perpetrator", actors, "; "),
            _names(event, "victim", actors, "; "), best("killed", "low"), best("killed"), best("killed", "high"),
            best("injured"), best("abducted"), best("arrested"), int(any(c["disputed"] for c in counts.values())),
            " ".join(event["claims"]), " ".join(event["documents"]), len(event["documents"]),
            event.get("independent_sources", len(event["documents"]))]


@app.command()
def events(db: DbOption = "eventledger.db",
           disputed: Annotated[bool, typer.Option("--disputed", help="Only events whose figures disagree.")] = False,
           type: Annotated[EventType | None, typer.Option("--type", help="Only events of this type.",
                                                          case_sensitive=False)] = None,
           limit: Annotated[int | None, typer.Option(help="At most this many events.", min=1)] = None,
           format: Annotated[EventsFormat, typer.Option(
               "--format", "-f", help="table: fits the terminal, one line per event (long names cut with …); "
               "tsv: tab-separated lines with a header, nothing cut; csv: the columns of `export --format csv`; "
               "json: a list of ledger events. auto (the default): table on a terminal, tsv when piped or "
               "redirected.")] = EventsFormat.auto) -> None:
    """List the events in the ledger, earliest first (! marks a disputed figure)."""
    store = _open_store(db, must_exist=True)
    rows = store.event_rows(disputed_only=disputed, event_type=type.value if type else None, limit=limit)
    if format is EventsFormat.auto:
        format = EventsFormat.table if out.is_terminal else EventsFormat.tsv
    if format is EventsFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    actors = store.actor_rows()
    if format is EventsFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_row(event, actors) for event in rows)
    elif format is EventsFormat.tsv:
        sys.stdout.write("\t".join(TABLE_COLUMNS) + "\n")
        for event in rows:
            cells = _event_cells(event, actors)
            sys.stdout.write("\t".join(_tsv_field(cells[name]) for name in TABLE_COLUMNS) + "\n")
    else:
        out.print(_events_table(rows, actors, out.width, store.event_ids))


# ------------------------------------------------------------------------------------------------------ show

def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _date_line(date: dict) -> str:
    """`2013-09-01 (day) from "September 1, 2013"`: only what is known, else `unknown`."""
    start, end, precision = date.get("start"), date.get("end"), date.get("precision")
    if start and end:
        when = start if start == end else f"{start}..{end}"
    elif start:
        when = f"on or after {start}"
    elif end:
        when = f"on or before {end}"
    else:
        when = "unknown"
    notes = [x for x in (precision if precision not in (None, "unknown") else None,
                         f"basis: {date['basis']}" if date.get("basis") else None) if x]
    line = when + (f" ({', '.join(notes)})" if notes else "")
    if date.get("text") and date["text"].strip():
        line += f' from "{" ".join(date["text"].split())}"'
    return line


def _place_line(loc: dict) -> str:
    """`Camp Ashraf, Diyala, IQ (exact, from the event) lat 33.9833 lon 44.8167`, or `unknown`."""
    parts = list(dict.fromkeys(x for x in (loc.get("name"), loc.get("city"), loc.get("admin1"), loc.get("country"))
                               if x))
    line = ", ".join(parts) or "unknown"
    notes = [x for x in (loc.get("precision") if loc.get("precision") not in (None, "unknown") else None,
                         f"from the {loc['basis']}" if loc.get("basis") and parts else None,
                         "ambiguous" if loc.get("ambiguous") else None) if x]
    if notes:
        line += f" ({', '.join(notes)})"
    if loc.get("lat") is not None and loc.get("lon") is not None:
        line += f" lat {loc['lat']} lon {loc['lon']}"
    return line


def _known(value: object) -> str:
    return "unknown" if value is None else str(value)


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="Event id, or an ending of it that only one event has "
                                                 "(e.g. e1, or ad:e1 when several documents have an e1)")],
         db: DbOption = "eventledger.db") -> None:
    """Show one event, each field with its evidence: the sentence and its chain of sources."""
    store = _open_store(db, must_exist=True)
    ref = event_id.lstrip(ELLIPSIS).removeprefix("...")  # the table shortens ids to `…ad:e1`
    ids, total = store.event_ids_matching(ref, MAX_CANDIDATES)
    if total > 1:
        more = f", … ({total - len(ids)} more)" if total > len(ids) else ""
        _error(f"{event_id!r} is ambiguous: {total} events end with it: {', '.join(ids)}{more}; "
               "give more of the id")
        raise typer.Exit(1)
    event = store.event(ids[0]) if ids else None
    if event is None:
        _error(f"no event {event_id!r} in {db}")
        raise typer.Exit(1)
    claims = store.claims_by_id(list(event["claims"]))
    actors = store.actor_rows()
    wrap = out.is_terminal  # piped: one line per sentence, for grep

    def say(text: str | Text, style: str | None = None) -> None:
        out.print(text if isinstance(text, Text) else Text(text, style=style or ""), soft_wrap=not wrap)

    def evidence(ids: list[str], indent: str = "    ") -> None:
        for cid in ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            chain = " → ".join((s.get("name") or "unnamed source") + (f" ({s['cue']})" if s.get("cue") else "")
                               for s in claim["sources"])
            say(Text(indent) + Text(f"[{cid}] ", style="dim") + Text(claim["text"], style="bold yellow"))
            say(f"{indent}  per {chain or 'unknown'}; {claim['modality']}", style="cyan")

    say(Text(f"{event['id']}: {event['type']}", style="bold"))
    groups = event.get("source_groups") or [[d] for d in event["documents"]]
    say(f"  {_plural(len(event['documents']), 'report')} from {_plural(len(groups), 'independent source')}: "
        + "; ".join(" = ".join(g) for g in groups))
    say(f"  date: {_date_line(event['date'])}")
    evidence(event["date"].get("claims", []))
    say(f"  place: {_place_line(event['location'])}")
    evidence(event["location"].get("claims", []))
    for participant in event["participants"]:
        name = actors.get(participant["actor"], {}).get("name", participant["actor"])
        detail = f", {participant['detail']}" if participant.get("detail") else ""
        modality = f" ({participant['modality']})" if participant.get("modality") else ""
        say(f"  {participant['role']}: {name}{detail}{modality}")
        taught = actors.get(participant["actor"], {}).get("learned_aliases", [])
        if taught:  # names one document taught: facts of that document, not of the actor (unless promoted)
            say("    names taught by documents: " + "; ".join(f"{e['alias']} (in {e['document']}, {e['how']})"
                                                          for e in taught), style="dim")
        evidence(participant["claims"])
    for kind, summary in event["counts"].items():
        say(f"  {kind}: low {_known(summary['low'])}, best {_known(summary['best'])}, high {_known(summary['high'])}"
            f"{', DISPUTED' if summary['disputed'] else ''}")
        for value in summary["values"]:
            sources = value.get("sources", 1)
            qualifier = (value.get("qualifier") or "").replace("_", " ")
            say(f"    {qualifier + ' ' if qualifier else ''}{_known(value['value'])} "
                f"({_plural(sources, 'independent source')}):")
            evidence(value["claims"], indent="      ")


# ---------------------------------------------------------------------------------------------------- export

EXPORT_HELP = ("json: the ledger JSON; csv: one row per event; acled: ACLED's columns; ucdp-ged: the 49 columns of "
               "UCDP GED 23.1 (lethal events only); plover: PLOVER JSON lines; geojson: a FeatureCollection of the "
               "located events; parquet: a directory of tables (events, participants, values, claims, sources, "
               "documents, actors; needs --output). See docs/exports.md.")


def _write_export(format: ExportFormat, store: LedgerStore, handle: IO[str]) -> str | None:
    """Write one text format to `handle`; returns what was left out, for a note on stderr."""
    from eventledger.export import LedgerView, write_acled, write_ged, write_geojson, write_plover
    from eventledger.ledger_json import write_ledger_json

    if format is ExportFormat.json:
        write_ledger_json(store.export(), handle)
    elif format is ExportFormat.csv:
        actors = store.actor_rows()
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        writer.writerows(_csv_row(event, actors) for event in store.event_rows())
    elif format is ExportFormat.acled:
        write_acled(LedgerView.from_store(store), handle)
    elif format is ExportFormat.ucdp_ged:
        written, skipped = write_ged(LedgerView.from_store(store), handle)
        if skipped:
            return f"{written} events written; {skipped} left out: GED holds lethal violence only"
    elif format is ExportFormat.plover:
        written, skipped = write_plover(LedgerView.from_store(store), handle)
        if skipped:
            return f"{written} events written; {skipped} left out: no start date (PLOVER requires a date)"
    elif format is ExportFormat.geojson:
        written, skipped = write_geojson(LedgerView.from_store(store), handle)
        if skipped:
            return f"{written} events written; {skipped} left out: no coordinates"
    return None


@app.command()
def export(db: DbOption = "eventledger.db",
           format: Annotated[ExportFormat, typer.Option("--format", "-f", help=EXPORT_HELP)] = ExportFormat.json,
           output: Annotated[Path | None, typer.Option("--output", "--out", "-o", help="File to write (default: "
                                                       "stdout); for parquet, the directory")] = None) -> None:
    """Export the whole ledger: the ledger JSON, a flat CSV of events, or ACLED, UCDP GED, PLOVER, GeoJSON or
    Parquet. A file is written whole or not at all (to FILE.part, renamed when complete); the JSON is streamed
    row by row, in bounded memory."""
    if format is ExportFormat.parquet and output is None:
        _error("--format parquet writes a directory of tables: give it with --output DIR")
        raise typer.Exit(2)
    store = _open_store(db, must_exist=True)
    if format is ExportFormat.parquet:
        from eventledger.export import LedgerView
        from eventledger.export.parquet import ParquetTargetError, write_parquet

        assert output is not None
        try:
            rows = write_parquet(LedgerView.from_store(store), output)
        except ParquetTargetError as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        except OSError as exc:
            _error(f"cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
        err.print(f"{output}: " + ", ".join(f"{name} {count}" for name, count in rows.items()), markup=False,
                  highlight=False)
        return
    handle: IO[str] = sys.stdout
    partial = output.with_name(output.name + ".part") if output else None
    if partial:
        try:
            handle = partial.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            _error(f"cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(1) from None
    try:
        note = _write_export(format, store, handle)
        if partial:
            handle.close()
            partial.replace(output)
    except OSError as exc:
        if exc.errno == errno.EPIPE or not output:
            raise
        _error(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    finally:
        if partial:
            handle.close()
            partial.unlink(missing_ok=True)
    if note:
        err.print(f"{format.value}: {note}", markup=False, highlight=False)


# --------------------------------------------------------------------------------------------------- compare

class CompareFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def compare(reference: Annotated[Path, typer.Argument(help="An ACLED or UCDP GED CSV file, hand-coded for the "
                                                       "same period and place")],
            db: DbOption = "eventledger.db",
            days: Annotated[int, typer.Option("--days", help="Dates may lie this many days apart.", min=0)] = 1,
            km: Annotated[float, typer.Option("--km", help="Places may lie this many km apart.", min=0)] = 25.0,
            format: Annotated[CompareFormat, typer.Option("--format", "-f", help="text: a summary; json: the "
                                                          "summary, every matched pair and the unmatched ids")]
            = CompareFormat.text) -> None:
    """Check the ledger against a reference dataset: matches, events only in the ledger, events only in the
    reference, and agreement on fatalities (docs/exports.md)."""
    from eventledger.export.compare import ReferenceError, read_reference
    from eventledger.export.compare import compare as compare_events

    try:
        fmt, rows = read_reference(reference)
    except ReferenceError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    store = _open_store(db, must_exist=True)
    result = compare_events(store.event_rows(), fmt, rows, days=days, km=km)
    if format is CompareFormat.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        for line in result.summary_lines():
            out.print(line, markup=False, highlight=False, soft_wrap=True)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
