"""CSV and XLSX exports of a filtered innovation list (the same rows the page shows, every page of them)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import tabular
from innovations.models import Innovation

HEADERS = [
    "id",
    "year",
    "agency_code",
    "agency",
    "title",
    "state",
    "new_or_continuing",
    "bentuk",
    "jenis",
    "tahapan",
    "urusan",
    "sdgs",
    "trial_date",
    "launch_date",
    "replication_of",
    "beneficiaries",
    "updated",
]


def rows(queryset: QuerySet[Innovation]) -> Iterator[list[object]]:
    queryset = (
        queryset.select_related("agency", "bentuk", "jenis", "tahapan", "urusan", "replication_of")
        .prefetch_related("sdgs")
        .order_by("-year", "agency__name", "title")
    )
    for innovation in queryset.iterator(chunk_size=2000):
        yield [
            innovation.pk,
            innovation.year,
            innovation.agency.code,
            innovation.agency.name,
            innovation.title,
            innovation.state,
            "continuing" if innovation.continued_from_id else "new",
            innovation.bentuk.slug if innovation.bentuk else "",
            innovation.jenis.slug if innovation.jenis else "",
            innovation.tahapan.slug if innovation.tahapan else "",
            innovation.urusan.name if innovation.urusan else "",
            ";".join(s.slug.removeprefix("sdg-") for s in innovation.sdgs.all()),
            innovation.trial_date.isoformat() if innovation.trial_date else "",
            innovation.launch_date.isoformat() if innovation.launch_date else "",
            innovation.replication_of.title if innovation.replication_of else innovation.replication_source_name,
            innovation.beneficiaries if innovation.beneficiaries is not None else "",
            timezone.localtime(innovation.updated).strftime("%Y-%m-%d %H:%M"),
        ]


def csv_response(queryset: QuerySet[Innovation], filename: str) -> StreamingHttpResponse:
    return tabular.csv_response(HEADERS, rows(queryset), filename)


def xlsx_response(queryset: QuerySet[Innovation], filename: str) -> HttpResponse:
    return tabular.xlsx_response(HEADERS, rows(queryset), filename, sheet=_("Innovations"))
