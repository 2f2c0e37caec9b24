"""Celery tasks of the quota: thin wrappers around its services; safe to run twice or at once.

The `name=`s are those the tasks had in the flat `compliance` app: django-celery-beat rows refer to them."""

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from agencies.models import Agency
from compliance.quota import services
from compliance.quota.models import QuotaRule

log = logging.getLogger(__name__)


@shared_task(name="compliance.sweep_quotas")
def sweep_quotas() -> dict[int, int]:
    """The daily sweep: every open year (and the current one, whose rules it creates if missing)."""
    this_year = timezone.localdate().year
    years = set(QuotaRule.objects.filter(open=True).values_list("year", flat=True)) | {this_year}
    return {year: len(services.quota_sweep(year=year).changes) for year in sorted(years)}


@shared_task(name="compliance.sweep_agency_quota")
def sweep_agency_quota(*, agency_id: int, year: int) -> int:
    if not Agency.objects.filter(pk=agency_id).exists():
        log.info("agency %s vanished before its quota check", agency_id)
        return 0
    return len(services.quota_sweep(year=year, agency_ids=[agency_id]).changes)


@shared_task(name="compliance.send_quota_digest")
def send_quota_digest(*, day: str | None = None) -> int:
    """The weekly digest of agencies at risk and missed, to each region's mayor's office."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return services.quota_digests_send(today=today)


@shared_task(name="compliance.sweep_year_quota")
def sweep_year_quota(*, year: int) -> int:
    return len(services.quota_sweep(year=year).changes)
