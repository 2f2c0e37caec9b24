"""Reads of the Ombudsman part: assessments, their methods' bands and the improvement notes; every list and
detail view starts here."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils import timezone

from agencies.models import Agency, Region
from compliance.ombudsman.models import (
    FINDING_PENDING,
    Assessment,
    AssessmentCorrection,
    AssessmentMethod,
    Band,
    Dimension,
    DimensionScore,
    Finding,
    FindingState,
)
from compliance.shared import agencies_in_scope


def bands_of(method: AssessmentMethod) -> list[Band]:
    """The method's band table (from the prefetched rows when the caller prefetched them)."""
    return list(method.bands.all())


def dimensions_by_method() -> dict[int, list[Dimension]]:
    """Every method's dimensions in their order, by method id (one query)."""
    by_method: dict[int, list[Dimension]] = {}
    for dimension in Dimension.objects.order_by("method_id", "order", "slug"):
        by_method.setdefault(dimension.method_id, []).append(dimension)
    return by_method


def dimension_columns() -> list[str]:
    """The dimension slugs of every method, each once, in the methods' order: an import file's extra columns."""
    slugs = Dimension.objects.order_by("method__first_year", "order").values_list("slug", flat=True)
    return list(dict.fromkeys(slugs))


#: An assessment's dimension scores with their dimensions, for `Assessment.dimensions` without a query per row.
SCORES = Prefetch("dimension_scores", queryset=DimensionScore.objects.select_related("dimension"))


def assessments_visible_to(user: Any) -> QuerySet[Assessment]:
    """Assessments of the agencies a person may see (the region for the mayor's office, a head's units, staff's
    own agency)."""
    return Assessment.objects.filter(agency__in=agencies_in_scope(user))


def agency_assessments(agency: Agency) -> list[Assessment]:
    """One unit's results, oldest first, with their method, source document, corrections and notes."""
    return list(
        Assessment.objects.filter(agency=agency)
        .select_related("method")
        .select_related("source")
        .prefetch_related(
            SCORES,
            Prefetch("corrections", queryset=AssessmentCorrection.objects.select_related("by")),
            Prefetch("findings", queryset=Finding.objects.select_related("responsible").order_by("due", "id")),
        )
        .order_by("year", "method__first_year")
    )


def methods_with_grade_a() -> set[int]:
    """Methods whose band table has a grade A (shown as dark green)."""
    return set(Band.objects.filter(grade="A").values_list("method_id", flat=True))


def assessment_years(region: Region) -> list[int]:
    return list(
        Assessment.objects.filter(agency__region=region).values_list("year", flat=True).distinct().order_by("-year")
    )


def region_assessments(region: Region, *, year: int, today: datetime.date | None = None) -> QuerySet[Assessment]:
    """Every unit's result of a year with its pending and overdue notes (the region overview)."""
    today = today or timezone.localdate()
    return (
        Assessment.objects.filter(agency__region=region, year=year)
        .select_related("agency", "method", "source")
        .annotate(
            pending=Count("findings", filter=Q(findings__state__in=FINDING_PENDING)),
            overdue=Count("findings", filter=Q(findings__state__in=FINDING_PENDING, findings__due__lt=today)),
        )
        .order_by("agency__depth", "agency__name")
    )


def latest_assessment(agency: Agency) -> Assessment | None:
    return Assessment.objects.filter(agency=agency).select_related("method").order_by("-year").first()


# --- improvement notes ------------------------------------------------------------------------------------------


def findings_visible_to(user: Any) -> QuerySet[Finding]:
    """Items of the agencies a person may see the quota of (the region for the mayor's office, a head's units,
    staff's own agency)."""
    return Finding.objects.filter(responsible__in=agencies_in_scope(user))


def finding_list(user: Any, *, region_id: int | None = None, today: datetime.date | None = None) -> QuerySet[Finding]:
    today = today or timezone.localdate()
    qs = findings_visible_to(user).select_related("responsible", "assessment__agency", "assessment__method")
    if region_id is not None:
        qs = qs.filter(responsible__region_id=region_id)
    return qs.annotate(
        evidence_count=Count("evidence", distinct=True),
        overdue=Case(When(state__in=FINDING_PENDING, due__lt=today, then=True), default=False),
    ).order_by("due", "id")


def finding_counts(qs: QuerySet[Finding], *, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    S = FindingState
    return qs.aggregate(
        open=Count("pk", filter=Q(state=S.OPEN)),
        in_progress=Count("pk", filter=Q(state=S.IN_PROGRESS)),
        done=Count("pk", filter=Q(state=S.DONE)),
        verified=Count("pk", filter=Q(state=S.VERIFIED)),
        overdue=Count("pk", filter=Q(state__in=FINDING_PENDING, due__lt=today)),
    )


def unit_results(*, agency_ids: list[int], year: int) -> dict[int, Assessment]:
    """Each unit's Ombudsman result of the year, by agency id (one query; one method applies to a year)."""
    rows = Assessment.objects.filter(agency_id__in=agency_ids, year=year).select_related("method")
    return {a.agency_id: a for a in rows}


def pending_findings_of(*, agency_ids: list[int]) -> QuerySet[Finding]:
    """Improvement notes these agencies still have to act on, by due date (one query)."""
    return Finding.objects.filter(responsible_id__in=agency_ids, state__in=FINDING_PENDING).only(
        "id", "responsible_id", "text", "due", "state"
    )
