"""News or background: does an event mention tell the story's own incident, or an earlier one it retells?

News writing marks its background and leaves its news unmarked: an earlier incident comes with a cue in its
own words (a premodifier, `the previous attack`, `an earlier raid`, `last year's bombing`; a recall frame,
`It will be recalled that ...`; a comparison, `Like the 1988 massacre`) or with a date well before the story's
own time (van Dijk, *News as Discourse*, 1988: the "previous events" and "history" categories of a news
report). So a mention is `background` when a cue marks it or its date ends before the story's time by more
than a week (a day-precise date) or at all (a month, a year: `Last month, six Maoists were killed`), and the
story's own (`news`) otherwise, undated mentions included. Mentions only merge with mentions of the same
anchor (events/drafts.py).

The story's time is the date of the first event it dates in its opening (inverted pyramid: the news comes
first, and a retrospective on an old massacre is about that massacre), else the publication date. An event
that ended more than HISTORICAL_DAYS before its report is `historical` whatever the story: it is kept with
its evidence and merges across reports only on its own date, which keeps it apart from any new incident
(reconcile/merge.py never joins reports more than 60 days apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from eventledger.extract.events import EventMention, SentenceContext
from eventledger.model import Claim, Event, TimeValue

BACKGROUND_DAYS = 7  # a day-precise date this long before the story's time is an earlier incident
HISTORICAL_DAYS = 365

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# A premodifier of the event noun that places it before the news: `the previous attack`, `an earlier raid`,
# `last year's bombing`, `March's massacre` (`last week's shooting` is most often the news a follow-up tells).
_EARLIER_MODIFIER = re.compile(
    rf"(?:\b(?:the|an?|that|its|their|this)\s+(?:previous|earlier|prior|past|last)|"
    rf"\b(?:last|previous)\s+(?:month|year)['’]s|\b(?:{_MONTHS})['’]s)\s+(?:[\w'’-]+\s+){{0,2}}$", re.I)
# A frame that retells: `It will be recalled that`, `recalled that`, `Recall that`.
_RECALL_FRAME = re.compile(r"\b(?:(?:be|was|is)\s+recalled|recall(?:ed|s)?\s+that)\b", re.I)
# Dates whose words place them before the news whatever the distance: `earlier this year`, `three years ago`.
_EARLIER_DATE = re.compile(r"\bearlier\s+this\s+(?:year|month)\b|\bago\b", re.I)
OPENING_CLAIMS = 5  # the claims with event mentions in which a story dates its own incident


def _cue(ctx: SentenceContext, mention: EventMention) -> bool:
    before = ctx.text[:mention.start - ctx.start]
    return bool(_EARLIER_MODIFIER.search(before) or _RECALL_FRAME.search(before)
                or (mention.date is not None and mention.date.text and _EARLIER_DATE.search(mention.date.text)))


def _before(value: TimeValue | None, story_time: date | None) -> bool:
    """Whether a date ends before the story's time: by more than a week for a day, at all for a month or year."""
    if value is None or value.end is None or story_time is None:
        return False
    margin = timedelta(days=BACKGROUND_DAYS if value.precision in ("day", "range", "week") else 0)
    return value.end < story_time - margin


def story_time(mentions: Iterable[EventMention], contexts: dict[int, SentenceContext],
               published: date | None) -> date | None:
    """The story's own time: the day of the first day-precise, unmarked mention in its opening claims (not
    after publication), else the publication date."""
    mentions = sorted(mentions, key=lambda m: m.start)
    opening = sorted({m.claim_index for m in mentions})[:OPENING_CLAIMS]
    for mention in mentions:
        value = mention.date
        if (mention.claim_index in opening and not mention.comparison and value is not None
                and value.precision == "day" and value.end is not None
                and (published is None or value.end <= published)
                and not _cue(contexts[mention.claim_index], mention)):
            return value.end
    return published


def anchor_mentions(mentions: list[EventMention], contexts: dict[int, SentenceContext],
                    published: date | None) -> None:
    """Set each mention's `anchor`: `background` when a cue or its date places it before the story's time,
    else `news`."""
    now = story_time(mentions, contexts, published)
    for mention in mentions:
        retold = mention.comparison or _before(mention.date, now) or _cue(contexts[mention.claim_index], mention)
        mention.anchor = "background" if retold else "news"


def anchor_events(events: list[Event], published: date | None, claims: Iterable[Claim] = ()) -> list[Event]:
    """An event that ended over a year before its report is `historical`, whether the story retells it or is
    about it (`On September 1, 2013, an attack ...` in a report of 2019). The report's date is its publication
    date, else the latest date its claims name (a report is no older than what it tells: `Bloody Sunday, in
    1972` beside `the trial opens on 15 March 2021`)."""
    reference = published or max((d.end for c in claims for d in c.dates if d.end is not None), default=None)
    if reference is None:
        return events
    return [replace(e, anchor="historical") if e.date.end is not None and e.date.basis != "publication"
            and (reference - e.date.end).days > HISTORICAL_DAYS else e for e in events]
