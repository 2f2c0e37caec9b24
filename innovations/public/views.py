"""Public pages of the catalogue: the list, one innovation, its public evidence, the open data."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from agencies.models import Agency, Region
from core.datacache import filter_fragment
from core.exports import csv_response
from core.uploads import file_response
from core.views import paginate
from innovations.catalogue.forms import CatalogueFilter
from innovations.models import PUBLIC_SECTIONS, Evidence
from innovations.public import selectors

#: Open-data columns, the same in CSV and JSON (documented in the README: "Open data").
COLUMNS = (
    "id",
    "url",
    "title",
    "agency",
    "year",
    "bentuk",
    "jenis",
    "urusan",
    "sdgs",
    "summary",
    "replications",
    "last_confirmed",
)


def _region(code: str) -> Region:
    return get_object_or_404(Region, code=code)


def _filtered(request: HttpRequest, region: Region) -> tuple[CatalogueFilter, Any]:
    published = selectors.published(region.code)
    catalogue_filter = CatalogueFilter(
        request.GET or None,
        queryset=selectors.public_list(region.code),
        agencies=Agency.objects.filter(pk__in=published.values("agency_id")).order_by("name"),
    )
    return catalogue_filter, catalogue_filter.qs if request.GET else catalogue_filter.queryset


class PublicListView(View):
    def get(self, request: HttpRequest, region_code: str) -> HttpResponse:
        region = _region(region_code)
        catalogue_filter, results = _filtered(request, region)
        page, query = paginate(request, results, ordering=("title", "pk"))
        for innovation in page:
            innovation.slug = selectors.slug_of(innovation)
        return render(
            request,
            "innovations/public/list.html",
            {
                "region": region,
                "filter": catalogue_filter,
                "page": page,
                "query": query,
                **filter_fragment(request, region.code, query),
            },
        )


class PublicDetailView(View):
    def get(self, request: HttpRequest, region_code: str, pk: int, slug: str = "") -> HttpResponse:
        region = _region(region_code)
        innovation = get_object_or_404(selectors.public_detail(region.code), pk=pk)
        right = selectors.slug_of(innovation)
        if slug != right:
            # One address per innovation for search engines: a renamed title or a cut link lands on the right one.
            return HttpResponsePermanentRedirect(reverse("public-innovations:detail", args=[region.code, pk, right]))
        sections = [
            {"slug": slug, "label": label, "value": selectors.shown(innovation, slug)}
            for slug, label in PUBLIC_SECTIONS
            if selectors.shown(innovation, slug) not in (None, "")
        ]
        return render(
            request,
            "innovations/public/detail.html",
            {
                "region": region,
                "innovation": innovation,
                "sections": sections,
                "canonical": request.build_absolute_uri(request.path),
            },
        )


class PublicEvidenceView(View):
    def get(self, request: HttpRequest, region_code: str, pk: int) -> FileResponse:
        evidence: Evidence = get_object_or_404(
            Evidence.objects.filter(is_public=True, innovation__in=selectors.published(region_code)), pk=pk
        )
        return file_response(evidence.file, content_type=evidence.content_type, name=evidence.original_name)


def _rows(request: HttpRequest, region: Region) -> list[dict[str, Any]]:
    _filter, results = _filtered(request, region)
    rows = []
    for innovation in results.order_by("title", "pk"):
        rows.append(
            {
                "id": innovation.pk,
                "url": request.build_absolute_uri(
                    reverse(
                        "public-innovations:detail",
                        args=[region.code, innovation.pk, selectors.slug_of(innovation)],
                    )
                ),
                "title": innovation.title,
                "agency": innovation.agency.name,
                "year": innovation.year,
                "bentuk": str(innovation.bentuk or ""),
                "jenis": str(innovation.jenis or ""),
                "urusan": str(innovation.urusan or ""),
                "sdgs": [str(s) for s in innovation.sdgs.all()],
                "summary": selectors.shown(innovation, "summary") or "",
                "replications": innovation.replication_count,
                "last_confirmed": timezone.localtime(innovation.last_confirmed).date().isoformat()
                if innovation.last_confirmed
                else None,
            }
        )
    return rows


class OpenDataJsonView(View):
    def get(self, request: HttpRequest, region_code: str) -> JsonResponse:
        region = _region(region_code)
        rows = _rows(request, region)
        return JsonResponse(
            {"region": {"code": region.code, "name": region.name}, "count": len(rows), "innovations": rows},
            json_dumps_params={"ensure_ascii": False},
        )


class OpenDataCsvView(View):
    def get(self, request: HttpRequest, region_code: str) -> Any:
        region = _region(region_code)
        rows = (
            ["; ".join(v) if isinstance(v, list) else ("" if v is None else v) for v in row.values()]
            for row in _rows(request, region)
        )
        return csv_response(COLUMNS, rows, f"inovasi-{region.code}")
