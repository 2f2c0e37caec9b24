"""Demo Ombudsman data: the city's results since 2015 and some units', improvement notes in every state, and (through
the SKM's demo) surveys of a few units."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from agencies.demo import demo_username
from agencies.models import Agency, Region, User
from compliance.ombudsman import services
from compliance.ombudsman.domain import place
from compliance.ombudsman.models import Assessment, AssessmentMethod, DimensionScore, Finding
from compliance.ombudsman.selectors import bands_of
from compliance.skm.demo import seed_surveys
from innovations.demo import tiny_pdf
from innovations.selectors import heads_of

# Kota Ambon's results on the scale the Ombudsman used each year (domain.md §3.2): 0-100 from 2015; 2018 = 97.16,
# the best city that year (ambon.go.id); 2015-2017 are plausible yellow values (no published score was found);
# no assessment in 2020; 2025 = 81.20, published as green ("kualitas tinggi") with no A-E grade.
CITY_RESULTS = [
    (2015, "kepatuhan-2015", "61.24", ""),
    (2016, "kepatuhan-2015", "65.51", ""),
    (2017, "kepatuhan-2015", "70.19", ""),
    (2018, "kepatuhan-2015", "97.16", ""),
    (2019, "kepatuhan-2015", "90.48", ""),
    (2021, "kepatuhan-2021", "78.25", ""),
    (2022, "opini-2022", "74.10", ""),
    (2023, "opini-2022", "81.45", ""),
    (2024, "opini-2022", "88.62", ""),
    (2025, "opini-2025", "81.20", "green"),
]
#: The city's opini-2022 dimension scores (each within its maximum; they add up to the published score).
CITY_DIMENSIONS = {
    2023: {"input": "20.30", "proses": "27.15", "output": "17.60", "pengaduan": "16.40"},
    2024: {"input": "22.10", "proses": "29.40", "output": "19.02", "pengaduan": "18.10"},
}
UNIT_RESULTS = [
    ("DISDUKCAPIL", 2023, "opini-2022", "80.12", ""),
    ("DISDUKCAPIL", 2024, "opini-2022", "85.33", ""),
    ("DPMPTSP", 2024, "opini-2022", "76.40", ""),
    ("PKM-01", 2024, "opini-2022", "52.80", ""),
    ("PKM-03", 2025, "opini-2025", "71.50", "yellow"),
]
# (assessed unit, year, responsible, what to fix, due, final state)
FINDINGS = [
    (
        "PKM-01",
        2024,
        "DINKES",
        "Maklumat pelayanan belum dipajang di ruang tunggu puskesmas.",
        "2026-03-31",
        "in_progress",
    ),
    (
        "PKM-01",
        2024,
        "PKM-01",
        "Belum ada sarana pengaduan (kotak saran, nomor WhatsApp) yang dikelola dan dijawab.",
        "2026-12-31",
        "open",
    ),
    (
        "PKM-01",
        2024,
        "DINKES",
        "Petugas pengaduan belum mendapat pelatihan pengelolaan pengaduan.",
        "2027-01-31",
        "open",
    ),
    (
        "DISDUKCAPIL",
        2024,
        "DISDUKCAPIL",
        "Standar pelayanan belum memuat jangka waktu penyelesaian setiap layanan.",
        "2026-06-30",
        "done",
    ),
    (
        "DPMPTSP",
        2024,
        "DPMPTSP",
        "Fasilitas bagi penyandang disabilitas (ramp, loket prioritas) belum tersedia.",
        "2026-09-30",
        "verified",
    ),
]


@transaction.atomic
def seed_ombudsman(region: Region) -> int:
    """Assessments of the city and some units, improvement notes in every state, surveys of a few puskesmas."""
    agencies = {a.code: a for a in Agency.objects.filter(region=region)}
    root = Agency.objects.filter(region=region, parent__isnull=True).order_by("pk").first()
    walikota = User.objects.filter(username=demo_username(region, "walikota")).first()
    if root is None or walikota is None:
        return 0
    methods = {m.slug: m for m in AssessmentMethod.objects.all()}
    created = 0
    for code, year, slug, score, zone in [(root.code, *r) for r in CITY_RESULTS] + UNIT_RESULTS:
        agency = agencies.get(code)
        if agency is None:
            continue
        placement = place(methods[slug], Decimal(score), bands=bands_of(methods[slug]), published_zone=zone)
        result, made = Assessment.objects.get_or_create(
            agency=agency,
            year=year,
            method=methods[slug],
            defaults={
                "score": Decimal(score),
                "zone": placement.zone,
                "grade": placement.grade,
                "published": datetime.date(year, 12, 10) if year < 2025 else datetime.date(2025, 12, 16),
                "source_url": "https://ombudsman.go.id/" if year >= 2022 else "",
                "created_by": walikota,
            },
        )
        created += made
        if made and agency == root and year in CITY_DIMENSIONS:
            dimensions = {d.slug: d for d in methods[slug].dimensions.all()}
            DimensionScore.objects.bulk_create(
                DimensionScore(assessment=result, dimension=dimensions[k], score=Decimal(v))
                for k, v in CITY_DIMENSIONS[year].items()
            )
    for unit, year, responsible, text, due, state in FINDINGS:
        assessment = Assessment.objects.filter(agency__code=unit, agency__region=region, year=year).first()
        if assessment is None or responsible not in agencies or Finding.objects.filter(text=text).exists():
            continue
        finding = services.finding_create(
            assessment=assessment,
            text=text,
            responsible=agencies[responsible],
            due=datetime.date.fromisoformat(due),
            by=walikota,
        )
        _walk(finding, state, walikota)
    services.findings_mark_overdue()
    seed_surveys(region, agencies, walikota)
    return created


def _walk(finding: Any, state: str, walikota: User) -> None:
    """Move a demo note to its state through the same functions the pages use."""
    head = heads_of(finding.responsible.path, finding.responsible.pk).first() or walikota
    if state in ("in_progress", "done", "verified"):
        services.finding_move(finding=finding, to="in_progress", by=head, comment="Sedang dikerjakan.")
    if state in ("done", "verified"):
        services.finding_add_evidence(
            finding=finding,
            by=head,
            name="bukti-perbaikan.pdf",
            data=tiny_pdf("Bukti perbaikan"),
            caption="Foto dan SK perbaikan",
            max_bytes=10 * 1024 * 1024,
        )
        services.finding_move(finding=finding, to="done", by=head, comment="Sudah diperbaiki, bukti terlampir.")
    if state == "verified":
        services.finding_move(finding=finding, to="verified", by=walikota, comment="Sudah dicek di lokasi.")
