"""The yearly "still running?" check (KemenPAN-RB's 2024 JIPPNas update found 429 of 2,355 listed innovations had
quietly stopped): each agency answers for each of its running innovations; a stopped one leaves the catalogues with
its history kept; reminders go once per agency and milestone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Region, User
from core.notifications import notify
from innovations import selectors, services
from innovations.catalogue.selectors import running_innovations
from innovations.models import Innovation, RunningConfirmation, RunningReminder, RunningRound, StopReason

Answer = RunningConfirmation.Answer
Milestone = RunningReminder.Milestone


# --- reads ------------------------------------------------------------------------------------------------------


def current_round(region_id: int, *, today: datetime.date | None = None) -> RunningRound | None:
    """The region's round that has opened, the latest year first."""
    today = today or timezone.localdate()
    return RunningRound.objects.filter(region_id=region_id, opens_on__lte=today).order_by("-year").first()


def rounds_of_regions(region_ids: list[int]) -> dict[int, list[RunningRound]]:
    """Each region's rounds, the latest year first, in one query (the mayor's office page lists up to 20 regions)."""
    found: dict[int, list[RunningRound]] = {}
    for round in RunningRound.objects.filter(region_id__in=region_ids).order_by("region_id", "-year"):
        found.setdefault(round.region_id, []).append(round)
    return found


def current_of(rounds: list[RunningRound], *, today: datetime.date | None = None) -> RunningRound | None:
    """`current_round` among a region's rounds already read (latest year first)."""
    today = today or timezone.localdate()
    return next((round for round in rounds if round.opens_on <= today), None)


def awaiting_answer(round: RunningRound) -> QuerySet[Any]:
    """Running innovations of the round's region with no answer in it yet."""
    answered = RunningConfirmation.objects.filter(round=round, innovation=OuterRef("pk"))
    return running_innovations().filter(agency__region_id=round.region_id).exclude(Exists(answered))


def to_answer(round: RunningRound, agency_ids: list[int]) -> list[dict[str, Any]]:
    """For the agency's page: each running innovation of the agencies with its answer in this round, if any."""
    answers = {
        c.innovation_id: c
        for c in RunningConfirmation.objects.filter(round=round, innovation__agency_id__in=agency_ids)
    }
    innovations = (
        running_innovations()
        .filter(agency_id__in=agency_ids)
        .select_related("agency")
        .order_by("agency__name", "title")
    )
    # Innovations answered "stopped" in this round have left the running list; show them with their answer.
    stopped = [c.innovation_id for c in answers.values() if c.answer == Answer.STOPPED]
    rows = list(innovations) + list(
        Innovation.objects.filter(pk__in=stopped).select_related("agency").order_by("title")
    )
    return [{"innovation": i, "answer": answers.get(i.pk)} for i in rows]


@dataclass(frozen=True)
class AgencyProgress:
    agency_id: int
    name: str
    running: int
    answered: int

    @property
    def waiting(self) -> int:
        return self.running - self.answered


def progress(round: RunningRound) -> list[AgencyProgress]:
    """Per agency of the region: innovations to answer for and how many were answered; who has not answered
    first. Three queries, whatever the number of agencies."""
    running = dict(
        running_innovations()
        .filter(agency__region_id=round.region_id)
        .values_list("agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answers = RunningConfirmation.objects.filter(round=round).values_list("innovation__agency_id")
    answered = dict(answers.annotate(n=Count("pk")).order_by())
    # An innovation answered "stopped" has left the running list but was one to answer for.
    stopped = dict(answers.filter(answer=Answer.STOPPED).annotate(n=Count("pk")).order_by())
    names = dict(Agency.objects.filter(pk__in=set(running) | set(answered)).values_list("pk", "name"))
    agencies = [
        AgencyProgress(pk, name, running.get(pk, 0) + stopped.get(pk, 0), answered.get(pk, 0))
        for pk, name in names.items()
    ]
    return sorted(agencies, key=lambda a: (a.waiting == 0, a.name))


# --- writes -----------------------------------------------------------------------------------------------------


@transaction.atomic
def round_open(*, region: Region, year: int, opens_on: datetime.date, due_on: datetime.date, by: User) -> RunningRound:
    """The mayor's office sets the year's dates (data, per region and year)."""
    if not by.has_perm("innovations.manage_catalogue", region):
        raise PermissionDenied(_("Only the mayor's office of this region can set the yearly check."))
    if due_on < opens_on:
        raise ValidationError({"due_on": _("Answers cannot be due before the check opens.")})
    if RunningRound.objects.filter(region=region, year=year).exists():
        raise ValidationError({"year": _("The check of %(year)d is already set.") % {"year": year}})
    return RunningRound.objects.create(region=region, year=year, opens_on=opens_on, due_on=due_on, created_by=by)


@transaction.atomic
def confirmation_record(
    *,
    round: RunningRound,
    innovation: Any,
    by: User,
    answer: str,
    changes: str = "",
    stop_reason: str = "",
    note: str = "",
) -> RunningConfirmation:
    """An agency's answer for one running innovation. Side effects, in order: refuses someone outside the agency
    or an innovation not running in the round's region; checks the answer says what changed or why it stopped;
    saves the answer (a second answer in the round replaces the first); for "stopped", records the stop on the
    innovation (its transition), so it leaves both catalogues."""
    if not by.has_perm("innovations.answer_still_running", innovation):
        raise PermissionDenied(_("Only the innovation's own agency answers for it."))
    if not running_innovations().filter(pk=innovation.pk, agency__region_id=round.region_id).exists():
        raise ValidationError(_("This innovation is no longer running."))
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Choose an answer.")})
    changes, note = changes.strip(), note.strip()
    if answer == Answer.CHANGED and not changes:
        raise ValidationError({"changes": _("Say what changed.")})
    if answer == Answer.STOPPED and (stop_reason not in StopReason.values or not note):
        raise ValidationError({"stop_reason": _("Choose why it stopped and explain it in a sentence.")})
    confirmation, _created = RunningConfirmation.objects.update_or_create(
        round=round,
        innovation=innovation,
        defaults={
            "answer": answer,
            "changes": changes if answer == Answer.CHANGED else "",
            "stop_reason": stop_reason if answer == Answer.STOPPED else "",
            "note": note,
            "answered_by": by,
            "answered_at": timezone.now(),
        },
    )
    if answer == Answer.STOPPED:
        services.innovation_stop(innovation=innovation, by=by, reason=f"{StopReason(stop_reason).label}: {note}")
    return confirmation


def _milestone(round: RunningRound, today: datetime.date) -> str | None:
    if today < round.opens_on:
        return None
    if today > round.due_on:
        return Milestone.OVERDUE
    if today >= round.due_on - datetime.timedelta(days=round.remind_days_before):
        return Milestone.DUE_SOON
    return Milestone.OPENED


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each agency that still has unanswered running innovations, once per round, agency and milestone
    (the milestone reached today: opened, due soon, overdue). Returns the reminders sent.

    Idempotent: the reminder row is claimed under a unique constraint in the same transaction as the
    notifications, so a rerun (or a second worker) finds the claim and sends nothing.
    """
    today = today or timezone.localdate()
    sent = 0
    # Rounds of this and last year only: an overdue round of long ago is the dashboard's business, not a reminder's.
    for round in RunningRound.objects.filter(opens_on__lte=today, year__gte=today.year - 1).select_related("region"):
        milestone = _milestone(round, today)
        if milestone is None:
            continue
        pending = awaiting_answer(round)
        agencies = Agency.objects.filter(Exists(pending.filter(agency=OuterRef("pk")))).exclude(
            Exists(RunningReminder.objects.filter(round=round, agency=OuterRef("pk"), milestone=milestone))
        )
        for agency in agencies:
            sent += _remind(round, agency, milestone, due=round.due_on)
    return sent


def _remind(round: RunningRound, agency: Agency, milestone: str, *, due: datetime.date) -> int:
    try:
        with transaction.atomic():
            RunningReminder.objects.create(round=round, agency=agency, milestone=milestone)
            titles = {
                Milestone.OPENED: _("Are your innovations still running? Answer by %(due)s"),
                Milestone.DUE_SOON: _("Reminder: confirm your running innovations by %(due)s"),
                Milestone.OVERDUE: _("Overdue: confirm your running innovations (due %(due)s)"),
            }
            notify(
                users=selectors.members_of(agency.pk),
                kind="innovation.still_running",
                key=f"still-running:{round.pk}:{agency.pk}:{milestone}",
                title=titles[Milestone(milestone)] % {"due": due.strftime("%d-%m-%Y")},
                body=agency.name,
                url=reverse("catalogue:running"),
            )
    except IntegrityError:
        return 0  # claimed by another run
    return 1
