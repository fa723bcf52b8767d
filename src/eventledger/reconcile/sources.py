"""Source independence: which documents are copies of one another (a wire story reprinted by many outlets,
an article republished with a new headline), so that twenty copies count as one source.

Each document's body becomes a MinHash signature over 5-word shingles (datasketch); locality-sensitive
hashing proposes pairs whose estimated Jaccard similarity may pass the threshold, and only those pairs are
compared, so the cost per document stays flat as the collection grows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import MinHash
NUM_PERM = 64
SHINGLE = 5
COPY_THRESHOLD = 0.7  # estimated Jaccard of 5-word shingles: reprints with a new lede or tail still pass


def signature(text: str) -> MinHash:
    """MinHash of the text's 5-word shingles (lower case, words only)."""
    from datasketch import MinHash  # imported when first needed: it brings scipy, a slow start-up

    words = re.findall(r"\w+", text.lower())
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


class CopyIndex:
    """Documents added one by one; each joins the copy group of a near-duplicate already seen."""

    def __init__(self, threshold: float = COPY_THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.group: dict[str, str] = {}
        self.threshold = threshold

    def add(self, doc_id: str, text: str) -> str:
        """The copy group the document belongs to (the id of the first document of the group)."""
        if doc_id in self.group:
            return self.group[doc_id]
        sig = signature(text)
        best, best_score = None, self.threshold
        for other in self.lsh.query(sig):
            score = sig.jaccard(self.signatures[other])
            if score >= best_score:
                best, best_score = other, score
        self.group[doc_id] = self.group[best] if best is not None else doc_id
        self.signatures[doc_id] = sig
        self.lsh.insert(doc_id, sig)
        return self.group[doc_id]

    def similarity(self, a: str, b: str) -> float:
        if a in self.signatures and b in self.signatures:
            return self.signatures[a].jaccard(self.signatures[b])
        return 0.0


def copy_groups(documents: Iterable[tuple[str, str]]) -> dict[str, str]:
    """doc id -> id of its copy group, for (doc id, text) pairs in the order they were published."""
    index = CopyIndex()
    return {doc_id: index.add(doc_id, text) for doc_id, text in documents}
