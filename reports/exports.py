"""The compliance tables as downloadable tables (core.exports): quota statuses and Ombudsman assessments.

They stay here until the compliance sub-apps register them from their own modules.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from compliance.ombudsman.models import Assessment, Zone
from compliance.ombudsman.selectors import EXPORT_HEADERS as ASSESSMENT_HEADERS
from compliance.quota.models import QuotaState, QuotaStatus
from compliance.quota.selectors import quota_agencies_visible_to
from core.exports import InvalidExport, Table, cells, choice_from, register, visible_choice, year_from

# --- quota statuses: every year and agency the person may see ------------------------------------------------------

QUOTA_HEADERS = ["year", "region", "code", "name", "type", "status", "count", "since"]


def _agency_year_rows(model: Any, user: Any, data: QueryDict) -> QuerySet[Any]:
    """Rows of an agency-and-year table the person may see, narrowed to the agency and year asked for."""
    scope = agency_selectors.work_scope(user, via="agency__")
    queryset = model.objects.all() if scope is None else model.objects.filter(scope)
    agency = visible_choice(
        data, "agency", quota_agencies_visible_to(user), gettext_lazy("The agency is not understood.")
    )
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    year = year_from(data)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


def quota_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    queryset = _agency_year_rows(QuotaStatus, user, data)
    status = choice_from(data, "status", QuotaState.values, gettext_lazy("The quota status is not understood."))
    if status:
        queryset = queryset.filter(status=status)
    region = data.get("region", "")
    if region:
        if not region.isdigit():
            raise InvalidExport([str(gettext_lazy("The region is not understood."))])
        queryset = queryset.filter(agency__region_id=int(region))
    return queryset.order_by("-year", "agency__name", "pk").values_list(
        "year", "agency__region__code", "agency__code", "agency__name", "agency__type__slug", "status", "count", "since"
    )


QUOTA = register(
    Table(
        slug="quota",
        title=gettext_lazy("Quota statuses"),
        filename="kuota",
        sheet=gettext_lazy("Quota"),
        headers=QUOTA_HEADERS,
        build=quota_build,
        row=cells,
    )
)


# --- Ombudsman assessments ----------------------------------------------------------------------------------------

DIMENSION_HEADERS = ["input", "proses", "output", "pengaduan"]


def assessments_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    queryset = _agency_year_rows(Assessment, user, data)
    zone = choice_from(data, "zone", Zone.values, gettext_lazy("The zone is not understood."))
    if zone:
        queryset = queryset.filter(zone=zone)
    # The order of `manage.py export_ombudsman`, whose columns these extend.
    return queryset.order_by("year", "agency__code", "method__slug", "pk").values_list(
        "agency__code",
        "agency__name",
        "year",
        "method__slug",
        "score",
        "zone",
        "grade",
        "dim_input",
        "dim_proses",
        "dim_output",
        "dim_pengaduan",
    )


ASSESSMENTS = register(
    Table(
        slug="assessments",
        title=gettext_lazy("Ombudsman assessments"),
        filename="ombudsman",
        sheet=gettext_lazy("Ombudsman"),
        headers=[*ASSESSMENT_HEADERS, *DIMENSION_HEADERS],
        build=assessments_build,
        row=cells,
    )
)
