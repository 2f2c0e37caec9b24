"""Pure rules of readiness: the score of a checklist (share of items ready, and the same weighted by the
method's dimension weights) and which warning milestone a day falls in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Days before the deadline on which heads are warned of items not ready.
MILESTONES = (30, 14, 3)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DimensionCount:
    """One dimension of one checklist: its weight, how many items it has and how many are ready."""

    weight: Decimal
    items: int
    ready: int


@dataclass(frozen=True)
class Score:
    items: int
    ready: int
    share: Decimal  # percent of items ready
    weighted: Decimal  # percent, each dimension counted by its weight


def score(dimensions: Iterable[DimensionCount]) -> Score:
    """Worked example (2022 weights, input 24.24 / proses 32.37 / output 21.85 / pengaduan 21.54): with input 2 of
    2 ready, proses 2 of 4, output 0 of 1, pengaduan 3 of 3, the share is 7 of 10 = 70.00 and the weighted score
    is (24.24 + 32.37 / 2 + 0 + 21.54) / 100 = 61.965 → 61.97."""
    dims = [d for d in dimensions if d.items]
    items = sum(d.items for d in dims)
    ready = sum(d.ready for d in dims)
    if not items:
        return Score(0, 0, Decimal("0.00"), Decimal("0.00"))
    total_weight = sum((d.weight for d in dims), Decimal(0))
    weighted = sum((d.weight * d.ready / d.items for d in dims), Decimal(0)) / total_weight * HUNDRED
    share = Decimal(ready) / Decimal(items) * HUNDRED
    return Score(items, ready, share.quantize(CENT, ROUND_HALF_UP), weighted.quantize(CENT, ROUND_HALF_UP))


def milestone(today: datetime.date, deadline: datetime.date) -> int | None:
    """The warning milestone a day belongs to: the smallest of 30/14/3 days that is not before today's distance
    to the deadline (so a job that missed a day still warns once for that milestone); None after the deadline
    or more than 30 days before it."""
    left = (deadline - today).days
    if left < 0:
        return None
    return next((m for m in sorted(MILESTONES) if left <= m), None)


def is_late(today: datetime.date, deadline: datetime.date) -> bool:
    """Late from the day after the deadline."""
    return today > deadline
