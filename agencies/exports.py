"""The agency directory as a downloadable table (core.exports): the import's columns, headed in the reader's
language, so that a download can be edited and imported back (the importer reads these headers as its columns).

Also the filters every agency-and-region table shares, said as a person would for the file's title row."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, Value, When
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors
from agencies.forms import AgencyFilter
from agencies.imports import COLUMN_LABELS
from agencies.models import Agency, Region
from core.exports import Column, InvalidExport, Selection, Table, filter_errors, form_filters, register

#: The columns every table of agencies' rows starts with (the region, the agency's code and name).
REGION = Column(gettext_lazy("Region"), "agency__region__name", width=20)
AGENCY_CODE = Column(gettext_lazy("Agency code"), "agency__code", width=16)
AGENCY = Column(gettext_lazy("Agency"), "agency__name", width=36)
AGENCY_COLUMNS = (REGION, AGENCY_CODE, AGENCY)


def region_filter(data: QueryDict) -> list[tuple[Any, Any]]:
    """("Wilayah", the region's name) when a download names a region; the table's build checked the id."""
    wanted = data.get("region", "")
    region = Region.objects.filter(pk=int(wanted)).only("name").first() if wanted.isdigit() else None
    return [(gettext_lazy("Region"), region.name)] if region else []


def agency_filter(agency: Agency | None) -> list[tuple[Any, Any]]:
    return [(gettext_lazy("Agency"), agency.name)] if agency else []


def agencies_build(user: Any, data: QueryDict) -> Selection:
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
    filters = [*region_filter(data), *(form_filters(agency_filter.form) if data else [])]
    return Selection(queryset.order_by("name", "pk").annotate(contact_email=email), filters)


COLUMNS = [
    Column(COLUMN_LABELS["code"], "code", width=16),
    Column(COLUMN_LABELS["name"], "name", width=40),
    # The type's name: the importer reads a name as well as a slug.
    Column(COLUMN_LABELS["type"], "type__name", width=20),
    Column(COLUMN_LABELS["parent"], "parent__code", width=16),
    Column(COLUMN_LABELS["kemendagri_code"], "kemendagri_code", width=18),
    Column(COLUMN_LABELS["head_name"], "head_name", width=28),
    Column(COLUMN_LABELS["head_title"], "head_title", width=28),
    Column(COLUMN_LABELS["active_from"], "active_from"),
    Column(COLUMN_LABELS["email"], "contact_email", width=28),
    Column(gettext_lazy("region"), "region__name", width=20),
    Column(gettext_lazy("active until"), "active_until"),
]
AGENCIES = register(Table("agencies", gettext_lazy("Agency directory"), "instansi", COLUMNS, agencies_build))
