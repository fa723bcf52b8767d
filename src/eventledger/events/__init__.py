"""Events of one document: event mentions merged into drafts, each draft built into an event and placed.

    drafts.py   event mentions of the claims; mentions of one event merged into a draft
    build.py    a draft -> an event (type, date, place, participants, counts)
    counts.py   one document's counts of an event reconciled (per source; low, best, high, disputed)
    placing.py  an event's place from its sentences, the context, the story, the dateline
    anchoring.py  each mention's anchor: the report's news, or background it retells, or history
    dating.py   an undated event's date from the lede, the story, the publication date
"""

from __future__ import annotations

from eventledger.events.anchoring import anchor_events
from eventledger.events.build import build_event
from eventledger.events.counts import reconcile_counts
from eventledger.events.dating import date_events
from eventledger.events.drafts import EventDraft, event_mentions, merge_mentions
from eventledger.events.placing import StoryPlaces, place_event, story_places
from eventledger.model import Actor, Claim, Event

__all__ = ["EventDraft", "anchor_events", "StoryPlaces", "build_event", "build_events", "date_events", "event_mentions",
           "merge_mentions", "place_event", "reconcile_counts", "story_places"]


def build_events(drafts: list[EventDraft], doc_id: str, claims: list[Claim], actors: dict[str, Actor],
                 story: StoryPlaces) -> list[Event]:
    """One event per draft (ids `doc:e1`, `doc:e2` ... by draft), placed from the story when it is news;
    an earlier incident the report retells (`Like the 1988 massacre`, `Last month, ...`) keeps the place its
    own words give."""
    events: list[Event] = []
    for index, draft in enumerate(drafts, start=1):
        event = build_event(f"{doc_id}:e{index}", doc_id, draft, claims, actors)
        if event is None:
            continue
        if event.anchor == "news":
            event = place_event(event, claims, story)
        events.append(event)
    return events
