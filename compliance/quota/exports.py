"""The quota table as a downloadable table (core.exports). The overview's Download buttons and its old `?export=`
links, the scorecard's buttons and the background jobs all give these columns; the rows are narrowed by the
overview's own filter, so a download from the overview has exactly the rows it lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from compliance.quota import selectors
from compliance.quota.forms import QuotaFilter
from compliance.quota.models import QuotaStatus
from compliance.shared import agency_year_rows
from core.exports import InvalidExport, Table, cells, filter_errors, register

HEADERS = ["year", "region", "code", "name", "type", "status", "count", "since"]


def quota_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    visible = QuotaStatus.objects.filter(agency__in=selectors.quota_agencies_visible_to(user))
    queryset = agency_year_rows(visible, user=user, data=data)
    region = data.get("region", "")
    quota_filter = QuotaFilter(
        data or None,
        queryset=queryset,
        kecamatan=agency_selectors.kecamatan_choices(user, {int(region)} if region else None),
    )
    if data and not quota_filter.is_valid():
        raise InvalidExport(filter_errors(quota_filter.form))
    rows = quota_filter.qs if data else queryset
    # Newest year first; within a year the overview's order (its sort, else by name), the id breaking ties.
    ordering = rows.query.order_by or ("agency__name",)
    return rows.order_by("-year", *ordering, "pk").values_list(
        "year", "agency__region__code", "agency__code", "agency__name", "agency__type__slug", "status", "count", "since"
    )


QUOTA = register(
    Table(
        slug="quota",
        title=gettext_lazy("Quota statuses"),
        filename="kuota",
        sheet=gettext_lazy("Quota"),
        headers=HEADERS,
        build=quota_build,
        row=cells,
    )
)
