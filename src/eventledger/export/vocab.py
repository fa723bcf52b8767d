"""Our vocabularies in the formats' terms: event types, precisions, actor kinds, countries, figures.

One table per mapping, so docs/exports.md and the code say the same thing. A value the ledger cannot back
maps to None (left empty), never to a guess.
"""

from __future__ import annotations

import math
from datetime import date
from functools import cache

from eventledger.model.records import VIOLENCE

# ACLED (codebook 2023): our type -> (disorder_type, event_type, sub_event_type).
ACLED_TYPES: dict[str, tuple[str, str, str]] = {
    "airstrike": ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    "bombing": ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "shelling": ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "armed_clash": ("Political violence", "Battles", "Armed clash"),
    "attack": ("Political violence", "Violence against civilians", "Attack"),
    "killing": ("Political violence", "Violence against civilians", "Attack"),
    "abduction": ("Political violence", "Violence against civilians", "Abduction/forced disappearance"),
    "arrest": ("Strategic developments", "Strategic developments", "Arrests"),
}
ACLED_SUICIDE = ("Political violence", "Explosions/Remote violence", "Suicide bomb")
ACLED_BATTLE = ("Political violence", "Battles", "Armed clash")

# ACLED's numeric actor types (inter1, inter2) for the actor kinds that decide one. An armed group may be a
# rebel group (2) or a political militia (3), a gang a political militia or no political actor at all: the
# ledger cannot tell, so those stay empty.
ACLED_INTER = {"state": 1, "state_force": 1, "militia": 4, "civilians": 7, "international_body": 8}
ARMED_KINDS = frozenset({"state", "state_force", "armed_group", "militia", "criminal_group"})

# PLOVER (manual 0.7b1): our type -> (event, mode). FIGHT is folded into ASSAULT there, both sides as source.
PLOVER_TYPES: dict[str, tuple[str, str | None]] = {
    "airstrike": ("ASSAULT", None),  # the manual's ASSAULT modes have none for aircraft
    "bombing": ("ASSAULT", "explosives"),
    "shelling": ("ASSAULT", "heavy-weapons"),
    "armed_clash": ("ASSAULT", None),
    "attack": ("ASSAULT", None),
    "killing": ("ASSAULT", None),
    "abduction": ("ASSAULT", "abduct"),
    "arrest": ("COERCE", "arrest"),
}
PLOVER_QUAD = {"ASSAULT": 4, "COERCE": 4}  # material conflict
# PLOVER sector codes for the kinds that decide one; a state force may be military or police (MIL, COP).
PLOVER_SECTOR = {"state": "GOV", "civilians": "CVL", "criminal_group": "CRM", "media": "JRN"}
PLOVER_NONSTATE_CODE = {"international_body": "IGO", "ngo": "NGO"}

# UCDP GED where_prec from our location precision (docs/vocabularies.md); `unknown` has no code.
WHERE_PREC = {"exact": 1, "near": 2, "district": 3, "province": 4, "country": 6}
# ACLED geo_precision: 1 the town itself, 2 near it or a part of a region, 3 only a province or larger.
GEO_PRECISION = {"exact": 1, "near": 2, "district": 2, "province": 3, "country": 3}


def is_lethal_violence(event: dict) -> bool:
    """An event UCDP GED could hold: organised violence with at least one death the ledger counts."""
    killed = event["counts"].get("killed")
    return event["type"] in VIOLENCE and killed is not None and killed["high"] > 0


def day_span(when: dict) -> int | None:
    """Days from the date's start to its end, both counted; None when either end is open."""
    start, end = parse_day(when.get("start")), parse_day(when.get("end"))
    if start is None or end is None:
        return None
    return (end - start).days + 1


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def ged_date_prec(when: dict) -> int | None:
    """GED date_prec (1 the day; 2 a 2-6 day range; 3 the week; 4 8-30 days or the month; 5 up to a calendar
    year) from the date's precision and span; None for an open date or one longer than a year."""
    span = day_span(when)
    if span is None:
        return None
    if span == 1:
        return 1
    if when.get("precision") == "week" or span == 7:
        return 3
    if span <= 6:
        return 2
    if when.get("precision") == "month" or span <= 31:
        return 4
    return 5 if span <= 366 else None


def acled_time_precision(when: dict) -> int | None:
    """ACLED time_precision: 1 the day, 2 a week or a few days, 3 a month or longer."""
    span = day_span(when)
    if span is None:
        return None
    return 1 if span == 1 else 2 if span <= 7 else 3


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degrees, numbered from the south-west corner row by row) of a point."""
    if lat is None or lon is None:
        return None
    row = min(int(math.floor((lat + 90) / 0.5)), 359)
    col = min(int(math.floor((lon + 180) / 0.5)), 719)
    return row * 720 + col + 1


@cache
def _country(alpha2: str):
    import pycountry

    return pycountry.countries.get(alpha_2=alpha2.upper())


def country_name(alpha2: str | None) -> str | None:
    """The country's common name (ISO 3166), e.g. `Iran` rather than `Iran, Islamic Republic of`."""
    found = _country(alpha2) if alpha2 else None
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name


def country_alpha3(alpha2: str | None) -> str | None:
    found = _country(alpha2) if alpha2 else None
    return found.alpha_3 if found else None


def country_numeric(alpha2: str | None) -> int | None:
    """ISO 3166-1 numeric code, what ACLED's `iso` column holds."""
    found = _country(alpha2) if alpha2 else None
    return int(found.numeric) if found else None


@cache
def generic_actor_ids() -> frozenset[str]:
    """Ids of the shipped generic agents (gunmen, attackers, police, soldiers): unnamed sides, which cannot
    decide a UCDP dyad."""
    from eventledger.extract.actors import default_matcher

    return frozenset(default_matcher(()).dictionary.generic_ids)


def figures(event: dict, kind: str = "killed") -> tuple[int, int, int] | None:
    """(low, best, high) of one count, or None when the ledger holds no such count."""
    summary = event["counts"].get(kind)
    if not summary:
        return None
    return summary["low"], summary["best"], summary["high"]


def attackers_dead(event: dict) -> tuple[int, int, int] | None:
    """(low, best, high) for the attacking side's own dead (`relation: attackers`), if any source gives a
    figure: kept beside the victims' toll, so a total over all sides can be read without counting anyone twice.
    Best is the figure the most sources give, ties to the lower."""
    values = [v for v in event["counts"].get("killed", {}).get("values", []) if v.get("relation") == "attackers"]
    if not values:
        return None
    best = min(values, key=lambda v: (-v.get("sources", 1), v["value"]))["value"]
    return min(v["value"] for v in values), best, max(v["value"] for v in values)


def victims_toll(event: dict) -> tuple[int, int, int] | None:
    """(low, best, high) of the killed, unless every figure counts only the attackers' own dead (then the
    summary is theirs, and `attackers_dead` gives it): so no one is counted twice."""
    summary = event["counts"].get("killed")
    if not summary or all(v.get("relation") == "attackers" for v in summary["values"]):
        return None
    return summary["low"], summary["best"], summary["high"]
