"""Reads of the quota; every list and detail view starts here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, QuerySet

from agencies.models import Agency
from compliance.quota.domain import Facts
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaState, QuotaStatus, QuotaStatusChange
from compliance.shared import agencies_in_scope


def quota_agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Whose quota a person may see: the region for the mayor's office, a head's units, staff's own agency."""
    return agencies_in_scope(user)


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


def unit_statuses(agency: Agency, *, year: int) -> list[QuotaStatus]:
    """The year's status of every unit under the agency (a head's overview of the units they answer for)."""
    return list(
        QuotaStatus.objects.filter(agency__path__startswith=agency.path, year=year)
        .exclude(agency=agency)
        .select_related("agency", "agency__type")
        .order_by("agency__path")
    )


def latest_statuses(agency: Agency, *, limit: int = 3) -> list[QuotaStatus]:
    """The agency's last years, newest first (its page's quota panel)."""
    return list(QuotaStatus.objects.filter(agency=agency).order_by("-year")[:limit])


def warning_statuses(*, rule: QuotaRule) -> list[QuotaStatus]:
    """The rule's agencies at risk or missed, at risk first (the weekly digest)."""
    return list(
        QuotaStatus.objects.filter(
            year=rule.year, agency__region=rule.region, status__in=[QuotaState.AT_RISK, QuotaState.MISSED]
        )
        .select_related("agency")
        .order_by("status", "agency__name")
    )


FACTS_SQL = """
SELECT a.id, a.region_id, a.type_id, a.active_from, a.active_until,
       COUNT(i.id) FILTER (WHERE counts AND i.first_approved_at < deadline_end) AS on_time,
       COUNT(i.id) FILTER (WHERE counts AND i.state = 'accepted' AND i.first_approved_at >= deadline_end) AS late,
       COUNT(i.id) FILTER (WHERE NOT counts AND i.state IN ('draft', 'returned', 'submitted')) AS drafts
FROM agencies_agency a
JOIN compliance_quotarule r ON r.region_id = a.region_id AND r.year = %(year)s
LEFT JOIN LATERAL (
    SELECT i.id, i.state, i.first_approved_at,
           (i.state = ANY(r.counting_states)
            AND (r.replications_count OR (i.replication_of_id IS NULL AND i.replication_source_name = ''))
            AND (r.continuing_count OR i.continued_from_id IS NULL)
            AND (r.initiative_counts OR i.tahapan_id IS NULL OR i.tahapan_id NOT IN (
                SELECT c.id FROM innovations_category c WHERE c.kind = 'tahapan' AND c.slug = 'inisiatif'))
           ) AS counts,
           ((r.deadline + 1)::timestamp AT TIME ZONE %(tz)s) AS deadline_end
    FROM innovations_innovation i
    WHERE i.agency_id = a.id AND i.year = %(year)s
) i ON TRUE
WHERE r.id = ANY(%(rules)s) {agency_filter}
GROUP BY a.id
"""


def sweep_facts(*, year: int, rule_ids: list[int], agency_ids: list[int] | None) -> list[Facts]:
    """The facts of every agency under `rule_ids` (or of `agency_ids`) in one query, whatever their number."""
    agency_filter = "AND a.id = ANY(%(agencies)s)" if agency_ids is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            FACTS_SQL.format(agency_filter=agency_filter),
            {"year": year, "tz": settings.TIME_ZONE, "rules": rule_ids, "agencies": agency_ids or []},
        )
        return [Facts(*row) for row in cursor.fetchall()]


def statuses_of(*, agency_ids: list[int], year: int) -> dict[int, QuotaStatus]:
    """Each agency's status for the year, by agency id (one query)."""
    return {s.agency_id: s for s in QuotaStatus.objects.filter(agency_id__in=agency_ids, year=year)}
