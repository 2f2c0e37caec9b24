"""Every write of readiness: opening a unit's checklist of a year, recording an item on paper and on the ground,
the mayor's office's field checks (a failed item turns not ready, and can open an improvement note), and the
daily warning job."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Region, User
from compliance.ombudsman.models import Assessment, Finding, FindingSource
from compliance.ombudsman.services import finding_create
from compliance.readiness import domain
from compliance.readiness.models import (
    Checklist,
    CheckResult,
    Entry,
    EntryFile,
    FieldCheck,
    FieldCheckPhoto,
    Item,
)
from compliance.readiness.selectors import deadline_for
from core.notifications import notify
from core.uploads import check_evidence_file
from innovations.selectors import heads_of, reviewers_of

MAX_FILE_BYTES = 10 * 1024 * 1024
#: Days a unit gets to mend what a field check found, when the improvement note is opened from it.
FINDING_DAYS = 30


def _require(user: User, perm: str, obj: Agency | Region) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


@transaction.atomic
def checklist_open(*, agency: Agency, year: int, by: User | None) -> Checklist:
    """The unit's checklist of the year, built from that year's items when it does not exist yet.

    Side effects: creates the checklist and one entry per item (a second call changes nothing)."""
    if by is not None:
        _require(by, "readiness.open_checklist", agency)
    items = list(Item.objects.filter(dimension__year=year))
    if not items:
        raise ValidationError(_("There is no Ombudsman readiness method for %(year)d yet.") % {"year": year})
    try:
        with transaction.atomic():
            checklist = Checklist.objects.create(agency=agency, year=year, created_by=by)
    except IntegrityError:
        return Checklist.objects.get(agency=agency, year=year)
    Entry.objects.bulk_create([Entry(checklist=checklist, item=item) for item in items])
    return checklist


def checklists_open_region(*, region: Region, year: int, by: User, agencies: list[Agency]) -> int:
    """Open the checklist of every unit given (the mayor's office's one click). Returns how many were new."""
    _require(by, "readiness.view_overview", region)
    before = Checklist.objects.filter(agency__region=region, year=year).count()
    for agency in agencies:
        if agency.region_id == region.pk:
            checklist_open(agency=agency, year=year, by=None)
    return Checklist.objects.filter(agency__region=region, year=year).count() - before


def _store(entry: Entry, purpose: str, by: User, name: str, data: bytes) -> EntryFile:
    upload = EntryFile(entry=entry, purpose=purpose, uploaded_by=by)
    upload.take(name=name, data=data, max_bytes=MAX_FILE_BYTES)
    upload.save()
    return upload


@transaction.atomic
def entry_record_paper(
    *, entry: Entry, by: User, link: str = "", note: str = "", name: str = "", data: bytes | None = None
) -> Entry:
    """The document exists: a file (checked by content) or a link.

    Side effects: stores the file, marks the entry on paper with who and when."""
    _require(by, "readiness.record_paper", entry.checklist.agency)
    if not link.strip() and data is None:
        raise ValidationError({"link": _("Upload the document or give a link to it.")})
    if data is not None:
        _store(entry, EntryFile.Purpose.PAPER, by, name, data)
    entry.paper_link = link.strip() or entry.paper_link
    entry.paper_note = note.strip()[:300]
    entry.paper_by, entry.paper_at = by, timezone.now()
    entry.save(update_fields=["paper_link", "paper_note", "paper_by", "paper_at"])
    return entry


@transaction.atomic
def entry_record_ground(
    *,
    entry: Entry,
    by: User,
    seen_by: str,
    seen_on: datetime.date,
    note: str = "",
    name: str = "",
    data: bytes | None = None,
) -> Entry:
    """Someone of the mayor's office or the inspectorate saw it in place: who, when, a photo, a note.

    Side effects: stores the photo, marks the entry on the ground."""
    _require(by, "readiness.record_ground", entry.checklist.agency)
    if not seen_by.strip():
        raise ValidationError({"seen_by": _("Say who saw it in place.")})
    if seen_on > timezone.localdate():
        raise ValidationError({"seen_on": _("The day it was seen cannot be in the future.")})
    if data is not None:
        _store(entry, EntryFile.Purpose.GROUND, by, name, data)
    entry.ground_seen_by, entry.ground_on, entry.ground_note = seen_by.strip(), seen_on, note.strip()[:500]
    entry.ground_by = by
    entry.save(update_fields=["ground_seen_by", "ground_on", "ground_note", "ground_by"])
    return entry


@transaction.atomic
def field_check_record(
    *,
    checklist: Checklist,
    by: User,
    visited_on: datetime.date,
    team: str,
    findings: str,
    results: dict[int, tuple[bool, str]],
    photos: list[tuple[str, bytes]],
) -> FieldCheck:
    """An unannounced visit: which items were checked and how they were found.

    Side effects, in order: checks the photos (a bad one refuses all, nothing stored); stores the visit, one
    result per item checked and the photos; an item that passed is confirmed on the ground with the visit; an
    item that failed loses its on-the-ground confirmation, so it is not ready until seen again."""
    _require(by, "readiness.record_ground", checklist.agency)
    if not results:
        raise ValidationError(_("Mark at least one item as checked."))
    if not team.strip():
        raise ValidationError({"team": _("Say who visited.")})
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("The visit cannot be in the future.")})
    for name, data in photos:
        check_evidence_file(name=name, data=data, max_bytes=MAX_FILE_BYTES)
    entries = {e.pk: e for e in checklist.entries.select_for_update().filter(pk__in=list(results))}
    if len(entries) != len(results):
        raise ValidationError(_("An item checked is not on this checklist."))
    check = FieldCheck.objects.create(
        checklist=checklist, visited_on=visited_on, team=team.strip(), findings=findings.strip(), by=by
    )
    for name, data in photos:
        photo = FieldCheckPhoto(field_check=check, uploaded_by=by)
        photo.take(name=name, data=data, max_bytes=MAX_FILE_BYTES)
        photo.save()
    for pk, (passed, note) in results.items():
        entry = entries[pk]
        CheckResult.objects.create(field_check=check, entry=entry, passed=passed, note=note.strip()[:500])
        if passed:
            entry.ground_seen_by, entry.ground_on, entry.ground_note = check.team, visited_on, note.strip()[:500]
        else:
            entry.ground_seen_by, entry.ground_on = "", None
            entry.ground_note = _("Failed the field check of %(day)s: %(note)s") % {
                "day": visited_on.strftime("%d-%m-%Y"),
                "note": note.strip() or "-",
            }
        entry.ground_by = by
        entry.save(update_fields=["ground_seen_by", "ground_on", "ground_note", "ground_by"])
    return check


def _assessment_for(agency: Agency) -> Assessment | None:
    """The assessment an improvement note hangs on: the unit's latest, else its region's (the city's)."""
    own = Assessment.objects.filter(agency=agency).order_by("-year").first()
    return (
        own or Assessment.objects.filter(agency__region_id=agency.region_id, agency__depth=0).order_by("-year").first()
    )


@transaction.atomic
def check_result_open_finding(*, result: CheckResult, by: User, today: datetime.date | None = None) -> Finding:
    """Open an improvement note from a failed item of a field check (the Ombudsman part's own service).

    Side effects: creates the note (and notifies the unit's head, as every new note does); links it to the
    result. A second click returns the note already opened."""
    today = today or timezone.localdate()
    result = (
        CheckResult.objects.select_for_update()
        .select_related("entry__item", "field_check__checklist__agency__region")
        .get(pk=result.pk)
    )
    if result.finding_id:
        return result.finding  # type: ignore[return-value]
    if result.passed:
        raise ValidationError(_("Only an item that failed the check needs an improvement note."))
    agency = result.field_check.checklist.agency
    assessment = _assessment_for(agency)
    if assessment is None:
        raise ValidationError(
            _("Record an Ombudsman assessment of %(unit)s or of the city first: improvement notes belong to one.")
            % {"unit": agency.name}
        )
    text = _("Readiness field check of %(day)s: %(item)s. %(note)s") % {
        "day": result.field_check.visited_on.strftime("%d-%m-%Y"),
        "item": result.entry.item.name,
        "note": result.note or "",
    }
    finding = finding_create(
        assessment=assessment,
        text=text.strip(),
        responsible=agency,
        due=today + datetime.timedelta(days=FINDING_DAYS),
        by=by,
        source_type=FindingSource.FIELD_CHECK,
    )
    result.finding = finding
    result.save(update_fields=["finding"])
    return finding


@dataclass
class WarningSweep:
    warned: int
    late_notices: int


def readiness_warn(*, today: datetime.date | None = None) -> WarningSweep:
    """The daily job. Before a region's deadline, the heads of units with items not ready are warned once per
    item and milestone (30, 14, 3 days before); from the day after it, the mayor's office is told once which
    units are late. Notifications are keyed, so a second run on the same day (or a rerun after a crash) adds
    nothing."""
    today = today or timezone.localdate()
    warned = late = 0
    years = {today.year, today.year + 1}  # a January deadline is warned of from December
    checklists = Checklist.objects.filter(year__in=years).select_related("agency__region").order_by("pk")
    late_units: dict[tuple[int, int], list[Checklist]] = {}
    for checklist in checklists.iterator():
        agency = checklist.agency
        deadline = deadline_for(agency.region_id, checklist.year)
        pending = list(
            checklist.entries.exclude(paper_at__isnull=False, ground_on__isnull=False).select_related("item")
        )
        if not pending:
            continue
        if domain.is_late(today, deadline):
            late_units.setdefault((agency.region_id, checklist.year), []).append(checklist)
            continue
        mark = domain.milestone(today, deadline)
        if mark is None:
            continue
        url = reverse("compliance:readiness-checklist", args=[agency.pk, checklist.year])
        heads = list(heads_of(agency.path, agency.pk))
        for entry in pending:
            warned += len(
                notify(
                    users=heads,
                    kind="readiness",
                    key=f"readiness-{entry.pk}-d{mark}",
                    title=_("%(days)d days to the Ombudsman readiness deadline: %(item)s is not ready")
                    % {"days": (deadline - today).days, "item": entry.item.name},
                    body=_("%(unit)s must be ready by %(day)s.")
                    % {"unit": agency.name, "day": deadline.strftime("%d-%m-%Y")},
                    url=url,
                )
            )
    for (region_id, year), units in late_units.items():
        names = ", ".join(sorted(c.agency.name for c in units))
        late += len(
            notify(
                users=reviewers_of(region_id),
                kind="readiness",
                key=f"readiness-late-{region_id}-{year}",
                title=_("%(count)d units missed the readiness deadline for %(year)d")
                % {"count": len(units), "year": year},
                body=names,
                url=reverse("compliance:readiness") + f"?year={year}",
            )
        )
    return WarningSweep(warned=warned, late_notices=late)
