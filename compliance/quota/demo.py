"""Demo quota: the 2024, 2025 and 2026 rules of the demo city, an accepted exemption, and the sweep, so that
every status appears (fulfilled, fulfilled late, at risk, missed, exempt, not subject, pending)."""

from __future__ import annotations

import datetime

from django.db import transaction

from agencies.demo import demo_username
from agencies.models import Agency, Region, User
from compliance.quota import services
from compliance.quota.models import QuotaExemption, QuotaRule


@transaction.atomic
def seed_quota(region: Region) -> dict[int, int]:
    for year in (2024, 2025, 2026):
        services.quota_rules_ensure(year=year, region_ids=[region.pk])
    # 2026: reminders 30 and 7 days ahead, so agencies with nothing yet are "pending" until December.
    QuotaRule.objects.filter(region=region, year=2026).update(reminder_days=[30, 7])
    market = Agency.objects.filter(region=region, code="UPTD-PASAR").first()
    reviewer = User.objects.filter(username=demo_username(region, "walikota")).first()
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
    return {year: len(services.quota_sweep(year=year, notify=year == 2026).changes) for year in (2024, 2025, 2026)}
