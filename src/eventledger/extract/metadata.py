"""Document metadata read from the text: dateline (place and date), byline/publisher, title date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventledger.extract.places.words import lowercase_words
from eventledger.extract.times import MONTH_RE, YEAR_RE, parse_month_day

# A weekday or a page's furniture before a date is no place (`(Published Monday, Aug. 4, 2014)`).
_NOT_PLACE = r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Published|Updated|Posted|Modified)\b)"
_PLACE = _NOT_PLACE + r"(?P<place>[A-Z][A-Za-z.'\-]+(?:[ \-][A-Z][A-Za-z.'\-]+){0,3})"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
_DAY = r"(?P<day>[0-3]?\d)"
DATELINE = re.compile(
    rf"(?m)(?:^|(?<=\s))[ \"]*(?:{_PLACE}{_REGION}\s*)?(?:,\s*|\(\s*)"
    rf"{MONTH_RE}\s+{_DAY}(?:,?\s+{YEAR_RE})?\s*\)?(?:\s*\((?P<agency>[A-Za-z][\w .&-]{{0,20}})\))?"
    rf"\s*(?:[—–\-:]+|\s)"
)
_LABELS = {"update", "updated", "breaking", "warning", "editor's note", "note", "correction", "photos", "video",
           "watch", "listen", "related", "exclusive", "analysis", "opinion", "live"}
PLACE_ONLY_DATELINE = re.compile(rf"(?m)^\s*(?P<place>[A-Z][A-Z .'\-]{{2,30}}){_REGION}\s*"
                                 rf"(?:\((?P<agency>[^)]{{1,40}})\))?\s*(?:[—–-]+|:)\s")  # `WASHINGTON:` too
BYLINE = re.compile(
    r"(?mi)^\s*(?:reporting|reported|written|story|text|words|photos? and reporting) by[:\s]+(?P<name>[^\n]{2,80}?)"
    r"\s*$|^\s*by[:\s]+(?P<name2>[A-Z][^\n]{1,80}?)\s*$"
)
# Release numbers such as `2010-09-CA-005` or `2011-07-S-001` carry the year a short dateline omits.
REFERENCE_YEAR = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-[A-Z]{1,3}[-–]\d+")
TITLE_DATE = re.compile(rf"{MONTH_RE}\s+{_DAY}\b(?:,?\s+{YEAR_RE})?")


@dataclass(frozen=True, slots=True)
class Metadata:
    published: date | None
    dateline_place: str | None
    dateline_region: str | None
    dateline_span: tuple[int, int] | None
    publisher: str | None


def read_metadata(text: str, title: str | None, published: date | None, reference: str | None = None) -> Metadata:
    """Dateline and byline from the first part of the text; the record's date, or the year of a release
    number in the record or the text (`2012-06-S-026`), fills a missing year."""
    head = text[:3000]
    fallback_year = published.year if published else None
    reference = REFERENCE_YEAR.search(reference or "") or REFERENCE_YEAR.search(head[:1500])
    if fallback_year is None and reference:
        fallback_year = int(reference.group(1))
    title_date = None
    if title:
        found = TITLE_DATE.search(title)
        if found:
            title_date = parse_month_day(found.group("month"), found.group("day"), found.group("year"),
                                         fallback_year)
    fallback_year = fallback_year or (title_date.year if title_date else None)
    dateline_date = None
    place = None
    region = None
    span = None
    dated_agency = None
    for match in _datelines_strongest_first(head):
        candidate = parse_month_day(match.group("month"), match.group("day"), match.group("year"),
                                    fallback_year)
        if candidate is None and match.group("year") is None and fallback_year is None:
            # A dateline without a year and nothing to take it from: keep the place, not the date.
            place = place or _clean_place(match.group("place"))
            span = span or match.span()
            continue
        if candidate is None:
            continue
        dateline_date = candidate
        place = _clean_place(match.group("place"))
        region = _clean_place(match.group("region"))
        span = match.span()
        dated_agency = match.group("agency")
        break
    agency = dated_agency
    if place is None or span is None:
        only = PLACE_ONLY_DATELINE.search(head)
        if only and only.group(0).rstrip().endswith(":") and _clean_place(only.group("place")).lower() in (
                lowercase_words() | _LABELS):
            only = None  # `UPDATE:`, `WARNING:`: a label, no place
        if only:
            place = place or _clean_place(only.group("place"))
            region = region or _clean_place(only.group("region"))
            span = span or only.span()
            agency = only.group("agency")
    publisher = None
    byline = BYLINE.search(head)
    if byline:
        publisher = (byline.group("name") or byline.group("name2")).strip().rstrip(".")
    elif agency and not re.search(r"\d", agency):
        publisher = agency.strip()  # `KANDAHAR, Afghanistan (Reuters) -`: the wire agency speaks
    return Metadata(published=published or dateline_date or title_date, dateline_place=place,
                    dateline_region=region, dateline_span=span, publisher=publisher)


def _datelines_strongest_first(head: str) -> list[re.Match[str]]:
    """Dateline candidates, those written as datelines (`KABUL, Afghanistan (March 8, 2011) —`, `Washington,
    October 19, 2019—`) before a date that merely ends a line (a title such as `Morning Operational Update,
    March 8, 2011`), each group in reading order."""
    matches = list(DATELINE.finditer(head))

    def written_as_dateline(match: re.Match[str]) -> bool:
        before_month = head[match.start():match.start("month")]
        return "(" in before_month or bool(re.search(r"[—–\-:]\s*$", match.group(0)))

    return sorted(matches, key=lambda match: not written_as_dateline(match))


def _clean_place(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip(" ,")
    place = re.sub(r"\b(St|ST|Ft|FT|Mt|MT)\.(?=[A-Za-z])", r"\1. ", place)  # `ST.AUGUSTINE` -> `St. Augustine`
    if place.isupper():
        place = place.title()
    return place or None
