"""The organiser's panel: evaluators put on it, and assigned to entries automatically (balanced, never a
conflicted one: `competition.assignment`) or by hand. Every change is kept as a `RoundEvent`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import RoleAssignment, User
from agencies.selectors import active_q
from competition import assignment
from competition.models import Entry, EntryState, Panelist, Review, ReviewState, Round, RoundEvent, Stage
from competition.selectors import rounds
from competition.selectors.entries import entries_in_stage
from competition.services.shared import organiser_check
from core import datacache
from core.notifications import notify


@transaction.atomic
def panelist_add(*, round_: Round, user: User, by: User, affiliation: str = "") -> Panelist:
    """Put an evaluator of the region on the round's panel."""
    organiser_check(by, round_)
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
def assignment_run(*, stage: Stage, by: User) -> assignment.Plan:
    """Assign evaluators to every entry of a scored stage, k each, balanced, never a conflicted one.

    Side effects, in order: locks the round row (two runs at once wait for each other), creates the missing
    reviews (existing ones are kept, so a rerun adds nothing), records an `assign` round event, notifies each
    evaluator who received new entries.
    """
    round_ = Round.objects.select_for_update().get(pk=stage.round_id)
    organiser_check(by, round_)
    if not stage.is_scored:
        raise ValidationError(_("Only the proposal and presentation stages are scored."))
    entries = list(entries_in_stage(stage))
    panel = list(round_.panel.select_related("user"))
    if not panel:
        raise ValidationError(_("Add evaluators to the panel first."))
    conflicts = rounds.conflicts_of(round_, entries, panel)
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
    organiser_check(by, stage.round)
    if entry.round_id != stage.round_id or panelist.round_id != stage.round_id:
        raise ValidationError(_("The entry, the stage and the evaluator must be of the same round."))
    if entry.state != EntryState.PASSED or entry.stage.order < stage.order:
        raise ValidationError(_("This entry has not reached this stage."))
    if (entry.pk, panelist.pk) in rounds.conflicts_of(stage.round, [entry], [panelist]):
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
    organiser_check(by, review.stage.round)
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
