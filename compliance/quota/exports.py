"""CSV and XLSX of the quota table (the filtered rows, every page)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.utils import timezone

from compliance.quota.models import QuotaStatus
from core import tabular

HEADERS = ["code", "name", "type", "status", "count", "since"]


def _rows(rows: QuerySet[QuotaStatus]) -> Iterator[list[object]]:
    for r in rows.select_related("agency", "agency__type"):
        yield [
            r.agency.code,
            r.agency.name,
            r.agency.type.slug,
            r.status,
            r.count,
            timezone.localtime(r.since).strftime("%Y-%m-%d %H:%M"),
        ]


def quota_export(rows: QuerySet[QuotaStatus], *, fmt: str, name: str) -> HttpResponseBase:
    if fmt == "csv":
        return tabular.csv_response(HEADERS, _rows(rows), name)
    return tabular.xlsx_response(HEADERS, _rows(rows), name, sheet="Kuota")
