"""Records passed between stages and stored in the ledger."""

from eventledger.model.records import (
    MODALITIES,
    PRECISIONS,
    QUALIFIERS,
    Actor,
    Claim,
    CountSummary,
    CountValue,
    Document,
    Event,
    Ledger,
    Location,
    Mention,
    Participant,
    Removal,
    Source,
    TimeValue,
)

__all__ = [
    "MODALITIES", "PRECISIONS", "QUALIFIERS", "Actor", "Claim", "CountSummary", "CountValue", "Document",
    "Event", "Ledger", "Location", "Mention", "Participant", "Removal", "Source", "TimeValue",
]
