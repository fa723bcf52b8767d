"""Unicode normalisation that keeps every character mappable to the original text.

Curly quotes and apostrophes become straight ones, odd spaces become spaces, line and paragraph
separators become newlines, and invisible characters (zero-width, soft hyphen, BOM) and control
characters (NUL, DEL ...) are dropped.
`TextMap.origin[i]` is the offset in the original of character `i` of the new text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2028": "\n", "\u2029": "\n\n", "\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u205f": " ",
    "\u3000": " ", "\t": " ", "\u2010": "-", "\u2011": "-", "\u2212": "-",
}
# Control characters that are no white space (NUL, escape, DEL, the C1 controls but NEL): never text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
         *(chr(code) for code in range(0xA0) if CONTROL_CHARACTERS.match(chr(code)))}


def is_control(ch: str) -> bool:
    """A control character that is no white space, which normalising drops."""
    return CONTROL_CHARACTERS.match(ch) is not None


@dataclass(frozen=True, slots=True)
class TextMap:
    """A text and, for each of its characters, the offset of the original character."""

    text: str
    origin: array

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.origin):
            last = self.origin[-1] + 1 if self.origin else 0
            return last, last
        stop = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], stop

    def compose(self, inner: TextMap) -> TextMap:
        """Map `inner` (a map over self.text) straight back to self's original."""
        return TextMap(inner.text, array("l", (self.origin[i] for i in inner.origin)))


def normalize_text(text: str) -> TextMap:
    """Normalised text plus its map to `text`. `\\r\\n` counts as one newline."""
    out: list[str] = []
    origin = array("l")
    previous_cr = False
    for index, ch in enumerate(text):
        if ch == "\n" and previous_cr:
            previous_cr = False
            continue
        previous_cr = ch == "\r"
        if ch in _DROP:
            continue
        replacement = _REPLACE.get(ch, ch)
        for piece in replacement:
            out.append(piece)
            origin.append(index)
    return TextMap("".join(out), origin)
