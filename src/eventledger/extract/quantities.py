"""Quantities in English news: the one reader every stage uses for a figure.

A figure is written in digits (`74`, `300,000`, `14 000`, `1.2 million`), in words (`fifty-two`, `a
hundred and twenty`, `three hundred thousand`, read by text2num) or with a multiplier (`two dozen` 24, `a
dozen` 12). A quantity is a figure or a range (`10 to 15`, `between 10 and 15`, `10-15`, `two or three`)
under a qualifier (`at least`, `more than`, `nearly`, `up to`, ...), or a vague group word (`dozens`,
`scores`, `hundreds`, `tens of thousands`) whose value a counting convention gives. Numbers that are no
count (years, ages, clock times, dates, money, percentages, street and unit numbers, `No. 3`) are told
apart by `not_a_count`.

The patterns are strings so that the count finder can embed them in its own; `read_quantity` reads one
back to numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

UNITS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
         "seventeen|eighteen|nineteen")
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SCALES = "hundred|thousand|million|billion"
NUMBER_WORD = f"{UNITS}|{TENS}|{SCALES}"
_WORD = rf"(?:{NUMBER_WORD})"
# `fifty-two`, `three hundred thousand`, `a hundred and twenty`, `one million two hundred thousand`
_WORDS = rf"(?:(?:an?\s+(?=(?:{SCALES})\b))?{_WORD}(?:(?:[\s\-]+|\s+and\s+(?={_WORD}))(?:{_WORD}))*)"
# `300,000`, `14 000` (thin and no-break spaces too), `1.2 million`, `74`; never inside another number
_DIGITS = (r"(?:(?<![\d.,:])\d{1,3}(?:,\d{3})+(?![\d,]\d)|(?<![\d.,:])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)"
           rf"|(?<![\d.,:])\d+(?:\.\d+)?\s+(?:{SCALES})\b|(?<![\d.,:])\d+(?![\d]|[.,:]\d))")
_DOZEN = r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|half\s+a|\d+)\s+dozen|dozen)"
# one figure, as a group (so that `{QUALIFIER}\s+{NUMBER}` qualifies all of it)
NUMBER = rf"(?:\b(?:{_DOZEN}|{_DIGITS}|{_WORDS}\b))"
# a hyphen joins a range only between digits: `fifty-two` is one number
RANGE = (rf"(?:between\s+{NUMBER}\s+and\s+{NUMBER}|from\s+{NUMBER}\s+to\s+{NUMBER}"
         rf"|(?<![\d.,:])\d+\s*[-–—]\s*\d+(?![\d]|[.,:]\d)|{NUMBER}\s+(?:to|or)\s+{NUMBER})")
QUALIFIER = (r"(?:at least|more than|over|nearly|almost|about|around|approximately|roughly|some|an estimated|"
             r"up to|as many as|at most|fewer than|less than|no fewer than|no less than|upwards of|close to|"
             r"just over|just under|well over|a total of|a further|another)")
# vague group words, read under a counting convention (data/conventions.toml)
GROUP_WORD = r"(?:tens of thousands|hundreds of thousands|tens|dozens|scores|hundreds|thousands)"

_LOWER_BOUND = {"at least": 0, "no fewer than": 0, "no less than": 0, "upwards of": 0, "more than": 1, "over": 1,
                "just over": 1, "well over": 1}
_UPPER_BOUND = {"up to": 0, "as many as": 0, "at most": 0, "fewer than": -1, "less than": -1, "just under": -1}
_ABOUT = {"nearly", "almost", "about", "around", "approximately", "roughly", "some", "an estimated", "close to"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read from words: `low` to `high` (equal for one figure), under `qualifier`."""

    low: int
    high: int
    qualifier: str  # exact, at_least, at_most, about
    text: str
    vague: bool = False  # a group word (`dozens`): its value comes from the convention

    @property
    def value(self) -> int:
        """The figure a count takes: the bound a qualifier names, the low end of a range."""
        return self.low


_DOZEN_RE = re.compile(r"(?i)(?:(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|half\s+a|\d+)\s+)?dozen")
_SCALED = re.compile(rf"(?i)(?P<n>\d+(?:\.\d+)?)\s+(?P<scale>{SCALES})")
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def read_number(text: str) -> int | None:
    """One figure (`300,000`, `14 000`, `1.2 million`, `fifty-two`, `a hundred and twenty`, `two dozen`)."""
    text = " ".join(text.strip().lower().split())
    if not text:
        return None
    dozen = _DOZEN_RE.fullmatch(text)
    if dozen:
        n = dozen.group("n") or "one"
        times = 0.5 if n.startswith("half") else 1 if n in ("a", "one") else read_number(n)
        return None if times is None else int(times * 12)
    scaled = _SCALED.fullmatch(text)
    if scaled:
        return round(float(scaled.group("n")) * _SCALE[scaled.group("scale")])
    compact = re.sub(r"(?<=\d)[,\s\u00a0\u202f\u2009](?=\d{3}\b)", "", text)
    if compact.isdigit():
        return int(compact)
    words = re.sub(r"^an?\s+", "one ", text)
    words = re.sub(r"\s+and\s+", " ", words)
    try:
        return text2num(words, "en")
    except ValueError:
        return None


_RANGE_PARTS = re.compile(rf"(?i)(?:between|from)\s+(?P<a>{NUMBER})\s+(?:and|to)\s+(?P<b>{NUMBER})"
                          rf"|(?P<c>\d+)\s*[-–—]\s*(?P<d>\d+)|(?P<e>{NUMBER})\s+(?:to|or)\s+(?P<f>{NUMBER})")
_QUANTITY = re.compile(rf"(?i)(?:(?P<qual>{QUALIFIER})\s+)?(?:(?P<range>{RANGE})|(?P<num>{NUMBER})"
                       rf"|(?P<group>{GROUP_WORD})(?:\s+of)?)")


def read_quantity(text: str, convention: dict[str, int] | None = None) -> Quantity | None:
    """The quantity that is all of `text` (`some 300,000`, `between 10 and 15`, `dozens of`)."""
    match = _QUANTITY.fullmatch(text.strip())
    if not match:
        return None
    qualifier = (match.group("qual") or "").lower()
    if match.group("group"):
        word = match.group("group").lower()
        value = (convention or {}).get(word.replace(" ", "_"), (convention or {}).get(word, _GROUP_DEFAULT[word]))
        return Quantity(value, value, "at_least", match.group(0), vague=True)
    if match.group("range"):
        ends = _RANGE_PARTS.fullmatch(match.group("range"))
        low = read_number(ends.group("a") or ends.group("c") or ends.group("e"))
        high = read_number(ends.group("b") or ends.group("d") or ends.group("f"))
        if low is None or high is None:
            return None
        if high < low:  # `10-15` reads up; `15-10` is a score or a page, not a range of people
            return None
        return Quantity(low, high, "exact" if not qualifier else _qualifier_kind(qualifier), match.group(0))
    value = read_number(match.group("num"))
    if value is None:
        return None
    kind = _qualifier_kind(qualifier)
    if qualifier in _LOWER_BOUND:
        low = value + _LOWER_BOUND[qualifier]
        return Quantity(low, low, kind, match.group(0))
    if qualifier in _UPPER_BOUND:
        high = max(value + _UPPER_BOUND[qualifier], 0)
        return Quantity(high, high, kind, match.group(0))
    return Quantity(value, value, kind, match.group(0))


def _qualifier_kind(qualifier: str) -> str:
    if qualifier in _LOWER_BOUND:
        return "at_least"
    if qualifier in _UPPER_BOUND:
        return "at_most"
    if qualifier in _ABOUT:
        return "about"
    return "exact"  # `a total of`, `another`: the figure itself


# the convention's words, and these when a convention does not name one
_GROUP_DEFAULT = {"tens": 20, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
                  "tens of thousands": 20000, "hundreds of thousands": 200000}

_MONTHS = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
           r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_NOT_BEFORE = re.compile(rf"(?:[$£€¥₹]|\b(?:US|Rs|USD|EUR|No|Nos|no|number|Number|Flight|flight|Route|route|"
                         rf"Highway|highway|Room|room|Unit|unit|Apartment|apartment|Apt|Suite|suite|Block|block|"
                         rf"Gate|gate|Platform|platform|Ward|ward|Sector|sector|Phase|phase|Camp|Brigade|"
                         rf"Battalion|Division|Regiment|Precinct|District|Chapter|Article|article|Section|section|"
                         rf"Resolution|resolution|Page|page|aged?|{_MONTHS})\.?)\s*$")
_NOT_AFTER = re.compile(r"^(?:\s*(?:%|percent\b|per cent\b|pc\b|dollars?\b|euros?\b|pounds?\b|naira\b|rupees?\b|"
                        r"shillings?\b|[ap]\.?m\b\.?|o'clock\b|hours?\s+(?:ago|earlier|later)\b|GMT\b|"
                        r"(?:km|kilomet(?:er|re)s?|miles?|meters?|metres?|feet|ft|kg|tons?|tonnes?)\b|"
                        r"(?:-|\s)?years?(?:-|\s)old\b|(?:-|\s)?years?\b|years? ago\b|"
                        r"(?:st|nd|rd|th)\b|(?:,\s*(?:19|20)\d\d)|\s+(?:" + _MONTHS + r")\b|"
                        r"[\w\s]{0,20}?\b(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Way)\b))")


def not_a_count(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is a year, age, time, date, sum of money, percentage, street or
    unit number, or a label (`No. 3`) rather than a number of people."""
    figure = text[start:end]
    if re.fullmatch(r"(?:1[89]|20)\d\d", figure) and not re.match(r"\s+(?:people|persons|civilians|were|have)\b",
                                                                  text[end:]):
        return True  # `in 2019`; but `2019 people were killed` is rare enough to take as a figure when said so
    if re.fullmatch(r"\d{1,2}[:.]\d\d|(?:1[89]|20)\d\d\s*[-–—]\s*(?:(?:1[89]|20)?\d\d)", figure):
        return True  # a clock time; a span of years
    return bool(_NOT_BEFORE.search(text, max(0, start - 20), start) or _NOT_AFTER.match(text[end:end + 40]))


_FIGURE = re.compile(rf"(?i)(?:(?P<qual>{QUALIFIER})\s+)?(?:{RANGE}|{NUMBER}|{GROUP_WORD}(?:\s+of)?)")
_SINGLE = re.compile(rf"(?i)(?:(?P<qual>{QUALIFIER})\s+)?(?:{NUMBER}|{GROUP_WORD}(?:\s+of)?)")


def find_quantities(text: str, convention: dict[str, int] | None = None) -> list[tuple[int, int, Quantity]]:
    """Every quantity in `text` that may count people, with its offsets. A range that does not read as one
    (`$300 to 12 men`, `15-10`) is read again as separate figures."""
    out = []
    position = 0
    while (match := _FIGURE.search(text, position)) is not None:
        figure_start = match.start() if not match.group("qual") else match.start() + len(match.group("qual")) + 1
        quantity = None if not_a_count(text, figure_start, match.end()) else read_quantity(match.group(0),
                                                                                             convention)
        if quantity is None:
            single = _SINGLE.match(text, match.start())
            if single and single.end() < match.end():  # a failed range: its first figure alone, then on
                if not not_a_count(text, figure_start, single.end()):
                    quantity = read_quantity(single.group(0), convention)
                    if quantity is not None:
                        out.append((single.start(), single.end(), quantity))
                position = single.end()
                continue
            position = match.end()
            continue
        out.append((match.start(), match.end(), quantity))
        position = match.end()
    return out
