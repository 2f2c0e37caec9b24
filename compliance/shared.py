"""What every compliance sub-app shares: whose records a person may see, and the request parameters their pages
read the same way. It sits below the sub-apps (quota, ombudsman, skm, and the domains still to come)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from agencies.exports import agency_filter, region_filter
from agencies.models import Agency, Region
from agencies.selectors import work_scope
from core.exports import InvalidExport, Selection, download, visible_choice, year_from
from core.views import ScopedObjectMixin

PAGE_SIZE = 100


def agencies_in_scope(user: Any) -> QuerySet[Agency]:
    """The agencies whose compliance records a person may see: the region for the mayor's office, a head's units,
    staff's own agency."""
    scope = work_scope(user)
    return Agency.objects.all() if scope is None else Agency.objects.filter(scope)


class AgencyInScopeMixin(ScopedObjectMixin):
    """An agency whose compliance records the person may see, in `self.agency` (404 otherwise); `permission` on
    it (403)."""

    context_name = "agency"
    agency: Agency
    scope = agencies_in_scope
    scope_related = ("region",)


def unit_filter(request: HttpRequest, *, prefix: str = "") -> Q:
    """`?agency_type=` and `?kecamatan=` (the dashboard's filters, passed on by its numbers) as a condition on the
    agency reached through `prefix`; a kecamatan stands for itself and every unit under it. Values that are
    not numbers are ignored, as the other parameters of these pages are."""
    condition = Q()
    agency_type = request.GET.get("agency_type", "")
    if agency_type.isdigit():
        condition &= Q(**{f"{prefix}type_id": int(agency_type)})
    kecamatan = request.GET.get("kecamatan", "")
    if kecamatan.isdigit():
        path = Agency.objects.filter(pk=int(kecamatan), type__slug="kecamatan").values_list("path", flat=True).first()
        condition &= Q(**{f"{prefix}path__startswith": path}) if path else Q(pk__in=[])
    return condition


def year_param(request: HttpRequest) -> int:
    """`?year=`, or this year when it is missing or implausible."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def managed_region(request: HttpRequest) -> Region:
    """The region (`?region=`, else the first) this person manages as the mayor's office; 403 when none."""
    regions = agency_selectors.regions_managed_by(request.user)
    wanted = request.GET.get("region", "")
    region = regions.filter(pk=int(wanted)).first() if wanted.isdigit() else regions.first()
    if region is None:
        raise PermissionDenied
    return region


def own_agency_page(request: HttpRequest, url_name: str) -> HttpResponseBase:
    """Where an overview sends a person who oversees no region: the page `url_name` of the first agency they work
    for (staff and heads read their own unit there); 403 for someone who works for none."""
    from innovations.selectors import agencies_user_works_for

    agency_ids = agencies_user_works_for(request.user)
    if not agency_ids:
        raise PermissionDenied
    return redirect(url_name, pk=agency_ids[0])


# --- the downloads of the sub-apps' tables (core.exports) ----------------------------------------------------------


def agency_year_rows(queryset: QuerySet[Any], *, user: Any, data: QueryDict) -> Selection:
    """An agency-and-year table narrowed to the agency, region and year a download names (and those said for the
    file's title row); an agency out of the person's sight is 404."""
    agency = visible_choice(data, "agency", agencies_in_scope(user), gettext_lazy("The agency is not understood."))
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    year = year_from(data)
    if year is not None:
        queryset = queryset.filter(year=year)
    region = data.get("region", "")
    if region:
        if not region.isdigit():
            raise InvalidExport([str(gettext_lazy("The region is not understood."))])
        queryset = queryset.filter(agency__region_id=int(region))
    return Selection(queryset, [*region_filter(data), *agency_filter(agency)], year)


def page_filters(request: HttpRequest, *, region: Region, year: int) -> QueryDict:
    """A region page's filters with the region and year it shows, which it falls back to when its address names
    neither: the download of the page then has exactly the page's rows, every page of them."""
    query = request.GET.copy()
    for key in ("page", "export", "format"):
        query.pop(key, None)
    query["region"] = str(region.pk)
    query["year"] = str(year)
    return query


def page_download(request: HttpRequest, slug: str, fmt: str, *, region: Region, year: int) -> HttpResponseBase:
    """The download of table `slug` from a region page's own link (`?export=` or `?format=`). A link that leaves
    the region or year to the page's fallback is sent once to the address that names them, so that the table's
    filters are the page's."""
    wanted = {"region": str(region.pk), "year": str(year)}
    if any(request.GET.get(key) != value for key, value in wanted.items()):
        query = request.GET.copy()
        for key, value in wanted.items():
            query[key] = value
        return redirect(f"{request.path}?{query.urlencode()}")
    return download(request, slug, fmt)
