"""Reads of rounds: which the user sees, their stages, counts, the panel and its conflicts."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleAssignment, User
from agencies.selectors import active_q, managed_region_ids, region_ids_for
from competition import assignment
from competition.models import (
    SCORED_STAGES,
    DeclaredConflict,
    Entry,
    EntryState,
    Panelist,
    PassingGrade,
    Review,
    ReviewState,
    Round,
    Stage,
)
from competition.selectors.entries import entries_in_stage


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Rounds of every region the user holds a role in (a global administrator sees all)."""
    ids = region_ids_for(user)
    return Round.objects.all() if ids is None else Round.objects.filter(region_id__in=ids)


def rounds_organised_by(user: Any) -> QuerySet[Round]:
    ids = managed_region_ids(user)
    return Round.objects.all() if ids is None else Round.objects.filter(region_id__in=ids)


def round_list(user: Any) -> QuerySet[Round]:
    return (
        rounds_visible_to(user)
        .select_related("region")
        .annotate(entry_count=Count("entries", filter=~Q(entries__state=EntryState.WITHDRAWN)))
        .order_by("-year", "name")
    )


def passing_grades_for(year: int) -> dict[str, Decimal]:
    """Each stage kind's passing grade for a round of `year`: the row with the latest first year not after it."""
    grades: dict[str, Decimal] = {}
    for row in PassingGrade.objects.filter(from_year__lte=year).order_by("kind", "-from_year"):
        grades.setdefault(row.kind, row.grade)
    return grades


def stages_of(round_: Round) -> list[Stage]:
    return list(round_.stages.order_by("order"))


def scored_stages(round_: Round) -> list[Stage]:
    return [s for s in stages_of(round_) if s.kind in SCORED_STAGES]


def current_stage(stages: list[Stage], day: datetime.date) -> Stage | None:
    """The latest stage open on `day` (stages may overlap), else None."""
    open_stages = [s for s in stages if s.is_open_on(day)]
    return open_stages[-1] if open_stages else None


def stage_after(stages: list[Stage], stage: Stage) -> Stage | None:
    later = [s for s in stages if s.order > stage.order]
    return later[0] if later else None


def entry_counts(round_: Round) -> dict[tuple[int, str], int]:
    """(stage id, state) → number of entries."""
    rows = round_.entries.values("stage_id", "state").annotate(n=Count("id"))
    return {(row["stage_id"], row["state"]): row["n"] for row in rows}


@dataclass(frozen=True)
class EntryTotals:
    #: Each stage with its entries that still count (withdrawn ones do not).
    by_stage: list[tuple[Stage, int]]
    #: state → entries in it, over every stage.
    by_state: dict[str, int]


def entry_totals(round_: Round, stages: list[Stage]) -> EntryTotals:
    """The organiser's counts of the round's entries, by stage and by state (one query)."""
    counts = entry_counts(round_)
    by_stage = [
        (s, sum(n for (stage_id, state), n in counts.items() if stage_id == s.pk and state != EntryState.WITHDRAWN))
        for s in stages
    ]
    by_state = {state: sum(n for (_s, st), n in counts.items() if st == state) for state in EntryState.values}
    return EntryTotals(by_stage=by_stage, by_state=by_state)


def round_entries(round_: Round) -> QuerySet[Entry]:
    return (
        round_.entries.exclude(state=EntryState.WITHDRAWN)
        .select_related("innovation", "agency", "category", "group", "stage")
        .order_by("stage__order", "agency__name", "id")
    )


# --- the panel ----------------------------------------------------------------------------------------------


@dataclass
class PanelProgress:
    panelist: Panelist
    #: stage id → (assigned, submitted)
    by_stage: dict[int, tuple[int, int]]

    @property
    def assigned(self) -> int:
        return sum(a for a, _s in self.by_stage.values())

    @property
    def submitted(self) -> int:
        return sum(s for _a, s in self.by_stage.values())


def panel_progress(round_: Round) -> list[PanelProgress]:
    """Each evaluator's assigned and submitted reviews per scored stage (two queries whatever the size)."""
    panel = list(round_.panel.select_related("user").order_by("user__full_name", "user__username"))
    rows = (
        Review.objects.filter(stage__round=round_)
        .values("panelist_id", "stage_id")
        .annotate(assigned=Count("id"), submitted=Count("id", filter=Q(state=ReviewState.SUBMITTED)))
    )
    by: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in rows:
        by[row["panelist_id"]][row["stage_id"]] = (row["assigned"], row["submitted"])
    return [PanelProgress(panelist=p, by_stage=by.get(p.pk, {})) for p in panel]


def evaluator_candidates(round_: Round) -> QuerySet[User]:
    """People with an evaluator role in the round's region who are not yet on its panel."""
    roles = RoleAssignment.objects.filter(user=OuterRef("pk"), role="evaluator", region_id=round_.region_id).filter(
        active_q()
    )
    return (
        User.objects.filter(Exists(roles), is_active=True)
        .exclude(panel_seats__round=round_)
        .order_by("full_name", "username")
    )


def conflict_entries(round_: Round) -> QuerySet[Entry]:
    """The entries an organiser may declare a conflict on: every entry of the round not withdrawn."""
    return (
        round_.entries.exclude(state="withdrawn")
        .select_related("innovation", "agency")
        .order_by("innovation__title", "pk")
    )


def evaluator_label(user: User) -> str:
    """How a person reads in the panel's select and in its search: the same text in both."""
    return user.display_name


def conflicts_of(round_: Round, entries: list[Entry], panel: list[Panelist]) -> set[tuple[int, int]]:
    """(entry id, panelist id) pairs in conflict: by the organisation chart, and declared."""
    today = timezone.localdate()
    paths: dict[int, list[str]] = {p.pk: [] for p in panel}
    by_user = {p.user_id: p.pk for p in panel}
    roles = (
        RoleAssignment.objects.filter(user_id__in=by_user, role__in=["staff", "head"], active_from__lte=today)
        .filter(active_q(today))
        .values_list("user_id", "agency__path")
    )
    for user_id, path in roles:
        if path:
            paths[by_user[user_id]].append(path)
    found = assignment.conflicts_by_chart({e.pk: e.agency.path for e in entries}, paths)
    declared = DeclaredConflict.objects.filter(entry__in=[e.pk for e in entries], panelist__in=[p.pk for p in panel])
    found |= {(c.entry_id, c.panelist_id) for c in declared}
    return found


@dataclass(frozen=True)
class PanelRow:
    entry: Entry
    reviews: list[Review]
    conflicted: list[Panelist]
    #: Fewer evaluators than the round asks for.
    short: bool


@dataclass(frozen=True)
class PanelOverview:
    """The assignment of one scored stage as the organiser's panel page shows it."""

    rows: list[PanelRow]
    #: Each evaluator of the panel with the entries assigned to them at the stage.
    load: list[tuple[Panelist, int]]

    @property
    def short(self) -> list[PanelRow]:
        return [r for r in self.rows if r.short]


def panel_overview(round_: Round, stage: Stage) -> PanelOverview:
    """Every entry of the stage with its evaluators and conflicted panelists, and each evaluator's load."""
    panel = list(round_.panel.select_related("user"))
    entries = list(entries_in_stage(stage))
    conflicts = conflicts_of(round_, entries, panel)
    reviews = list(Review.objects.filter(stage=stage).select_related("panelist__user"))
    by_entry: dict[int, list[Review]] = {}
    for review in reviews:
        by_entry.setdefault(review.entry_id, []).append(review)
    k = round_.evaluators_per_entry
    rows = [
        PanelRow(
            entry=e,
            reviews=by_entry.get(e.pk, []),
            conflicted=[p for p in panel if (e.pk, p.pk) in conflicts],
            short=len(by_entry.get(e.pk, [])) < k,
        )
        for e in entries
    ]
    load = {p.pk: 0 for p in panel}
    for review in reviews:
        load[review.panelist_id] = load.get(review.panelist_id, 0) + 1
    return PanelOverview(rows=rows, load=[(p, load.get(p.pk, 0)) for p in panel])


def declared_conflicts(round_: Round) -> QuerySet[DeclaredConflict]:
    return DeclaredConflict.objects.filter(panelist__round=round_).select_related(
        "panelist__user", "entry__innovation", "declared_by"
    )


def round_progress(*, region: Any, year: int) -> dict[str, Any] | None:
    """The region's round of `year` (or its latest before): entries per stage and each evaluator's progress, as
    the mayor's office dashboard shows them; None without a round."""
    round_ = Round.objects.filter(region=region, year__lte=year).order_by("-year", "-pk").first()
    if round_ is None:
        return None
    counts = entry_counts(round_)
    url = reverse("competition:round", args=[round_.pk])
    funnel: list[dict[str, Any]] = [
        {
            "label": str(stage),
            "count": sum(
                n for (stage_id, state), n in counts.items() if stage_id == stage.pk and state != EntryState.WITHDRAWN
            ),
            "url": url,
        }
        for stage in stages_of(round_)
    ]
    progress: list[dict[str, Any]] = [
        {"name": p.panelist.user.display_name, "assigned": p.assigned, "submitted": p.submitted}
        for p in panel_progress(round_)
    ]
    return {
        "round": round_,
        "url": url,
        "funnel": {"rows": funnel, "max": max((f["count"] for f in funnel), default=0)},
        "progress": progress,
        "pending": sum(p["assigned"] - p["submitted"] for p in progress),
    }
