"""The quota table as a downloadable table (core.exports). The overview's Download buttons and its old `?export=`
links, the scorecard's buttons and the background jobs all give these columns; the rows are narrowed by the
overview's own filter, so a download from the overview has exactly the rows it lists."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from agencies.exports import AGENCY_COLUMNS
from compliance.quota import selectors
from compliance.quota.forms import QuotaFilter
from compliance.quota.models import QuotaState, QuotaStatus
from compliance.shared import agency_year_rows
from core.exports import YEAR, Column, InvalidExport, Selection, Table, filter_errors, form_filters, register


def quota_build(user: Any, data: QueryDict) -> Selection:
    visible = QuotaStatus.objects.filter(agency__in=selectors.quota_agencies_visible_to(user))
    selection = agency_year_rows(visible, user=user, data=data)
    region = data.get("region", "")
    quota_filter = QuotaFilter(
        data or None,
        queryset=selection.rows,
        kecamatan=agency_selectors.kecamatan_choices(user, {int(region)} if region else None),
    )
    if data and not quota_filter.is_valid():
        raise InvalidExport(filter_errors(quota_filter.form))
    rows = quota_filter.qs if data else selection.rows
    # Newest year first; within a year the overview's order (its sort, else by name), the id breaking ties.
    ordering = rows.query.order_by or ("agency__name",)
    filters = [*selection.filters, *(form_filters(quota_filter.form) if data else [])]
    return replace(selection, rows=rows.order_by("-year", *ordering, "pk"), filters=filters)


COLUMNS = [
    YEAR,
    *AGENCY_COLUMNS,
    Column(gettext_lazy("Agency type"), "agency__type__name", width=20),
    Column(gettext_lazy("Status"), "status", labels=dict(QuotaState.choices), width=18),
    Column(gettext_lazy("Innovations counted"), "count"),
    Column(gettext_lazy("Status since"), "since", width=18),
]
QUOTA = register(Table("quota", gettext_lazy("Innovation quota"), "kuota", COLUMNS, quota_build))
