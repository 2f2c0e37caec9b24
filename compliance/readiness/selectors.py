"""Reads of readiness: checklists a person may see, one checklist with its items, the region overview (every
unit's score, least ready first) and the deadline of a region's year."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from agencies.models import Agency, Region
from compliance.readiness import domain
from compliance.readiness.models import (
    Checklist,
    CheckResult,
    Deadline,
    Dimension,
    Entry,
    EntryFile,
    FieldCheck,
    default_deadline,
)
from compliance.shared import agencies_in_scope

READY_Q = Q(paper_at__isnull=False, ground_on__isnull=False)


def checklists_visible_to(user: Any) -> QuerySet[Checklist]:
    return Checklist.objects.filter(agency__in=agencies_in_scope(user))


def deadline_for(region: Region | int, year: int) -> datetime.date:
    region_id = region if isinstance(region, int) else region.pk
    row = Deadline.objects.filter(region_id=region_id, year=year).first()
    return row.due if row else default_deadline(year)


def entries_of(checklist: Checklist) -> list[Entry]:
    return list(
        checklist.entries.select_related("item__dimension", "paper_by", "ground_by").prefetch_related(
            Prefetch("files", queryset=EntryFile.objects.order_by("uploaded_at", "id"))
        )
    )


def field_checks_of(checklist: Checklist) -> list[FieldCheck]:
    return list(
        checklist.field_checks.select_related("by").prefetch_related(
            Prefetch("results", queryset=CheckResult.objects.select_related("entry__item", "finding")), "photos"
        )
    )


def checklist_score(checklist: Checklist) -> domain.Score:
    return scores_of(Checklist.objects.filter(pk=checklist.pk)).get(checklist.pk, domain.score([]))


def _scores_by(entries: QuerySet[Entry], key: str) -> dict[int, domain.Score]:
    """Scores of `entries` grouped by `key` (a checklist or its agency) from one grouped query (entries counted
    per key and dimension)."""
    rows = (
        entries.values(key, "item__dimension__weight", "item__dimension_id")
        .annotate(n_items=Count("pk"), n_ready=Count("pk", filter=READY_Q))
        .order_by()
    )
    grouped: dict[int, list[domain.DimensionCount]] = defaultdict(list)
    for r in rows:
        grouped[r[key]].append(domain.DimensionCount(r["item__dimension__weight"], r["n_items"], r["n_ready"]))
    return {pk: domain.score(dims) for pk, dims in grouped.items()}


def scores_of(checklists: QuerySet[Checklist]) -> dict[int, domain.Score]:
    """Every checklist's score, by checklist id (one query)."""
    return _scores_by(Entry.objects.filter(checklist__in=checklists), "checklist_id")


def scores_by_agency(*, agency_ids: list[int], year: int) -> dict[int, domain.Score]:
    """Each agency's readiness score of the year (its one checklist), by agency id (one query)."""
    entries = Entry.objects.filter(checklist__agency_id__in=agency_ids, checklist__year=year)
    return _scores_by(entries, "checklist__agency_id")


@dataclass
class OverviewRow:
    checklist: Checklist
    agency: Agency
    items: int
    on_paper: int
    on_ground: int
    ready: int
    score: domain.Score


def region_overview(region: Region, year: int, *, user: Any = None) -> list[OverviewRow]:
    """Every checklist of the region's year, least ready first (by weighted score, then by name)."""
    checklists = Checklist.objects.filter(agency__region=region, year=year)
    if user is not None:
        checklists = checklists.filter(agency__in=agencies_in_scope(user))
    annotated = checklists.select_related("agency").annotate(
        n_items=Count("entries"),
        n_paper=Count("entries", filter=Q(entries__paper_at__isnull=False)),
        n_ground=Count("entries", filter=Q(entries__ground_on__isnull=False)),
        n_ready=Count("entries", filter=Q(entries__paper_at__isnull=False, entries__ground_on__isnull=False)),
    )
    scores = scores_of(checklists)
    rows = [
        OverviewRow(c, c.agency, c.n_items, c.n_paper, c.n_ground, c.n_ready, scores.get(c.pk, domain.score([])))
        for c in annotated
    ]
    return sorted(rows, key=lambda r: (r.score.weighted, r.score.share, r.agency.name))


def years_with_items() -> list[int]:
    return list(Dimension.objects.values_list("year", flat=True).distinct().order_by("-year"))


def checklist_of(agency: Agency, year: int) -> Checklist | None:
    return Checklist.objects.filter(agency=agency, year=year).first()


def latest_checklist(agency: Agency) -> Checklist | None:
    return Checklist.objects.filter(agency=agency).order_by("-year").first()
