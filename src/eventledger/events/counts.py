"""Reconciling one document's counts of an event: one figure per source, then low, best, high and `disputed`."""

from __future__ import annotations

from dataclasses import replace

from eventledger.extract.count_relations import UNATTACHED
from eventledger.extract.counts import CountMention
from eventledger.model import Claim, CountSummary, CountValue
from eventledger.model.records import PARTIAL_RELATIONS


def _source_key(claim: Claim) -> str:
    """Who finally says a figure: the innermost source of its claim."""
    return claim.sources[-1].name.lower()


def reconcile_counts(counts: list[tuple[CountMention, str]], claims: dict[str, Claim]) -> dict[str, CountSummary]:
    """Per kind, the event's toll from the figures that give its total; the figures for a part of it (`three
    of them died`, `among the dead were 27 children and 22 women`) and for people who died of their wounds
    are kept beside it as values with their relation, never added to it. Only when no figure gives the
    total do the parts give a lower bound. Running totals and other incidents' figures are left off."""
    counts = [(c, cid) for c, cid in counts if c.relation not in UNATTACHED]
    # `the death toll has risen to 13`: a source's revision supersedes its first figure, kept as `superseded`
    revised = {(c.kind, _source_key(claims[cid])) for c, cid in counts if c.relation == "revision"}
    counts = [(replace(c, relation="superseded") if c.relation == "total" and not c.bound
               and (c.kind, _source_key(claims[cid])) in revised else c, cid) for c, cid in counts]
    out = _reconcile([(c, cid) for c, cid in counts if c.relation not in PARTIAL_RELATIONS], claims)
    partial = [(kind, summary) for relation in PARTIAL_RELATIONS for kind, summary in _reconcile(
        [(c, cid) for c, cid in counts if c.relation == relation], claims, relation=relation).items()]
    for kind, summary in partial:
        if kind not in out:
            bounds = tuple(replace(v, qualifier="at_least" if v.qualifier == "exact" else v.qualifier)
                           for v in summary.values)
            out[kind] = replace(summary, values=bounds)
        else:
            total = out[kind]
            out[kind] = replace(total, values=tuple(sorted(total.values + summary.values,
                                                           key=lambda v: (v.value, v.qualifier, v.relation))))
    return out


def _reconcile(counts: list[tuple[CountMention, str]], claims: dict[str, Claim], relation: str = "total"
               ) -> dict[str, CountSummary]:
    """Per kind: one value per source, then low, best (the value the most sources give or agree with, an
    exact figure before a bound; ties go to the lower), high and `disputed`.

    Within one source, a later mention usually retells the same people (`detained several insurgents`
    ... `detained three insurgents`): the fullest account counts, an exact figure beating a lower bound.
    Named leaders and the rank and file are counted apart and added (`captured a Taliban leader` ...
    `detained two suspected insurgents`: 3), and mentions of `additional` or `other` people add to the
    total. Deaths and injuries differ: a figure (`left two people dead`) already holds the victims the story
    then names one by one (`Janet Francois was shot and killed`), so across mentions the larger account
    stands, and only a leader and a group in one sentence add up. A source that only picks out people one by
    one (`he killed himself`, `Jaxon was pronounced dead`) gives a lower bound, not a rival figure. Different
    sources are never added up."""
    out: dict[str, CountSummary] = {}
    kinds = dict.fromkeys(c.kind for c, _ in counts)
    for kind in kinds:
        per_source: dict[str, dict] = {}
        for count, cid in counts:
            if count.kind != kind:
                continue
            source = _source_key(claims[cid])
            entry = per_source.setdefault(source, {"leader": None, "group": None, "extra": 0, "extra_q": "exact",
                                                   "claims": [], "vague": True, "bound": 0,
                                                   "largest": None, "individual": True,
                                                   "spread": 0, "revision": False, "more": True})
            entry["claims"].append(cid)
            entry["more"] = entry["more"] and count.additional  # `Two more people were killed`: only an increment
            entry["revision"] = entry["revision"] or count.relation == "revision"
            entry["individual"] = entry["individual"] and count.individual
            entry["vague"] = entry["vague"] and count.vague
            if count.bound:  # `a fatal shooting` bounds the figure (`Michael Parsons died`) but adds no one
                entry["bound"] = max(entry["bound"], count.value)
                continue
            if count.additional and (entry["leader"] or entry["group"]):
                entry["extra"] += count.value
                if count.qualifier != "exact":
                    entry["extra_q"] = count.qualifier
                continue
            for slot, parts in (("leader", [p for p in count.parts if p.leader]),
                                ("group", [p for p in count.parts if not p.leader])):
                if not parts:
                    continue
                figure = (sum(p.value for p in parts), _combined_qualifier(p.qualifier for p in parts))
                if entry[slot] is None or _more_precise(figure, entry[slot]):
                    entry[slot] = figure
            whole = (sum(p.value for p in count.parts), _combined_qualifier(p.qualifier for p in count.parts))
            if count.parts and (entry["largest"] is None or (whole[0], whole[1] == "exact")
                                > (entry["largest"][0], entry["largest"][1] == "exact")):
                entry["largest"] = whole
                # `between 10 and 15`: the top of the range, a second value from the same words
                entry["spread"] = sum(max(p.high - p.value, 0) for p in count.parts)
        values: dict[tuple[int, str], dict] = {}
        for source, entry in per_source.items():
            parts = [p for p in (entry["leader"], entry["group"]) if p is not None]
            if kind in ("killed", "injured") and parts:
                parts = [entry["largest"]]
            total = sum(v for v, _ in parts) + entry["extra"]
            qualifier = _combined_qualifier([*(q for _, q in parts), entry["extra_q"]])
            if entry["bound"] > total:
                total, qualifier = entry["bound"], "at_least"
            if kind in ("killed", "injured") and entry["individual"]:
                qualifier = "at_least"  # people named one by one are among the dead, not the whole toll
            slot = values.setdefault((total, qualifier), {"sources": set(), "claims": [], "vague": True,
                                                          "individual": True, "revision": False, "more": True})
            slot["revision"] = slot["revision"] or entry["revision"]
            slot["more"] = slot["more"] and entry["more"]
            slot["vague"] = slot["vague"] and entry["vague"]
            slot["individual"] = slot["individual"] and entry["individual"] and qualifier == "at_least"
            slot["sources"].add(source)
            slot["claims"].extend(c for c in entry["claims"] if c not in slot["claims"])
            if entry["spread"]:
                top = values.setdefault((total + entry["spread"], "at_most"), {
                    "sources": set(), "claims": [], "vague": entry["vague"], "individual": False, "revision": False,
                    "more": entry["more"]})
                top["claims"].extend(c for c in entry["claims"] if c not in top["claims"])
        # A vague lower bound (`several`, `a fatal shooting`) or people named one by one that a figure meets
        # say nothing new.
        figures = [v for (v, q), info in values.items() if not info["vague"] and not info["individual"]]
        informative = {k: v for k, v in values.items()
                       if not ((v["vague"] or v["individual"]) and k[1] == "at_least"
                               and any(f >= k[0] for f in figures))}
        numbers = sorted({v for v, _ in informative})
        given = {k: info["sources"] for k, info in informative.items()}
        # a source that only tells more people (`Two more people were killed`, `another died`) adds to a toll
        # told by others: it is no rival for the toll
        tolls = [k for k, info in informative.items() if not info["more"]] or list(informative)
        # a revised toll (`has risen to 60`) is the latest word, before a figure no one revised
        best = max(tolls, key=lambda k: (len(agreeing(k, given)), informative[k]["revision"], k[1] == "exact",
                                               -k[0]))[0]
        # Disputed: sources give different figures (a vague word is no figure).
        distinct = {v for (v, q), info in informative.items() if not info["vague"]}
        disputed = len(distinct) > 1
        out[kind] = CountSummary(
            low=numbers[0], best=best, high=numbers[-1], disputed=disputed,
            values=tuple(CountValue(value=v, qualifier=q, claims=tuple(info["claims"]),
                                    relation="revision" if info["revision"] else relation)
                         for (v, q), info in sorted(values.items())))
    return out


BOUND_REACH = 1.5  # how far past a bound a figure may lie and still agree with it


def agreeing(value: tuple[int, str], values: dict[tuple[int, str], set]) -> set:
    """Who gives a figure: its own sources, and those whose bound it meets (`more than 20 civilians` from one
    source, `22 people` from another: the bound does not rival the figure, it agrees with it). `values` maps
    (figure, qualifier) to its sources."""
    figure, qualifier = value
    sources = set(values[value])
    if qualifier == "exact":
        for (other, other_q), others in values.items():
            # a bound agrees with figures near it (`more than 20` with 22), not with any figure past it
            # (`at least 23` is no support for 224)
            if (other_q == "at_least" and other <= figure <= other * BOUND_REACH) or (
                    other_q == "at_most" and figure <= other <= figure * BOUND_REACH):
                sources |= others
    return sources


def _combined_qualifier(qualifiers) -> str:
    found = set(qualifiers)
    for qualifier in ("at_least", "about", "at_most"):
        if qualifier in found:
            return qualifier
    return "exact"


def _more_precise(new: tuple[int, str], old: tuple[int, str]) -> bool:
    """An exact figure beats a lower bound; between two of a kind the larger is the fuller account."""
    if new[1] == "exact" and old[1] != "exact":
        return True
    if new[1] != "exact" and old[1] == "exact":
        return False
    return new[0] > old[0]
