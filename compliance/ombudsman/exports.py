"""Ombudsman assessments as a downloadable table (core.exports). The overview's Download buttons and its old
`?format=` links, the scorecard's buttons, the background jobs and `manage.py export_ombudsman` all give these
columns."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment, Zone
from compliance.shared import agency_year_rows
from core.exports import Table, cells, choice_from, register

HEADERS = [
    "agency",
    "name",
    "year",
    "method",
    "score",
    "zone",
    "grade",
    "dimensions",
]


def assessment_rows(queryset: QuerySet[Assessment]) -> QuerySet[Any]:
    """The table's columns and order, for whatever assessments the caller may export. The dimension scores are one
    text column ("input=21.00; proses=30.50"), the same shape whichever methods the rows span."""
    dimensions = StringAgg(
        Concat(
            "dimension_scores__dimension__slug",
            Value("="),
            Cast("dimension_scores__score", CharField()),
            output_field=CharField(),
        ),
        delimiter="; ",
        filter=Q(dimension_scores__isnull=False),
        order_by=("dimension_scores__dimension__order", "dimension_scores__dimension__slug"),
        default=Value(""),
    )
    return (
        queryset.annotate(dimension_text=dimensions)
        .order_by("year", "agency__code", "method__slug", "pk")
        .values_list(
            "agency__code",
            "agency__name",
            "year",
            "method__slug",
            "score",
            "zone",
            "grade",
            "dimension_text",
        )
    )


def assessments_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    queryset = agency_year_rows(selectors.assessments_visible_to(user), user=user, data=data)
    zone = choice_from(data, "zone", Zone.values, gettext_lazy("The zone is not understood."))
    if zone:
        queryset = queryset.filter(zone=zone)
    return assessment_rows(queryset)


ASSESSMENTS = register(
    Table(
        slug="assessments",
        title=gettext_lazy("Ombudsman assessments"),
        filename="ombudsman",
        sheet=gettext_lazy("Ombudsman"),
        headers=HEADERS,
        build=assessments_build,
        row=cells,
    )
)
