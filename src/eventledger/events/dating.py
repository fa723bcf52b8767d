"""Dating an event its own sentences leave undated: the lede's day, the story's day, the week before publication."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from eventledger.model import Claim, Event, TimeValue


def _date_from_lede(event: Event, claims: list[Claim], dateline_end: int) -> Event:
    """News convention: the lede dates the main story. An undated first event takes a day-precise date
    written in the first sentence of the body (not the dateline's own date)."""
    body = [c for c in claims if c.start >= dateline_end and len(c.text.split()) >= 8]
    if not body:
        return event
    lede = body[0]
    days = [d for d in lede.dates if d.precision == "day" and d.start is not None]
    if not days:
        return event
    return replace(event, date=replace(days[0], basis="lede"), date_claims=(lede.id,),
                   claims=event.claims if lede.id in event.claims else (*event.claims, lede.id))


def _date_from_story(event: Event, claims: list[Claim], dateline_end: int, published: date) -> Event:
    """An undated main story takes the earliest day its body names in the week up to publication
    (`... police said Saturday`, `the shooting Tuesday night`): a story reports its event first and
    what followed after. Basis `story`; the claim naming the day is its evidence."""
    found = [(d, c) for c in claims if c.start >= dateline_end for d in c.dates
             if d.precision == "day" and d.start is not None and 0 <= (published - d.start).days <= 7]
    if not found:
        return event
    day, claim = min(found, key=lambda dc: (dc[0].start, dc[1].start))
    return replace(event, date=replace(day, basis="story"), date_claims=(claim.id,),
                   claims=event.claims if claim.id in event.claims else (*event.claims, claim.id))


def date_events(events: list[Event], claims: list[Claim], dateline_span: tuple[int, int] | None,
                published: date | None) -> list[Event]:
    """The main (first news) event, if its sentences give no date, takes the lede's day, else the story's;
    any news event still undated is on or in the week before publication (how ACLED and UCDP code undated
    reports). An earlier incident the report retells keeps only the date its own words give."""
    dateline_end = dateline_span[1] if dateline_span else -1
    events = list(events)
    main = next((i for i, e in enumerate(events) if e.anchor == "news"), None)
    if main is not None and events[main].date.precision == "unknown":
        events[main] = _date_from_lede(events[main], claims, dateline_end)
    if main is not None and events[main].date.precision == "unknown" and published is not None:
        events[main] = _date_from_story(events[main], claims, dateline_end, published)
    if published is not None:
        undated = TimeValue(start=published - timedelta(days=6), end=published, precision="week", text=None,
                            basis="publication")
        events = [replace(e, date=undated) if e.date.precision == "unknown" and e.anchor == "news" else e
                  for e in events]
    return events
