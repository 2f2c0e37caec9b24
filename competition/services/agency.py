"""The entrant agency's writes: entering an innovation, editing the proposal and its attachments, submitting
and withdrawing it. Staff and heads of the innovation's own agency make them; each move of the entry is
made through `competition.workflow.ENTRY_WORKFLOW`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import User
from agencies.selectors import active_roles
from competition.models import (
    SECTION_LIMITS,
    CompetitionCategory,
    CompetitionGroup,
    Entry,
    EntryAttachment,
    EntryState,
    Round,
    StageKind,
)
from competition.selectors.entries import eligibility_of, missing_sections
from competition.workflow import ENTRY_CREATE, ENTRY_WORKFLOW
from core.notifications import notify
from core.workflow import Done, Move
from innovations.models import Innovation


def _users_of(role: str, region_id: int) -> Any:
    return User.objects.filter(
        role_assignments__role=role, role_assignments__region_id=region_id, role_assignments__active_until__isnull=True
    ).distinct()


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
    problems = eligibility_of(round_=round_, innovation=innovation, group=group).failures()
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
        state=ENTRY_CREATE.target,
        created_by=by,
        **fields,
    )
    ENTRY_WORKFLOW.record(entry, ENTRY_CREATE, "", by, "")
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
    attachment = EntryAttachment(entry=entry, caption=caption, uploaded_by=by)
    attachment.take(name=name, data=data, max_bytes=settings.EVIDENCE_MAX_BYTES)
    attachment.save()
    return attachment


def _guard_submit(entry: Entry) -> None:
    if not entry.round.stages.get(kind=StageKind.REGISTRATION).is_open:
        raise ValidationError(_("Registration for this round is closed."))
    problems = eligibility_of(
        round_=entry.round, innovation=entry.innovation, group=entry.group, entry=entry
    ).failures()
    problems += missing_sections(entry)
    if problems:
        raise ValidationError(problems)


def _stamp_submitted(entry: Entry, move: Move) -> list[str]:
    entry.submitted_at = timezone.now()
    return ["submitted_at"]


def _notify_reviewers(done: Done[Entry]) -> None:
    entry = done.obj
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


def entry_submit(*, entry: Entry, by: User, note: str = "") -> Entry:
    """Submit a draft entry to the organiser.

    Side effects, in order (`ENTRY_WORKFLOW`): locks the entry; refuses one that is not a draft or a person not
    of its agency; checks that registration is open, every eligibility rule and every section; sets the state
    and the submission time; records the `submit` transition; notifies the organiser's reviewers on commit.
    """
    done = ENTRY_WORKFLOW.move(
        entry, "submit", by=by, note=note, guard=_guard_submit, apply=_stamp_submitted, after=_notify_reviewers
    )
    return done.obj


def entry_withdraw(*, entry: Entry, by: User, note: str = "") -> Entry:
    """Withdraw a draft or submitted entry (`ENTRY_WORKFLOW`); the `withdraw` transition is recorded."""
    return ENTRY_WORKFLOW.move(entry, "withdraw", by=by, note=note).obj
