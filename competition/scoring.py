"""Aggregation of review totals: pure functions on numbers, no database, so that a worked example pins them.

- `weighted_total`: one review's total, sum(score * weight) / 100 (weights sum to 100).
- Per entry: mean and median of its reviews' totals, and the spread (max - min), flagged above a threshold.
- Normalised (when the round switches it on): each evaluator's totals become z-scores against that evaluator's
  own mean and standard deviation (population), then go back on the scale with the mean and standard deviation
  of every total of the stage: normalised = pool_mean + z * pool_sd, kept within 0..scale. An evaluator with
  one review, or who gave every entry the same total, has z = 0 (their entries get the pool mean). The raw
  figures are always kept beside the normalised ones.
- Ranking: competition ranking on the key (normalised mean when on, raw mean otherwise) rounded to 2 places:
  equal keys share a rank and the next rank skips (1, 1, 3). Entries with no submitted review are unranked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def q2(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_total(scores: Mapping[int, Decimal], weights: Mapping[int, int]) -> Decimal:
    """sum(score * weight) / 100 over the criteria of `weights`; a missing score counts as 0."""
    return q2(sum((Decimal(scores.get(c, 0)) * weight for c, weight in weights.items()), Decimal(0)) / 100)


def mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def population_sd(values: Sequence[Decimal]) -> Decimal:
    centre = mean(values)
    return (sum(((v - centre) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


@dataclass(frozen=True)
class ReviewTotal:
    entry_id: int
    evaluator_id: int
    total: Decimal


def normalised_totals(reviews: Sequence[ReviewTotal], *, scale: Decimal) -> dict[tuple[int, int], Decimal]:
    """Each review's total as a z-score of its evaluator, put back on the scale (see the module docstring)."""
    if not reviews:
        return {}
    all_totals = [r.total for r in reviews]
    pool_mean, pool_sd = mean(all_totals), population_sd(all_totals)
    by_evaluator: dict[int, list[Decimal]] = defaultdict(list)
    for review in reviews:
        by_evaluator[review.evaluator_id].append(review.total)
    stats = {e: (mean(v), population_sd(v)) for e, v in by_evaluator.items()}
    result = {}
    for review in reviews:
        own_mean, own_sd = stats[review.evaluator_id]
        z = (review.total - own_mean) / own_sd if own_sd else Decimal(0)
        value = min(max(pool_mean + z * pool_sd, Decimal(0)), scale)
        result[(review.entry_id, review.evaluator_id)] = q2(value)
    return result


@dataclass
class EntryResult:
    entry_id: int
    #: (evaluator id, raw total, normalised total) of each submitted review, by evaluator id.
    reviews: list[tuple[int, Decimal, Decimal]] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    normalised: Decimal | None = None
    spread: Decimal | None = None
    flagged: bool = False
    rank: int | None = None

    @property
    def count(self) -> int:
        return len(self.reviews)


def competition_ranks(keys: Sequence[Decimal | None]) -> list[int | None]:
    """Rank of each key, highest first; equal keys share a rank, the next one skips (1, 1, 3)."""
    ranked = sorted((k for k in keys if k is not None), reverse=True)
    first_position: dict[Decimal, int] = {}
    for position, key in enumerate(ranked, start=1):
        first_position.setdefault(key, position)
    return [first_position[k] if k is not None else None for k in keys]


def aggregate(
    entry_ids: Iterable[int],
    reviews: Sequence[ReviewTotal],
    *,
    scale: Decimal = Decimal(100),
    threshold: Decimal = Decimal(15),
    normalise: bool = False,
) -> list[EntryResult]:
    """Results of every entry of `entry_ids`, ranked (unranked ones last, in the order given)."""
    normalised = normalised_totals(reviews, scale=scale)
    results = {entry_id: EntryResult(entry_id=entry_id) for entry_id in entry_ids}
    for review in sorted(reviews, key=lambda r: (r.entry_id, r.evaluator_id)):
        if review.entry_id in results:
            results[review.entry_id].reviews.append(
                (review.evaluator_id, review.total, normalised[(review.entry_id, review.evaluator_id)])
            )
    for result in results.values():
        if not result.reviews:
            continue
        raw = [total for _e, total, _n in result.reviews]
        result.mean = q2(mean(raw))
        result.median = q2(median(raw))
        result.normalised = q2(mean([n for _e, _t, n in result.reviews]))
        result.spread = q2(max(raw) - min(raw))
        result.flagged = result.spread > threshold
    ordered = list(results.values())
    keys = [(r.normalised if normalise else r.mean) for r in ordered]
    for result, rank in zip(ordered, competition_ranks(keys), strict=True):
        result.rank = rank
    position = {entry_id: i for i, entry_id in enumerate(results)}
    return sorted(ordered, key=lambda r: (r.rank is None, r.rank or 0, position[r.entry_id]))


def below_passing_grade(score: Decimal | None, grade: Decimal | None) -> bool:
    """Whether a final score falls below a stage's passing grade (a score exactly on the grade passes).

    Worked example (KIPP 2025 proposal stage, passing grade 85, domain.md §1.5): 84.99 is below, 85.00 passes;
    an entry not scored yet is not judged; a stage without a grade lets every score through."""
    return grade is not None and score is not None and score < grade
