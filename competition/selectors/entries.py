"""Reads of entries: which the user sees, the proposal page, the candidates to enter and their eligibility."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from agencies.selectors import active_roles, region_ids_for, work_scope
from competition import eligibility
from competition.models import (
    Award,
    CompetitionGroup,
    DeclaredConflict,
    Entry,
    EntryState,
    EntryTransition,
    Review,
    Round,
    Stage,
    StageKind,
)
from innovations.models import Innovation, State


def seated_reviews(user: Any) -> QuerySet[Review]:
    """The reviews on the user's panel seats, only in regions where they hold an evaluator role in force today:
    ending the role ends access at once, without waiting for the organiser to clear the panel."""
    if not getattr(user, "is_authenticated", False):
        return Review.objects.none()
    reviews = Review.objects.filter(panelist__user=user)
    regions = region_ids_for(user, ["evaluator"])
    return reviews if regions is None else reviews.filter(stage__round__region_id__in=regions)


def entries_visible_to(user: Any) -> QuerySet[Entry]:
    """The organiser sees every entry of its rounds; an agency its own (a head also the units under it); an
    evaluator only the entries assigned to them, never one with a declared conflict."""
    scope = work_scope(user, via="agency__")
    if scope is None:
        return Entry.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Entry.objects.none()
    assigned = seated_reviews(user).filter(entry=OuterRef("pk"))
    conflicted = DeclaredConflict.objects.filter(entry=OuterRef("pk"), panelist__user=user)
    return Entry.objects.filter(scope | (Exists(assigned) & ~Exists(conflicted)))


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


#: What a row of a stage's entries (the ranking, the panel) shows of its entry: the rest (the proposal's texts,
#: the innovation's) stays in the database.
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
        .only(*RANKING_FIELDS, "agency__path")  # the panel's conflicts by organisation chart read the path
        .order_by("agency__name", "id")
    )


def entry_label(entry: Entry) -> str:
    """How an entry reads in the panel's select and in its search: the same text in both."""
    return f"{entry.innovation.title} — {entry.agency.name}"


# --- entering -----------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class CandidateRow:
    innovation: Innovation
    checks: tuple[eligibility.Check, ...]
    ok: bool


def candidates_with_eligibility(
    user: Any, round_: Round, *, group: CompetitionGroup | None = None
) -> list[CandidateRow]:
    """Each innovation the user may enter, with its eligibility in `group`, or else in the group it would most
    likely go to: the replication group for a replication, the first other group for the rest."""
    candidates = candidate_innovations(user, round_)
    groups = list(round_.groups.all())
    default = next((g for g in groups if not g.is_replication), groups[0] if groups else None)
    replication = next((g for g in groups if g.is_replication), default)
    rows = []
    for innovation in candidates:
        chosen = group or (
            replication if innovation.replication_of_id or innovation.replication_source_name else default
        )
        result = eligibility_of(round_=round_, innovation=innovation, group=chosen)
        rows.append(CandidateRow(innovation=innovation, checks=result.checks, ok=result.ok))
    return rows


def innovation_lineage(innovation: Innovation) -> list[int]:
    """The innovation and the records of earlier years it continues (the same innovation, year after year)."""
    ids = [innovation.pk]
    current = innovation
    while current.continued_from_id and current.continued_from_id not in ids and len(ids) < 50:
        ids.append(current.continued_from_id)
        current = Innovation.objects.only("id", "continued_from_id").get(pk=current.continued_from_id)
    return ids


def round_rules(round_: Round) -> eligibility.RoundRules:
    registration = round_.stages.filter(kind=StageKind.REGISTRATION).first()
    return eligibility.RoundRules(
        registration_closes=registration.closes_on if registration else datetime.date(round_.year, 12, 31),
        min_years=round_.min_years_implemented,
        max_entries_per_agency=round_.max_entries_per_agency,
        allowed_agency_types={t.pk: str(t) for t in round_.allowed_agency_types.all()},
    )


def eligibility_of(
    *, round_: Round, innovation: Innovation, group: CompetitionGroup | None, entry: Entry | None = None
) -> eligibility.Eligibility:
    """The round's rules applied to the innovation (and the entry, once there is one), from what is stored."""
    rules = round_rules(round_)
    others = round_.entries.filter(agency=innovation.agency).exclude(state=EntryState.WITHDRAWN)
    if entry is not None and entry.pk:
        others = others.exclude(pk=entry.pk)
    group_facts = None
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
        named = ""
        if group.is_replication:
            named = (
                entry.original_name
                if entry is not None
                else (innovation.replication_source_name or getattr(innovation.replication_of, "title", ""))
            )
        group_facts = eligibility.GroupFacts(
            is_replication=group.is_replication,
            won_in=won.round.name if won else None,
            original_name=named or "",
            min_years=group.min_years,
        )
    agency = innovation.agency
    allowed = rules.allowed_agency_types
    candidate = eligibility.Candidate(
        accepted=innovation.state == State.ACCEPTED,
        agency_type_id=agency.type_id,
        # The kind's name only shows in a refusal: read it (one query where not loaded) only for one.
        agency_type=str(agency.type) if allowed and agency.type_id not in allowed else "",
        years_implemented=eligibility.whole_years(innovation.launch_date, rules.registration_closes),
        other_entries=others.count(),
        group=group_facts,
        awards=tuple(
            eligibility.AwardFact(year=a.year, level=a.level, title=a.title)
            for a in Award.objects.filter(innovation_id__in=innovation_lineage(innovation))
        ),
    )
    return eligibility.check(rules, candidate)


def missing_sections(entry: Entry) -> list[str]:
    """The entry's proposal sections still empty or over their word limit, as messages."""
    return eligibility.missing_sections(entry.section_texts, replication=entry.group.is_replication)
