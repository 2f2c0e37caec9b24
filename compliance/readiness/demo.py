"""Demo readiness: the 2027 checklists of the demo units with services, half of their items ready, and two
field checks (one passed, one failed with its improvement note)."""

from __future__ import annotations

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.demo import demo_username
from agencies.models import Region, User
from compliance.ombudsman.models import Finding
from compliance.readiness import services
from compliance.readiness.models import Checklist, FieldCheck
from compliance.skm.models import Survey
from compliance.standards.models import InnovationService, Service
from innovations.demo import tiny_pdf, tiny_png
from innovations.models import Innovation

YEAR = 2027


@transaction.atomic
def seed_readiness(region: Region) -> int:
    """Open the 2027 checklists; skipped when the region has any. Returns how many were opened."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    walikota = User.objects.filter(username=demo_username(region, "walikota")).first() or admin
    if admin is None or Checklist.objects.filter(agency__region=region, year=YEAR).exists():
        return 0
    units = list(region.agencies.filter(pk__in=Service.objects.values("agency_id")).order_by("name"))
    seen = timezone.localdate() - datetime.timedelta(days=3)
    checklists = []
    for unit in units:
        checklist = services.checklist_open(agency=unit, year=YEAR, by=None)
        checklists.append(checklist)
        for i, entry in enumerate(checklist.entries.select_related("item").order_by("pk")):
            if i % 2:
                continue  # half done: every other item still waits
            services.entry_record_paper(
                entry=entry, by=admin, name="bukti.pdf", data=tiny_pdf(f"{entry.item.name} {unit.name}")
            )
            services.entry_record_ground(
                entry=entry,
                by=admin,
                seen_by="Bagian Organisasi Setda",
                seen_on=seen,
                name="foto.png",
                data=tiny_png(entry.pk),
            )
    if len(checklists) >= 2 and walikota is not None:
        _check(checklists[0], walikota, seen, passed=True)
        failed = _check(checklists[1], walikota, seen, passed=False)
        result = failed.results.filter(passed=False).first()
        if result is not None:
            # A demo city without an Ombudsman assessment still gets its checks, without the note.
            with contextlib.suppress(ValidationError):
                services.check_result_open_finding(result=result, by=walikota)
    _link_services(region, admin)
    return len(checklists)


def _link_services(region: Region, by: User) -> None:
    """The birth-certificate service's SKM survey, improvement note and innovation, for its page's panels."""
    service = Service.objects.filter(
        agency__region=region, agency__code="DISDUKCAPIL", slug="penerbitan-akta-kelahiran"
    ).first()
    if service is None:
        return
    Survey.objects.filter(agency=service.agency, service__isnull=True).update(service=service)
    first = Finding.objects.filter(responsible=service.agency, service__isnull=True).order_by("pk").first()
    if first is not None:
        Finding.objects.filter(pk=first.pk).update(service=service)
    innovation = Innovation.objects.filter(agency=service.agency).order_by("pk").first()
    if innovation is not None:
        InnovationService.objects.get_or_create(innovation=innovation, service=service, defaults={"by": by})


def _check(checklist: Checklist, by: User, day: datetime.date, *, passed: bool) -> FieldCheck:
    ready = list(checklist.entries.filter(ground_on__isnull=False).order_by("pk")[:2])
    results = {
        e.pk: (passed or i == 1, "" if passed or i == 1 else "Maklumat tidak terpajang di ruang tunggu")
        for i, e in enumerate(ready)
    }
    return services.field_check_record(
        checklist=checklist,
        by=by,
        visited_on=day,
        team="Bagian Organisasi Setda dan Inspektorat",
        findings="Kunjungan tanpa pemberitahuan." if passed else "Sebagian dokumen tidak terpajang di tempat.",
        results=results,
        photos=[("kunjungan.png", tiny_png(checklist.pk))],
    )
