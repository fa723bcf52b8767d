"""Options for one run, passed whole through the stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Options for one run; passed whole through the stages."""

    actor_files: tuple[str, ...] = ()
    place_files: tuple[str, ...] = ()
    convention: str = "isaf"
    max_bytes: int = 10_000_000
    clean_scraped: bool = True  # False for text that arrives clean: offsets then equal the input's
    # Read roles and speakers from the shipped parser, with the word rules as the fallback (docs/architecture.md).
    # Off (--no-parse) is faster and uses the rules alone; without a shipped model the rules run either way.
    parse: bool = True
    # Merge events told by several documents (extract over many inputs; ingest against the ledger), and
    # the reconciliation policy for their counts: "majority" (the value most independent sources give) or
    # "conservative" (the lowest figure, as ACLED codes).
    merge: bool = True
    policy: str = "majority"
