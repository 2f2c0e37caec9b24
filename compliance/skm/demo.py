"""Demo satisfaction surveys: respondents' answers of a few puskesmas and the totals of the civil registry."""

from __future__ import annotations

import random

from agencies.models import Agency, Region, User
from compliance.skm import services
from compliance.skm.models import Survey


def seed_surveys(region: Region, agencies: dict[str, Agency], walikota: User) -> None:
    """Surveys of the demo units (`agencies` by code), recorded by the mayor's office; skips those present."""
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
        services.survey_record(
            agency=agency, year=year, period="Semester I", by=walikota, answers=answers, profiles=profiles
        )
    disdukcapil = agencies.get("DISDUKCAPIL")
    if disdukcapil and not Survey.objects.filter(agency=disdukcapil, year=2026).exists():
        services.survey_record(
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
