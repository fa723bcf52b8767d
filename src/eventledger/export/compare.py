"""The ledger against a hand-coded reference (an ACLED or UCDP GED CSV): which events both hold, which only
one does, and whether their death tolls agree (docs/exports.md).

Two events match when their dates, each widened by `days`, overlap, their points lie within `km` of each other,
and their types are compatible; each event matches at most one, closest in time, then in space, then in
death toll, first. Only
the ledger events inside the reference's period (and its countries, when their names are ISO 3166 names) are
compared: a reference for one country and year says nothing about the rest of the ledger.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from eventledger.export.acled import fatalities as acled_fatalities
from eventledger.export.vocab import attackers_dead, parse_day, victims_toll
from eventledger.model.records import VIOLENCE

ACLED_NEEDS = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities")
GED_NEEDS = ("id", "date_start", "date_end", "latitude", "longitude", "best", "low", "high")
# ACLED event types -> the ledger types that can tell the same event; GED holds organised lethal violence only.
ACLED_COMPATIBLE = {
    "Battles": frozenset({"armed_clash", "attack", "killing"}),
    "Explosions/Remote violence": frozenset({"airstrike", "bombing", "shelling"}),
    "Violence against civilians": frozenset({"attack", "killing", "abduction"}),
    "Strategic developments": frozenset({"arrest"}),
}
GED_COMPATIBLE = VIOLENCE | {"abduction"}
MAX_LEDGER_SPAN_DAYS = 62  # a ledger event dated more loosely than two months matches nothing precisely


class ReferenceError(ValueError):
    """A reference file that cannot be read as ACLED or UCDP GED: the message is one line and names the line."""


@dataclass(frozen=True, slots=True)
class ReferenceEvent:
    id: str
    start: date
    end: date
    lat: float | None
    lon: float | None
    low: int | None
    best: int | None
    high: int | None
    event_type: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    id: str
    type: str
    start: date
    end: date
    lat: float
    lon: float
    low: int | None
    best: int | None
    high: int | None


@dataclass
class Comparison:
    """What `compare` reports: the matched pairs, the events only one side holds, the fatality agreement."""

    reference_format: str
    reference_events: int
    ledger_events: int
    matches: list[dict[str, Any]] = field(default_factory=list)
    ledger_only: list[str] = field(default_factory=list)
    reference_only: list[str] = field(default_factory=list)
    ledger_not_comparable: list[str] = field(default_factory=list)  # no point, no date, or dated too loosely
    ledger_outside: int = 0  # outside the reference's period or countries: not compared
    reference_unlocated: int = 0  # reference events without coordinates (they stay reference-only)

    def fatalities(self) -> dict[str, int]:
        """How the matched pairs' tolls agree: equal, overlapping ranges, different, or no figure in the ledger."""
        out = {"equal": 0, "within_range": 0, "differ": 0, "no_ledger_figure": 0}
        for pair in self.matches:
            out[pair["fatalities"]] += 1
        return out

    def as_json(self) -> dict[str, Any]:
        return {"reference_format": self.reference_format, "reference_events": self.reference_events,
                "ledger_events": self.ledger_events, "matches": len(self.matches),
                "ledger_only": len(self.ledger_only), "reference_only": len(self.reference_only),
                "ledger_not_comparable": len(self.ledger_not_comparable), "ledger_outside": self.ledger_outside,
                "reference_unlocated": self.reference_unlocated, "fatalities": self.fatalities(),
                "pairs": self.matches, "ledger_only_ids": self.ledger_only,
                "reference_only_ids": self.reference_only, "ledger_not_comparable_ids": self.ledger_not_comparable}

    def summary_lines(self) -> list[str]:
        f = self.fatalities()
        return [
            f"reference: {self.reference_events} {self.reference_format} events; ledger: {self.ledger_events} "
            f"events compared ({self.ledger_outside} outside the reference's period or countries, "
            f"{len(self.ledger_not_comparable)} without a point or a date within two months)",
            f"matches: {len(self.matches)}",
            f"only in the ledger: {len(self.ledger_only)}",
            f"only in the reference: {len(self.reference_only)} ({self.reference_unlocated} without coordinates)",
            f"fatalities of the matches: {f['equal']} equal, {f['within_range']} within each other's range, "
            f"{f['differ']} differ, {f['no_ledger_figure']} with no figure in the ledger",
        ]


def _number(row: dict[str, str], column: str, line: int, kind: type = float, required: bool = False) -> Any:
    text = (row.get(column) or "").strip()
    if not text:
        if required:
            raise ReferenceError(f"line {line}: {column} is empty")
        return None
    try:
        value = float(text)
        return int(value) if kind is int else value
    except ValueError:
        raise ReferenceError(f"line {line}: {column} {text!r} is not a number") from None


def _day(text: str, column: str, line: int) -> date:
    text = text.strip()
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d %B %Y").date(),
                  lambda t: datetime.strptime(t, "%d-%B-%Y").date()):
        try:
            return parse(text[:10] if parse is date.fromisoformat else text)
        except ValueError:
            continue
    raise ReferenceError(f"line {line}: {column} {text!r} is not a date (YYYY-MM-DD or `15 January 2021`)")


def read_reference(path: Path) -> tuple[str, list[ReferenceEvent]]:
    """('ACLED' or 'UCDP GED', its events), told apart by the header; a malformed file raises ReferenceError."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if set(ACLED_NEEDS) <= set(header):
                fmt = "ACLED"
            elif set(GED_NEEDS) <= set(header):
                fmt = "UCDP GED"
            else:
                missing_acled = [c for c in ACLED_NEEDS if c not in header]
                missing_ged = [c for c in GED_NEEDS if c not in header]
                raise ReferenceError(f"{path} is neither an ACLED file (no {', '.join(missing_acled)}) nor a UCDP "
                                     f"GED file (no {', '.join(missing_ged)})" if header else f"{path} is empty")
            events = [_reference_event(fmt, row, reader.line_num) for row in reader]
    except FileNotFoundError:
        raise ReferenceError(f"{path} does not exist") from None
    except UnicodeDecodeError as exc:
        raise ReferenceError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise ReferenceError(f"{path}: not a readable CSV ({exc})") from None
    except ReferenceError as exc:
        message = str(exc)
        raise ReferenceError(message if message.startswith(str(path)) else f"{path} {message}") from None
    return fmt, events


def _reference_event(fmt: str, row: dict[str, Any], line: int) -> ReferenceEvent:
    if None in row:  # more cells than the header names
        raise ReferenceError(f"line {line}: {len(row) - 1 + len(row[None])} cells for {len(row) - 1} columns")
    if fmt == "ACLED":
        day = _day(row["event_date"] or "", "event_date", line)
        killed = _number(row, "fatalities", line, int)
        return ReferenceEvent(id=row["event_id_cnty"], start=day, end=day, lat=_number(row, "latitude", line),
                              lon=_number(row, "longitude", line), low=killed, best=killed, high=killed,
                              event_type=(row.get("event_type") or "").strip() or None,
                              country=(row.get("country") or "").strip() or None)
    start = _day(row["date_start"] or "", "date_start", line)
    end = _day(row["date_end"] or "", "date_end", line)
    if end < start:
        raise ReferenceError(f"line {line}: date_end {end} is before date_start {start}")
    return ReferenceEvent(id=row["id"], start=start, end=end, lat=_number(row, "latitude", line),
                          lon=_number(row, "longitude", line), low=_number(row, "low", line, int),
                          best=_number(row, "best", line, int), high=_number(row, "high", line, int),
                          country=(row.get("country") or "").strip() or None)


def _ledger_figures(event: dict, fmt: str) -> tuple[int | None, int | None, int | None]:
    """The ledger's toll as the reference's format would read it: ACLED's conservative figure, or GED's
    low/best/high (the victims' toll plus the attackers' own dead)."""
    toll, attackers = victims_toll(event), attackers_dead(event)
    if toll is None and attackers is None:
        return None, None, None
    if fmt == "ACLED":
        conservative = acled_fatalities(event)
        return conservative, conservative, conservative
    parts = [x for x in (toll, attackers) if x]
    return tuple(sum(p[i] for p in parts) for i in range(3))  # type: ignore[return-value]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _alpha2(names: set[str]) -> set[str] | None:
    """The reference's countries as ISO codes, or None when any name is not an ISO 3166 name (GED's
    `DR Congo (Zaire)`): then the ledger is not narrowed by country."""
    import pycountry

    codes = set()
    for name in names:
        try:
            codes.add(pycountry.countries.lookup(name).alpha_2)
        except LookupError:
            return None
    return codes or None


def _agreement(ledger: LedgerEvent, ref: ReferenceEvent) -> str:
    if ledger.best is None:
        return "no_ledger_figure"
    if ref.best is not None and ledger.best == ref.best:
        return "equal"
    ref_low = ref.low if ref.low is not None else ref.best
    ref_high = ref.high if ref.high is not None else ref.best
    if ref_low is not None and ref_high is not None and ledger.low is not None and ledger.high is not None \
            and ledger.low <= max(ref_low, ref_high) and min(ref_low, ref_high) <= ledger.high:
        return "within_range"
    return "differ"


def _compatible(ledger: LedgerEvent, ref: ReferenceEvent, fmt: str) -> bool:
    if fmt == "UCDP GED":
        return ledger.type in GED_COMPATIBLE
    if not ref.event_type:
        return True  # the reference does not say: date and place decide
    return ledger.type in ACLED_COMPATIBLE.get(ref.event_type, ())  # protests, riots: no ledger type holds them


def compare(events: Iterable[dict], fmt: str, reference: list[ReferenceEvent], days: int = 1,
            km: float = 25.0) -> Comparison:
    """Match the ledger's events to the reference's and count what each side holds (see the module's doc)."""
    result = Comparison(reference_format=fmt, reference_events=len(reference), ledger_events=0)
    first, last = min((r.start for r in reference), default=date.min), max((r.end for r in reference),
                                                                          default=date.min)
    countries = _alpha2({r.country for r in reference if r.country})
    comparable: list[LedgerEvent] = []
    for event in events:
        start, end = parse_day(event["date"].get("start")), parse_day(event["date"].get("end"))
        loc = event["location"]
        if not reference or (start and start > last + timedelta(days=days)) or \
                (end and end + timedelta(days=days) < first) or \
                (countries and loc.get("country") and loc["country"] not in countries):
            result.ledger_outside += 1
            continue
        result.ledger_events += 1
        if start is None or end is None or loc.get("lat") is None or loc.get("lon") is None or \
                (end - start).days + 1 > MAX_LEDGER_SPAN_DAYS:
            result.ledger_not_comparable.append(event["id"])
            continue
        low, best, high = _ledger_figures(event, fmt)
        comparable.append(LedgerEvent(id=event["id"], type=event["type"], start=start, end=end, lat=loc["lat"],
                                      lon=loc["lon"], low=low, best=best, high=high))
    by_day: dict[date, list[int]] = {}
    for n, ev in enumerate(comparable):
        day = ev.start - timedelta(days=days)
        while day <= ev.end + timedelta(days=days):
            by_day.setdefault(day, []).append(n)
            day += timedelta(days=1)
    pairs: list[tuple[int, float, float, int, int]] = []
    for r_index, ref in enumerate(reference):
        if ref.lat is None or ref.lon is None:
            result.reference_unlocated += 1
            continue
        seen: set[int] = set()
        day = ref.start
        while day <= ref.end:
            for n in by_day.get(day, ()):
                if n in seen:
                    continue
                seen.add(n)
                ev = comparable[n]
                distance = _km((ev.lat, ev.lon), (ref.lat, ref.lon))
                if distance <= km and _compatible(ev, ref, fmt):
                    gap = max(0, (ref.start - ev.end).days, (ev.start - ref.end).days)
                    toll_gap = abs(ev.best - ref.best) if ev.best is not None and ref.best is not None else math.inf
                    pairs.append((gap, distance, toll_gap, n, r_index))
            day += timedelta(days=1)
    matched_ledger: set[int] = set()
    matched_reference: set[int] = set()
    for gap, distance, _toll_gap, n, r_index in sorted(pairs):
        if n in matched_ledger or r_index in matched_reference:
            continue
        matched_ledger.add(n)
        matched_reference.add(r_index)
        ev, ref = comparable[n], reference[r_index]
        result.matches.append({"ledger_id": ev.id, "reference_id": ref.id, "days_apart": gap,
                               "km": round(distance, 1), "ledger_fatalities": ev.best,
                               "reference_fatalities": ref.best, "fatalities": _agreement(ev, ref)})
    result.ledger_only = [ev.id for n, ev in enumerate(comparable) if n not in matched_ledger]
    result.reference_only = [ref.id for n, ref in enumerate(reference) if n not in matched_reference]
    return result
