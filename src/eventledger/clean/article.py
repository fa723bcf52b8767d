"""An article's text as the pipeline analyses it: headline first, normalised, scraped furniture removed."""

from __future__ import annotations

from dataclasses import replace

from eventledger.clean.normalize import CONTROL_CHARACTERS, normalize_text
from eventledger.clean.scraped import Cleaned, clean_scraped, headline_of_title
from eventledger.model import Removal


def text_key(text: str) -> str:
    """Lower case with runs of white space as one space: for comparing a headline with lines of text."""
    return " ".join(text.lower().split())


def clean_article(text: str, title: str | None, scraped: bool = True) -> Cleaned:
    """The headline is part of what the report says (`Three People Dead East of Bozeman`): it is analysed
    with the text, first, unless the text already begins with it. With `scraped`, page furniture is removed
    (with reasons); without, the offsets stay those of the normalised input."""
    words_of_title = headline_of_title(title)
    body = text
    if words_of_title and text_key(words_of_title)[:40] not in text_key(text[:400]):
        body = f"{words_of_title}\n\n{text}"
    normalized = normalize_text(body)
    cleaned = clean_scraped(normalized, title) if scraped else Cleaned(normalized, (), title)
    controls = CONTROL_CHARACTERS.findall(body)
    if controls:  # dropped by normalising; said here, so nothing leaves the text unexplained
        kinds = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(set(controls)))
        removal = Removal(text=f"{len(controls)} control character{'s' if len(controls) > 1 else ''} ({kinds})",
                          reason="control characters are not text")
        cleaned = replace(cleaned, removed=(removal, *cleaned.removed))
    return cleaned
