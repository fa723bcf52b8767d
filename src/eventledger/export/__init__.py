"""Exports of the ledger in the formats analysts already load (docs/exports.md): ACLED-style CSV, UCDP GED CSV,
PLOVER JSON lines, GeoJSON and Parquet; `compare` checks the ledger against a hand-coded ACLED or GED file.

Each format is one module; `vocab` holds the mappings of our vocabularies to theirs, `ledger` what they read.
"""

from eventledger.export.acled import ACLED_COLUMNS, write_acled
from eventledger.export.ged import GED_COLUMNS, write_ged
from eventledger.export.geojson import write_geojson
from eventledger.export.ledger import LedgerView
from eventledger.export.plover import PLOVER_REQUIRED, write_plover

__all__ = ["ACLED_COLUMNS", "GED_COLUMNS", "PLOVER_REQUIRED", "LedgerView", "write_acled", "write_ged",
           "write_geojson", "write_plover"]
