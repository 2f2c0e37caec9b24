"""Every write of service standards: services, drafts, the consultation and its comments, the decree, publishing,
revisions, the Maklumat Pelayanan, innovation links, and the daily review job. Each change of a standard's state
goes through `workflow.STANDARD_WORKFLOW`, which records the transition."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Agency, User
from compliance.standards import domain
from compliance.standards.models import (
    IN_FORCE,
    OPEN_STATES,
    InnovationService,
    Maklumat,
    Service,
    Standard,
    StandardComment,
    StandardDecree,
    State,
)
from compliance.standards.selectors import components_of, current_regulation
from compliance.standards.workflow import STANDARD_WORKFLOW
from core.notifications import notify
from core.uploads import check_evidence_file
from core.workflow import Done
from innovations.models import Innovation
from innovations.selectors import heads_of

MAX_FILE_BYTES = 10 * 1024 * 1024


def _signed_scan(name: str, data: bytes, *, field: str) -> None:
    """A signed paper is a PDF or a photo of it, whatever its name says: refused before anything is stored."""
    try:
        kind = check_evidence_file(name=name, data=data, max_bytes=MAX_FILE_BYTES)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    if kind.extension not in ("pdf", "jpg", "png"):
        raise ValidationError({field: _("%(name)s is not a PDF or a photo (JPG, PNG).") % {"name": name}})


def _require(user: User, perm: str, agency: Agency) -> None:
    if not user.has_perm(perm, agency):
        raise PermissionDenied


@transaction.atomic
def service_create(*, agency: Agency, name: str, slug: str = "", description: str = "", by: User) -> Service:
    """Add a service to a unit, with a first (empty) draft of its standard.

    Side effects: creates the service and version 1 in draft."""
    _require(by, "standards.change_service", agency)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Name the service.")})
    slug = slugify(slug or name)[:80]
    if not slug:
        raise ValidationError({"slug": _("Give a short name of letters and numbers for the address.")})
    if Service.objects.filter(agency=agency, slug=slug).exists():
        raise ValidationError({"slug": _("This unit already has a service at this address: choose another.")})
    service = Service.objects.create(agency=agency, name=name, slug=slug, description=description.strip())
    Standard.objects.create(
        service=service, version=1, regulation=current_regulation(timezone.localdate().year), created_by=by
    )
    return service


@transaction.atomic
def standard_save(
    *,
    standard: Standard,
    components: dict[str, Any],
    by: User,
    consultation_from: datetime.date | None = None,
    consultation_until: datetime.date | None = None,
) -> Standard:
    """Save a draft's components (incomplete is fine until the decree) and planned consultation dates.

    Side effects: saves the draft."""
    _require(by, "standards.change_service", standard.service.agency)
    if consultation_from and consultation_until and consultation_until < consultation_from:
        raise ValidationError({"consultation_until": _("The consultation must end on or after its first day.")})
    locked = Standard.objects.select_for_update().get(pk=standard.pk)
    if locked.state != State.DRAFT:
        raise ValidationError(_("Only a draft can be changed; revise the standard to start a new version."))
    known = {c.slug for c in components_of(locked.regulation)}
    locked.components = {slug: value for slug, value in components.items() if slug in known}
    locked.consultation_from = consultation_from
    locked.consultation_until = consultation_until
    locked.updated = timezone.now()
    locked.save(update_fields=["components", "consultation_from", "consultation_until", "updated"])
    return locked


def _complete(standard: Standard) -> None:
    gaps = domain.missing(components_of(standard.regulation), standard.components)
    if gaps:
        raise ValidationError(
            _("These components are not written yet: %(components)s.") % {"components": ", ".join(gaps)}
        )


def standard_consult(
    *, standard: Standard, by: User, starts: datetime.date, ends: datetime.date, note: str = ""
) -> Standard:
    """Open the public consultation of a draft, for the dates given.

    Side effects: sets the dates, moves draft → consultation (transition row)."""
    if ends < starts:
        raise ValidationError({"consultation_until": _("The consultation must end on or after its first day.")})

    def dates(locked: Standard, move: Any) -> list[str]:
        locked.consultation_from, locked.consultation_until = starts, ends
        return ["consultation_from", "consultation_until"]

    return STANDARD_WORKFLOW.move(standard, "consult", by=by, note=note, apply=dates).obj


def standard_redraft(*, standard: Standard, by: User, note: str = "") -> Standard:
    """Take a standard back from consultation to draft to work the comments in. Side effects: the move."""
    return STANDARD_WORKFLOW.move(standard, "redraft", by=by, note=note).obj


@transaction.atomic
def standard_decree(
    *, standard: Standard, by: User, sk_number: str, sk_date: datetime.date, name: str, data: bytes
) -> Standard:
    """Set the standard by decree: every component written, the SK's number, date and signed file (PDF or image,
    checked by content).

    Side effects, in order: refuses a missing component by name; stores the SK file; moves consultation →
    decreed (transition row). A refusal stores nothing."""
    if not sk_number.strip():
        raise ValidationError({"sk_number": _("Give the decree's number.")})
    _signed_scan(name, data, field="sk_file")

    def numbers(locked: Standard, move: Any) -> list[str]:
        locked.sk_number, locked.sk_date = sk_number.strip(), sk_date
        return ["sk_number", "sk_date"]

    done = STANDARD_WORKFLOW.move(standard, "decree", by=by, guard=_complete, apply=numbers)
    decree = StandardDecree(standard=done.obj, uploaded_by=by)
    decree.take(name=name, data=data, max_bytes=MAX_FILE_BYTES)
    decree.save()
    return done.obj


@transaction.atomic
def standard_publish(*, standard: Standard, by: User, today: datetime.date | None = None) -> Standard:
    """Publish a decreed version: it goes on the public page and the version it replaces is retired.

    Side effects, in order: retires the version in force (published/review_due → superseded, transition row);
    moves decreed → published with the publication day and the review date of the regulation (transition row)."""
    today = today or timezone.localdate()
    older = Standard.objects.filter(service_id=standard.service_id, state__in=IN_FORCE).exclude(pk=standard.pk)
    for old in older:
        STANDARD_WORKFLOW.move(old, "supersede", by=by, note=_("Replaced by version %(v)d") % {"v": standard.version})

    def dates(locked: Standard, move: Any) -> list[str]:
        locked.published_on = today
        locked.review_due_on = domain.add_months(today, locked.regulation.review_months)
        return ["published_on", "review_due_on"]

    return STANDARD_WORKFLOW.move(standard, "publish", by=by, apply=dates).obj


@transaction.atomic
def standard_revise(*, service: Service, by: User) -> Standard:
    """Start a new version from the one in force (its components copied), under today's regulation.

    Side effects: creates the new draft. Refused while a version is already being prepared."""
    _require(by, "standards.change_service", service.agency)
    Service.objects.select_for_update().get(pk=service.pk)
    if Standard.objects.filter(service=service, state__in=OPEN_STATES).exists():
        raise ValidationError(_("A new version is already being prepared: finish that one first."))
    base = Standard.objects.filter(service=service, state__in=IN_FORCE).order_by("-version").first()
    number = (Standard.objects.filter(service=service).aggregate(n=Max("version"))["n"] or 0) + 1
    return Standard.objects.create(
        service=service,
        version=number,
        regulation=current_regulation(timezone.localdate().year),
        components=dict(base.components) if base else {},
        created_by=by,
    )


@transaction.atomic
def standard_comment(*, standard: Standard, by: User, text: str) -> StandardComment:
    """A comment of a signed-in person on a version being prepared. Side effects: stores it with who and when."""
    _require(by, "standards.view_service", standard.service.agency)
    if standard.state not in OPEN_STATES:
        raise ValidationError(_("Comments are taken while the standard is being prepared."))
    if not text.strip():
        raise ValidationError({"text": _("Write a comment first.")})
    return StandardComment.objects.create(standard=standard, text=text.strip(), by=by)


@transaction.atomic
def standard_public_comment(
    *, standard: Standard, text: str, name: str = "", contact: str = "", today: datetime.date | None = None
) -> StandardComment:
    """A comment from the public page while the consultation is open. Side effects: stores it (name and contact
    are kept for the unit's staff only)."""
    today = today or timezone.localdate()
    if standard.state != State.CONSULTATION:
        raise ValidationError(_("This standard is not in public consultation."))
    if standard.consultation_until and today > standard.consultation_until:
        raise ValidationError(
            _("The consultation closed on %(day)s.") % {"day": standard.consultation_until.strftime("%d-%m-%Y")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Write your comment first.")})
    return StandardComment.objects.create(
        standard=standard,
        text=text.strip()[:4000],
        from_public=True,
        public_name=name.strip()[:120],
        public_contact=contact.strip()[:120],
    )


@transaction.atomic
def maklumat_save(
    *,
    agency: Agency,
    by: User,
    text: str,
    signed_by: str,
    signed_on: datetime.date,
    name: str = "",
    data: bytes | None = None,
) -> Maklumat:
    """Record or replace the unit's maklumat. The first one needs the signed scan; a later change may keep it.

    Side effects: saves the maklumat (and the new scan, checked by content)."""
    _require(by, "standards.change_service", agency)
    if not text.strip():
        raise ValidationError({"text": _("Write the text of the maklumat.")})
    maklumat = Maklumat.objects.select_for_update().filter(agency=agency).first() or Maklumat(agency=agency)
    if data is None and not maklumat.pk:
        raise ValidationError({"scan": _("Upload the signed maklumat (PDF or photo).")})
    maklumat.text, maklumat.signed_by, maklumat.signed_on = text.strip(), signed_by.strip(), signed_on
    if data is not None:
        _signed_scan(name, data, field="scan")
        maklumat.uploaded_by = by
        maklumat.take(name=name, data=data, max_bytes=MAX_FILE_BYTES)
    maklumat.save()
    return maklumat


def innovation_link(*, innovation: Innovation, service: Service, by: User) -> InnovationService:
    """Name a service that an innovation of the same unit (or a unit above it) changed. Side effects: the link."""
    _require(by, "standards.change_service", service.agency)
    if not by.has_perm("innovations.view_innovation", innovation):
        raise PermissionDenied
    if innovation.agency.region_id != service.agency.region_id:
        raise ValidationError(_("The innovation and the service must be in the same region."))
    try:
        with transaction.atomic():
            return InnovationService.objects.create(innovation=innovation, service=service, by=by)
    except IntegrityError:
        return InnovationService.objects.get(innovation=innovation, service=service)


@dataclass
class ReviewSweep:
    moved: int
    notified: int


def standards_mark_review_due(*, today: datetime.date | None = None) -> ReviewSweep:
    """The daily job: every published standard whose review date has come becomes due for review and its unit's
    head is told once. Each standard is its own transaction; a rerun finds nothing left to move."""
    today = today or timezone.localdate()
    moved = notified = 0
    due = Standard.objects.filter(state=State.PUBLISHED, review_due_on__lte=today)
    for pk in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            standard = Standard.objects.select_related("service__agency").filter(pk=pk, state=State.PUBLISHED).first()
            if standard is None:
                continue
            done: Done[Standard] = STANDARD_WORKFLOW.move(standard, "review_due", by=None)
            moved += 1
            agency = done.obj.service.agency
            notified += len(
                notify(
                    users=heads_of(agency.path, agency.pk),
                    kind="standard",
                    key=f"standard-review-{standard.pk}",
                    title=_("The service standard of %(service)s is due for review")
                    % {"service": done.obj.service.name},
                    body=_("Published on %(day)s; start a revised version.") % {"day": standard.published_on},
                    url=reverse("compliance:service", args=[standard.service_id]),
                )
            )
    return ReviewSweep(moved=moved, notified=notified)
