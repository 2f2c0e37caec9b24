"""Reads of the competition. Every list, detail, download and API view starts from one of these."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from agencies import datacache
from agencies.models import RoleAssignment, User
from agencies.selectors import active_q, active_roles, managed_region_ids, region_ids_for, work_scope
from competition import scoring
from competition.models import (
    SCORED_STAGES,
    SECTIONS,
    STAGE_ORDER,
    CompetitionGroup,
    DeclaredConflict,
    Entry,
    EntryState,
    EntryTransition,
    Panelist,
    Review,
    ReviewState,
    Round,
    Score,
    Stage,
    StageKind,
    section_label,
)
from innovations.models import Innovation, State

# --- visibility ---------------------------------------------------------------------------------------------


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """Rounds of every region the user holds a role in (a global administrator sees all)."""
    ids = region_ids_for(user)
    return Round.objects.all() if ids is None else Round.objects.filter(region_id__in=ids)


def rounds_organised_by(user: Any) -> QuerySet[Round]:
    ids = managed_region_ids(user)
    return Round.objects.all() if ids is None else Round.objects.filter(region_id__in=ids)


def entries_visible_to(user: Any) -> QuerySet[Entry]:
    """The organiser sees every entry of its rounds; an agency its own (a head also the units under it); an
    evaluator only the entries assigned to them, never one with a declared conflict."""
    scope = work_scope(user, via="agency__")
    if scope is None:
        return Entry.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Entry.objects.none()
    assigned = Review.objects.filter(entry=OuterRef("pk"), panelist__user=user)
    conflicted = DeclaredConflict.objects.filter(entry=OuterRef("pk"), panelist__user=user)
    return Entry.objects.filter(scope | (Exists(assigned) & ~Exists(conflicted)))


# --- rounds -------------------------------------------------------------------------------------------------


def round_list(user: Any) -> QuerySet[Round]:
    return (
        rounds_visible_to(user)
        .select_related("region")
        .annotate(entry_count=Count("entries", filter=~Q(entries__state=EntryState.WITHDRAWN)))
        .order_by("-year", "name")
    )


def stages_of(round_: Round) -> list[Stage]:
    return list(round_.stages.order_by("order"))


def current_stage(stages: list[Stage], day: datetime.date) -> Stage | None:
    """The latest stage open on `day` (stages may overlap), else None."""
    open_stages = [s for s in stages if s.is_open_on(day)]
    return open_stages[-1] if open_stages else None


def stage_after(stages: list[Stage], stage: Stage) -> Stage | None:
    later = [s for s in stages if s.order > stage.order]
    return later[0] if later else None


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


def entry_counts(round_: Round) -> dict[tuple[int, str], int]:
    """(stage id, state) → number of entries."""
    rows = round_.entries.values("stage_id", "state").annotate(n=Count("id"))
    return {(row["stage_id"], row["state"]): row["n"] for row in rows}


def round_entries(round_: Round) -> QuerySet[Entry]:
    return (
        round_.entries.exclude(state=EntryState.WITHDRAWN)
        .select_related("innovation", "agency", "category", "group", "stage")
        .order_by("stage__order", "agency__name", "id")
    )


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


# --- entries ------------------------------------------------------------------------------------------------


def entry_detail(user: Any) -> QuerySet[Entry]:
    return (
        entries_visible_to(user)
        .select_related(
            "round",
            "round__region",
            "innovation",
            "innovation__replication_of",
            "agency",
            "agency__type",
            "category",
            "group",
            "stage",
        )
        .prefetch_related(
            Prefetch("transitions", queryset=EntryTransition.objects.select_related("by", "from_stage", "to_stage")),
            "attachments",
        )
    )


def entries_of_agencies(user: Any, round_: Round) -> QuerySet[Entry]:
    """The entries of the agencies the user works for (staff) or leads (head), for the round page."""
    scope = work_scope(user, via="agency__")
    agency_roles = [r for r in active_roles(user) if r.role in ("staff", "head")]
    if not agency_roles:
        return Entry.objects.none()
    condition = Q(pk__in=[])
    for role in agency_roles:
        if role.role == "head" and role.agency_path:
            condition |= Q(agency__path__startswith=role.agency_path)
        else:
            condition |= Q(agency_id=role.agency_id)
    qs = round_.entries.filter(condition)
    if scope is not None:
        qs = qs.filter(scope)
    return qs.select_related("innovation", "agency", "category", "group", "stage").order_by("agency__name", "id")


def innovation_lineage(innovation: Innovation) -> list[int]:
    """The innovation and the records of earlier years it continues (the same innovation, year after year)."""
    ids = [innovation.pk]
    current = innovation
    while current.continued_from_id and current.continued_from_id not in ids and len(ids) < 50:
        ids.append(current.continued_from_id)
        current = Innovation.objects.only("id", "continued_from_id").get(pk=current.continued_from_id)
    return ids


@dataclass(frozen=True)
class Check:
    slug: str
    label: str
    ok: bool
    detail: str = ""


def eligibility(
    *, round_: Round, innovation: Innovation, group: CompetitionGroup | None, entry: Entry | None = None
) -> list[Check]:
    """Every eligibility rule of the round for this innovation, passed or not, with the reason."""
    registration = round_.stages.filter(kind=StageKind.REGISTRATION).first()
    close = registration.closes_on if registration else datetime.date(round_.year, 12, 31)
    checks = [
        Check(
            "accepted",
            _("Accepted by the mayor's office"),
            innovation.state == State.ACCEPTED,
            "" if innovation.state == State.ACCEPTED else _("The innovation has not been accepted yet."),
        )
    ]
    allowed = list(round_.allowed_agency_types.all())
    agency = innovation.agency
    type_ok = not allowed or agency.type_id in {t.pk for t in allowed}
    checks.append(
        Check(
            "agency_type",
            _("Kind of agency allowed"),
            type_ok,
            ""
            if type_ok
            else _("%(type)s may not enter this round; allowed: %(allowed)s.")
            % {"type": agency.type, "allowed": ", ".join(str(t) for t in allowed)},
        )
    )
    years = innovation.years_implemented_on(close)
    minimum = round_.min_years_implemented
    age_ok = years is not None and Decimal(str(years)) >= minimum
    if years is None:
        age_detail = _("No launch date (penerapan) on or before %(close)s.") % {"close": close.strftime("%d-%m-%Y")}
    else:
        age_detail = _("Implemented %(years)s years at registration close (%(close)s); at least %(min)s needed.") % {
            "years": f"{years:.1f}",
            "close": close.strftime("%d-%m-%Y"),
            "min": f"{minimum:.1f}",
        }
    checks.append(Check("age", _("Implemented long enough"), age_ok, "" if age_ok else age_detail))
    others = round_.entries.filter(agency=agency).exclude(state=EntryState.WITHDRAWN)
    if entry is not None and entry.pk:
        others = others.exclude(pk=entry.pk)
    count = others.count()
    count_ok = count < round_.max_entries_per_agency
    checks.append(
        Check(
            "max_entries",
            _("Within the number of entries per agency"),
            count_ok,
            ""
            if count_ok
            else _("The agency already has %(count)d entries; at most %(max)d.")
            % {"count": count, "max": round_.max_entries_per_agency},
        )
    )
    if group is not None:
        won = (
            Entry.objects.filter(
                innovation_id__in=innovation_lineage(innovation),
                group=group,
                is_winner=True,
                round__region=round_.region,
            )
            .exclude(round=round_)
            .select_related("round")
            .first()
        )
        checks.append(
            Check(
                "previous_winner",
                _("Not a previous winner in this group"),
                won is None,
                "" if won is None else _("It won %(round)s in this group.") % {"round": won.round.name},
            )
        )
        if group.is_replication:
            named = (
                entry.original_name
                if entry is not None
                else (innovation.replication_source_name or getattr(innovation.replication_of, "title", ""))
            )
            checks.append(
                Check(
                    "original",
                    _("A replication names its original"),
                    bool(named),
                    "" if named else _("Name the original innovation that this one replicates."),
                )
            )
    return checks


def missing_sections(entry: Entry) -> list[str]:
    """Sections still empty or over their word limit, as messages."""
    problems = []
    for name, limit, replication_only in SECTIONS:
        if replication_only and not entry.group.is_replication:
            continue
        text = getattr(entry, name)
        label = section_label(name)
        if not text.strip():
            problems.append(_("Fill in: %(field)s.") % {"field": label})
        elif len(text.split()) > limit:
            problems.append(
                _("%(field)s has %(count)d words; at most %(max)d.")
                % {"field": label, "count": len(text.split()), "max": limit}
            )
    return problems


def candidate_innovations(user: Any, round_: Round) -> QuerySet[Innovation]:
    """Accepted innovations of the agencies the user works for, in the round's region, not entered yet."""
    agency_ids = {r.agency_id for r in active_roles(user) if r.role in ("staff", "head") and r.agency_id}
    entered = round_.entries.exclude(state=EntryState.WITHDRAWN).values("innovation_id")
    return (
        Innovation.objects.filter(agency_id__in=agency_ids, agency__region_id=round_.region_id, state=State.ACCEPTED)
        .exclude(pk__in=entered)
        .select_related("agency", "agency__type", "replication_of")
        .order_by("agency__name", "-year", "title")
    )


# --- reviews ------------------------------------------------------------------------------------------------


def reviews_of_evaluator(user: Any) -> QuerySet[Review]:
    """An evaluator's assigned reviews, waiting on them first (not submitted, stage closing soonest)."""
    return (
        Review.objects.filter(panelist__user=user)
        .exclude(Exists(DeclaredConflict.objects.filter(entry=OuterRef("entry_id"), panelist=OuterRef("panelist_id"))))
        .select_related("entry", "entry__innovation", "entry__agency", "entry__category", "entry__group", "stage")
        .select_related("stage__round")
        .order_by(
            # "draft" and "reopened" sort before "submitted": the ones waiting on the evaluator come first.
            "state",
            "stage__closes_on",
            "entry__agency__name",
        )
    )


def review_for(user: Any, *, entry: Entry, stage: Stage) -> Review | None:
    return (
        Review.objects.filter(entry=entry, stage=stage, panelist__user=user)
        .select_related("panelist", "stage")
        .prefetch_related("scores")
        .first()
    )


def other_reviews(review: Review) -> list[Review]:
    """The other evaluators' reviews of the same entry and stage, for an evaluator who has submitted their own
    (never before, never when the round hides them)."""
    if not review.is_submitted or review.stage.round.reviews_visible == Round.Visibility.NEVER:
        return []
    return list(
        Review.objects.filter(entry_id=review.entry_id, stage_id=review.stage_id, state=ReviewState.SUBMITTED)
        .exclude(pk=review.pk)
        .select_related("panelist__user")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )


# --- results ------------------------------------------------------------------------------------------------


@dataclass
class RankingRow:
    entry: Entry
    result: scoring.EntryResult
    #: (panelist, raw, normalised) of each submitted review.
    reviews: list[tuple[Panelist, Decimal, Decimal]]
    assigned: int


#: What a ranking row shows of its entry: the rest (the proposal's texts, the innovation's) stays in the database.
RANKING_FIELDS = (
    "id",
    "round_id",
    "state",
    "stage_id",
    "category_id",
    "group_id",
    "agency_id",
    "innovation_id",
    "final_rank",
    "is_winner",
    "innovation__id",
    "innovation__title",
    "agency__id",
    "agency__name",
    "agency__code",
    "category__id",
    "category__name",
    "category__slug",
    "group__id",
    "group__name",
    "group__slug",
    "group__is_replication",
    "stage__id",
    "stage__kind",
    "stage__order",
)


def entries_in_stage(stage: Stage) -> QuerySet[Entry]:
    """Entries that passed selection and reached `stage` (or went beyond it)."""
    return (
        stage.round.entries.filter(state=EntryState.PASSED, stage__order__gte=stage.order)
        .select_related("innovation", "agency", "category", "group", "stage")
        .only(*RANKING_FIELDS)
        .order_by("agency__name", "id")
    )


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
    return [
        RankingRow(
            entry=by_id[result.entry_id],
            result=result,
            reviews=[(panelists[p], raw, norm) for p, raw, norm in result.reviews],
            assigned=assigned[result.entry_id],
        )
        for result in results
    ]


def cached_ranking(stage: Stage) -> list[RankingRow]:
    """`ranking(stage)` for the API, kept in the cache under the data version (agencies.datacache): any saved
    review, entry, stage, panel or round change computes it afresh."""
    return _cached(f"ranking:{datacache.version()}:{stage.pk}", lambda: ranking(stage))


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

    return _cached(f"ranking-page:{datacache.version()}:{stage.pk}:{size}:{page}", build)


def _cached(key: str, build: Any) -> Any:
    seconds = settings.RANKING_CACHE_SECONDS
    if not seconds:
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


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


def published_comments(entry: Entry) -> list[str]:
    """Evaluators' comments of an entry for its agency, without names, once the round is published."""
    round_ = entry.round
    if not round_.is_published or not round_.show_comments_to_agencies:
        return []
    reviews = Review.objects.filter(entry=entry, state=ReviewState.SUBMITTED).exclude(comment="").order_by("id")
    return [r.comment for r in reviews]


def scored_stages(round_: Round) -> list[Stage]:
    return [s for s in stages_of(round_) if s.kind in SCORED_STAGES]


__all__ = ["STAGE_ORDER", "Check"]
