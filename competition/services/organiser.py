"""The organiser's writes: rounds and their stages and criteria, administrative selection, moving entries on,
publishing the results and the evaluators' reminders. The panel and the assignment of evaluators, the
organiser's too, are in `organiser_panel` (one module would pass 500 lines).

The organiser is the mayor's office of the round's region (`competition.manage_round`); every change to a round
is kept as a `RoundEvent`, every move of an entry through `competition.workflow.ENTRY_WORKFLOW`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Region, User
from competition.models import (
    SCORED_STAGES,
    STAGE_ORDER,
    CompetitionCategory,
    CompetitionGroup,
    Criterion,
    CriterionTemplate,
    Entry,
    EntryState,
    Review,
    ReviewState,
    Round,
    RoundEvent,
    Score,
    Stage,
    StageKind,
)
from competition.selectors import ranking, rounds
from competition.services.shared import organiser_check
from competition.workflow import ADMIN_CHECKLIST, ENTRY_WORKFLOW, move_to_stage
from core.notifications import notify
from core.workflow import Done, Move
from innovations.selectors import members_of

#: The criteria template each scored stage starts from.
STAGE_TEMPLATES = {StageKind.PROPOSAL.value: "proposal", StageKind.PRESENTATION.value: "presentation"}

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
    stage_grades: Mapping[str, Decimal | None] | None = None,
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
    # The year's published grades (data), unless the organiser set the scored stages' own.
    grades = {**rounds.passing_grades_for(year), **(stage_grades or {})}
    for order, kind in enumerate(STAGE_ORDER, start=1):
        opens, closes = stage_dates[kind]
        stage = Stage.objects.create(
            round=round_, kind=kind, order=order, opens_on=opens, closes_on=closes, passing_grade=grades.get(kind)
        )
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
    stage_grades: Mapping[str, Decimal | None] | None = None,
    **fields: Any,
) -> Round:
    """Change a round's settings, stage dates and the scored stages' passing grades; records an `update` round
    event naming what changed (a stage's kind for its dates, `<kind>_passing_grade` for its grade)."""
    organiser_check(by, round_)
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
    grades = stage_grades or {}
    for stage in round_.stages.filter(kind__in=list(grades)):
        grade = grades[stage.kind]
        if stage.passing_grade != grade:
            changed.append(f"{stage.kind}_passing_grade")
            stage.passing_grade = grade
            stage.full_clean()
            stage.save(update_fields=["passing_grade"])
    RoundEvent.objects.create(round=round_, action="update", by=by, note=", ".join(changed))
    return round_


@transaction.atomic
def stage_set_override(*, stage: Stage, by: User, override: str, note: str = "") -> Stage:
    """Open or close a stage by hand ("open", "closed"), or give it back to its dates ("").

    Side effects: updates the stage, records a `stage_<override>` round event with the old and new setting.
    """
    organiser_check(by, stage.round)
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
    organiser_check(by, stage.round)
    if not stage.is_scored:
        raise ValidationError(_("Only the proposal and presentation stages are scored."))
    if Score.objects.filter(review__stage=stage).exists():
        raise ValidationError(_("Evaluators have started scoring this stage: its criteria can no longer change."))
    if not criteria:
        raise ValidationError(_("Give at least one criterion."))
    total = sum(c.weight for c in criteria)
    if total != 100:
        raise ValidationError(_("The weights add up to %(total)d; they must add up to 100.") % {"total": total})

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


# --- administrative selection and moving on ----------------------------------------------------------------


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


def entry_pass(*, entry: Entry, by: User, checklist: Mapping[str, bool], note: str = "") -> Entry:
    """Administrative selection: the entry passes and moves on to proposal evaluation.

    Side effects, in order (`ENTRY_WORKFLOW`): locks the entry; refuses one not submitted or a person who is not
    the organiser; checks every checklist item is ticked; saves the checklist and moves the entry to the proposal
    stage; records the `pass` transition (with both stages); notifies the agency on commit.
    """
    cleaned = _clean_checklist(checklist)

    def ticked(entry: Entry) -> None:
        if not all(cleaned.values()):
            raise ValidationError({"checklist": _("Tick every item of the checklist to pass an entry.")})

    def decide(entry: Entry, move: Move) -> list[str]:
        entry.admin_checklist, entry.admin_reason = cleaned, note
        proposal = entry.round.stages.get(kind=StageKind.PROPOSAL)
        return ["admin_checklist", "admin_reason", *move_to_stage(entry, proposal)]

    def tell(done: Done[Entry]) -> None:
        title = _("Your entry passed administrative selection: %(title)s") % {"title": done.obj.title}
        transaction.on_commit(lambda: _notify_agency(done.obj, kind="competition.passed", title=title))

    return ENTRY_WORKFLOW.move(entry, "pass", by=by, note=note, guard=ticked, apply=decide, after=tell).obj


def entry_fail(*, entry: Entry, by: User, checklist: Mapping[str, bool], note: str) -> Entry:
    """Administrative selection: the entry fails, with a reason the agency sees.

    Side effects, in order (`ENTRY_WORKFLOW`): locks the entry; refuses one not submitted, a person who is not
    the organiser, or no reason; saves the checklist and the reason; records the `fail` transition; notifies
    the agency on commit.
    """
    reason = note.strip()

    def decide(entry: Entry, move: Move) -> list[str]:
        entry.admin_checklist, entry.admin_reason = _clean_checklist(checklist), reason
        return ["admin_checklist", "admin_reason"]

    def tell(done: Done[Entry]) -> None:
        title = _("Your entry failed administrative selection: %(title)s") % {"title": done.obj.title}
        transaction.on_commit(lambda: _notify_agency(done.obj, kind="competition.failed", title=title, body=reason))

    return ENTRY_WORKFLOW.move(entry, "fail", by=by, note=reason, apply=decide, after=tell).obj


@transaction.atomic
def entries_advance(*, round_: Round, by: User, entry_ids: Iterable[int], note: str = "") -> list[Entry]:
    """Move chosen entries from the stage they are in to the next one (e.g. the top 10 of the proposals to the
    presentation), each an `advance` of `ENTRY_WORKFLOW` recorded with both stages. Entries not in a scored
    stage are refused."""
    organiser_check(by, round_)
    ids = list(entry_ids)
    if not ids:
        raise ValidationError(_("Choose at least one entry to move on."))
    stages = rounds.stages_of(round_)

    def has_next(entry: Entry) -> None:
        if rounds.stage_after(stages, entry.stage) is None:
            raise ValidationError(_("%(title)s is already at the last stage.") % {"title": entry})

    def to_next(entry: Entry, move: Move) -> list[str]:
        nxt = rounds.stage_after(stages, entry.stage)
        assert nxt is not None  # has_next refused the last stage
        return move_to_stage(entry, nxt)

    moved = []
    below: dict[int, dict[int, ranking.RankingRow]] = {}
    for entry in Entry.objects.select_for_update().filter(round=round_, pk__in=ids).select_related("stage"):
        # Refused here rather than by the map, so that the refusal names the entry.
        if entry.state != EntryState.PASSED:
            raise ValidationError(_("%(title)s has not passed selection.") % {"title": entry})
        stage = entry.stage
        if stage is not None and stage.passing_grade is not None:
            if stage.pk not in below:
                below[stage.pk] = {r.entry.pk: r for r in ranking.ranking(stage) if r.below_grade}
            row = below[stage.pk].get(entry.pk)
            if row is not None:
                raise ValidationError(
                    _("%(title)s scored %(score)s, below the passing grade %(grade)s of %(stage)s: it does not go on.")
                    % {
                        "title": entry,
                        "score": row.final if row.final is not None else "—",
                        "grade": stage.passing_grade,
                        "stage": stage.get_kind_display(),
                    }
                )
        moved.append(ENTRY_WORKFLOW.move(entry, "advance", by=by, note=note, guard=has_next, apply=to_next).obj)
    if len(moved) != len(set(ids)):
        raise ValidationError(_("Some entries are not in this round."))
    return moved


# --- results ------------------------------------------------------------------------------------------------


@transaction.atomic
def round_publish(*, round_: Round, by: User) -> Round:
    """Publish the results: agencies see their rank (and comments if the round allows).

    Side effects, in order: takes the final ranking (the last scored stage with submitted reviews), stores each
    entry's rank there and marks the best of each category and group as winners; sets `published_at`; records
    a `publish` round event; notifies every entrant agency.
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    organiser_check(by, round_)
    if round_.is_published:
        raise ValidationError(_("The results are already published."))
    stage = ranking.final_stage(round_)
    rows = ranking.ranking(stage) if stage else []
    if not any(row.result.rank for row in rows):
        raise ValidationError(_("No entry has been scored yet: there is nothing to publish."))
    Entry.objects.filter(round=round_).update(final_rank=None, is_winner=False)
    ranked = [(row, row.result.normalised if round_.normalise else row.result.mean) for row in rows if row.result.rank]
    best: dict[tuple[int, int], Decimal] = {}
    for row, score in ranked:
        assert score is not None
        key = (row.entry.category_id, row.entry.group_id)
        best[key] = max(score, best.get(key, score))
    for row, score in ranked:
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
        pending = Review.objects.filter(stage=stage).exclude(state=ReviewState.SUBMITTED)
        for user_id, count in pending.values_list("panelist__user_id").annotate(n=Count("id")).order_by():
            user = User.objects.get(pk=user_id)
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
