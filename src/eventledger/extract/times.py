"""Time expressions: absolute dates, and dates relative to the document's dateline.

Each expression resolves to an interval with a precision (day, week, month, year, range). Our own
rules handle what news text does that general parsers get wrong (a weekday means the latest such day
on or before the dateline; `September 1` after `September 1, 2013` means 2013; `earlier this year`).
A numeric date (`3/14/2021`) is month first, as in US news, unless its first number cannot be a month
(`13/05/2021`); dateparser, which reads the same, costs half a second to load for that one form.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from eventledger.extract.quantities import read_number
from eventledger.model import TimeValue
from eventledger.model.mentions import TimeMention

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# `several days ago`: vague spans the quantity reader leaves to its convention, here read as three
# Holidays on a fixed day of the (Gregorian) year, as news names them; movable feasts (Easter, Eid) are left out.
HOLIDAYS = {"new years eve": (12, 31), "new years day": (1, 1), "christmas eve": (12, 24), "christmas day": (12, 25),
            "boxing day": (12, 26), "fourth of july": (7, 4), "july fourth": (7, 4), "halloween": (10, 31),
            "valentines day": (2, 14)}
VAGUE_SPANS = {"a": 1, "an": 1, "several": 3, "a few": 3, "few": 3}

MONTH_RE = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
            r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
RELATION_RE = r"(?:(?P<relation>after|following|since|before|until|by|prior to|from)\s+(?:the\s+)?)?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("mdy", re.compile(rf"\b{MONTH_RE}\s+{DAY_RE},?\s+{YEAR_RE}\b")),
    ("dmy", re.compile(rf"\b{DAY_RE}\s+{MONTH_RE},?\s+{YEAR_RE}\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b")),
    ("my", re.compile(rf"\b{MONTH_RE},?\s+(?:of\s+)?{YEAR_RE}\b")),
    ("md", re.compile(rf"\b{MONTH_RE}\s+{DAY_RE}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d:])")),
    ("dm", re.compile(rf"\b{DAY_RE}\s+(?:of\s+)?{MONTH_RE}\b(?!\s*,?\s*(?:19|20)\d\d)")),
    # `In August`, `since March`, `last May`: a month without a year, the latest such month (the coming one in
    # a clause in the future)
    ("month", re.compile(r"(?:(?<=\bin )|(?<=\bIn )|(?<=\bsince )|(?<=\bSince )|(?<=\bduring )|(?<=\bDuring )"
                         r"|(?<=\buntil )|(?<=\bearly )|(?<=\bEarly )|(?<=\blate )|(?<=\bLate )|(?<=\bmid-)"
                         r"|(?<=\blast )|(?<=\bLast )|(?<=\bthis )|(?<=\bThis ))"
                         r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
                         r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?!\s*,?\s*\d)(?![\w-])")),
    # holidays on a fixed day of the year (`an attack on New Year's Eve`, `the Fourth of July`)
    ("holiday", re.compile(r"\b(?P<holiday>New Year['’]s (?:Eve|Day)|Christmas (?:Eve|Day)|Boxing Day|"
                           r"(?:the )?Fourth of July|July Fourth|Halloween|Valentine['’]s Day)\b")),
    ("rel_day", re.compile(r"\b(?P<word>today|tonight|this (?:morning|afternoon|evening)|yesterday|last night"
                           r"|the day before yesterday|overnight)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<last>last\s+)|(?P<next>next\s+|this\s+coming\s+|this\s+))?"
                           r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
                           r"|Sunday)(?P<part>\s+(?:morning|afternoon|evening|night))?\b")),
    ("rel_period", re.compile(r"\b(?P<mod>earlier|later)?\s*(?:this|last|next) (?P<unit>year|month|week)\b"
                              r"|\b(?P<mod2>earlier|late|early) this (?P<unit2>year|month|week)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|several|a few)"
                       r"(?P<half1> and a half)? (?P<unit>day|week|month|year)s?(?P<half2> and a half)? ago\b",
                       re.I)),
    ("season", re.compile(r"\b(?P<mod>last|this|over the|during the|in the|earlier this|past)\s+"
                          r"(?P<season>spring|summer|fall|autumn|winter)\b(?!\s+(?:of\s+)?(?:19|20)\d\d)", re.I)),
    ("year", re.compile(r"(?:(?<=\bin )|(?<=\bthe )|(?<=\bsince )|(?<=\bof )|(?<=\buntil )|(?<=\bduring )"
                        r"|(?<=\bfrom )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\bby ))"
                        r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:people|members|men|women|residents|troops|"
                        r"soldiers|killed|dead|%|percent|block|and \d{4} blocks?|blocks)\b)")),  # `the 1900 block of`
]



def month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_value(d: date, text: str) -> TimeValue:
    return TimeValue(start=d, end=d, precision="day", text=text)


def month_value(year: int, month: int, text: str) -> TimeValue:
    last = calendar.monthrange(year, month)[1]
    return TimeValue(start=date(year, month, 1), end=date(year, month, last), precision="month", text=text)


def _part_of_month(before: str, month: TimeValue) -> TimeValue:
    """`early November` (the 1st to the 10th), `mid-November` (11th to 20th), `late November` (21st to the end):
    a third of the month, as a range, not the whole month."""
    for cue, first, last in (("early ", 1, 10), ("mid-", 11, 20), ("late ", 21, None)):
        if before.endswith(cue):
            start = month.start.replace(day=first)
            end = month.end if last is None else month.start.replace(day=last)
            return TimeValue(start=start, end=end, precision="range", text=f"{cue.strip()} {month.text}".replace(
                "- ", "-"))
    return month


def year_value(year: int, text: str, until: date | None = None) -> TimeValue:
    end = date(year, 12, 31)
    if until is not None and until.year == year:
        end = until
    return TimeValue(start=date(year, 1, 1), end=end, precision="year", text=text)


# A clause in the future (`A prayer vigil will be held Wednesday evening`, `is scheduled to appear in court
# Friday`): its weekday is the coming one, not the last.
_FUTURE_BEFORE = re.compile(r"(?i)\b(?:will|won't|shall|'ll|’ll|(?:is|are) (?:scheduled|set|planned|expected|due|"
                            r"slated)|(?:plans?|planning) to|upcoming)\b"
                            r"(?:(?!\b(?:was|were|had|did|has|have|who|which|that|when|after|before|since)\b)"
                            r"[^;!?\n])*$")  # called on one sentence: `St. Stephen's` is no sentence end
# A page's own time stamp (`Posted: Sunday, March 8, 2015 11:41 AM`) dates the page, not what it reports.
_STAMP_BEFORE = re.compile(r"(?i)\b(?:posted|updated|published|last updated|modified|created)(?:\s+on)?\s*:?\s*"
                           r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?$")


def next_weekday(ref: date, weekday: int) -> date:
    """The first `weekday` on or after `ref` (`will be held Wednesday` in a Monday story)."""
    return ref + timedelta(days=(weekday - ref.weekday()) % 7)


def latest_weekday(ref: date, weekday: int, strictly_before: bool = False) -> date:
    """The latest `weekday` on or before `ref` (news usage: `Tuesday` in a Wednesday story)."""
    delta = (ref.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return ref - timedelta(days=delta)


def infer_year(month: int, day: int | None, ref: date | None, known: dict[tuple[int, int], int]) -> int | None:
    """Year of a month-day without one: a date already written in full wins, else the dateline's year
    (the previous year when the date would lie more than a week after the dateline)."""
    if day is not None and (month, day) in known:
        return known[(month, day)]
    if ref is None:
        return None
    candidate = _safe_date(ref.year, month, day or 1)
    if candidate and candidate > ref + timedelta(days=7):
        return ref.year - 1
    return ref.year


def find_times(text: str, ref: date | None, offset: int = 0,
               known: dict[tuple[int, int], int] | None = None) -> list[TimeMention]:
    """Every time expression in `text`, resolved against the reference date `ref` (the dateline).

    `known` maps (month, day) to the year of full dates seen earlier in the document; it is updated.
    """
    known = {} if known is None else known
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if _STAMP_BEFORE.search(text, max(0, start - 40), start):
                taken.append((start, end))
                continue
            future = kind in ("weekday", "month") and (
                kind == "weekday" and (match.group("next") or "").startswith("next")
                or _FUTURE_BEFORE.search(text, max(0, start - 120), start) is not None)
            value = _resolve(kind, match, ref, known, future)
            if value is None:
                continue
            relation = None
            before = text[max(0, start - 100):start].lower()
            rel = re.search(r"\b(after|following|since|before|until|prior to|from)\s+(?:the\s+)?$", before) or \
                re.search(r"(?:^\W*|[,;.]\s*)(after|following|since|prior to)\b[^,;.\"]{0,80}\bin\s+$", before)
            if rel:
                relation = {"following": "after", "prior to": "before", "from": "since"}.get(rel.group(1),
                                                                                           rel.group(1))
            taken.append((start, end))
            found.append(TimeMention(start + offset, end + offset, match.group(0), value, relation))
    found.sort(key=lambda m: m.start)
    return found


def _resolve(kind: str, m: re.Match, ref: date | None, known: dict[tuple[int, int], int],
             future: bool = False) -> TimeValue | None:
    text = m.group(0)
    if kind in ("mdy", "dmy"):
        month = month_number(m.group("month"))
        d = _safe_date(int(m.group("year")), month, int(m.group("day"))) if month else None
        if d:
            known.setdefault((d.month, d.day), d.year)
            return day_value(d, text)
        return None
    if kind == "iso":
        d = _safe_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        return day_value(d, text) if d else None
    if kind == "numeric":
        year = m.group("year")
        if len(year) == 2:
            return None
        first, second = int(m.group("a")), int(m.group("b"))
        d = _safe_date(int(year), first, second) or _safe_date(int(year), second, first)
        return day_value(d, text) if d else None
    if kind == "my":
        return month_value(int(m.group("year")), month_number(m.group("month")), text)
    if kind == "holiday":
        month, day = HOLIDAYS[re.sub(r"^the |['’]", "", m.group("holiday").lower())]
        year = infer_year(month, day, ref, known)
        d = _safe_date(year, month, day) if year else None
        return day_value(d, text) if d else TimeValue(start=None, end=None, precision="unknown", text=text)
    if kind in ("md", "dm"):
        month = month_number(m.group("month"))
        day = int(m.group("day"))
        if not month or not 1 <= day <= 31:
            return None
        if kind == "md" and m.group("month").lower() == "may" and day > 31:
            return None
        year = infer_year(month, day, ref, known)
        d = _safe_date(year, month, day) if year else None
        if d is None:
            return TimeValue(start=None, end=None, precision="unknown", text=text)
        return day_value(d, text)
    if ref is None:
        if kind == "year":
            return year_value(int(m.group("year")), text)
        return TimeValue(start=None, end=None, precision="unknown", text=text)
    if kind == "month":
        month = month_number(m.group("month"))
        before = m.string[max(0, m.start() - 5):m.start()].lower()
        if month is None:
            return None
        if future:
            year = ref.year if month >= ref.month else ref.year + 1
        elif before.endswith("last "):
            year = ref.year if month < ref.month else ref.year - 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        return _part_of_month(m.string[max(0, m.start() - 6):m.start()].lower(), month_value(year, month, text))
    if kind == "rel_day":
        word = m.group("word").lower()
        if word in ("yesterday", "last night"):
            return day_value(ref - timedelta(days=1), text)
        if word == "the day before yesterday":
            return day_value(ref - timedelta(days=2), text)
        if word == "overnight":
            return TimeValue(start=ref - timedelta(days=1), end=ref, precision="range", text=text)
        return day_value(ref, text)
    if kind == "weekday":
        weekday = WEEKDAYS[m.group("weekday").lower()]
        if future:
            d = next_weekday(ref, weekday)
            if d == ref and (m.group("next") or "").startswith("next"):
                d += timedelta(days=7)  # `next Monday` in a Monday story
        else:
            d = latest_weekday(ref, weekday, strictly_before=bool(m.group("last")))
        return day_value(d, text)
    if kind == "rel_period":
        unit = (m.group("unit") or m.group("unit2")).lower()
        lowered = text.lower()
        shift = -1 if "last" in lowered else 1 if "next" in lowered else 0
        if unit == "year":
            year = ref.year + shift
            return year_value(year, text, until=ref if shift == 0 and "earlier" in lowered else None)
        if unit == "month":
            month_index = ref.year * 12 + ref.month - 1 + shift
            return month_value(month_index // 12, month_index % 12 + 1, text)
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return TimeValue(start=monday, end=monday + timedelta(days=6), precision="week", text=text)
    if kind == "season":
        return _season(m.group("mod").lower(), m.group("season").lower(), ref, text)
    if kind == "ago":
        n_text = m.group("n").lower()
        n = read_number(n_text) or VAGUE_SPANS.get(n_text, 1)
        unit = m.group("unit").lower()
        if m.group("half1") or m.group("half2"):
            # `a year and a half ago`: counted in the next smaller unit (18 months, 3 days past a week)
            smaller = {"year": ("month", 12), "month": ("week", 4), "week": ("day", 7), "day": ("day", 1)}
            unit, factor = smaller[unit]
            n = n * factor + factor // 2
        if unit == "day":
            return day_value(ref - timedelta(days=n), text)
        if unit == "week":
            monday = ref - timedelta(weeks=n, days=ref.weekday())
            return TimeValue(start=monday, end=monday + timedelta(days=6), precision="week", text=text)
        if unit == "month":
            month_index = ref.year * 12 + ref.month - 1 - n
            return month_value(month_index // 12, month_index % 12 + 1, text)
        return year_value(ref.year - n, text)
    if kind == "year":
        return year_value(int(m.group("year")), text)
    return None


SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # first month, northern


def _season(mod: str, season: str, ref: date, text: str) -> TimeValue:
    """`over the summer`, `last winter`: the latest such season begun before the reference date (the one
    before that for `last` when the reference falls inside it), as a three-month range."""
    first = SEASON_MONTHS[season]
    year = ref.year if (ref.month, ref.day) >= (first, 1) else ref.year - 1
    inside = (ref.year * 12 + ref.month) - (year * 12 + first) < 3
    if mod == "last" and inside:
        year -= 1
    start = date(year, first, 1)
    end_index = year * 12 + first - 1 + 2
    end_year, end_month = end_index // 12, end_index % 12 + 1
    end = min(date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]), ref)
    return TimeValue(start=start, end=end, precision="range", text=text)


def parse_month_day(month_text: str, day_text: str, year_text: str | None, fallback_year: int | None
                    ) -> date | None:
    """A dateline date such as `Sept. 1` or `Jan. 25, 2013`."""
    month = month_number(month_text)
    year = int(year_text) if year_text else fallback_year
    if not month or not year:
        return None
    return _safe_date(year, month, int(day_text))
