"""Demo quota: the 2024, 2025 and 2026 rules of the demo city, an accepted exemption, and the sweep, so that
every status appears (fulfilled, fulfilled late, at risk, missed, exempt, not subject, pending)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from agencies.models import Agency, Region, User
from compliance import quota
from compliance.models import QuotaExemption, QuotaRule
from innovations.demo import tiny_pdf


@transaction.atomic
def seed_quota(region: Region) -> dict[int, int]:
    for year in (2024, 2025, 2026):
        quota.ensure_rules(year, region_ids=[region.pk])
    # 2026: reminders 30 and 7 days ahead, so agencies with nothing yet are "pending" until December.
    QuotaRule.objects.filter(region=region, year=2026).update(reminder_days=[30, 7])
    market = Agency.objects.filter(region=region, code="UPTD-PASAR").first()
    reviewer = User.objects.filter(username="walikota").first()
    if market and not QuotaExemption.objects.filter(agency=market, year=2025).exists():
        QuotaExemption.objects.create(
            agency=market,
            year=2025,
            reason_kind=QuotaExemption.Reason.CREATED_LATE,
            explanation="UPTD dibentuk dengan Perwali pada Oktober 2025.",
            requested_by=reviewer,
            state=QuotaExemption.Decision.ACCEPTED,
            decided_by=reviewer,
            decided_at=datetime.datetime(2025, 11, 3, 10, 0, tzinfo=datetime.UTC),
            decision_note="Diterima: unit baru dibentuk setelah pertengahan tahun.",
        )
    # The demo's history is in the past: no reminder emails for it.
    return {year: len(quota.sweep(year=year, notify=year == 2026).changes) for year in (2024, 2025, 2026)}


# Kota Ambon's results: yellow in 2015-2017 (kepatuhan-2014, 0-1000), green from 2018, then the 0-100 methods.
CITY_RESULTS = [
    (2015, "kepatuhan-2014", "612.40", ""),
    (2016, "kepatuhan-2014", "655.10", ""),
    (2017, "kepatuhan-2014", "701.85", ""),
    (2018, "kepatuhan-2014", "812.30", ""),
    (2019, "kepatuhan-2014", "845.00", ""),
    (2021, "kepatuhan-2021", "78.25", ""),
    (2022, "opini-2022", "74.10", ""),
    (2023, "opini-2022", "81.45", ""),
    (2024, "opini-2022", "88.62", ""),
    (2025, "opini-2025", "86.10", "green"),
]
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
    from compliance import findings, surveys
    from compliance.bands import place
    from compliance.models import Assessment, AssessmentMethod, Finding

    agencies = {a.code: a for a in Agency.objects.filter(region=region)}
    root = Agency.objects.filter(region=region, parent__isnull=True).order_by("pk").first()
    walikota = User.objects.filter(username="walikota").first()
    if root is None or walikota is None:
        return 0
    methods = {m.slug: m for m in AssessmentMethod.objects.all()}
    created = 0
    for code, year, slug, score, zone in [(root.code, *r) for r in CITY_RESULTS] + UNIT_RESULTS:
        agency = agencies.get(code)
        if agency is None:
            continue
        placement = place(methods[slug], Decimal(score), published_zone=zone)
        _, made = Assessment.objects.get_or_create(
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
    for unit, year, responsible, text, due, state in FINDINGS:
        assessment = Assessment.objects.filter(agency__code=unit, agency__region=region, year=year).first()
        if assessment is None or responsible not in agencies or Finding.objects.filter(text=text).exists():
            continue
        finding = findings.finding_create(
            assessment=assessment,
            text=text,
            responsible=agencies[responsible],
            due=datetime.date.fromisoformat(due),
            by=walikota,
        )
        _walk(finding, state, walikota)
    findings.mark_overdue()
    _seed_surveys(region, agencies, walikota, surveys)
    return created


def _walk(finding: Any, state: str, walikota: User) -> None:
    """Move a demo note to its state through the same functions the pages use."""
    from compliance import findings
    from innovations.selectors import heads_of

    head = heads_of(finding.responsible.path, finding.responsible.pk).first() or walikota
    if state in ("in_progress", "done", "verified"):
        findings.finding_move(finding=finding, to="in_progress", by=head, comment="Sedang dikerjakan.")
    if state in ("done", "verified"):
        findings.finding_add_evidence(
            finding=finding,
            by=head,
            name="bukti-perbaikan.pdf",
            data=tiny_pdf("Bukti perbaikan"),
            caption="Foto dan SK perbaikan",
            max_bytes=10 * 1024 * 1024,
        )
        findings.finding_move(finding=finding, to="done", by=head, comment="Sudah diperbaiki, bukti terlampir.")
    if state == "verified":
        findings.finding_move(finding=finding, to="verified", by=walikota, comment="Sudah dicek di lokasi.")


def _seed_surveys(region: Region, agencies: dict[str, Agency], walikota: User, surveys: Any) -> None:
    from compliance.models import Survey

    rng = random.Random(2026)  # noqa: S311 -- demo data, not security
    plans = [("PKM-01", 2026, 0.0), ("PKM-02", 2026, 0.35), ("PKM-03", 2026, 0.7), ("PKM-04", 2025, 0.5)]
    for code, year, lift in plans:
        agency = agencies.get(code)
        if agency is None or Survey.objects.filter(agency=agency, year=year).exists():
            continue
        answers = [
            [min(4, max(1, round(rng.gauss(2.9 + lift - (0.5 if i in (2, 7) else 0), 0.6)))) for i in range(9)]
            for _ in range(120)
        ]
        profiles = [{"umur": str(rng.randint(18, 70)), "jenis_kelamin": rng.choice("LP")} for _ in answers]
        surveys.survey_record(
            agency=agency, year=year, period="Semester I", by=walikota, answers=answers, profiles=profiles
        )
    disdukcapil = agencies.get("DISDUKCAPIL")
    if disdukcapil and not Survey.objects.filter(agency=disdukcapil, year=2026).exists():
        surveys.survey_record(
            agency=disdukcapil,
            year=2026,
            period="Tahunan",
            by=walikota,
            respondents=400,
            totals={
                "u1": 1310,
                "u2": 1275,
                "u3": 1190,
                "u4": 1520,
                "u5": 1302,
                "u6": 1288,
                "u7": 1350,
                "u8": 1105,
                "u9": 1240,
            },
            note="Rekap dari laporan SKM tahunan.",
        )
