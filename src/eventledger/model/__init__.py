"""Records passed between stages and stored in the ledger."""

from eventledger.model.records import (
    LOCATION_PRECISION,
    MODALITIES,
    PRECISION_ORDER,
    PRECISIONS,
    QUALIFIERS,
    VIOLENCE,
    Actor,
    Claim,
    CountSummary,
    CountValue,
    Document,
    DocumentResult,
    Event,
    LearnedAlias,
    Ledger,
    Location,
    Mention,
    Participant,
    Removal,
    Source,
    TimeValue,
    family,
)

__all__ = [
    "LOCATION_PRECISION", "PRECISION_ORDER", "DocumentResult", "MODALITIES", "PRECISIONS", "QUALIFIERS", "Actor",
    "LearnedAlias", "Claim", "CountSummary", "CountValue", "Document", "Event", "Ledger", "Location", "Mention",
    "Participant", "Removal", "Source", "TimeValue", "VIOLENCE", "family",
]
