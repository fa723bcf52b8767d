"""Many reports, one incident: merge events across documents and reconcile what the sources say.

Stages: `copy_groups` finds syndicated copies and near-duplicates (MinHash over word shingles, with LSH so
no pair of documents is compared unless their signatures collide); `IncidentIndex` matches each new
report-level event against the incidents seen so far through blocking (event family, country, a date window
widened by the date's precision) and a scored comparison (place, day, victims' names, counts, text); and
`combine` turns an incident's reports into one event whose every value keeps its claims, with low, best,
high and `disputed` per count over independent sources.
"""

from __future__ import annotations

from eventledger.reconcile.merge import IncidentIndex, combine, merge_documents
from eventledger.reconcile.sources import copy_groups

__all__ = ["IncidentIndex", "combine", "copy_groups", "merge_documents"]
