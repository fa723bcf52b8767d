"""Reading: files, globs and directories of plain text, HTML and JSONL into raw items.

Each bad input becomes a `ReadFailure` with a one-line reason; reading never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventledger.clean.normalize import is_control
from eventledger.read.html import HtmlError, extract_html

# One limit, in characters of article text (what analysis costs grows with): checked on every item read,
# and again by the pipeline before analysis for items that come from library calls.
DEFAULT_MAX_CHARS = 1_000_000
# A file's bytes bound its characters from above only through the widest encoding (UTF-32: 4 bytes each),
# and an HTML page's markup is not text: files are refused unread only when far over the limit.
_BYTES_PER_CHAR_BOUND = 4
_HTML_MARKUP_BOUND = 10
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
# What a directory is searched for (a file named on the command line is read whatever its name).
SUPPORTED_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8"))


@dataclass(frozen=True, slots=True, kw_only=True)
class RawItem:
    """An article as read, before normalisation and cleaning."""

    text: str
    origin: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    fmt: str = "text"
    reference: str | None = None  # a release or reference number (`2012-06-S-026`): its year dates the dateline


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadFailure:
    """An input that could not be read, and why (one line)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path | ReadFailure]:
    """Files, directories (recursively, sorted) and glob patterns, each file once."""
    seen: set[Path] = set()
    for raw in paths:
        text = str(raw)
        candidates: list[Path]
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            candidates = [Path(p) for p in sorted(glob.glob(text, recursive=True))]
            if not candidates:
                yield ReadFailure(origin=text, reason="no file matches this pattern")
                continue
        else:
            candidates = [Path(text)]
        for path in candidates:
            if path.is_dir():
                files = []
                for found in _walk(path):
                    if not found.exists():
                        yield ReadFailure(origin=str(found), reason="broken symbolic link (its target is missing)")
                    elif found.is_dir():
                        yield ReadFailure(origin=str(found), reason="symbolic link to a directory: not followed "
                                          "(name the directory itself to read it)")
                    elif not found.is_file():
                        continue  # sockets, pipes, devices
                    elif supported(found):
                        files.append(found)
                    else:
                        yield ReadFailure(origin=str(found), reason="not a supported kind of file (.txt, .html, "
                                          ".htm, .xhtml, .jsonl, .ndjson, or one of those .gz); skipped")
            elif path.exists():
                files = [path]
            elif path.is_symlink():
                yield ReadFailure(origin=text, reason="broken symbolic link (its target is missing)")
                continue
            else:
                yield ReadFailure(origin=text, reason="no such file or directory")
                continue
            for file in files:
                key = file.resolve()
                if key not in seen:
                    seen.add(key)
                    yield file


def _walk(folder: Path) -> list[Path]:
    """Every entry under a directory, sorted, leaving out hidden files and directories (`.git`, `.venv`)
    and not following symbolic links to directories."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root) / name for name in names if not name.startswith(".")]
        found += [Path(root) / d for d in dirs if (Path(root) / d).is_symlink()]
    return sorted(found)


def file_kind(path: Path) -> tuple[str, bool]:
    """A file's kind by its name, the suffix before a `.gz` (`feed.jsonl.gz` -> (".jsonl", True)); the
    last suffix decides (`report.2019.txt` is a .txt; `v1.2` has an unknown one)."""
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), compressed


def supported(path: Path) -> bool:
    """Whether a file found in a directory is one of the kinds read (`.gz` of one of them too)."""
    return file_kind(path)[0] in SUPPORTED_SUFFIXES


def too_long(text: str, max_chars: int) -> str | None:
    """The one-line reason an article is over the size limit, or None."""
    if len(text) <= max_chars:
        return None
    return (f"article is {len(text):,} characters, over the {max_chars:,}-character limit for one article "
            "(raise it with --max-chars)")


def read_paths(paths: Iterable[str | os.PathLike], max_chars: int = DEFAULT_MAX_CHARS
               ) -> Iterator[RawItem | ReadFailure]:
    """Every article found under `paths`, or a failure for each input that cannot be read."""
    for entry in expand_paths(paths):
        if isinstance(entry, ReadFailure):
            yield entry
        else:
            yield from read_file(entry, max_chars=max_chars)


def read_file(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[RawItem | ReadFailure]:
    origin = str(path)
    kind, compressed = file_kind(path)
    if kind in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_chars=max_chars, compressed=compressed)
        return
    html = kind in HTML_SUFFIXES
    limit = max_chars * _BYTES_PER_CHAR_BOUND * (_HTML_MARKUP_BOUND if html else 1)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ReadFailure(origin=origin, reason=f"cannot read: {exc.strerror}")
        return
    if size > limit:
        yield ReadFailure(origin=origin, reason=f"file is {size / 1e6:.1f} MB, far over the {max_chars:,}-character "
                          "limit for one article (raise it with --max-chars)")
        return
    try:
        if compressed:
            with gzip.open(path, "rb") as handle:
                data = handle.read(limit + 1)  # never more: a small file can expand to gigabytes
        else:
            data = path.read_bytes()
    except (OSError, EOFError) as exc:
        reason = f"not a valid gzip file ({exc})" if compressed else f"cannot read: {getattr(exc, 'strerror', exc)}"
        yield ReadFailure(origin=origin, reason=reason)
        return
    if len(data) > limit:
        yield ReadFailure(origin=origin, reason=f"decompresses to more than {limit / 1e6:.0f} MB, far over the "
                          f"{max_chars:,}-character limit for one article (raise it with --max-chars)")
        return
    yield read_bytes(data, origin=origin, html=html, max_chars=max_chars)


def decode_text(data: bytes) -> str:
    """Text in UTF-8, or in UTF-16 or UTF-32 marked by a byte-order mark; else ValueError with a reason a
    user can act on. Control characters stay in the text: cleaning removes them, and says so."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    body = data[len(next(bom for bom, name in _BOMS if name == encoding)):] if encoding else data
    if not body.strip(b"\x00 \t\r\n"):
        raise ValueError("empty file")
    if encoding is None and b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes and no byte-order mark: not UTF-8, nor marked UTF-16/32)")
    try:
        text = body.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not {(encoding or 'UTF-8').upper()} text (byte 0x{body[exc.start]:02x} at offset "
                         f"{exc.start}); convert it to UTF-8 first") from None
    controls = sum(1 for ch in text[:8192] if is_control(ch))
    if controls > 0.05 * min(len(text), 8192):
        raise ValueError("binary file (mostly control characters), not text")
    return text


def looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head


def read_bytes(data: bytes, origin: str, html: bool = False, max_chars: int = DEFAULT_MAX_CHARS
               ) -> RawItem | ReadFailure:
    try:
        text = decode_text(data)
    except ValueError as exc:
        return ReadFailure(origin=origin, reason=str(exc))
    if html or looks_like_html(text):
        try:
            page = extract_html(text)
        except HtmlError as exc:
            return ReadFailure(origin=origin, reason=str(exc))
        item = RawItem(text=page.text, origin=origin, title=page.title, published=page.published,
                       url=page.url, fmt="html")
    else:
        item = RawItem(text=text, origin=origin)
    reason = too_long(item.text, max_chars)
    return ReadFailure(origin=origin, reason=reason) if reason else item


def read_jsonl(path: Path, max_chars: int = DEFAULT_MAX_CHARS, compressed: bool = False
               ) -> Iterator[RawItem | ReadFailure]:
    """One article per line: {"id", "title", "text", "published", "url", "reference"}; all but text optional.

    The GVA/GVC field names (`doc_id`, `content`, `dct`, `uri`) and ISAF's `eventrefnumber` are read too.
    A line is read up to the size limit only: a longer record is skipped to its end and reported.
    """
    limit = max_chars * _BYTES_PER_CHAR_BOUND * _HTML_MARKUP_BOUND
    try:
        handle = gzip.open(path, "rb") if compressed else path.open("rb")
    except OSError as exc:
        yield ReadFailure(origin=str(path), reason=f"cannot read: {exc.strerror}")
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(limit + 1)
            except (OSError, EOFError) as exc:
                yield ReadFailure(origin=f"{path}:{number + 1}", reason=f"cannot read further ({exc})")
                return
            if not line:
                return
            number += 1
            origin = f"{path}:{number}"
            if len(line) > limit:
                length = len(line)
                while line and not line.endswith(b"\n"):  # the rest of this record
                    line = handle.readline(limit + 1)
                    length += len(line)
                yield ReadFailure(origin=origin, reason=f"record is {length / 1e6:.1f} MB, far over the "
                                  f"{max_chars:,}-character limit for one article (raise it with --max-chars)")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                yield ReadFailure(origin=origin, reason=f"not valid JSON ({detail})")
                continue
            if not isinstance(record, dict):
                yield ReadFailure(origin=origin, reason="not a JSON object")
                continue
            item = item_from_record(record, origin)
            reason = too_long(item.text, max_chars) if isinstance(item, RawItem) else None
            yield ReadFailure(origin=origin, reason=reason) if reason else item


def item_from_record(record: dict, origin: str) -> RawItem | ReadFailure:
    text = record.get("text", record.get("content"))
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(origin=origin, reason='no "text" field with text in it')
    published = parse_iso_date(record.get("published", record.get("dct")))
    raw_id = record.get("id", record.get("doc_id"))
    fmt = "text"
    if looks_like_html(text):
        try:
            page = extract_html(text)
        except HtmlError as exc:
            return ReadFailure(origin=origin, reason=str(exc))
        text, fmt = page.text, "html"
        published = published or page.published
    title = record.get("title")
    reference = record.get("reference", record.get("eventrefnumber"))
    return RawItem(text=text, origin=origin, id=str(raw_id) if raw_id is not None else None,
                   title=title if isinstance(title, str) and title.strip() else None,
                   published=published, url=record.get("url", record.get("uri")), fmt=fmt,
                   reference=str(reference) if reference else None)


def parse_iso_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_id(digest: str) -> str:
    """The id of a document that came without one: made from its text's hash, so it changes with the text."""
    return f"doc-{digest[:12]}"


__all__ = ["RawItem", "ReadFailure", "read_paths", "read_file", "read_bytes", "read_jsonl", "expand_paths",
           "content_hash", "text_id", "DEFAULT_MAX_CHARS", "SUPPORTED_SUFFIXES", "file_kind", "supported",
           "too_long"]
