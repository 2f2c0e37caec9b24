"""Writes of the competition. One function per state change; every transition is recorded.

Entries: draft → submitted → passed | failed (administrative selection); draft | submitted → withdrawn.
A passed entry moves through the scored stages with `entries_advance` (each move recorded with its stages).
Reviews: draft → submitted → reopened (by the organiser) → submitted; a score changed after the first
submission is kept in `ScoreChange` with who, when and the old value.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import datacache
from agencies.models import Region, RoleAssignment, User
from agencies.notifications import notify
from agencies.selectors import active_q, active_roles
from competition import assignment, scoring, selectors
from competition.models import (
    SCORED_STAGES,
    SECTION_LIMITS,
    SECTIONS,
    STAGE_ORDER,
    CompetitionCategory,
    CompetitionGroup,
    Criterion,
    CriterionTemplate,
    DeclaredConflict,
    Entry,
    EntryAttachment,
    EntryState,
    EntryTransition,
    Panelist,
    Review,
    ReviewState,
    ReviewTransition,
    Round,
    RoundEvent,
    Score,
    ScoreChange,
    Stage,
    StageKind,
)
from innovations.models import Innovation
from innovations.selectors import members_of
from innovations.validators import check_evidence_file

#: The criteria template each scored stage starts from.
STAGE_TEMPLATES = {StageKind.PROPOSAL.value: "proposal", StageKind.PRESENTATION.value: "presentation"}

#: The organiser's checklist of the administrative selection (what SINOVIK's secretariat checks).
ADMIN_CHECKLIST = [
    ("complete", "The proposal is complete and its answers are meaningful"),
    ("age", "The innovation has been implemented long enough"),
    ("documents", "The statements and supporting documents are attached"),
    ("video", "The video link works"),
    ("unique", "The same title is not entered twice"),
]


def _organiser_check(user: User, round_: Round) -> None:
    if not user.has_perm("competition.manage_round", round_):
        raise PermissionDenied(_("Only the organiser of this round may do this."))


def _users_of(role: str, region_id: int) -> Any:
    return User.objects.filter(
        role_assignments__role=role, role_assignments__region_id=region_id, role_assignments__active_until__isnull=True
    ).distinct()


# --- rounds and stages --------------------------------------------------------------------------------------


def _check_stage_dates(stage_dates: Mapping[str, tuple[datetime.date, datetime.date]]) -> None:
    errors = {}
    previous: tuple[str, datetime.date] | None = None
    for kind in STAGE_ORDER:
        opens, closes = stage_dates[kind]
        if closes < opens:
            errors[f"{kind}_closes"] = _("A stage cannot close before it opens.")
        if previous and opens < previous[1]:
            errors[f"{kind}_opens"] = _("A stage cannot open before the previous one opened.")
        previous = (kind, opens)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(
    *,
    region: Region,
    by: User,
    name: str,
    year: int,
    organiser: str,
    stage_dates: Mapping[str, tuple[datetime.date, datetime.date]],
    categories: Iterable[CompetitionCategory],
    groups: Iterable[CompetitionGroup],
    allowed_agency_types: Iterable[Any] = (),
    use_templates: bool = True,
    **settings_: Any,
) -> Round:
    """Create a round with its six stages and, from the templates, the criteria of the scored stages.

    Side effects, in order: checks `by` organises the region, inserts the round, its stages and criteria,
    records the `create` round event.
    """
    if not by.has_perm("competition.manage_round", Round(region=region)):
        raise PermissionDenied(_("Only the mayor's office of the region may organise a round."))
    _check_stage_dates(stage_dates)
    round_ = Round(region=region, name=name, year=year, organiser=organiser, created_by=by, **settings_)
    round_.full_clean()
    round_.save()
    round_.categories.set(categories)
    round_.groups.set(groups)
    round_.allowed_agency_types.set(allowed_agency_types)
    for order, kind in enumerate(STAGE_ORDER, start=1):
        opens, closes = stage_dates[kind]
        stage = Stage.objects.create(round=round_, kind=kind, order=order, opens_on=opens, closes_on=closes)
        if use_templates and kind in STAGE_TEMPLATES:
            Criterion.objects.bulk_create(
                Criterion(
                    stage=stage,
                    slug=t.slug,
                    name=t.name,
                    description=t.description,
                    weight=t.weight,
                    sort_order=t.sort_order,
                )
                for t in CriterionTemplate.objects.filter(template=STAGE_TEMPLATES[kind])
            )
    RoundEvent.objects.create(round=round_, action="create", to_value=str(year), by=by)
    return round_


@transaction.atomic
def round_update(
    *,
    round_: Round,
    by: User,
    stage_dates: Mapping[str, tuple[datetime.date, datetime.date]] | None = None,
    categories: Iterable[CompetitionCategory] | None = None,
    groups: Iterable[CompetitionGroup] | None = None,
    allowed_agency_types: Iterable[Any] | None = None,
    **fields: Any,
) -> Round:
    """Change a round's settings and stage dates; records an `update` round event naming the fields."""
    _organiser_check(by, round_)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    changed = [name for name, value in fields.items() if getattr(round_, name) != value]
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.full_clean()
    round_.save()
    if categories is not None:
        round_.categories.set(categories)
    if groups is not None:
        round_.groups.set(groups)
    if allowed_agency_types is not None:
        round_.allowed_agency_types.set(allowed_agency_types)
    if stage_dates is not None:
        _check_stage_dates(stage_dates)
        for stage in round_.stages.all():
            opens, closes = stage_dates[stage.kind]
            if (stage.opens_on, stage.closes_on) != (opens, closes):
                changed.append(stage.kind)
                stage.opens_on, stage.closes_on = opens, closes
                stage.save(update_fields=["opens_on", "closes_on"])
    RoundEvent.objects.create(round=round_, action="update", by=by, note=", ".join(changed))
    return round_


@transaction.atomic
def stage_set_override(*, stage: Stage, by: User, override: str, note: str = "") -> Stage:
    """Open or close a stage by hand ("open", "closed"), or give it back to its dates ("").

    Side effects: updates the stage, records a `stage_<override>` round event with the old and new setting.
    """
    _organiser_check(by, stage.round)
    if override not in Stage.Override.values:
        raise ValidationError(_("Unknown setting."))
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    old = stage.override
    if old == override:
        return stage
    stage.override = override
    stage.save(update_fields=["override"])
    RoundEvent.objects.create(
        round_id=stage.round_id,
        stage=stage,
        action="stage_override",
        from_value=old or "by_date",
        to_value=override or "by_date",
        by=by,
        note=note,
    )
    return stage


@dataclass(frozen=True)
class CriterionData:
    name: str
    weight: int
    description: str = ""
    scale_max: int = 100
    slug: str = ""


@transaction.atomic
def criteria_replace(*, stage: Stage, by: User, criteria: list[CriterionData]) -> list[Criterion]:
    """Set a scored stage's criteria; the weights must sum to 100. Refused once any score exists."""
    _organiser_check(by, stage.round)
    if not stage.is_scored:
        raise ValidationError(_("Only the proposal and presentation stages are scored."))
    if Score.objects.filter(review__stage=stage).exists():
        raise ValidationError(_("Evaluators have started scoring this stage: its criteria can no longer change."))
    if not criteria:
        raise ValidationError(_("Give at least one criterion."))
    total = sum(c.weight for c in criteria)
    if total != 100:
        raise ValidationError(_("The weights add up to %(total)d; they must add up to 100.") % {"total": total})
    from django.utils.text import slugify

    stage.criteria.all().delete()
    created = []
    used: set[str] = set()
    for order, data in enumerate(criteria, start=1):
        slug = data.slug or slugify(data.name)[:50] or f"criterion-{order}"
        while slug in used:
            slug = f"{slug}-{order}"
        used.add(slug)
        created.append(
            Criterion.objects.create(
                stage=stage,
                slug=slug,
                name=data.name,
                description=data.description,
                weight=data.weight,
                scale_max=data.scale_max,
                sort_order=order,
            )
        )
    RoundEvent.objects.create(
        round_id=stage.round_id, stage=stage, action="criteria", to_value=str(len(created)), by=by
    )
    return created


# --- panel and conflicts ------------------------------------------------------------------------------------


@transaction.atomic
def panelist_add(*, round_: Round, user: User, by: User, affiliation: str = "") -> Panelist:
    """Put an evaluator of the region on the round's panel."""
    _organiser_check(by, round_)
    is_evaluator = RoleAssignment.objects.filter(user=user, role="evaluator", region_id=round_.region_id).filter(
        active_q()
    )
    if not is_evaluator.exists():
        raise ValidationError(_("%(name)s is not an evaluator of this region.") % {"name": user.display_name})
    panelist, created = Panelist.objects.get_or_create(
        round=round_, user=user, defaults={"affiliation": affiliation, "added_by": by}
    )
    if created:
        RoundEvent.objects.create(round=round_, action="panel_add", to_value=user.username, by=by, note=affiliation)
    return panelist


@transaction.atomic
def conflict_declare(*, panelist: Panelist, entry: Entry, reason: str, by: User) -> DeclaredConflict:
    """Record a declared conflict; the evaluator's unsubmitted reviews of the entry are withdrawn.

    Side effects, in order: refuses if the evaluator already submitted a review of the entry, inserts the
    conflict, deletes their unsubmitted reviews of it, records a `conflict` round event.
    """
    round_ = panelist.round
    if by.pk != panelist.user_id:
        _organiser_check(by, round_)
    if entry.round_id != round_.pk:
        raise ValidationError(_("The entry is not in this round."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why there is a conflict of interest.")})
    reviews = Review.objects.filter(entry=entry, panelist=panelist)
    if reviews.filter(state=ReviewState.SUBMITTED).exists():
        raise ValidationError(
            _("This evaluator has already submitted a review of this entry: reopen and remove it first.")
        )
    conflict, _created = DeclaredConflict.objects.update_or_create(
        panelist=panelist, entry=entry, defaults={"reason": reason.strip(), "declared_by": by}
    )
    reviews.delete()
    RoundEvent.objects.create(
        round=round_, action="conflict", to_value=str(entry.pk), by=by, note=f"{panelist.user}: {reason.strip()}"
    )
    return conflict


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


@transaction.atomic
def assignment_run(*, stage: Stage, by: User) -> assignment.Plan:
    """Assign evaluators to every entry of a scored stage, k each, balanced, never a conflicted one.

    Side effects, in order: locks the round row (two runs at once wait for each other), creates the missing
    reviews (existing ones are kept, so a rerun adds nothing), records an `assign` round event, notifies each
    evaluator who received new entries.
    """
    round_ = Round.objects.select_for_update().get(pk=stage.round_id)
    _organiser_check(by, round_)
    if not stage.is_scored:
        raise ValidationError(_("Only the proposal and presentation stages are scored."))
    entries = list(selectors.entries_in_stage(stage))
    panel = list(round_.panel.select_related("user"))
    if not panel:
        raise ValidationError(_("Add evaluators to the panel first."))
    conflicts = conflicts_of(round_, entries, panel)
    existing = list(Review.objects.filter(stage=stage).values_list("entry_id", "panelist_id"))
    plan = assignment.plan_assignment(
        entry_ids=[e.pk for e in entries],
        evaluator_ids=[p.pk for p in panel],
        k=round_.evaluators_per_entry,
        conflicts=conflicts,
        existing=existing,
    )
    Review.objects.bulk_create(
        Review(entry_id=e, stage=stage, panelist_id=p, source=Review.Source.AUTO, assigned_by=by) for e, p in plan.added
    )
    datacache.bump()  # bulk_create sends no signal; the dashboard shows each evaluator's load
    RoundEvent.objects.create(
        round=round_, stage=stage, action="assign", to_value=str(len(plan.added)), by=by, note=f"short={plan.short}"
    )
    _notify_assigned(stage, {p for _e, p in plan.added})
    return plan


def _notify_assigned(stage: Stage, panelist_ids: set[int]) -> None:
    if not panelist_ids:
        return
    users = User.objects.filter(panel_seats__pk__in=panelist_ids)
    notify(
        users=users,
        kind="competition.assigned",
        key=f"competition.assigned.{stage.pk}.{timezone.now():%Y%m%d%H%M%S}",
        title=_("New entries to score: %(stage)s") % {"stage": stage.get_kind_display()},
        body=_("%(round)s: entries are waiting for your scores.") % {"round": stage.round.name},
        url=reverse("competition:my-reviews"),
    )


@transaction.atomic
def assignment_add(*, entry: Entry, stage: Stage, panelist: Panelist, by: User) -> Review:
    """Assign one evaluator by hand; refused for a conflicted evaluator or an entry not in the stage."""
    _organiser_check(by, stage.round)
    if entry.round_id != stage.round_id or panelist.round_id != stage.round_id:
        raise ValidationError(_("The entry, the stage and the evaluator must be of the same round."))
    if entry.state != EntryState.PASSED or entry.stage.order < stage.order:
        raise ValidationError(_("This entry has not reached this stage."))
    if (entry.pk, panelist.pk) in conflicts_of(stage.round, [entry], [panelist]):
        raise ValidationError(_("%(name)s has a conflict of interest with this entry.") % {"name": panelist.user})
    review, created = Review.objects.get_or_create(
        entry=entry, stage=stage, panelist=panelist, defaults={"source": Review.Source.MANUAL, "assigned_by": by}
    )
    if created:
        RoundEvent.objects.create(
            round_id=stage.round_id,
            stage=stage,
            action="assign_add",
            to_value=str(entry.pk),
            by=by,
            note=str(panelist.user),
        )
        _notify_assigned(stage, {panelist.pk})
    return review


@transaction.atomic
def assignment_remove(*, review: Review, by: User) -> None:
    """Take an evaluator off an entry by hand; refused once they have submitted (reopen it first)."""
    review = Review.objects.select_for_update().select_related("stage__round", "panelist__user").get(pk=review.pk)
    _organiser_check(by, review.stage.round)
    if review.state == ReviewState.SUBMITTED:
        raise ValidationError(_("This review has been submitted: it is part of the results."))
    RoundEvent.objects.create(
        round_id=review.stage.round_id,
        stage=review.stage,
        action="assign_remove",
        from_value=str(review.entry_id),
        by=by,
        note=str(review.panelist.user),
    )
    review.delete()


# --- entries ------------------------------------------------------------------------------------------------


def _record(
    entry: Entry, *, action: str, from_state: str, by: User | None, from_stage: Stage | None = None, note: str = ""
) -> None:
    EntryTransition.objects.create(
        entry=entry,
        action=action,
        from_state=from_state,
        to_state=entry.state,
        from_stage=from_stage or entry.stage,
        to_stage=entry.stage,
        by=by,
        note=note,
    )


def _prefill(innovation: Innovation) -> dict[str, str]:
    """The proposal's sections from the innovation's own fields (the agency edits them within the limits)."""
    original = innovation.replication_source_name or getattr(innovation.replication_of, "title", "") or ""
    background = "\n\n".join(t for t in (innovation.problem, innovation.aims) if t)
    significance = "\n\n".join(t for t in (innovation.benefits, innovation.results) if t)
    return {
        "summary": innovation.summary,
        "background": background,
        "novelty": innovation.novelty,
        "implementation": innovation.design,
        "significance": significance,
        "adaptability": innovation.replicability,
        "resources": innovation.resources,
        "sustainability": innovation.sustainability,
        "inspiration": original,
        "original_name": original,
        "video_url": innovation.video_url,
    }


def _failures(checks: list[selectors.Check]) -> list[str]:
    return [f"{c.label}: {c.detail}" if c.detail else str(c.label) for c in checks if not c.ok]


@transaction.atomic
def entry_create(
    *, round_: Round, innovation: Innovation, category: CompetitionCategory, group: CompetitionGroup, by: User
) -> Entry:
    """Enter an accepted innovation of the user's agency as a draft, its proposal prefilled from it.

    Side effects, in order: checks the user works for the innovation's agency, that registration is open and
    that the innovation is eligible; inserts the entry; records the `create` transition.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not any(r.role in ("staff", "head") and r.agency_id == innovation.agency_id for r in active_roles(by)):
        raise PermissionDenied(_("You do not work for this agency."))
    registration = round_.stages.get(kind=StageKind.REGISTRATION)
    if not registration.is_open:
        raise ValidationError(_("Registration for this round is closed."))
    if not round_.categories.filter(pk=category.pk).exists():
        raise ValidationError({"category": _("This category is not part of the round.")})
    if not round_.groups.filter(pk=group.pk).exists():
        raise ValidationError({"group": _("This group is not part of the round.")})
    if round_.entries.filter(innovation=innovation).exclude(state=EntryState.WITHDRAWN).exists():
        raise ValidationError({"innovation": _("This innovation is already entered in this round.")})
    problems = _failures(selectors.eligibility(round_=round_, innovation=innovation, group=group))
    if problems:
        raise ValidationError({"innovation": problems})
    # A prefilled section over its limit is kept whole: the agency shortens it (the counter shows how much).
    fields = _prefill(innovation)
    entry = Entry.objects.create(
        round=round_,
        innovation=innovation,
        agency=innovation.agency,
        category=category,
        group=group,
        stage=registration,
        created_by=by,
        **fields,
    )
    _record(entry, action="create", from_state="", by=by)
    return entry


EDITABLE_FIELDS = (*SECTION_LIMITS, "original_name", "video_url", "category", "group")


@transaction.atomic
def entry_update(*, entry: Entry, by: User, **fields: Any) -> Entry:
    """Change a draft entry's proposal, video link, category or group."""
    entry = Entry.objects.select_for_update().select_related("round", "agency", "group").get(pk=entry.pk)
    if not by.has_perm("competition.change_entry", entry):
        if entry.state != EntryState.DRAFT:
            raise ValidationError(_("This entry has been submitted and can no longer be changed."))
        raise PermissionDenied(_("You do not work for this agency."))
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"entry_update cannot change {name}")
        setattr(entry, name, value)
    errors = {}
    for name, limit in SECTION_LIMITS.items():
        count = len((getattr(entry, name) or "").split())
        if count > limit:
            errors[name] = _("%(count)d words; at most %(max)d.") % {"count": count, "max": limit}
    if errors:
        raise ValidationError(errors)
    entry.full_clean(exclude=["round", "innovation", "agency", "stage", "created_by"])
    entry.save()
    return entry


@transaction.atomic
def attachment_add(*, entry: Entry, by: User, name: str, data: bytes, caption: str = "") -> EntryAttachment:
    if not by.has_perm("competition.change_entry", entry):
        raise PermissionDenied(_("This entry can no longer be changed."))
    kind = check_evidence_file(name=name, data=data, max_bytes=settings.EVIDENCE_MAX_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    attachment = EntryAttachment(
        entry=entry,
        caption=caption,
        original_name=name[:255],
        content_type=kind.content_type,
        extension=kind.extension,
        size=len(data),
        sha256=digest,
        uploaded_by=by,
    )
    attachment.file.save(f"{digest}.{kind.extension}", ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def entry_submit(*, entry: Entry, by: User, note: str = "") -> Entry:
    """Submit a draft entry to the organiser.

    Side effects, in order: checks the user, that registration is open, every eligibility rule and every
    section; sets the state; records the `submit` transition; notifies the organiser's reviewers.
    """
    entry = (
        Entry.objects.select_for_update()
        .select_related("round", "agency", "group", "innovation", "stage")
        .get(pk=entry.pk)
    )
    if not by.has_perm("competition.submit_entry", entry):
        if entry.state != EntryState.DRAFT:
            raise ValidationError(_("Only a draft entry can be submitted."))
        raise PermissionDenied(_("You do not work for this agency."))
    if not entry.round.stages.get(kind=StageKind.REGISTRATION).is_open:
        raise ValidationError(_("Registration for this round is closed."))
    problems = _failures(
        selectors.eligibility(round_=entry.round, innovation=entry.innovation, group=entry.group, entry=entry)
    )
    problems += selectors.missing_sections(entry)
    if problems:
        raise ValidationError(problems)
    old = entry.state
    entry.state = EntryState.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.save(update_fields=["state", "submitted_at"])
    _record(entry, action="submit", from_state=old, by=by, note=note)
    url = reverse("competition:entry", args=[entry.pk])
    transaction.on_commit(
        lambda: notify(
            users=_users_of("reviewer", entry.round.region_id),
            kind="competition.entry_submitted",
            key=f"competition.entry.{entry.pk}.submitted.{entry.submitted_at:%Y%m%d%H%M%S}",
            title=_("New entry for %(round)s: %(title)s") % {"round": entry.round.name, "title": entry.title},
            url=url,
        )
    )
    return entry


@transaction.atomic
def entry_withdraw(*, entry: Entry, by: User, note: str = "") -> Entry:
    entry = Entry.objects.select_for_update().select_related("round", "agency").get(pk=entry.pk)
    if not by.has_perm("competition.withdraw_entry", entry):
        raise PermissionDenied(_("This entry cannot be withdrawn now."))
    old = entry.state
    entry.state = EntryState.WITHDRAWN
    entry.save(update_fields=["state"])
    _record(entry, action="withdraw", from_state=old, by=by, note=note)
    return entry


def _clean_checklist(checklist: Mapping[str, bool]) -> dict[str, bool]:
    return {slug: bool(checklist.get(slug)) for slug, _label in ADMIN_CHECKLIST}


def _notify_agency(entry: Entry, *, kind: str, title: str, body: str = "") -> None:
    notify(
        users=members_of(entry.agency_id),
        kind=kind,
        key=f"{kind}.{entry.pk}.{timezone.now():%Y%m%d%H%M%S%f}",
        title=title,
        body=body,
        url=reverse("competition:entry", args=[entry.pk]),
    )


@transaction.atomic
def entry_pass(*, entry: Entry, by: User, checklist: Mapping[str, bool], note: str = "") -> Entry:
    """Administrative selection: the entry passes and moves on to proposal evaluation.

    Side effects, in order: checks the organiser and that every checklist item is ticked; saves the checklist;
    moves the entry to the proposal stage; records the `pass` transition; notifies the agency.
    """
    entry = Entry.objects.select_for_update().select_related("round", "agency", "stage").get(pk=entry.pk)
    if not by.has_perm("competition.select_entry", entry):
        if entry.state != EntryState.SUBMITTED:
            raise ValidationError(_("Only a submitted entry can be selected."))
        raise PermissionDenied(_("Only the organiser of this round may do this."))
    cleaned = _clean_checklist(checklist)
    if not all(cleaned.values()):
        raise ValidationError({"checklist": _("Tick every item of the checklist to pass an entry.")})
    old_state, old_stage = entry.state, entry.stage
    entry.state = EntryState.PASSED
    entry.admin_checklist = cleaned
    entry.admin_reason = note
    entry.stage = entry.round.stages.get(kind=StageKind.PROPOSAL)
    entry.save(update_fields=["state", "admin_checklist", "admin_reason", "stage"])
    _record(entry, action="pass", from_state=old_state, from_stage=old_stage, by=by, note=note)
    transaction.on_commit(
        lambda: _notify_agency(
            entry,
            kind="competition.passed",
            title=_("Your entry passed administrative selection: %(title)s") % {"title": entry.title},
        )
    )
    return entry


@transaction.atomic
def entry_fail(*, entry: Entry, by: User, checklist: Mapping[str, bool], note: str) -> Entry:
    """Administrative selection: the entry fails, with a reason the agency sees."""
    entry = Entry.objects.select_for_update().select_related("round", "agency", "stage").get(pk=entry.pk)
    if not by.has_perm("competition.select_entry", entry):
        if entry.state != EntryState.SUBMITTED:
            raise ValidationError(_("Only a submitted entry can be selected."))
        raise PermissionDenied(_("Only the organiser of this round may do this."))
    if not note.strip():
        raise ValidationError({"note": _("Give the agency the reason it failed.")})
    old = entry.state
    entry.state = EntryState.FAILED
    entry.admin_checklist = _clean_checklist(checklist)
    entry.admin_reason = note.strip()
    entry.save(update_fields=["state", "admin_checklist", "admin_reason"])
    _record(entry, action="fail", from_state=old, by=by, note=note.strip())
    transaction.on_commit(
        lambda: _notify_agency(
            entry,
            kind="competition.failed",
            title=_("Your entry failed administrative selection: %(title)s") % {"title": entry.title},
            body=note.strip(),
        )
    )
    return entry


@transaction.atomic
def entries_advance(*, round_: Round, by: User, entry_ids: Iterable[int], note: str = "") -> list[Entry]:
    """Move chosen entries from the stage they are in to the next one (e.g. the top 10 of the proposals to the
    presentation), each move recorded with both stages. Entries not in a scored stage are refused."""
    _organiser_check(by, round_)
    ids = list(entry_ids)
    if not ids:
        raise ValidationError(_("Choose at least one entry to move on."))
    stages = selectors.stages_of(round_)
    moved = []
    for entry in Entry.objects.select_for_update().select_related("stage").filter(round=round_, pk__in=ids):
        if entry.state != EntryState.PASSED:
            raise ValidationError(_("%(title)s has not passed selection.") % {"title": entry})
        nxt = selectors.stage_after(stages, entry.stage)
        if nxt is None:
            raise ValidationError(_("%(title)s is already at the last stage.") % {"title": entry})
        old_stage = entry.stage
        entry.stage = nxt
        entry.save(update_fields=["stage"])
        _record(entry, action="advance", from_state=entry.state, from_stage=old_stage, by=by, note=note)
        moved.append(entry)
    if len(moved) != len(set(ids)):
        raise ValidationError(_("Some entries are not in this round."))
    return moved


def top_entry_ids(stage: Stage, n: int) -> list[int]:
    """Entries ranked n or better at `stage` that are still in it (ties at the cut all go through)."""
    return [
        row.entry.pk
        for row in selectors.ranking(stage)
        if row.result.rank is not None and row.result.rank <= n and row.entry.stage_id == stage.pk
    ]


# --- reviews ------------------------------------------------------------------------------------------------


def _review_for_evaluator(review: Review, by: User) -> Review:
    review = (
        Review.objects.select_for_update()
        .select_related("stage", "stage__round", "panelist", "entry")
        .get(pk=review.pk)
    )
    if review.panelist.user_id != by.pk:
        raise PermissionDenied(_("This review is not assigned to you."))
    if DeclaredConflict.objects.filter(entry_id=review.entry_id, panelist=review.panelist).exists():
        raise PermissionDenied(_("You declared a conflict of interest with this entry."))
    return review


@transaction.atomic
def review_save(*, review: Review, by: User, scores: Mapping[int, tuple[Decimal, str]], comment: str = "") -> Review:
    """Save an evaluator's scores (criterion id → (score, comment)) without submitting.

    Refused once submitted (until the organiser reopens it) and outside the stage's dates. After a reopening,
    each changed score keeps its old value in `ScoreChange`.
    """
    review = _review_for_evaluator(review, by)
    if review.state == ReviewState.SUBMITTED:
        raise ValidationError(_("You have submitted this review; ask the organiser to reopen it to change it."))
    if not review.stage.is_open:
        raise ValidationError(_("This stage is closed: scores can no longer be changed."))
    criteria = {c.pk: c for c in review.stage.criteria.all()}
    errors = {}
    for criterion_id, (value, _comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Unknown criterion."))
        if value is not None and not Decimal(0) <= value <= criterion.scale_max:
            errors[f"score_{criterion_id}"] = _("Give a score from 0 to %(max)d.") % {"max": criterion.scale_max}
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion_id: s for s in review.scores.all()}
    was_submitted = review.transitions.filter(action="submit").exists()
    for criterion_id, (value, text) in scores.items():
        score = existing.get(criterion_id)
        if value is None:
            continue
        if score is None:
            Score.objects.create(review=review, criterion_id=criterion_id, value=value, comment=text)
            continue
        if score.value != value or score.comment != text:
            if was_submitted:
                ScoreChange.objects.create(
                    score=score, old_value=score.value, new_value=value, old_comment=score.comment, by=by
                )
            score.value, score.comment = value, text
            score.save(update_fields=["value", "comment"])
    review.comment = comment
    review.save(update_fields=["comment"])
    return review


@transaction.atomic
def review_submit(*, review: Review, by: User) -> Review:
    """Submit a review: every criterion scored; its weighted total is computed and kept.

    Side effects, in order: checks the evaluator, the stage's dates and that every criterion has a score;
    sets the total and the state; records the `submit` transition.
    """
    review = _review_for_evaluator(review, by)
    if review.state == ReviewState.SUBMITTED:
        raise ValidationError(_("This review has already been submitted."))
    if not review.stage.is_open:
        raise ValidationError(_("This stage is closed: scores can no longer be submitted."))
    criteria = list(review.stage.criteria.all())
    scores = {s.criterion_id: s.value for s in review.scores.all()}
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(_("Score every criterion first: %(names)s.") % {"names": ", ".join(missing)})
    # Each criterion on its own scale counts as a share of it; the total is on the stage's scale (0 to 100).
    scale = max(c.scale_max for c in criteria)
    scaled = {c.pk: scores[c.pk] * scale / c.scale_max for c in criteria}
    old = review.state
    review.total = scoring.weighted_total(scaled, {c.pk: c.weight for c in criteria})
    review.state = ReviewState.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["total", "state", "submitted_at"])
    ReviewTransition.objects.create(review=review, action="submit", from_state=old, to_state=review.state, by=by)
    return review


@transaction.atomic
def review_reopen(*, review: Review, by: User, note: str) -> Review:
    """The organiser reopens a submitted review so that its evaluator may change it; the reason is kept."""
    review = (
        Review.objects.select_for_update().select_related("stage__round", "panelist__user", "entry").get(pk=review.pk)
    )
    _organiser_check(by, review.stage.round)
    if review.state != ReviewState.SUBMITTED:
        raise ValidationError(_("Only a submitted review can be reopened."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the review is reopened.")})
    old = review.state
    review.state = ReviewState.REOPENED
    review.save(update_fields=["state"])
    ReviewTransition.objects.create(
        review=review, action="reopen", from_state=old, to_state=review.state, by=by, note=note.strip()
    )
    transaction.on_commit(
        lambda: notify(
            users=[review.panelist.user],
            kind="competition.reopened",
            key=f"competition.reopened.{review.pk}.{timezone.now():%Y%m%d%H%M%S%f}",
            title=_("A review was reopened for you: %(title)s") % {"title": review.entry},
            body=note.strip(),
            url=reverse("competition:review", args=[review.entry_id, review.stage_id]),
        )
    )
    return review


# --- results ------------------------------------------------------------------------------------------------


@transaction.atomic
def round_publish(*, round_: Round, by: User) -> Round:
    """Publish the results: agencies see their rank (and comments if the round allows).

    Side effects, in order: takes the final ranking (the last scored stage with submitted reviews), stores each
    entry's rank there and marks the best of each category and group as winners; sets `published_at`; records
    a `publish` round event; notifies every entrant agency.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _organiser_check(by, round_)
    if round_.is_published:
        raise ValidationError(_("The results are already published."))
    stage = selectors.final_stage(round_)
    rows = selectors.ranking(stage) if stage else []
    if not any(row.result.rank for row in rows):
        raise ValidationError(_("No entry has been scored yet: there is nothing to publish."))
    Entry.objects.filter(round=round_).update(final_rank=None, is_winner=False)
    best: dict[tuple[int, int], Decimal] = {}
    for row in rows:
        if row.result.rank is None:
            continue
        key = (row.entry.category_id, row.entry.group_id)
        score = row.result.normalised if round_.normalise else row.result.mean
        assert score is not None
        if key not in best or score > best[key]:
            best[key] = score
    for row in rows:
        if row.result.rank is None:
            continue
        score = row.result.normalised if round_.normalise else row.result.mean
        key = (row.entry.category_id, row.entry.group_id)
        Entry.objects.filter(pk=row.entry.pk).update(final_rank=row.result.rank, is_winner=score == best[key])
    round_.published_at = timezone.now()
    round_.published_by = by
    round_.save(update_fields=["published_at", "published_by"])
    RoundEvent.objects.create(round=round_, stage=stage, action="publish", by=by)
    agency_ids = set(round_.entries.exclude(state=EntryState.WITHDRAWN).values_list("agency_id", flat=True))
    url = reverse("competition:round", args=[round_.pk])
    transaction.on_commit(
        lambda: notify(
            users=User.objects.filter(
                role_assignments__agency_id__in=agency_ids,
                role_assignments__role__in=["staff", "head"],
                role_assignments__active_until__isnull=True,
            ).distinct(),
            kind="competition.published",
            key=f"competition.published.{round_.pk}",
            title=_("Results of %(round)s are published") % {"round": round_.name},
            url=url,
        )
    )
    return round_


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each evaluator with unsubmitted reviews, `reminder_days` or fewer before an open scored stage
    closes. Once per evaluator and stage: `notify` keys on both, so a second run (or a second day) sends none.
    """
    today = today or timezone.localdate()
    sent = 0
    stages = Stage.objects.filter(kind__in=SCORED_STAGES, closes_on__gte=today).select_related("round")
    for stage in stages:
        if not stage.is_open_on(today) or (stage.closes_on - today).days > stage.round.reminder_days:
            continue
        pending = (
            Review.objects.filter(stage=stage)
            .exclude(state=ReviewState.SUBMITTED)
            .values("panelist__user_id")
            .annotate(n=Max("id"))
        )
        for user_id in {row["panelist__user_id"] for row in pending}:
            user = User.objects.get(pk=user_id)
            count = Review.objects.filter(stage=stage, panelist__user=user).exclude(state=ReviewState.SUBMITTED).count()
            sent += len(
                notify(
                    users=[user],
                    kind="competition.reminder",
                    key=f"competition.reminder.{stage.pk}",
                    title=_("%(count)d entries wait for your scores: %(stage)s closes on %(date)s")
                    % {"count": count, "stage": stage.get_kind_display(), "date": stage.closes_on.strftime("%d-%m-%Y")},
                    body=stage.round.name,
                    url=reverse("competition:my-reviews"),
                )
            )
    return sent


__all__ = ["SECTIONS"]
