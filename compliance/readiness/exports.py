"""The readiness overview as a downloadable table (core.exports): one row per unit's checklist of a year.

The counts come from SQL; the weighted score needs every dimension's count and weight, so each row reads it
with one small grouped query (a region has a few hundred units at most: the file stays quick)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from compliance.readiness import selectors
from compliance.readiness.models import Checklist
from compliance.shared import agency_year_rows
from core.exports import Table, cell, register

HEADERS = [
    "year",
    "region",
    "agency",
    "name",
    "deadline",
    "items",
    "ready_on_paper",
    "ready_on_ground",
    "ready",
    "share",
    "score",
]


def readiness_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    visible = selectors.checklists_visible_to(user)
    rows = agency_year_rows(visible, user=user, data=data)
    return (
        rows.annotate(
            n_items=Count("entries"),
            n_paper=Count("entries", filter=Q(entries__paper_at__isnull=False)),
            n_ground=Count("entries", filter=Q(entries__ground_on__isnull=False)),
            n_ready=Count("entries", filter=Q(entries__paper_at__isnull=False, entries__ground_on__isnull=False)),
        )
        .order_by("-year", "agency__name", "pk")
        .values_list(
            "pk",
            "year",
            "agency__region_id",
            "agency__region__code",
            "agency__code",
            "agency__name",
            "n_items",
            "n_paper",
            "n_ground",
            "n_ready",
        )
    )


def readiness_row(values: Sequence[Any]) -> list[object]:
    pk, year, region_id, region, code, name, items, paper, ground, ready = values
    score = selectors.checklist_score(Checklist(pk=pk))
    deadline = selectors.deadline_for(region_id, year)
    return [
        cell(v) for v in (year, region, code, name, deadline, items, paper, ground, ready, score.share, score.weighted)
    ]


READINESS = register(
    Table(
        slug="readiness",
        title=gettext_lazy("Ombudsman readiness"),
        filename="kesiapan-ombudsman",
        sheet=gettext_lazy("Readiness"),
        headers=HEADERS,
        build=readiness_build,
        row=readiness_row,
    )
)
