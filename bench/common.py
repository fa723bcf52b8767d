"""Helpers shared by the scorers: folding names, medians, results."""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field


def fold_name(text: str | None) -> str:
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", plain)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Row:
    """One line of the benchmark table."""

    stage: str
    metric: str
    ours: float | str
    baseline: float | str
    baseline_name: str
    dataset: str
    size: int
    target: str = ""


@dataclass
class StageResult:
    name: str
    rows: list[Row] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0
