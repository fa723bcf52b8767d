"""Main text of HTML pages (article-extraction/): 4-gram shingle precision, recall and F1 against the
ground-truth `articleBody`, averaged per page.

- HTML path: our reader (trafilatura with the project's settings) vs trafilatura's defaults.
- Scraped-text path: each page flattened to all its visible text lines (junk included), then our
  scraped-text cleaner, vs the uncleaned lines.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from bench.common import Row

N = 4


def shingles(text: str, n: int = N) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0))}


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    pred, ref = shingles(predicted), shingles(gold)
    if not pred or not ref:
        return 0.0, 0.0, 0.0
    hit = len(pred & ref)
    p, r = hit / len(pred), hit / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mean_prf(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    scores = [prf(p, g) for p, g in pairs]
    n = max(len(scores), 1)
    return tuple(round(sum(s[i] for s in scores) / n, 3) for i in range(3))


def visible_lines(html: str) -> str:
    """Every visible text line of a page, junk included: what a scraper that flattens a page sees."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # an unparsable page flattens to nothing
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article", "header",
              "footer", "nav", "aside", "blockquote", "figcaption", "td", "dd", "dt", "title"}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in blocks:
            element.tail = ("\n" + element.tail) if element.tail else "\n"
            if element.text:
                element.text = "\n" + element.text
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    return "\n".join(line for line in lines if line)


def run(data: Path, quick: bool = False) -> list[Row] | str:
    folder = data / "article-extraction"
    truth_path = folder / "ground-truth.json"
    if not truth_path.exists():
        return f"skipped: {truth_path} not found"
    import trafilatura

    from eventledger.clean.normalize import normalize_text
    from eventledger.clean.scraped import clean_scraped
    from eventledger.read import RawItem, read_bytes

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    keys = sorted(truth)[: 10 if quick else None]
    ours, base, cleaned, raw = [], [], [], []
    for key in keys:
        gold = truth[key]["articleBody"]
        html_bytes = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        item = read_bytes(html_bytes, origin=key, html=True)
        ours.append((item.text if isinstance(item, RawItem) else "", gold))
        html = html_bytes.decode("utf-8", errors="replace")
        base.append((trafilatura.extract(html) or "", gold))
        flat = visible_lines(html)
        raw.append((flat, gold))
        cleaned.append((clean_scraped(normalize_text(flat)).text.text, gold))
    rows = []
    for label, pairs, baseline, baseline_name in (
            ("HTML: main text", ours, base, "trafilatura defaults"),
            ("scraped text: cleaned lines", cleaned, raw, "uncleaned lines")):
        p, r, f = mean_prf(pairs)
        bp, br, bf = mean_prf(baseline)
        for metric, value, b in (("precision", p, bp), ("recall", r, br), ("F1", f, bf)):
            rows.append(Row("main text of HTML pages", f"{label}: 4-gram {metric}", value, b, baseline_name,
                            "article-extraction", len(keys)))
    return rows
