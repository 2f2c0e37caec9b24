"""The agency directory as a downloadable table (core.exports): the import's columns, so that a download can be
edited and imported back."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, QuerySet, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import imports as agency_imports
from agencies import selectors
from agencies.forms import AgencyFilter
from core.exports import InvalidExport, Table, cells, filter_errors, register


def agencies_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    directory = selectors.agency_directory(user)
    agency_filter = AgencyFilter(data or None, queryset=directory, kecamatan_queryset=selectors.kecamatan_choices(user))
    if data and not agency_filter.is_valid():
        raise InvalidExport(filter_errors(agency_filter.form))
    # The directory's default: active agencies (the filter adds status=active itself when asked with filters).
    queryset = agency_filter.qs if data else directory.filter(selectors.active_q())
    managed = selectors.managed_region_ids(user)
    # Email addresses are contacts: only for the mayor's office of the agency's region (agencies.view_agency_contacts).
    email: Any = (
        F("email") if managed is None else Case(When(region_id__in=managed, then=F("email")), default=Value(""))
    )
    return (
        queryset.order_by("name", "pk")
        .annotate(contact_email=email)
        .values_list(
            "code",
            "name",
            "type__slug",
            "parent__code",
            "kemendagri_code",
            "head_name",
            "head_title",
            "active_from",
            "contact_email",
            "region__code",
            "active_until",
        )
    )


AGENCIES = register(
    Table(
        slug="agencies",
        title=gettext_lazy("Agency directory"),
        filename="instansi",
        sheet=gettext_lazy("Agencies"),
        headers=[*agency_imports.COLUMNS, "region", "active_until"],
        build=agencies_build,
        row=cells,
    )
)
