"""Ombudsman assessments as a downloadable table (core.exports). The overview's Download buttons and its old
`?format=` links, the scorecard's buttons, the background jobs and `manage.py export_ombudsman` all give these
columns, in the reader's language: the method by its name and the zone as a word."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies.exports import AGENCY_COLUMNS
from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment, Zone
from compliance.shared import agency_year_rows
from core.exports import YEAR, Column, Selection, Table, choice_from, register

ZONES = dict(Zone.choices)


def assessment_rows(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The table's order, for whatever assessments the caller may export. The dimension scores are one text
    column ("input=21.00; proses=30.50"), the same shape whichever methods the rows span."""
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
    return queryset.annotate(dimension_text=dimensions).order_by("year", "agency__code", "method__slug", "pk")


def assessments_build(user: Any, data: QueryDict) -> Selection:
    selection = agency_year_rows(selectors.assessments_visible_to(user), user=user, data=data)
    rows = selection.rows
    zone = choice_from(data, "zone", Zone.values, gettext_lazy("The zone is not understood."))
    if zone:
        rows = rows.filter(zone=zone)
    filters = [*selection.filters, *([(gettext_lazy("Zone"), ZONES[zone])] if zone else [])]
    return replace(selection, rows=assessment_rows(rows), filters=filters)


COLUMNS = [
    YEAR,
    *AGENCY_COLUMNS,
    Column(gettext_lazy("Method"), "method__name", width=36),
    Column(gettext_lazy("Score"), "score", width=10),
    Column(gettext_lazy("Zone"), "zone", labels=ZONES, width=10),
    Column(gettext_lazy("Grade"), "grade", width=8),
    # The dimension scores of the row's method, "slug=score" joined by "; " (their set follows the method).
    Column(gettext_lazy("Dimensions"), "dimension_text", width=40),
]
ASSESSMENTS = register(
    Table("assessments", gettext_lazy("Ombudsman assessments"), "ombudsman", COLUMNS, assessments_build)
)
