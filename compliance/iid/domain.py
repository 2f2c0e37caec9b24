"""The index's arithmetic, pure (no database), so that a hand calculation can check it.

IID 2023 (BSKDN's deck): SPD = Σ of the region's indicators 1-15; SID = Σ over the innovations of indicators
16-35, divided by MAX(10, n), plus the score of the number of innovations; total = SPD + SID;
IID = total / total maximum x 100. Each indicator scores weight x the chosen parameter (1-3). Here `sid` is the
innovations' part and `count_score` the count's part, shown apart (the API has both): total = spd + sid +
count_score. The predicate is the year's band of the index rounded to two places; a region that reported nothing
with evidence "cannot be assessed" (disclaimer) whatever the bands say.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MIN_DIVISOR = 10
MAX_PARAMETER = 3
DISCLAIMER = "tidak_dapat_dinilai"


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Item:
    """An indicator as the arithmetic needs it."""

    number: int
    aspect: str  # "spd" or "sid"
    weight: Decimal
    mandatory: bool = False


@dataclass(frozen=True)
class Rules:
    """A year's count-of-innovations rule and predicate bands ((predicate, lower, upper), both included)."""

    count_points: Decimal
    count_cap: int
    basic_urusan: frozenset[str] = frozenset()
    basic_urusan_min: int = 0
    bands: tuple[tuple[str, Decimal, Decimal], ...] = ()


@dataclass(frozen=True)
class Subject:
    """One innovation: its urusan (slug) and the parameter chosen per indicator number."""

    key: int
    urusan: str | None
    answers: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    spd: Decimal
    sid: Decimal
    count_score: Decimal
    total: Decimal
    maximum: Decimal
    index: Decimal
    predicate: str
    innovations: int
    divisor: int
    #: urusan wajib pelayanan dasar covered, and whether the count scores at all.
    basic_covered: int
    count_scores: bool
    #: Each innovation's Σ weight x parameter over SID indicators, by key.
    per_innovation: Mapping[int, Decimal]
    sid_maximum_each: Decimal
    spd_maximum: Decimal


def predicate_for(index: Decimal, bands: Iterable[tuple[str, Decimal, Decimal]], *, reported: bool = True) -> str:
    if not reported:
        return DISCLAIMER
    rounded = cents(index)
    for slug, lower, upper in bands:
        if lower <= rounded <= upper:
            return slug
    return DISCLAIMER


def innovation_sum(items: Iterable[Item], answers: Mapping[int, int]) -> Decimal:
    return sum((i.weight * answers[i.number] for i in items if i.aspect == "sid" and i.number in answers), Decimal(0))


def compute(*, items: list[Item], rules: Rules, region: Mapping[int, int], innovations: list[Subject]) -> Result:
    """The region's index from its SPD answers (`region`: number -> parameter) and its innovations'."""
    spd_items = [i for i in items if i.aspect == "spd"]
    sid_items = [i for i in items if i.aspect == "sid"]
    spd = sum((i.weight * region[i.number] for i in spd_items if i.number in region), Decimal(0))
    per_innovation = {s.key: innovation_sum(sid_items, s.answers) for s in innovations}
    n = len(innovations)
    divisor = max(MIN_DIVISOR, n)
    sid = sum(per_innovation.values(), Decimal(0)) / divisor
    covered = len({s.urusan for s in innovations if s.urusan} & rules.basic_urusan)
    count_scores = covered >= rules.basic_urusan_min
    count_score = rules.count_points * min(n, rules.count_cap) if count_scores else Decimal(0)
    spd_max = sum((i.weight for i in spd_items), Decimal(0)) * MAX_PARAMETER
    sid_max_each = sum((i.weight for i in sid_items), Decimal(0)) * MAX_PARAMETER
    maximum = spd_max + sid_max_each + rules.count_points * rules.count_cap
    total = spd + sid + count_score
    index = total / maximum * 100 if maximum else Decimal(0)
    reported = bool(region) or any(s.answers for s in innovations)
    return Result(
        spd=cents(spd),
        sid=cents(sid),
        count_score=cents(count_score),
        total=cents(total),
        maximum=cents(maximum),
        index=cents(index),
        predicate=predicate_for(index, rules.bands, reported=reported),
        innovations=n,
        divisor=divisor,
        basic_covered=covered,
        count_scores=count_scores,
        per_innovation=per_innovation,
        sid_maximum_each=sid_max_each,
        spd_maximum=spd_max,
    )


def maturity(result: Result, keys: Iterable[int]) -> Decimal | None:
    """An agency's "kematangan": its innovations' mean SID as a percentage of one innovation's maximum."""
    sums = [result.per_innovation[k] for k in keys if k in result.per_innovation]
    if not sums or not result.sid_maximum_each:
        return None
    return cents(sum(sums, Decimal(0)) / len(sums) / result.sid_maximum_each * 100)


def completion_gain(result: Result, key: int) -> Decimal:
    """Index points the region gains if this innovation answered every SID indicator with parameter 3."""
    missing = result.sid_maximum_each - result.per_innovation.get(key, Decimal(0))
    return cents(missing / result.divisor / result.maximum * 100) if result.maximum else Decimal(0)


# --- what the system already knows (prefilled answers) -------------------------------------------------------------


def replication_parameter(count: int) -> int | None:
    """Indicator 31: replicated once, twice, three times or more (in different regions)."""
    return min(count, MAX_PARAMETER) if count > 0 else None


def creation_parameter(months: int) -> int:
    """Indicator 32: from the trial to the launch, ≥ 9 months → 1, 5-8 → 2, 1-4 (or less) → 3."""
    if months >= 9:
        return 1
    if months >= 5:
        return 2
    return 3


def beneficiaries_parameter(count: int) -> int | None:
    """Indicator 33: 1-200 → 1, 201-500 → 2, ≥ 501 → 3 beneficiaries."""
    if count <= 0:
        return None
    if count <= 200:
        return 1
    return 2 if count <= 500 else 3


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from one date to a later one (a started month counts once the day of the month is reached)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)
