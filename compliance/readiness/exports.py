"""The readiness overview as a downloadable table (core.exports): one row per unit's checklist of a year.

The counts come from SQL; the weighted score needs every dimension's count and weight, so each row reads it
with one small grouped query (a region has a few hundred units at most: the file stays quick)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies.exports import AGENCY_COLUMNS
from compliance.readiness import selectors
from compliance.readiness.models import Checklist
from compliance.shared import agency_year_rows
from core.exports import YEAR, Column, Selection, Table, register


def readiness_build(user: Any, data: QueryDict) -> Selection:
    selection = agency_year_rows(selectors.checklists_visible_to(user), user=user, data=data)
    rows = selection.rows.annotate(
        n_items=Count("entries"),
        n_paper=Count("entries", filter=Q(entries__paper_at__isnull=False)),
        n_ground=Count("entries", filter=Q(entries__ground_on__isnull=False)),
        n_ready=Count("entries", filter=Q(entries__paper_at__isnull=False, entries__ground_on__isnull=False)),
    )
    return replace(selection, rows=rows.order_by("-year", "agency__name", "pk"))


def readiness_row(values: Sequence[Any]) -> list[object]:
    year, region, code, name, items, paper, ground, ready, pk, region_id = values
    score = selectors.checklist_score(Checklist(pk=pk))
    deadline = selectors.deadline_for(region_id, year)
    return [year, region, code, name, deadline, items, paper, ground, ready, score.share, score.weighted]


COLUMNS = [
    YEAR,
    *AGENCY_COLUMNS,
    Column(gettext_lazy("Deadline")),
    Column(gettext_lazy("Items"), "n_items"),
    Column(gettext_lazy("Ready on paper"), "n_paper"),
    Column(gettext_lazy("Ready on the ground"), "n_ground"),
    Column(gettext_lazy("Ready"), "n_ready"),
    Column(gettext_lazy("Share ready (%)"), width=16),
    Column(gettext_lazy("Weighted score (%)"), width=18),
]
# The deadline and the scores are computed per row: `pk` and the region are read besides the columns.
READINESS = register(
    Table(
        "readiness",
        gettext_lazy("Ombudsman readiness"),
        "kesiapan-ombudsman",
        COLUMNS,
        readiness_build,
        ("pk", "agency__region_id"),
        readiness_row,
    )
)
