"""Reading: files, globs and directories of plain text, HTML and JSONL into raw items.

Each bad input becomes a `ReadFailure` with a one-line reason; reading never stops a batch.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventledger.read.html import HtmlError, extract_html

DEFAULT_MAX_BYTES = 10_000_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


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
                files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            elif path.exists():
                files = [path]
            else:
                yield ReadFailure(origin=text, reason="no such file or directory")
                continue
            for file in files:
                key = file.resolve()
                if key not in seen:
                    seen.add(key)
                    yield file


def read_paths(paths: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES
               ) -> Iterator[RawItem | ReadFailure]:
    """Every article found under `paths`, or a failure for each input that cannot be read."""
    for entry in expand_paths(paths):
        if isinstance(entry, ReadFailure):
            yield entry
        else:
            yield from read_file(entry, max_bytes=max_bytes)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawItem | ReadFailure]:
    origin = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield ReadFailure(origin=origin, reason=f"cannot read: {exc.strerror}")
        return
    if size > max_bytes:
        yield ReadFailure(origin=origin, reason=f"file is {size / 1e6:.1f} MB, over the "
                          f"{max_bytes / 1e6:.0f} MB limit for one article (raise it with --max-bytes)")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(origin=origin, reason=f"cannot read: {exc.strerror}")
        return
    if path.name.endswith(".gz"):
        import gzip

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield ReadFailure(origin=origin, reason=f"not a valid gzip file ({exc})")
            return
        suffixes = suffixes[:-1]
    yield read_bytes(data, origin=origin, html=bool(suffixes and suffixes[-1] in HTML_SUFFIXES))


def decode_text(data: bytes) -> str:
    """UTF-8 text, or ValueError with a reason a user can act on."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "convert it to UTF-8 first") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > 0.05 * min(len(text), 8192):
        raise ValueError("binary file (mostly control characters), not text")
    return text


def looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<head" in head


def read_bytes(data: bytes, origin: str, html: bool = False) -> RawItem | ReadFailure:
    try:
        text = decode_text(data)
    except ValueError as exc:
        return ReadFailure(origin=origin, reason=str(exc))
    if html or looks_like_html(text):
        try:
            page = extract_html(text)
        except HtmlError as exc:
            return ReadFailure(origin=origin, reason=str(exc))
        return RawItem(text=page.text, origin=origin, title=page.title, published=page.published,
                       url=page.url, fmt="html")
    return RawItem(text=text, origin=origin)


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawItem | ReadFailure]:
    """One article per line: {"id", "title", "text", "published", "url", "reference"}; all but text optional.

    The GVA/GVC field names (`doc_id`, `content`, `dct`, `uri`) and ISAF's `eventrefnumber` are read too.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(origin=str(path), reason=f"cannot read: {exc.strerror}")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            if len(line) > max_bytes:
                yield ReadFailure(origin=origin, reason=f"record is {len(line) / 1e6:.1f} MB, over the "
                                  f"{max_bytes / 1e6:.0f} MB limit (raise it with --max-bytes)")
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
            yield item_from_record(record, origin)


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


__all__ = ["RawItem", "ReadFailure", "read_paths", "read_file", "read_bytes", "read_jsonl", "expand_paths",
           "content_hash", "DEFAULT_MAX_BYTES"]
