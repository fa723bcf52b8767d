"""What every exporter reads: the ledger's events, actors, documents and claims, from a store or a ledger JSON.

Exporters take a `LedgerView` rather than a `LedgerStore`, so the same code writes a database's ledger and the
ledger JSON of `eventledger extract`, and the tests can build one from real text without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventledger.store import LedgerStore


@dataclass(frozen=True, slots=True)
class LedgerView:
    """The ledger as the exporters see it: events in ledger JSON (earliest first), actors and documents by id
    (documents without their text), claims looked up by id, and every claim streamed (for Parquet)."""

    events: Callable[[], Iterable[dict]]
    actors: Mapping[str, dict]
    documents: Mapping[str, dict]
    claims_by_id: Callable[[Sequence[str]], dict[str, dict]]
    all_claims: Callable[[], Iterator[dict]]

    @classmethod
    def from_store(cls, store: LedgerStore) -> LedgerView:
        return cls(events=store.event_rows, actors=store.actor_rows(), documents=store.document_records(),
                   claims_by_id=lambda ids: store.claims_by_id(list(ids)), all_claims=store.iter_claims)

    @classmethod
    def from_ledger(cls, ledger: Mapping[str, Any]) -> LedgerView:
        """A ledger JSON (`eventledger extract`, `to_json(extract(...))`), events in the store's order."""
        claims = {c["id"]: c for c in ledger.get("claims", [])}
        events = sorted(ledger.get("events", []), key=lambda e: (e["date"].get("start") or "", e["id"]))
        return cls(events=lambda: events, actors={a["id"]: a for a in ledger.get("actors", [])},
                   documents={d["id"]: {k: v for k, v in d.items() if k != "text"}
                              for d in ledger.get("documents", [])},
                   claims_by_id=lambda ids: {i: claims[i] for i in ids if i in claims},
                   all_claims=lambda: iter(claims.values()))

    def names(self, event: dict, *roles: str) -> list[str]:
        """The names of the event's actors in these roles, each once, in the ledger's order."""
        return list(dict.fromkeys(self.actors.get(p["actor"], {}).get("name", p["actor"])
                                  for p in event["participants"] if p["role"] in roles))

    def event_documents(self, event: dict) -> list[dict]:
        """The records of the documents telling the event, in the event's order (missing ones skipped)."""
        return [self.documents[d] for d in event["documents"] if d in self.documents]


def batched_claims(view: LedgerView, events: Iterable[dict], wanted: Callable[[dict], list[str]],
                   size: int = 500) -> Iterator[tuple[dict, dict[str, dict]]]:
    """Each event with the claims `wanted(event)` names, looked up `size` events at a time: one query per batch
    instead of one per event keeps a large export in seconds."""
    batch: list[dict] = []

    def flush() -> Iterator[tuple[dict, dict[str, dict]]]:
        ids = list(dict.fromkeys(i for event in batch for i in wanted(event)))
        found = view.claims_by_id(ids) if ids else {}
        for event in batch:
            yield event, found
        batch.clear()

    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield from flush()
    yield from flush()
