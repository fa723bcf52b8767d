"""A draft becomes an event: its type, date, place, participants (one per actor and role) and counts."""

from __future__ import annotations

from dataclasses import replace

from eventledger.events.counts import reconcile_counts
from eventledger.events.drafts import EventDraft, draft_anchor, draft_place
from eventledger.events.placing import location_of
from eventledger.extract.events import EventMention, event_types
from eventledger.model import PRECISION_ORDER, Actor, Claim, Event, Location, Participant, TimeValue


def build_event(event_id: str, doc_id: str, draft: EventDraft, claims: list[Claim],
                actors: dict[str, Actor]) -> Event | None:
    types = event_types()
    claim_by_id = {c.id: c for c in claims}
    mentions = [(m, cid) for m, cid in draft.mentions]
    etype = max((m.type for m, _ in mentions if not m.reference_only), key=lambda t: types.rank[t])
    if etype in ("attack", "killing", "armed_clash") and any(w for m, _ in mentions for w in m.weapons):
        weapon_types = [types.nouns[w.lower()] for m, _ in mentions for w in m.weapons]
        strongest = max(weapon_types, key=lambda t: types.rank[t])
        if types.rank[strongest] > types.rank[etype]:
            etype = strongest
    claim_ids = tuple(dict.fromkeys(cid for _, cid in mentions))

    date_value, date_claims = None, []
    best_rank = 99
    for mention, _cid in mentions:
        if mention.date is not None:
            rank = PRECISION_ORDER.get(mention.date.precision, 9)
            if rank < best_rank:
                date_value, best_rank = mention.date, rank
    if date_value is not None:
        date_claims = [cid for m, cid in mentions if m.date == date_value]
    place = draft_place(EventDraft(mentions))
    location = Location(precision="unknown")
    if place is not None:
        location = location_of(place, tuple(dict.fromkeys(cid for m, cid in mentions if m.place is not None
                                                        and m.place.place == place.place)))

    # One participant per actor, role and part played, each with the claims that say so.
    participants: dict[tuple[str, str, str | None], dict] = {}
    for mention, cid in mentions:
        for part in mention.participants:
            key = (part.actor, part.role, part.detail)
            entry = participants.setdefault(key, {"claims": [], "generic": part.generic})
            if cid not in entry["claims"]:
                entry["claims"].append(cid)
    # An actor that is both: the role more claims give wins (one misread sentence does not flip a side).
    weight: dict[tuple[str, str], int] = {}
    for (actor_id, role, _detail), entry in participants.items():
        weight[(actor_id, role)] = weight.get((actor_id, role), 0) + len(entry["claims"])
    for key in list(participants):
        other = "victim" if key[1] == "perpetrator" else "perpetrator" if key[1] == "victim" else None
        if other and weight.get((key[0], other), 0) > weight.get((key[0], key[1]), 0):
            del participants[key]
    # A name beats a description of the same side (`Taliban insurgents`, `the insurgents` beside `the Taliban`):
    # a generic actor goes when a named one shares a claim with it or more claims name the latter. A state
    # is no more precise than its forces (`Tunisian police`), so it displaces no one.
    for role in ("perpetrator", "victim"):
        named = [v for k, v in participants.items() if k[1] == role and not v["generic"]
                 and actors[k[0]].kind != "state"]
        for key in [k for k, v in participants.items() if k[1] == role and v["generic"]]:
            claims = set(participants[key]["claims"])
            if any(claims & set(v["claims"]) or len(v["claims"]) > len(claims) for v in named):
                del participants[key]
    out_participants = []
    for (actor_id, role, detail), entry in participants.items():
        modalities = {claim_by_id[c].modality for c in entry["claims"]}
        modality = "asserted" if "asserted" in modalities else sorted(modalities)[0]
        out_participants.append(Participant(actor=actor_id, role=role, claims=tuple(entry["claims"]),
                                            detail=detail, modality=modality))
    if etype in ("killing", "attack"):
        perp_kinds = {actors[p.actor].kind for p in out_participants if p.role == "perpetrator"}
        victim_kinds = {actors[p.actor].kind for p in out_participants if p.role == "victim"}
        if perp_kinds & {"state_force", "armed_group"} and victim_kinds and victim_kinds <= {"armed_group"} and (
                perp_kinds != victim_kinds or "state_force" in perp_kinds):
            etype = "armed_clash"

    perpetrator_kinds = {actors[p.actor].kind for p in out_participants if p.role == "perpetrator"}
    armed_captors = bool(perpetrator_kinds) and perpetrator_kinds <= {"armed_group"}

    def held_by_armed_group(mention: EventMention, claim_id: str) -> bool:
        """People `captured` or `detained` by rebels or gunmen are abducted, not arrested; `suspects` the
        police say were arrested after the attack are arrested."""
        if not armed_captors:
            return False
        captors = {actors[p.actor].kind for p in mention.participants if p.role == "perpetrator"
                   and p.actor in actors}
        if captors:
            return captors <= {"armed_group"}
        said_by_the_state = any(s.kind == "state_force" or (s.actor and actors.get(s.actor) is not None
                                                            and actors[s.actor].kind == "state_force")
                                for s in claim_by_id[claim_id].sources[1:])
        return not said_by_the_state

    in_text_order = sorted(((replace(c, kind="abducted") if c.kind == "arrested" and held_by_armed_group(m, cid)
                             else c, cid) for m, cid in mentions for c in m.counts), key=lambda x: x[0].start)
    counts = reconcile_counts(in_text_order, claim_by_id)
    if etype == "arrest" and "abducted" in counts and "arrested" not in counts:
        etype = "abduction"
    return Event(id=event_id, type=etype,
                 date=date_value or TimeValue(start=None, end=None, precision="unknown", text=None),
                 location=location, participants=tuple(out_participants), counts=counts, claims=claim_ids,
                 documents=(doc_id,), weapons=tuple(dict.fromkeys(w for m, _ in mentions for w in m.weapons)),
                 date_claims=tuple(dict.fromkeys(date_claims)), anchor=draft_anchor(draft))
