"""CSV and XLSX of the quota table (the filtered rows, every page)."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from compliance.models import QuotaStatus

HEADERS = ["code", "name", "type", "status", "count", "since"]


def quota_export(rows: QuerySet[QuotaStatus], *, fmt: str, name: str) -> HttpResponse:
    data = [
        [
            r.agency.code,
            r.agency.name,
            r.agency.type.slug,
            r.status,
            r.count,
            timezone.localtime(r.since).strftime("%Y-%m-%d %H:%M"),
        ]
        for r in rows.select_related("agency", "agency__type")
    ]
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows(data)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kuota")
    sheet.append(HEADERS)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
