"""The ranking of a scored stage: every entry's results from its submitted reviews (see `competition.scoring`),
computed in three queries and cached under the data version for the pages and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator

from competition import scoring
from competition.models import Entry, EntryState, Panelist, Review, ReviewState, Round, Stage
from competition.selectors.entries import entries_in_stage
from competition.selectors.rounds import stages_of
from core import datacache


@dataclass
class RankingRow:
    entry: Entry
    result: scoring.EntryResult
    #: (panelist, raw, normalised) of each submitted review.
    reviews: list[tuple[Panelist, Decimal, Decimal]]
    assigned: int
    #: The score the round ranks by (normalised or the mean of raw totals).
    final: Decimal | None = None
    #: Scored below the stage's passing grade: shown "tidak lolos" and not moved on.
    below_grade: bool = False


def ranking(stage: Stage) -> list[RankingRow]:
    """The stage's results, ranked (three queries whatever the number of entries and reviews)."""
    round_ = stage.round
    entries = list(entries_in_stage(stage))
    # The same entries by their conditions, not a list of ids; no ordering (the Meta one would join the entries'
    # agencies only to sort): the aggregation orders what it needs.
    reviews = list(
        Review.objects.filter(
            stage=stage,
            entry__round=round_,
            entry__state=EntryState.PASSED,
            entry__stage__order__gte=stage.order,
        )
        .select_related("panelist__user")
        .order_by()
    )
    submitted = [r for r in reviews if r.state == ReviewState.SUBMITTED and r.total is not None]
    scale = Decimal(max([c.scale_max for c in stage.criteria.all()] or [100]))
    results = scoring.aggregate(
        [e.pk for e in entries],
        [scoring.ReviewTotal(r.entry_id, r.panelist_id, r.total) for r in submitted if r.total is not None],
        scale=scale,
        threshold=round_.spread_threshold,
        normalise=round_.normalise,
    )
    by_id = {e.pk: e for e in entries}
    panelists = {r.panelist_id: r.panelist for r in reviews}
    assigned: dict[int, int] = defaultdict(int)
    for review in reviews:
        assigned[review.entry_id] += 1
    rows = []
    for result in results:
        final = result.normalised if round_.normalise else result.mean
        rows.append(
            RankingRow(
                entry=by_id[result.entry_id],
                result=result,
                reviews=[(panelists[p], raw, norm) for p, raw, norm in result.reviews],
                assigned=assigned[result.entry_id],
                final=final,
                below_grade=scoring.below_passing_grade(final, stage.passing_grade),
            )
        )
    return rows


def cached_ranking(stage: Stage) -> list[RankingRow]:
    """`ranking(stage)` for the API, kept in the cache under the data version (agencies.datacache): any saved
    review, entry, stage, panel or round change computes it afresh."""
    return _cached(datacache.versioned_key("ranking", stage.pk), lambda: ranking(stage))


@dataclass
class RankingPage:
    """One page of a stage's ranking with the figures over every entry: what the organiser's page shows."""

    rows: list[RankingRow]
    number: int
    count: int
    flagged: int
    unscored: int


def ranking_page(stage: Stage, *, page: Any, size: int) -> RankingPage:
    """A page of the ranking, cached per page under the data version, so that a large round's page reads back
    its hundred rows rather than every entry."""

    def build() -> RankingPage:
        rows = ranking(stage)
        current = Paginator(rows, size).get_page(page)
        return RankingPage(
            rows=list(current.object_list),
            number=current.number,
            count=len(rows),
            flagged=sum(1 for r in rows if r.result.flagged),
            unscored=sum(1 for r in rows if r.result.rank is None),
        )

    return _cached(datacache.versioned_key("ranking-page", stage.pk, size, page), build)


def _cached(key: str | None, build: Any) -> Any:
    return datacache.cached(key, build, settings.RANKING_CACHE_SECONDS)


def final_stage(round_: Round) -> Stage | None:
    """The last scored stage that has a submitted review: its ranking is the round's result."""
    stages = [s for s in stages_of(round_) if s.is_scored]
    for stage in reversed(stages):
        if Review.objects.filter(stage=stage, state=ReviewState.SUBMITTED).exists():
            return stage
    return stages[0] if stages else None


def ranking_stage(round_: Round, wanted: str | None) -> Stage | None:
    stages = {s.kind: s for s in stages_of(round_) if s.is_scored}
    if wanted in stages:
        return stages[wanted]
    return final_stage(round_)


def top_entry_ids(stage: Stage, n: int) -> list[int]:
    """Entries ranked n or better at `stage` that are still in it (ties at the cut all go through), leaving out
    those below the stage's passing grade."""
    return [
        row.entry.pk
        for row in ranking(stage)
        if row.result.rank is not None
        and row.result.rank <= n
        and row.entry.stage_id == stage.pk
        and not row.below_grade
    ]
