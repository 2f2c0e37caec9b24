"""Reads of the reports app: whose scorecard a person may open, and the figures on it, aggregated in SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from agencies.models import Agency
from compliance.ombudsman.models import Assessment
from compliance.quota.models import QuotaStatus
from compliance.quota.selectors import quota_agencies_visible_to
from innovations.models import Innovation, State

#: The scorecard lists at most this many innovations; the rest are one click away in the register.
SCORECARD_INNOVATIONS = 100


def scorecard_agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Whose scorecard a person may open: the region for the mayor's office, a head's agency and the units
    under it, a staff member's own agency. Anyone else gets 404 (the same scope as the agency's quota)."""
    return quota_agencies_visible_to(user)


def agency_quota_years(agency: Agency) -> list[QuotaStatus]:
    return list(QuotaStatus.objects.filter(agency=agency).order_by("-year"))


def agency_innovation_counts(agency: Agency) -> dict[int, dict[str, int]]:
    """{year: {state: count}} for every year the agency has an innovation, newest first; one GROUP BY."""
    rows = (
        Innovation.objects.filter(agency=agency)
        .values_list("year", "state")
        .annotate(n=Count("id"))
        .order_by("-year", "state")
    )
    counts: dict[int, dict[str, int]] = {}
    for year, state, n in rows:
        counts.setdefault(year, dict.fromkeys(State.values, 0))[state] = n
    return counts


def agency_innovations(agency: Agency, *, limit: int = SCORECARD_INNOVATIONS) -> list[Innovation]:
    return list(
        Innovation.objects.filter(agency=agency)
        .select_related("tahapan")
        .only("id", "title", "year", "state", "continued_from_id", "replication_of_id", "tahapan__name")
        .order_by("-year", "title", "id")[:limit]
    )


def agency_assessments(agency: Agency) -> list[Assessment]:
    return list(
        Assessment.objects.filter(agency=agency).select_related("method").order_by("-year", "method__first_year")
    )


def assessment_points(assessments: list[Assessment]) -> list[dict[str, Any]]:
    """The chart's data, oldest first, as the unit's Ombudsman page draws it (static/js/assessment-chart.js)."""
    return [
        {
            "year": a.year,
            "score": float(a.score),
            "percent": round(float(a.score / a.method.scale_max * 100), 2),
            "zone": a.zone,
            "grade": a.grade,
            # Grade A is "hijau tua", the Ombudsman's dark green.
            "dark": a.grade == "A",
            "method": a.method.slug,
        }
        for a in reversed(assessments)
    ]
