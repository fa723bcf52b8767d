"""A document's result: its record, the actors it uses (with the aliases it taught) and its mention rows."""

from __future__ import annotations

from dataclasses import replace

from eventledger.clean.normalize import TextMap
from eventledger.extract.counts import CountMention
from eventledger.model import Actor, Claim, Event, LearnedAlias, Mention, Source, TimeValue
from eventledger.model.mentions import ActorMention, PlaceMention, TimeMention


def time_ref(value: TimeValue) -> str | None:
    """A TimeML-style value: 2013-09-01, 2013-09, 2013, 2013-W35; ranges and unknowns give None."""
    if value.start is None:
        return None
    if value.precision == "day":
        return value.start.isoformat()
    if value.precision == "month":
        return value.start.strftime("%Y-%m")
    if value.precision == "year":
        return str(value.start.year)
    if value.precision == "week":
        year, week, _ = value.start.isocalendar()
        return f"{year}-W{week:02d}"
    if value.precision == "range" and value.end is not None and (value.start.year, value.start.month) == (
            value.end.year, value.end.month) and value.text and value.text.lower().startswith(("early", "mid", "late")):
        return value.start.strftime("%Y-%m")  # `early November`: TimeML writes the month (with a START modifier)
    return None


def document_actors(actors: dict[str, Actor], learned: dict[str, dict[str, str]], actor_mentions: list[ActorMention],
                    claims: list[Claim], doc_id: str) -> dict[str, Actor]:
    """The actors the document mentions or cites, each with the names this document taught it, as provenance
    (`learned`), never as the actor's aliases: one document's reading must not change the actor for others."""
    used = {m.actor for m in actor_mentions} | {s.actor for c in claims for s in c.sources if s.actor}
    doc_actors = {}
    for actor_id in sorted(used):
        actor = actors[actor_id]
        taught = tuple(LearnedAlias(alias=a, document=doc_id, how=how)
                       for a, how in sorted(learned.get(actor_id, {}).items())
                       if a not in actor.aliases and a != actor.name)
        doc_actors[actor_id] = replace(actor, learned=taught) if taught else actor
    return doc_actors


PROMOTE_AFTER = 2  # independent sources that must teach a name before it is the actor's alias in the ledger


def promote_aliases(actor: Actor, source_of: dict[str, str]) -> Actor:
    """The actor with the learned names that documents of `PROMOTE_AFTER` independent sources agree on added to
    its aliases (`source_of`: document -> its publisher or, unknown, itself); the provenance stays."""
    sources: dict[str, set[str]] = {}
    for entry in actor.learned:
        sources.setdefault(entry.alias, set()).add(source_of.get(entry.document, entry.document))
    agreed = tuple(a for a, s in sorted(sources.items()) if len(s) >= PROMOTE_AFTER and a not in actor.aliases)
    return replace(actor, aliases=actor.aliases + agreed) if agreed else actor


def mention_rows(doc_id: str, origin: TextMap, actors: dict[str, Actor], actor_mentions: list[ActorMention],
                 places: list[PlaceMention], times: list[TimeMention], counts: list[CountMention]) -> list[Mention]:
    """Every mention as a ledger row, in text order, with its offsets in the input as well (`origin` maps
    the cleaned text back to what was read)."""
    text = origin.text

    def located(start: int, end: int, **fields) -> Mention:
        a, b = origin.to_original(start, end)
        return Mention(document=doc_id, start=start, end=end, text=text[start:end], original_start=a,
                       original_end=b, **fields)

    mentions = [located(m.start, m.end, kind="actor", label=actors[m.actor].kind, ref=m.actor)
                for m in actor_mentions]
    mentions += [located(p.start, p.end, kind="place", label=p.place.kind, ref=p.place.name) for p in places]
    mentions += [located(t.start, t.end, kind="time", label=t.value.precision, ref=time_ref(t.value))
                 for t in times]
    mentions += [located(c.group_start, c.group_end, kind="quantity", label=c.kind, ref=str(c.value))
                 for c in counts if c.group_end > c.group_start]
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def publisher_is_party(publisher: Source, events: list[Event]) -> bool:
    """Whether the publisher is itself a victim in what it reports (a partisan source on its own members)."""
    return bool(publisher.actor) and any(
        p.actor == publisher.actor and p.role == "victim" for e in events for p in e.participants)
