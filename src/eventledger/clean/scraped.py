"""Removing the furniture of pages that arrive already flattened to text.

Only whole lines are removed, each for a stated reason: ad slots, share/subscribe furniture,
repeated lines (a caption printed twice) and headlines repeated at the end. Nothing else is dropped.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from rapidfuzz import fuzz

from eventledger.clean.normalize import TextMap
from eventledger.model import Removal

AD_SLOT = re.compile(r"^\s*(?:ad(?:vertisement)?\s*[:\-]?\s*)?\d{2,4}\s*[x×X]\s*\d{2,4}\s*(?:px)?\s*$")
FURNITURE = re.compile(
    r"^\s*(?:share(?: this(?: article| story)?)?(?: on \w+)?|tweet(?: this)?|e-?mail(?: this)?|print(?: this)?"
    r"|subscribe\b.*|sign up\b.*|follow us\b.*|click here\b.*|advertisement|sponsored(?: content)?"
    r"|read more\b.*|related(?: articles| stories| posts)?:?|comments?(?: \(\d+\))?|leave a comment"
    r"|(?:also\s+)?read(?:\s+(?:also|next))?\s*:.*|(?:related|see also)\s*:.*"
    r"|skip to (?:main )?content|you may also like\b.*|most (?:read|popular)|back to top"
    r"|join our newsletter\b.*|download pdf)\s*[:.!]?\s*$",
    re.IGNORECASE,
)
SOCIAL_WORDS = {"facebook", "twitter", "x", "whatsapp", "email", "e-mail", "linkedin", "pinterest", "reddit",
                "telegram", "print", "share", "tweet", "copy", "link", "messenger", "sms", "|", "·", "-"}
MIN_REPEAT_CHARS = 15
HEADLINE_SIMILARITY = 90


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: TextMap
    removed: tuple[Removal, ...]
    title: str | None


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def guess_title(lines: list[str]) -> str | None:
    """The first line that reads like a headline: a few words, not an ad slot or furniture."""
    for line in lines:
        stripped = line.strip()
        if not stripped or AD_SLOT.match(stripped) or FURNITURE.match(stripped):
            continue
        words = stripped.split()
        looks_like_body = stripped.endswith(".") or re.match(r"[A-Z][A-Z .'\-]+,", stripped)
        if 3 <= len(words) <= 30 and len(stripped) <= 250 and not looks_like_body:
            return stripped
        return None
    return None


# A page title's trailing parts that name the site: `... - WTVM.com-Columbus, GA News Weather & Sports`,
# `... | Fox News`, `... - CBS46 News`, `... - LEX18.com | Continuous News`.
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—]\s+")
_SITE_NAME = re.compile(r"\.(?:com|net|org|tv|co\.uk)\b|\b(?:News|TV|Radio|Weather|Online|Times|Post|Herald|Tribune|"
                        r"Gazette|Journal|Daily|Chronicle|Courier|Sentinel|Press|Channel)\b|\b[KW][A-Z]{2,3}\b")


def headline_of_title(title: str | None) -> str | None:
    """A page title without the site's name after it (`Boy, 4, shot in Katy - KHOU 11 News` -> `Boy, 4, shot
    in Katy`): the words of the headline, which the text is analysed with."""
    if not title or not title.strip():
        return None
    text = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(text)
    separators = _TITLE_SEPARATOR.findall(text)
    while len(parts) > 1 and _SITE_NAME.search(parts[-1]):
        parts.pop()
    kept = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:], strict=False))
    return kept if len(kept.split()) >= 3 else text


def _is_social_row(line: str) -> bool:
    words = line.lower().replace(",", " ").split()
    return bool(words) and len(words) <= 10 and all(w in SOCIAL_WORDS for w in words) and len(words) >= 2


def clean_scraped(source: TextMap, title: str | None = None) -> Cleaned:
    """Remove scraped furniture line by line; the returned map still points at the original text."""
    text = source.text
    lines = text.split("\n")
    title = title or guess_title(lines)
    reasons: dict[int, str] = {}

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if AD_SLOT.match(stripped):
            reasons[index] = "ad slot"
        elif FURNITURE.match(stripped) or _is_social_row(stripped):
            reasons[index] = "share/subscribe furniture"

    if title:
        title_key = _key(title)
        seen_title_at_top = False
        for index in range(len(lines)):
            if index in reasons or not lines[index].strip():
                continue
            seen_title_at_top = _key(lines[index]) == title_key
            first_text_line = index
            break
        # Headlines repeated at the end: trailing lines that say the title again, in any word order.
        for index in range(len(lines) - 1, -1, -1):
            stripped = lines[index].strip()
            if not stripped or index in reasons:
                continue
            if seen_title_at_top and index == first_text_line:
                break
            if fuzz.token_sort_ratio(_key(stripped), title_key) >= HEADLINE_SIMILARITY:
                reasons[index] = "repeated headline"
                continue
            break

    seen: set[str] = set()
    for index, line in enumerate(lines):
        key = _key(line)
        if index in reasons or len(key) < MIN_REPEAT_CHARS:
            continue
        if key in seen:
            reasons[index] = "repeated line"
        seen.add(key)

    if not reasons:
        return Cleaned(source, (), title)

    out: list[str] = []
    origin = array("l")
    removed: list[Removal] = []
    offset = 0
    for index, line in enumerate(lines):
        length = len(line) + (1 if index < len(lines) - 1 else 0)
        if index in reasons:
            removed.append(Removal(text=line.strip(), reason=reasons[index]))
        else:
            out.append(text[offset:offset + length])
            origin.extend(source.origin[offset:offset + length])
        offset += length
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip("\n"))
    cleaned = joined.strip("\n")
    origin = origin[lead:lead + len(cleaned)]
    return Cleaned(TextMap(cleaned, origin), tuple(removed), title)
