"""The event types file documents how each type maps to PLOVER and ACLED; the exporters must write the same."""

from __future__ import annotations

import re

from eventledger.export.vocab import ACLED_TYPES, PLOVER_TYPES
from eventledger.extract.events import event_types


def test_event_types_file_and_exporters_agree():
    types = event_types()
    assert set(types.plover) == set(PLOVER_TYPES) == set(ACLED_TYPES)
    for name, written in types.plover.items():
        match = re.fullmatch(r"([A-Z]+)(?: \(mode ([\w-]+)\))?", written)
        assert match is not None, written
        assert (match.group(1), match.group(2)) == PLOVER_TYPES[name], name
    for name, written in types.acled.items():
        event_type, sub_event_type = written.split(";")[0].split(" (")[0].split(": ")
        assert (event_type, sub_event_type) == ACLED_TYPES[name][1:], name
