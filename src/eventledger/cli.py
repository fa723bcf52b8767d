"""The command line: parses arguments, calls the library, prints with rich."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from eventledger import to_json
from eventledger.extract.actors import DictionaryError
from eventledger.pipeline import ItemFailure, Settings, assemble, iter_items, process_item, process_items
from eventledger.read import ReadFailure, content_hash

if TYPE_CHECKING:
    from eventledger.store import LedgerStore

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news reports of political violence into a sourced ledger of events.")
out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", help="Ledger database: a SQLite path or a SQLAlchemy URL.")]
ActorsOption = Annotated[list[Path], typer.Option("--actors", help="Extra actor dictionary (YAML or CSV); "
                                                   "repeatable.", exists=True, dir_okay=False)]
PlacesOption = Annotated[list[Path], typer.Option("--places", help="Extra places file (YAML); repeatable.",
                                                   exists=True, dir_okay=False)]
ConventionOption = Annotated[str, typer.Option("--convention", help="Counting convention for vague numbers: "
                                                "isaf or acled (data/conventions.toml).")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Largest article accepted, in bytes.")]
ParseOption = Annotated[bool, typer.Option("--parse/--no-parse", help="Read roles and speakers from the "
                                           "shipped dependency parser as well as the rules (default); --no-parse "
                                           "uses the rules alone (faster; see docs/architecture.md).")]


def _settings(actors: list[Path] | None, places: list[Path] | None, convention: str, max_bytes: int,
              parse: bool = True) -> Settings:
    settings = Settings(actor_files=tuple(str(p) for p in actors or ()),
                        place_files=tuple(str(p) for p in places or ()), convention=convention,
                        max_bytes=max_bytes, parse=parse)
    try:
        from eventledger.extract.actors import default_matcher
        from eventledger.extract.counts import load_convention

        load_convention(convention)
        default_matcher(settings.actor_files)
    except (DictionaryError, ValueError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    return settings


def _open_store(db: str) -> LedgerStore:
    # Imported here: SQLAlchemy costs a tenth of a second of start-up that `extract` never needs.
    from eventledger.store import LedgerStore, StoreError

    try:
        return LedgerStore(db)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


@app.command()
def extract(paths: Annotated[list[str], typer.Argument(help="Files, directories or globs: .txt, .html, .jsonl")],
            actors: ActorsOption = None, places: PlacesOption = None, convention: ConventionOption = "isaf",
            max_bytes: MaxBytesOption = 10_000_000, parse: ParseOption = True,
            indent: Annotated[int, typer.Option(help="JSON indentation (0 for one line).")] = 2) -> None:
    """Print the ledger JSON of the given articles (nothing is stored)."""
    settings = _settings(actors, places, convention, max_bytes, parse)
    results, failures = [], 0
    for item in iter_items(paths, settings):
        if isinstance(item, ReadFailure):
            err.print(f"[yellow]skipped[/] {item}")
            failures += 1
            continue
        try:
            results.append(process_item(item, settings))
        except Exception as exc:  # one bad article must not cost the others
            err.print(f"[red]failed[/] {item.origin}: {exc.__class__.__name__}: {exc}")
            failures += 1
    sys.stdout.write(json.dumps(to_json(assemble(results)), ensure_ascii=False, indent=indent or None) + "\n")
    if failures and not results:
        raise typer.Exit(1)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(help="Files, directories or globs: .txt, .html, .jsonl")],
           db: DbOption = "eventledger.db", actors: ActorsOption = None, places: PlacesOption = None,
           convention: ConventionOption = "isaf", max_bytes: MaxBytesOption = 10_000_000,
           parse: ParseOption = True,
           workers: Annotated[int, typer.Option("--workers", "-j", help="Processes extracting in parallel "
                                                "(writes stay in one process).", min=1)] = 1) -> None:
    """Extract the articles and add them to the ledger database, one transaction per document."""
    settings = _settings(actors, places, convention, max_bytes, parse)
    store = _open_store(db)
    added = unchanged = 0
    failures: list[str] = []
    progress = Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.fields[current]}"), console=err, transient=True,
                        disable=not err.is_terminal)
    def fresh_items():
        nonlocal unchanged
        for item in iter_items(paths, settings):
            if isinstance(item, ReadFailure):
                failures.append(str(item))
            elif store.has_hash(content_hash(item.text)):
                unchanged += 1  # already in the ledger: no work at all
            else:
                yield item

    with progress:
        task = progress.add_task("ingest", total=None, current="")
        for result in process_items(fresh_items(), settings, workers=workers):
            progress.update(task, advance=1, current=str(getattr(result, "origin", ""))[-50:])
            if isinstance(result, ItemFailure):
                failures.append(str(result))
                continue
            try:
                outcome = store.add(result, settings.policy)
            except Exception as exc:  # reported per document; the batch goes on
                failures.append(f"{result.document.origin}: {exc.__class__.__name__}: {exc}")
                continue
            if outcome.status == "added":
                added += 1
            else:
                unchanged += 1
    totals = store.counts()
    err.print(f"[green]{added} added[/], {unchanged} unchanged, "
              f"{'[red]' if failures else ''}{len(failures)} failed{'[/]' if failures else ''}; "
              f"ledger: {totals['documents']} documents, {totals['events']} events, {totals['claims']} claims "
              f"({db})")
    for line in failures:
        err.print(f"  [red]failed[/] {line}")
    if failures and not added and not unchanged:
        raise typer.Exit(1)


def _count_cell(event: dict, kind: str) -> str:
    summary = event["counts"].get(kind)
    if not summary:
        return ""
    if summary["low"] == summary["high"]:
        text = str(summary["best"])
    else:
        text = f"{summary['low']}-{summary['high']} (best {summary['best']})"
    return text + (" !" if summary["disputed"] else "")


@app.command()
def events(db: DbOption = "eventledger.db",
           disputed: Annotated[bool, typer.Option("--disputed", help="Only events whose figures disagree.")] = False,
           type: Annotated[str | None, typer.Option("--type", help="Only events of this type.")] = None,
           limit: Annotated[int | None, typer.Option(help="At most this many rows.")] = None) -> None:
    """List the events in the ledger as a table (! marks a disputed figure)."""
    store = _open_store(db)
    rows = store.event_rows(disputed_only=disputed, event_type=type, limit=limit)
    actors = store.actor_rows()
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for column in ("id", "type", "date", "place", "perpetrators", "victims", "killed", "injured", "abducted",
                   "arrested"):
        table.add_column(column, overflow="fold")
    for event in rows:
        date = event["date"]
        when = date["start"] or "?"
        if date["precision"] not in ("day", "unknown") and date.get("end"):
            when = f"{date['start'] or '…'}..{date['end']} ({date['precision']})"
        place = ", ".join(x for x in (event["location"]["name"], event["location"]["country"]) if x)

        def names(role: str, ev: dict = event) -> str:
            seen = dict.fromkeys(actors.get(p["actor"], {}).get("name", p["actor"]) for p in ev["participants"]
                                 if p["role"] == role)
            return ", ".join(seen)

        table.add_row(event["id"], event["type"], when, place, names("perpetrator"), names("victim"),
                      _count_cell(event, "killed"), _count_cell(event, "injured"), _count_cell(event, "abducted"),
                      _count_cell(event, "arrested"))
    out.print(table)


def _highlight(text: str, start: int, end: int, doc_text: str | None) -> Text:
    shown = Text(text)
    if doc_text:
        shown = Text(doc_text[start:end])
    shown.stylize("bold yellow")
    return shown


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="Event id (or its ending, e.g. e1)")],
         db: DbOption = "eventledger.db") -> None:
    """Show one event, each field with its evidence: the sentence and its chain of sources."""
    store = _open_store(db)
    event = store.event(event_id)
    if event is None:
        err.print(f"[red]error:[/] no event {event_id!r} in {db}")
        raise typer.Exit(1)
    claim_ids = list(event["claims"])
    claims = store.claims_by_id(claim_ids)
    actors = store.actor_rows()

    def evidence(ids: list[str], indent: str = "    ") -> None:
        for cid in ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            chain = " → ".join(f"{s['name']}" + (f" ({s['cue']})" if s["cue"] else "") for s in claim["sources"])
            out.print(Text(indent) + Text(f"[{cid}] ", style="dim") + _highlight(claim["text"], claim["start"],
                                                                                 claim["end"], None))
            out.print(Text(f"{indent}  per {chain}; {claim['modality']}", style="cyan"))

    out.print(Text(f"{event['id']}: {event['type']}", style="bold"))
    groups = event.get("source_groups") or [[d] for d in event["documents"]]
    out.print(f"  {len(event['documents'])} report(s) from {len(groups)} independent source(s): "
              + "; ".join(" = ".join(g) for g in groups))
    date = event["date"]
    out.print(f"  date: {date['start']}..{date['end']} ({date['precision']}) from {date['text']!r}")
    evidence(date.get("claims", []))
    loc = event["location"]
    town = f", {loc['city']}" if loc.get("city") else ""
    out.print(f"  place: {loc['name']}{town}, {loc['admin1']}, {loc['country']} ({loc['precision']}, from the "
              f"{loc.get('basis', 'event')}) lat {loc['lat']} lon {loc['lon']}")
    evidence(loc.get("claims", []))
    for participant in event["participants"]:
        name = actors.get(participant["actor"], {}).get("name", participant["actor"])
        detail = f", {participant['detail']}" if participant["detail"] else ""
        out.print(f"  {participant['role']}: {name}{detail} ({participant['modality']})")
        evidence(participant["claims"])
    for kind, summary in event["counts"].items():
        out.print(f"  {kind}: low {summary['low']}, best {summary['best']}, high {summary['high']}"
                  f"{', DISPUTED' if summary['disputed'] else ''}")
        for value in summary["values"]:
            sources = value.get("sources", 1)
            out.print(f"    {value['qualifier']} {value['value']} ({sources} independent source"
                      f"{'s' if sources != 1 else ''}):")
            evidence(value["claims"], indent="      ")


@app.command()
def export(db: DbOption = "eventledger.db",
           format: Annotated[str, typer.Option("--format", help="json (the ledger JSON) or csv (one row per "
                                                                 "event)")] = "json",
           output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")]
           = None) -> None:
    """Export the whole ledger: the ledger JSON, or a flat CSV of events."""
    store = _open_store(db)
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "json":
            json.dump(store.ledger_dict(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        elif format == "csv":
            actors = store.actor_rows()
            writer = csv.writer(handle)
            writer.writerow(["id", "type", "date_start", "date_end", "date_precision", "place", "admin1", "country",
                             "lat", "lon", "perpetrators", "victims", "killed_low", "killed_best", "killed_high",
                             "injured_best", "abducted_best", "arrested_best", "disputed", "claims", "documents",
                             "reports", "independent_sources"])
            for event in store.event_rows():
                counts = event["counts"]

                def best(kind: str, key: str = "best", c: dict = counts) -> str:
                    return str(c[kind][key]) if kind in c else ""

                def names(role: str, ev: dict = event) -> str:
                    return "; ".join(dict.fromkeys(actors.get(p["actor"], {}).get("name", p["actor"])
                                                   for p in ev["participants"] if p["role"] == role))

                loc = event["location"]
                writer.writerow([event["id"], event["type"], event["date"]["start"], event["date"]["end"],
                                 event["date"]["precision"], loc["name"], loc["admin1"], loc["country"], loc["lat"],
                                 loc["lon"], names("perpetrator"), names("victim"), best("killed", "low"),
                                 best("killed"), best("killed", "high"), best("injured"), best("abducted"),
                                 best("arrested"), int(any(c["disputed"] for c in counts.values())),
                                 " ".join(event["claims"]), " ".join(event["documents"]),
                                 len(event["documents"]), event.get("independent_sources", len(event["documents"]))])
        else:
            err.print(f"[red]error:[/] unknown format {format!r} (json or csv)")
            raise typer.Exit(2)
    finally:
        if output:
            handle.close()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
