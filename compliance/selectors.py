"""Reads of compliance data; every list and detail view starts here."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from agencies.models import Agency
from agencies.selectors import work_scope
from compliance.models import QuotaExemption, QuotaRule, QuotaState, QuotaStatus, QuotaStatusChange


def quota_agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Whose quota a person may see: the region for the mayor's office, a head's units, staff's own agency."""
    scope = work_scope(user)
    return Agency.objects.all() if scope is None else Agency.objects.filter(scope)


def quota_statuses_visible_to(user: Any, *, year: int) -> QuerySet[QuotaStatus]:
    return QuotaStatus.objects.filter(year=year, agency__in=quota_agencies_visible_to(user))


def quota_table(*, region_id: int, year: int) -> QuerySet[QuotaStatus]:
    return QuotaStatus.objects.filter(agency__region_id=region_id, year=year).select_related(
        "agency", "agency__type", "agency__parent"
    )


def status_counts(*, region_id: int, year: int) -> dict[str, int]:
    rows = (
        QuotaStatus.objects.filter(agency__region_id=region_id, year=year)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts = dict.fromkeys(QuotaState.values, 0)
    counts.update(dict(rows))
    return counts


def recent_changes(*, region_id: int, year: int, limit: int = 50) -> QuerySet[QuotaStatusChange]:
    return (
        QuotaStatusChange.objects.filter(agency__region_id=region_id, year=year)
        .exclude(from_status="")
        .select_related("agency")
        .order_by("-at", "-id")[:limit]
    )


def rule_for(*, region_id: int, year: int) -> QuotaRule | None:
    return QuotaRule.objects.filter(region_id=region_id, year=year).prefetch_related("subject_types").first()


def open_exemptions(*, region_id: int) -> QuerySet[QuotaExemption]:
    return QuotaExemption.objects.filter(
        agency__region_id=region_id, state=QuotaExemption.Decision.REQUESTED
    ).select_related("agency", "requested_by")


def agency_quota_history(agency: Agency) -> tuple[list[QuotaStatus], list[QuotaStatusChange], list[QuotaExemption]]:
    statuses = list(QuotaStatus.objects.filter(agency=agency).order_by("-year"))
    changes = list(QuotaStatusChange.objects.filter(agency=agency).order_by("-at", "-id")[:100])
    exemptions = list(
        QuotaExemption.objects.filter(agency=agency)
        .select_related("requested_by", "decided_by")
        .order_by("-requested_at")
    )
    return statuses, changes, exemptions
