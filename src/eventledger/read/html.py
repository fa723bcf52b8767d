"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class HtmlError(ValueError):
    """The page has no main text we can use."""


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    published: date | None
    url: str | None
    author: str | None
    sitename: str | None


def extract_html(html: str, url: str | None = None) -> Page:
    """The page's main text (boilerplate removed by trafilatura) and its metadata."""
    import trafilatura  # here, not at the top: a tenth of a second of start-up that text-only runs never need

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise HtmlError(f"malformed HTML ({type(exc).__name__})") from None
    if result is None or not (result.text or "").strip():
        raise HtmlError("malformed HTML or no main text found in the page")
    published = None
    if result.date:
        try:
            published = date.fromisoformat(result.date[:10])
        except ValueError:
            published = None
    title = (result.title or "").strip() or None
    text = result.text
    # trafilatura drops the headline from the body; keep it as the first line so datelines and
    # titles stay in the text a reader is shown.
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Page(text=text, title=title, published=published, url=result.url or url,
                author=result.author, sitename=result.sitename)
