"""Matching report-level events into incidents, and combining an incident's reports into one event.

Blocking keeps the cost of a new report flat as the ledger grows: a report is compared only with incidents
of the same event family and country whose dates fall in the same weeks (its date window, widened by the
date's precision), and with incidents whose reports name the same people (follow-up stories weeks later).
The comparison then scores what the reports share; a report joins the best incident scoring at least
`MATCH_THRESHOLD`, else it starts a new one. The rule, in points:

- dates more than 60 days apart, or towns in different countries or provinces each read in its own
  sentence: never the same incident; dates that do not overlap cost 1 point (within a week) or 2;
- the same town (+2; +1.5 when the two reports resolved its name in different states) or district (+1) or
  only the same province (+0.5); no place on one side costs 1 point (a day, a type and a toll of one fit
  too many shootings);
- the same day (+1) or the next (+0.5); the same event type (+0.5);
- a person's name in both (+3 when the events' own sentences name them, +2 when elsewhere in the articles);
- the same number killed (+1) or injured (+0.5), when not zero;
- the documents are copies (+5) or share much of their wording (+1.5).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import urlparse

from eventledger.events.counts import agreeing
from eventledger.extract.places import person_names
from eventledger.model.records import (
    PARTIAL_RELATIONS,
    PRECISION_ORDER,
    VIOLENCE,
    Claim,
    CountSummary,
    CountValue,
    Document,
    Event,
    Location,
    Participant,
    TimeValue,
    family,
)
from eventledger.reconcile.sources import CopyIndex

MATCH_THRESHOLD = 2.5
MAX_GAP_DAYS = 60  # a follow-up story (an arrest, a funeral) names the victims weeks later
NAME_BLOCK_LIMIT = 10  # a name shared by more incidents (a police spokesman) is no blocking key
LOCATION_ORDER = {"exact": 0, "near": 1, "district": 2, "province": 3, "country": 4, "unknown": 5}
BASIS_ORDER = {"event": 0, "context": 1, "document": 2, "dateline": 3}
# How a report came by its event's date: its own words (no basis), the lede's date, the earliest day the story
# names, the week up to a source's report, the publication date; between dates equally precise, the first that
# any report has decides.
DATE_BASIS_ORDER = {None: 0, "lede": 1, "story": 2, "report": 3, "publication": 4}
_NAME = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


@dataclass
class Report:
    """One document's event with what matching needs."""

    event: Event
    document: Document
    group: str  # the document's copy group
    window: tuple[date, date] | None
    names: frozenset[str]  # people named in the event's own claims
    document_names: frozenset[str] = frozenset()  # people named anywhere in the document


@dataclass
class Incident:
    id: str
    reports: list[Report] = field(default_factory=list)

    @property
    def window(self) -> tuple[date, date] | None:
        windows = [r.window for r in self.reports if r.window]
        return (min(w[0] for w in windows), max(w[1] for w in windows)) if windows else None


def date_window(value: TimeValue, published: date | None) -> tuple[date, date] | None:
    """The days an event may have happened on: its date widened by a day either side; an undated event
    the week before publication; a year or a long range says too little to block on (None)."""
    if value.start is not None:
        end = value.end or value.start
        if (end - value.start).days <= 45:
            return value.start - timedelta(days=1), end + timedelta(days=1)
        return None  # a year or a long range (`the 1988 massacre`): no week to block on
    if published is not None:
        return published - timedelta(days=7), published + timedelta(days=1)
    return None


def people_named(texts: Iterable[str]) -> frozenset[str]:
    """`given surname` pairs named in the texts (victims, suspects): `erica rodriguez`."""
    given, surnames = person_names()
    found = set()
    for text in texts:
        for first, last in _NAME.findall(text):
            if first.lower() in given and (last.lower() in surnames or last.lower() not in given):
                found.add(f"{first.lower()} {last.lower()}")
    return frozenset(found)


def _town(location: Location) -> str | None:
    """The town a location names: a town or camp, or a town the gazetteer lacks (province precision, but
    not the province itself)."""
    if location.precision in ("exact", "near") or (location.precision == "province"
                                                   and location.name != location.admin1):
        return location.name
    return None


def _same_place_points(a: Location, b: Location) -> float | None:
    """Points for two locations, or None when they cannot be one place. The same town's name read in two
    different states is more likely one place resolved two ways (`Naples`) than two places: 1.5."""
    town_a, town_b = _town(a), _town(b)
    same_town = bool(town_a and town_b and town_a.lower() == town_b.lower())
    if (a.country and b.country and a.country != b.country) or (
            a.admin1 and b.admin1 and a.admin1 != b.admin1 and a.country == b.country):
        if same_town:
            return 1.5
        if (a.ambiguous or b.ambiguous) and a.admin2 and a.admin2 == b.admin2:
            return 0.5  # `Butler County` read by size alone in Ohio, `Poplar Bluff, Mo.` in Missouri's Butler County
        # Two towns each read in its own sentence are two places; a place inferred from the story
        # (basis `document`, `dateline`) or read by size alone (`Butler County`, no state named) may be a
        # misreading: it costs points but does not rule it out.
        firm = all(loc.basis in ("event", "context") and loc.precision in ("exact", "near") and not loc.ambiguous
                   for loc in (a, b))
        return None if firm else -1.0
    if same_town:
        return 2.0
    if a.admin2 and b.admin2 and a.admin2 == b.admin2:
        return 1.0
    if a.admin1 and a.admin1 == b.admin1:
        return 0.5
    return 0.0


def date_gap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int:
    """Days between two date windows (0 when they overlap or one is unknown)."""
    if not a or not b:
        return 0
    return max(0, (a[0] - b[1]).days, (b[0] - a[1]).days)


def score(report: Report, incident: Incident, copies: CopyIndex) -> float | None:
    if any(o.document.id == report.document.id for o in incident.reports):
        return None  # one document's events were kept apart when it was read: they stay apart
    gap = date_gap(report.window, incident.window)
    if gap > MAX_GAP_DAYS:
        return None
    best_place: float | None = None
    for other in incident.reports:
        points = _same_place_points(report.event.location, other.event.location)
        if points is None:
            return None
        best_place = points if best_place is None else max(best_place, points)
    total = (best_place or 0.0) - (0 if gap == 0 else 1.0 if gap <= 7 else 2.0)
    if not report.event.location.country or not any(o.event.location.country for o in incident.reports):
        total -= 1.0  # no place to compare: the day, type and toll alone fit too many shootings
    day = report.event.date.start if report.event.date.precision == "day" and report.event.date.basis != \
        "publication" else None
    other_days = [o.event.date.start for o in incident.reports
                  if o.event.date.precision == "day" and o.event.date.basis != "publication"]
    if day and day in other_days:
        total += 1.0
    elif day and any(abs((day - d).days) == 1 for d in other_days):
        total += 0.5
    if any(o.event.type == report.event.type for o in incident.reports):
        total += 0.5
    names = frozenset().union(*(o.names for o in incident.reports))
    if report.names & names:
        total += 3.0
    elif report.document_names & frozenset().union(*(o.document_names for o in incident.reports)):
        total += 2.0
    for kind, points in (("killed", 1.0), ("injured", 0.5)):
        mine = report.event.counts.get(kind)
        if mine and mine.best and any(o.event.counts.get(kind) and o.event.counts[kind].best == mine.best
                                      for o in incident.reports):
            total += points
    similarity = max((copies.similarity(report.document.id, o.document.id) for o in incident.reports), default=0)
    if any(o.group == report.group for o in incident.reports):
        total += 5.0
    elif similarity >= 0.1:
        total += 1.5
    return total


def region_key(location: Location) -> str:
    """The block a report is filed under: `US/Texas`, `US/?` (country only), `?` (no place)."""
    if not location.country:
        return "?"
    return f"{location.country}/{location.admin1 if _state_known(location) else '?'}"


def _state_known(location: Location) -> bool:
    """Whether the text settles the report's province or state (read by size alone, it does not)."""
    return bool(location.admin1) and not location.ambiguous


def region_keys(location: Location, known: Iterable[str]) -> list[str]:
    """The blocks a report is compared with: its own province's, its country's unplaced ones and the
    placeless; a report placed only in a country looks in all of that country's; a placeless one in all."""
    if not location.country:
        return list(known)
    if not _state_known(location):
        return [k for k in known if k.startswith(f"{location.country}/")] + ["?"]
    return [region_key(location), f"{location.country}/?", "?"]


class IncidentIndex:
    """Incidents built report by report; each report is compared only with the incidents in its blocks:
    the same event family and ISO week, and the same province (or none known), or a person named in the
    event's own sentences."""

    def __init__(self, copies: CopyIndex | None = None, threshold: float = MATCH_THRESHOLD) -> None:
        self.copies = copies or CopyIndex()
        self.threshold = threshold
        self.incidents: dict[str, Incident] = {}
        self.blocks: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.name_blocks: dict[tuple[str, str], list[str]] = defaultdict(list)

    @staticmethod
    def block_weeks(report: Report) -> list[tuple]:
        fam = family(report.event.type)
        if report.window is None:
            return [(fam, None)]
        start, end = report.window
        return sorted({(fam, (start + timedelta(days=d)).isocalendar()[:2]) for d in range((end - start).days + 1)},
                      key=str)

    def candidates(self, report: Report) -> list[Incident]:
        seen: dict[str, Incident] = {}
        for week in self.block_weeks(report):
            by_region = self.blocks.get(week, {})
            for key in region_keys(report.event.location, by_region):
                for incident_id in by_region.get(key, ()):
                    seen.setdefault(incident_id, self.incidents[incident_id])
        for key in self.name_keys(report):
            bucket = self.name_blocks.get(key, ())
            if len(bucket) <= NAME_BLOCK_LIMIT:
                for incident_id in bucket:
                    seen.setdefault(incident_id, self.incidents[incident_id])
        return list(seen.values())

    @staticmethod
    def name_keys(report: Report) -> list[tuple[str, str]]:
        fam = family(report.event.type)
        return [(fam, name) for name in sorted(report.names | report.document_names)]

    def add(self, report: Report) -> Incident:
        scored = [(s, i) for i in self.candidates(report) if (s := score(report, i, self.copies)) is not None]
        best = max(scored, key=lambda si: si[0], default=None)
        if best is not None and best[0] >= self.threshold:
            incident = best[1]
        else:
            incident = Incident(id=report.event.id)
            self.incidents[incident.id] = incident
        incident.reports.append(report)
        for week in self.block_weeks(report):
            bucket = self.blocks[week][region_key(report.event.location)]
            if incident.id not in bucket:
                bucket.append(incident.id)
        for key in self.name_keys(report):
            if incident.id not in self.name_blocks[key]:
                self.name_blocks[key].append(incident.id)
        return incident


def _outlet(document: Document) -> str:
    if document.url:
        host = urlparse(document.url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return (document.publisher or document.id).lower()


def reconcile_across(reports: list[Report], claims: dict[str, Claim], policy: str = "majority"
                     ) -> dict[str, CountSummary]:
    """Per kind, the values every independent source gives. A source is an outlet and the innermost
    speaker of the claim; a later report by the same source supersedes its earlier figure (23 killed by
    morning, 52 by night). Copies of one story are one source. `best` is the value the most independent
    sources give or agree with (a bound agrees with a figure near it; ties: the lower), or the lowest figure
    under the `conservative` policy."""
    out: dict[str, CountSummary] = {}
    kinds = dict.fromkeys(k for r in reports for k in r.event.counts)
    order = sorted(reports, key=lambda r: (r.document.published or date.min))
    for kind in kinds:
        latest: dict[tuple[str, str], tuple[Report, CountValue]] = {}
        for report in order:
            summary = report.event.counts.get(kind)
            if summary is None:
                continue
            for value in summary.values:
                speaker = claims[value.claims[0]].sources[-1].name.lower() if value.claims[0] in claims else ""
                latest[(_outlet(report.document), speaker)] = (report, value)
        values: dict[tuple[int, str], dict] = {}
        for report, value in latest.values():
            slot = values.setdefault((value.value, value.qualifier), {"groups": set(), "claims": [],
                                                                      "relations": set()})
            slot["groups"].add(report.group)
            slot["relations"].add(value.relation)
            slot["claims"].extend(c for c in value.claims if c not in slot["claims"])
        figures = [v for (v, q) in values if q != "at_least"]
        # a part of the toll (`three of them died`) is kept beside a total, never taken for it
        candidates = {k: v for k, v in values.items() if v["relations"] - set(PARTIAL_RELATIONS)} or values
        informative = {k: v for k, v in candidates.items()
                       if not (k[1] == "at_least" and any(f >= k[0] for f in figures))} or candidates
        numbers = sorted({v for v, _ in informative})
        if policy == "conservative":
            best = min(v for v, _ in values)  # the lowest figure anyone gives, a lower bound included
        else:
            # independent sources giving a figure or a bound near it (`at least six` agrees with `six`)
            given = {k: info["groups"] for k, info in candidates.items()}
            best = max(informative, key=lambda k: (len(agreeing(k, given)), -k[0]))[0]
        figure_groups = [info["groups"] for (v, q), info in informative.items() if q != "at_least"]
        distinct = {v for (v, q) in informative if q != "at_least"}
        disputed = len(distinct) > 1 and len(set().union(*figure_groups)) > 1
        out[kind] = CountSummary(
            low=numbers[0], best=best, high=numbers[-1], disputed=disputed,
            values=tuple(CountValue(value=v, qualifier=q, claims=tuple(info["claims"]),
                                    sources=len(info["groups"]), relation=_relation(info["relations"]))
                         for (v, q), info in sorted(values.items())))
    return out


def _relation(relations: set[str]) -> str:
    """One relation for a value several reports give: a total when any gives it as one."""
    for relation in ("revision", "total", "part", "died_of_wounds", "attackers", "superseded"):
        if relation in relations:
            return relation
    return "total"


def combine(incident: Incident, claims: dict[str, Claim], policy: str = "majority") -> Event:
    """One event for an incident: every report's claims, the best-attested type, date and place, every
    participant with its claims, and counts reconciled across independent sources."""
    reports = incident.reports
    if len(reports) == 1:  # one report: its own reconciliation of its sources stands, under the incident's id
        # (another report's, when that report's document was replaced by a new version)
        return replace(reports[0].event, id=incident.id, source_groups=((reports[0].document.id,),))
    events = [r.event for r in reports]
    types = Counter(e.type for e in events)
    etype = max(types, key=lambda t: (types[t], t in VIOLENCE))
    dated = [e for e in events if e.date.start is not None]
    # the most precise date, one the reports' own words give over one inferred from the story, then the one
    # most reports give (the same day however written), then the earliest: later reports add the days of
    # arrests, deaths in hospital and hearings
    date_event = min(dated, key=lambda e: (
        e.date.basis == "publication", PRECISION_ORDER.get(e.date.precision, 9), DATE_BASIS_ORDER.get(e.date.basis, 0),
        -sum(1 for o in dated if (o.date.start, o.date.end) == (e.date.start, e.date.end)),
        e.date.start)) if dated else events[0]
    # every report giving that day cites its words, however it wrote the day (`Saturday`, `April 9`)
    date_claims = tuple(dict.fromkeys(c for e in events if (e.date.start, e.date.end, e.date.precision) == (
        date_event.date.start, date_event.date.end, date_event.date.precision) for c in e.date_claims))
    placed = [e for e in events if e.location.name]
    location = events[0].location
    if placed:
        # the state most reports agree on (one report's misread town does not move the incident; a state read
        # by size alone counts less than one the text settles), then the place the most independent sources
        # name (`Bronx` twice over `New York City` once), then a town over a county, then the best-grounded,
        # most precise place
        states: Counter = Counter()
        for e in placed:
            states[(e.location.country, e.location.admin1)] += 0.4 if e.location.ambiguous else 1.0
        chosen = min(placed, key=lambda e: (-states[(e.location.country, e.location.admin1)],
                                            e.location.ambiguous,
                                            # the place the most independent sources give (copies count once)
                                            -len({r.group for r in reports if r.event.location.name
                                                  and r.event.location.name == e.location.name}),
                                            _town(e.location) is None,  # a town one report names, over a county
                                            BASIS_ORDER.get(e.location.basis, 9),
                                            LOCATION_ORDER.get(e.location.precision, 9)))
        location = replace(chosen.location, claims=tuple(dict.fromkeys(
            c for e in placed if e.location.name == chosen.location.name for c in e.location.claims)))
    participants: dict[tuple, list[str]] = {}
    for e in events:
        for p in e.participants:
            participants.setdefault((p.actor, p.role, p.detail, p.modality), []).extend(p.claims)
    groups: dict[str, list[str]] = {}
    for r in reports:
        groups.setdefault(r.group, []).append(r.document.id)
    return Event(
        id=incident.id, type=etype, date=date_event.date, location=location,
        participants=tuple(Participant(actor=a, role=role, detail=d, modality=m, claims=tuple(dict.fromkeys(c)))
                           for (a, role, d, m), c in participants.items()),
        counts=reconcile_across(reports, claims, policy),
        claims=tuple(dict.fromkeys(c for e in events for c in e.claims)),
        documents=tuple(dict.fromkeys(d for e in events for d in e.documents)),
        weapons=tuple(dict.fromkeys(w for e in events for w in e.weapons)),
        date_claims=date_claims or date_event.date_claims,
        source_groups=tuple(tuple(docs) for docs in groups.values()))


def merge_documents(documents: Iterable[Document], events: Iterable[Event], claims: Iterable[Claim],
                    policy: str = "majority") -> list[Event]:
    """The incidents told by a set of documents (stateless: the same rule as incremental ingest)."""
    documents = sorted(documents, key=lambda d: (d.published or date.min, d.id))
    claim_index = {c.id: c for c in claims}
    by_document: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_document[event.documents[0] if event.documents else ""].append(event)
    copies = CopyIndex()
    index = IncidentIndex(copies)
    for document in documents:
        group = copies.add(document.id, document.text)
        everyone = people_named([document.text])
        for event in by_document.get(document.id, ()):
            own = people_named(claim_index[c].text for c in event.claims if c in claim_index)
            index.add(Report(event, document, group, date_window(event.date, document.published), own, everyone))
    return [combine(incident, claim_index, policy) for incident in index.incidents.values()]
