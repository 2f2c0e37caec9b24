"""Writes of the Ombudsman's improvement notes ("rapor"): recorded by the mayor's office, worked on by the
responsible agency, verified by the mayor's office; one function per change, every change appended to the item's
history.

States: open → in_progress → done → verified; the mayor's office may send a done item back to in_progress
(`workflow.FINDING_WORKFLOW`). An item still open or in progress after its due date is overdue: the daily job
records the day once and notifies the responsible agency's head once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, User
from compliance.ombudsman.models import (
    FINDING_PENDING,
    Assessment,
    Finding,
    FindingEvent,
    FindingEvidence,
    FindingSource,
    FindingState,
)
from compliance.ombudsman.workflow import FINDING_WORKFLOW, cannot_become, finding_action
from compliance.standards.models import Service
from core.notifications import notify
from core.workflow import Done, Move
from innovations.selectors import heads_of, reviewers_of

S = FindingState


def _event(finding: Finding, kind: str, by: User | None, text: str = "", frm: str = "", to: str = "") -> FindingEvent:
    return FindingEvent.objects.create(finding=finding, kind=kind, by=by, text=text, from_state=frm, to_state=to)


@transaction.atomic
def finding_create(
    *,
    assessment: Assessment,
    text: str,
    responsible: Agency,
    due: datetime.date,
    by: User,
    service: Service | None = None,
    source_type: str = FindingSource.REPORT_CARD,
) -> Finding:
    """Record one item of the report card. The responsible agency must be in the assessed unit's region.

    Side effects: creates the item, appends its "created" event, notifies the responsible agency's heads."""
    if not by.has_perm("compliance.import_assessments", assessment.agency.region):
        raise PermissionDenied
    if responsible.region_id != assessment.agency.region_id:
        raise ValidationError({"responsible": _("The responsible agency must belong to the same region.")})
    if not text.strip():
        raise ValidationError({"text": _("Say what has to be fixed.")})
    if service is not None and service.agency_id != responsible.pk:
        raise ValidationError({"service": _("The service must be one of the responsible agency's own.")})
    if source_type not in FindingSource.values:
        raise ValidationError({"source_type": _("Choose where the note comes from.")})
    finding = Finding.objects.create(
        assessment=assessment,
        text=text.strip(),
        responsible=responsible,
        due=due,
        created_by=by,
        service=service,
        source_type=source_type,
    )
    _event(finding, FindingEvent.Kind.CREATED, by, to=S.OPEN)
    url = reverse("compliance:finding", args=[finding.pk])
    notify(
        users=heads_of(responsible.path, responsible.pk),
        kind="finding",
        key=f"finding-new-{finding.pk}",
        title=_("New Ombudsman improvement note for %(agency)s, due %(due)s")
        % {"agency": responsible.name, "due": due.strftime("%d-%m-%Y")},
        body=finding.text,
        url=url,
    )
    return finding


@transaction.atomic
def finding_move(*, finding: Finding, to: str, by: User, comment: str = "") -> Finding:
    """Change the item's state through `FINDING_WORKFLOW`. Marking done needs evidence or a comment saying what
    was done; sending back needs a reason.

    Side effects, in order: locks the item; refuses a move the workflow does not have from its state or a person
    without the move's permission; saves the state; appends a state event; notifies the mayor's office (done) or
    the responsible heads (verified or sent back)."""
    # Which move is meant depends on the state (to in_progress: started, or sent back), so read it under the lock
    # that the move then holds.
    current = Finding.objects.select_for_update().only("state").get(pk=finding.pk)
    action = finding_action(current, to)
    if action is None:
        raise ValidationError(cannot_become(current, to))

    def needs_evidence(locked: Finding) -> None:
        if to == S.DONE and not comment.strip() and not locked.evidence.exists():
            raise ValidationError(_("Add evidence of the fix or describe what was done before marking it done."))

    def touch(locked: Finding, move: Move) -> list[str]:
        locked.updated = timezone.now()
        return ["updated"]

    return FINDING_WORKFLOW.move(
        finding, action, by=by, note=comment, guard=needs_evidence, apply=touch, after=_tell_of_move
    ).obj


def _tell_of_move(done: Done[Finding]) -> None:
    finding, event = done.obj, cast(FindingEvent, done.record)
    url = reverse("compliance:finding", args=[finding.pk])
    if done.move.target == S.DONE:
        notify(
            users=reviewers_of(finding.responsible.region_id),
            kind="finding",
            key=f"finding-done-{event.pk}",
            title=_("%(agency)s marked an improvement note done: please verify") % {"agency": finding.responsible.name},
            body=finding.text,
            url=url,
        )
    elif done.source == S.DONE:
        verdict = _("verified") if done.move.target == S.VERIFIED else _("sent back")
        notify(
            users=heads_of(finding.responsible.path, finding.responsible.pk),
            kind="finding",
            key=f"finding-{done.move.target}-{event.pk}",
            title=_("Improvement note %(verdict)s by the mayor's office") % {"verdict": verdict},
            body=event.text or finding.text,
            url=url,
        )


@transaction.atomic
def finding_comment(*, finding: Finding, by: User, text: str) -> FindingEvent:
    """Anyone who may see the item comments on it. Side effects: appends a comment event."""
    if not by.has_perm("compliance.view_finding", finding.responsible):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write a comment first.")})
    return FindingEvent.objects.create(finding=finding, kind=FindingEvent.Kind.COMMENT, by=by, text=text.strip())


@transaction.atomic
def finding_add_evidence(
    *, finding: Finding, by: User, name: str, data: bytes, caption: str = "", max_bytes: int
) -> FindingEvidence:
    """Attach a file showing the fix; checked by its content (PDF, JPG, PNG, DOCX, XLSX).

    Side effects: stores the file and its row, appends an evidence event."""
    if not by.has_perm("compliance.work_on_finding", finding.responsible):
        raise PermissionDenied
    if finding.state == S.VERIFIED:
        raise ValidationError(_("This item is verified; it takes no more evidence."))
    evidence = FindingEvidence(finding=finding, caption=caption.strip()[:200], uploaded_by=by)
    evidence.take(name=name, data=data, max_bytes=max_bytes)
    evidence.save()
    _event(finding, FindingEvent.Kind.EVIDENCE, by, text=evidence.caption or evidence.original_name)
    return evidence


@transaction.atomic
def finding_reschedule(*, finding: Finding, by: User, due: datetime.date, reason: str) -> Finding:
    """The mayor's office moves the due date (a new date clears the overdue mark if it lies ahead).

    Side effects: saves the date, appends an "edited" event with the old and new date and the reason."""
    if not by.has_perm("compliance.verify_finding", finding.responsible.region):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the due date changes.")})
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    old = finding.due
    finding.due = due
    if due >= timezone.localdate():
        finding.overdue_since = None
    finding.updated = timezone.now()
    finding.save(update_fields=["due", "overdue_since", "updated"])
    _event(
        finding,
        FindingEvent.Kind.EDITED,
        by,
        text=_("Due date %(old)s → %(new)s: %(reason)s")
        % {"old": old.strftime("%d-%m-%Y"), "new": due.strftime("%d-%m-%Y"), "reason": reason.strip()},
    )
    return finding


@dataclass
class OverdueSweep:
    marked: int
    notified: int


def findings_mark_overdue(*, today: datetime.date | None = None) -> OverdueSweep:
    """The daily job: every pending item past its due date and not yet marked gets its day and one notice to
    the responsible head. Each item is its own transaction, so a failure halfway leaves the rest to a rerun."""
    today = today or timezone.localdate()
    marked = notified = 0
    pending = Finding.objects.filter(state__in=FINDING_PENDING, due__lt=today, overdue_since__isnull=True)
    for finding_id in pending.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            finding = (
                Finding.objects.select_for_update(of=("self",))
                .select_related("responsible")
                .filter(pk=finding_id, state__in=FINDING_PENDING, overdue_since__isnull=True)
                .first()
            )
            if finding is None:
                continue
            finding.overdue_since = today
            finding.save(update_fields=["overdue_since"])
            _event(finding, FindingEvent.Kind.OVERDUE, None, text=finding.due.isoformat())
            marked += 1
            notified += len(
                notify(
                    users=heads_of(finding.responsible.path, finding.responsible.pk),
                    kind="finding",
                    key=f"finding-overdue-{finding.pk}",
                    title=_("Ombudsman improvement note overdue since %(due)s: %(agency)s")
                    % {"due": finding.due.strftime("%d-%m-%Y"), "agency": finding.responsible.name},
                    body=finding.text,
                    url=reverse("compliance:finding", args=[finding.pk]),
                )
            )
    return OverdueSweep(marked=marked, notified=notified)
