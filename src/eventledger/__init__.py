"""eventledger: a sourced, structured, queryable ledger of political violence from news reports.

    from eventledger import extract
    ledger = extract(["article.txt"])          # paths, globs, directories or RawItems
    ledger_dict = to_json(ledger)              # the ledger JSON (docs/ledger-format.md)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from eventledger.ledger_json import ledger_json as to_json
from eventledger.model import Ledger
from eventledger.pipeline import DocumentResult, Settings, assemble, iter_items, process_item, text_item
from eventledger.read import RawItem, ReadFailure

__all__ = ["extract", "extract_text", "to_json", "Settings", "Ledger", "RawItem", "ReadFailure", "process_item",
           "text_item", "DocumentResult"]
__version__ = "0.1.0"


def extract(inputs: Iterable[str | Path | RawItem], settings: Settings | None = None,
            failures: list[ReadFailure] | None = None) -> Ledger:
    """The ledger of every article in `inputs`; unreadable inputs go to `failures` (if given)."""
    settings = settings or Settings()
    results: list[DocumentResult] = []
    for item in iter_items(inputs, settings):
        if isinstance(item, ReadFailure):
            if failures is not None:
                failures.append(item)
            continue
        results.append(process_item(item, settings))
    return assemble(results, settings)


def extract_text(text: str, settings: Settings | None = None, **meta) -> Ledger:
    """The ledger of one article given as a string (`id`, `title`, `published`, `url`, `reference` optional)."""
    settings = settings or Settings()
    return assemble([process_item(text_item(text, **meta), settings)], settings)
