"""Event mentions of one document merged into drafts, one per event; dates or places that disagree keep apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from eventledger.clean.article import text_key
from eventledger.events.anchoring import anchor_mentions
from eventledger.extract.count_relations import UNATTACHED
from eventledger.extract.events import (
    AGGREGATE,
    STORY_WINDOW_DAYS,
    EventMention,
    SentenceContext,
    count_only,
    find_event_mentions,
    targets_only,
)
from eventledger.model import PRECISION_ORDER, Claim, TimeValue, family
from eventledger.model.mentions import PlaceMention, specificity


@dataclass
class EventDraft:
    mentions: list[tuple[EventMention, str]] = field(default_factory=list)  # (mention, claim id)


def _compatible_dates(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or b is None or a.start is None and a.end is None or b.start is None and b.end is None:
        return True
    a_start, a_end = _bounded_start(a), a.end or date.max
    b_start, b_end = _bounded_start(b), b.end or date.max
    return a_start <= b_end and b_start <= a_end


def _bounded_start(value: TimeValue) -> date:
    """The start of a date for comparison; a bound by a report (`police said Thursday`) or with no start (`by
    Thursday`) reaches back a story window."""
    if (value.start is None or value.basis == "report") and value.end is not None:
        return value.end - timedelta(days=STORY_WINDOW_DAYS)
    return value.start or date.min


def _compatible_places(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.country and pb.country and pa.country != pb.country:
        return False
    if pa.name == pb.name or "country" in (pa.kind, pb.kind):
        return True
    # `the shooting in Guanajuato` beside Celaya, Guanajuato: a town named like the province the other lies in
    # may stand for that province (Guanajuato, Kaduna, Kano name both)
    if pa.name in (pb.admin1, pb.admin2) or pb.name in (pa.admin1, pa.admin2):
        return True
    names_a = {pa.name, pa.admin1, pa.admin2} - {None}
    names_b = {pb.name, pb.admin1, pb.admin2} - {None}
    if pa.kind in ("admin1", "admin2") or pb.kind in ("admin1", "admin2"):
        return bool(names_a & names_b)
    return False


def _draft_date(draft: EventDraft) -> TimeValue | None:
    dated = [m.date for m, _ in draft.mentions if m.date is not None]
    return min(dated, key=lambda d: PRECISION_ORDER.get(d.precision, 9)) if dated else None


def draft_place(draft: EventDraft) -> PlaceMention | None:
    placed = [m.place for m, _ in draft.mentions if m.place is not None]
    return min(placed, key=lambda p: specificity(p.place)) if placed else None


def draft_anchor(draft: EventDraft) -> str:
    """A draft's anchor: that of its mentions, which only merge with mentions of the same anchor."""
    return draft.mentions[0][0].anchor if draft.mentions else "news"


def merge_mentions(mentions: list[tuple[EventMention, str]],
                   headline: list[tuple[EventMention, str]] = ()) -> list[EventDraft]:
    """Mentions of one event within a document become one draft; dates or places that disagree keep apart.

    A headline sums up the story: its mentions join the events the body tells (they make an event of
    their own only when the body tells none)."""
    drafts = _merge(mentions, [])
    body_told = bool(drafts)
    for mention, _ in headline:
        mention.reference_only = mention.reference_only or body_told
    return _about_the_earlier_incident(_merge(list(headline), drafts, lead_first=True))


def _own_date(draft: EventDraft) -> bool:
    """Whether a draft's words date it: a day, a month, a range with a start; not `by Thursday` or `police
    said Thursday` alone."""
    return any(m.date is not None and m.date.start is not None and m.date.basis != "report" for m, _ in draft.mentions)


def _figures(draft: EventDraft) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for mention, _ in draft.mentions:
        for count in mention.counts:
            found.setdefault(count.kind, set()).add(count.value)
    return found


def _compatible_counts(a: EventDraft, b: EventDraft) -> bool:
    """No kind of figure on which the two disagree (`shot his brother ... and killed himself` against `four
    ... were discovered dead` in August: two incidents)."""
    fa, fb = _figures(a), _figures(b)
    return all(fa[kind] & fb[kind] for kind in fa.keys() & fb.keys())


def _about_the_earlier_incident(drafts: list[EventDraft]) -> list[EventDraft]:
    """A story whose news no words date, beside one earlier incident of the same kind and place, tells that
    incident (a sentencing, a funeral, a follow-up: `received probation Thursday for accidentally shooting`,
    `... shot in the chest on March 1, 2014`): the undated mentions join it, which stays background, unless
    their figures disagree."""
    news = [d for d in drafts if draft_anchor(d) == "news"]
    if len(news) != 1 or _own_date(news[0]):
        return drafts
    undated = news[0]
    earlier = [d for d in drafts if draft_anchor(d) == "background" and not any(m.comparison for m, _ in d.mentions)
               and _compatible_places(draft_place(d), draft_place(undated))
               and {family(m.type) for m, _ in d.mentions} & {family(m.type) for m, _ in undated.mentions}
               and _compatible_counts(d, undated)]
    if len(earlier) != 1:
        return drafts
    for mention, _ in undated.mentions:
        mention.anchor = "background"
    earlier[0].mentions = sorted(earlier[0].mentions + undated.mentions, key=lambda mc: mc[0].start)
    return [d for d in drafts if d is not undated]


def _merge(mentions: list[tuple[EventMention, str]], drafts: list[EventDraft],
           lead_first: bool = False) -> list[EventDraft]:
    """Each mention joins a compatible draft or starts one. `lead_first`: a headline's mention joins the
    earliest compatible event (the story leads with its news), a body's the latest."""
    for mention, claim_id in mentions:
        compatible = [draft for draft in (drafts if lead_first else reversed(drafts))
                      # the news and what it retells (`Like the 1988 massacre`, `Last month, ...`) stay apart
                      if draft_anchor(draft) == mention.anchor
                      and _compatible_dates(_draft_date(draft), mention.date)
                      and (_compatible_places(draft_place(draft), mention.place)
                           or any(_compatible_places(other, mention.place) for m, _ in draft.mentions
                                  for other in m.also_at))]
        # The latest compatible event, unless an earlier one is of the mention's own type: `12 suspects were
        # arrested in connection with the attack` after a paragraph on last month's abduction.
        same_type = [] if lead_first else [d for d in compatible if any(m.type == mention.type for m, _ in d.mentions)]
        target = (same_type or compatible or [None])[0]
        if target is None and mention.reference_only:
            continue  # a reference with nothing compatible to refer to
        if target is None:
            target = EventDraft()
            drafts.append(target)
        target.mentions.append((mention, claim_id))
    return [d for d in drafts if any(not m.reference_only for m, _ in d.mentions)]


def event_mentions(claims: list[Claim], contexts: list[SentenceContext], text: str, title: str | None
                   ) -> tuple[list[tuple[EventMention, str]], list[tuple[EventMention, str]]]:
    """The event mentions of the body's claims and of the headline's, each with its claim id. A claim with
    no event word but a target (`targeting Taliban leaders`) or a count (`Two were killed.`) still
    mentions an event; what is hypothetical or denied mentions none."""
    first_line_end = text.find("\n") if "\n" in text else len(text)
    body: list[tuple[EventMention, str]] = []
    headline_mentions: list[tuple[EventMention, str]] = []
    for claim, ctx in zip(claims, contexts, strict=True):
        told = claim.modality not in ("hypothetical", "denied")
        sentence_mentions = find_event_mentions(ctx) if told else []
        headline = ctx.start <= first_line_end and title is not None and text_key(ctx.text) in text_key(title)
        for mention in sentence_mentions:
            (headline_mentions if headline else body).append((mention, claim.id))
        if not sentence_mentions and not ctx.counts and told:
            target = targets_only(ctx)
            if target is not None:
                body.append((target, claim.id))
        own = [c for c in ctx.counts if c.relation not in UNATTACHED]
        if not sentence_mentions and own and not any(c.negated for c in own) and not AGGREGATE.search(ctx.text):
            body.append((count_only(ctx, [c for c in own if not c.negated]), claim.id))
    published = next((c.published for c in contexts if c.published is not None), None)
    anchor_mentions([m for m, _ in body] + [m for m, _ in headline_mentions],
                    {c.claim_index: c for c in contexts}, published)
    return body, headline_mentions
