"""Exact summary statistics over whole seconds, so a report equals a hand count to the second."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal


def nearest_rank(sorted_values: Sequence[int], percent: int) -> int:
    """The nearest-rank percentile: the smallest value with at least ``percent`` % at or below it."""
    rank = max(1, math.ceil(percent * len(sorted_values) / 100))
    return sorted_values[rank - 1]


def mean_seconds(values: Sequence[int]) -> int:
    """The mean rounded to a whole second (half to even)."""
    return mean_of(sum(values), len(values))


def mean_of(total: int, count: int) -> int:
    """``total / count`` rounded to a whole second (half to even); rollups keep sums and counts."""
    return int((Decimal(total) / count).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True)
class DurationStats:
    count: int
    mean: int
    median: int
    p90: int

    @classmethod
    def of(cls, values: Sequence[int]) -> DurationStats | None:
        if not values:
            return None
        ordered = sorted(values)
        return cls(len(ordered), mean_seconds(ordered), nearest_rank(ordered, 50), nearest_rank(ordered, 90))
