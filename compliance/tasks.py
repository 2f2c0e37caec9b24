"""Celery tasks of the quota: thin wrappers around compliance.quota; safe to run twice or at once."""

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from agencies.models import Agency
from compliance import quota
from compliance.digest import send_digests
from compliance.models import QuotaRule

log = logging.getLogger(__name__)


@shared_task(name="compliance.sweep_quotas")
def sweep_quotas() -> dict[int, int]:
    """The daily sweep: every open year (and the current one, whose rules it creates if missing)."""
    this_year = timezone.localdate().year
    years = set(QuotaRule.objects.filter(open=True).values_list("year", flat=True)) | {this_year}
    return {year: len(quota.sweep(year=year).changes) for year in sorted(years)}


@shared_task(name="compliance.sweep_agency_quota")
def sweep_agency_quota(*, agency_id: int, year: int) -> int:
    if not Agency.objects.filter(pk=agency_id).exists():
        log.info("agency %s vanished before its quota check", agency_id)
        return 0
    return len(quota.sweep(year=year, agency_ids=[agency_id]).changes)


@shared_task(name="compliance.send_quota_digest")
def send_quota_digest(*, day: str | None = None) -> int:
    """The weekly digest of agencies at risk and missed, to each region's mayor's office."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return send_digests(today=today)


@shared_task(name="compliance.sweep_year_quota")
def sweep_year_quota(*, year: int) -> int:
    return len(quota.sweep(year=year).changes)


@shared_task(name="compliance.mark_overdue_findings")
def mark_overdue_findings(*, day: str | None = None) -> dict[str, int]:
    """Daily: improvement notes past their due date are marked overdue; each responsible head is told once."""
    from compliance.findings import mark_overdue

    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    result = mark_overdue(today=today)
    return {"marked": result.marked, "notified": result.notified}
