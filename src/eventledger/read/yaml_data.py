"""YAML data files (the shipped and the user's dictionaries), read with libyaml when PyYAML has it."""

from __future__ import annotations

from typing import Any

import yaml

# The C loader reads the shipped dictionaries about five times faster than the pure-Python one, which
# counts at start-up: `eventledger extract` of one article must answer within 2 s.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    """The YAML document in `text` as plain Python values (safe: no arbitrary objects)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
