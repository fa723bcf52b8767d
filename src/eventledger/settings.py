"""Options for one run, passed whole through the stages."""

from __future__ import annotations

from dataclasses import dataclass

from eventledger.read import DEFAULT_MAX_CHARS


@dataclass(frozen=True)
class Settings:
    """Options for one run; passed whole through the stages."""

    actor_files: tuple[str, ...] = ()
    place_files: tuple[str, ...] = ()
    convention: str = "isaf"
    max_chars: int = DEFAULT_MAX_CHARS  # the largest article, in characters of text (read or given)
    max_bytes: int | None = None  # deprecated: ignored (the limit is max_chars)
    clean_scraped: bool = True  # False for text that arrives clean: offsets then equal the input's
    # Read roles and speakers from the shipped parser, with the word rules as the fallback (docs/architecture.md).
    # Off (--no-parse) is faster and uses the rules alone; without a shipped model the rules run either way.
    parse: bool = True
    # Find people and organisations no dictionary knows with the shipped entity recogniser (training/ner.cfg).
    # Off by default for now: on, re3d overlap recall rises (person 0.17 -> 0.56, organisation 0.54 -> 0.64) and
    # gvc per-incident city holds (150 of 170 either way), but gvc per-incident killed falls 0.876 -> 0.865.
    entities: bool = False
    # Merge events told by several documents (extract over many inputs; ingest against the ledger), and
    # the reconciliation policy for their counts: "majority" (the value most independent sources give) or
    # "conservative" (the lowest figure, as ACLED codes).
    merge: bool = True
    policy: str = "majority"
