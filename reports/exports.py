"""The tables a person can download, each read in chunks with their own visibility.

Every table is a `Table`: `build(user, data)` turns the request's filters (the same query string as the page the
table comes from) into a `values_list` queryset of what that user may see, and `row(values)` formats one row.
Reading goes through `QuerySet.iterator()`, which on PostgreSQL is a server-side cursor: memory stays flat
whether the table has fifty rows or two hundred thousand. Small tables are downloaded at once; larger ones
become an `ExportJob` run by Celery (`reports.services`).

To add a table: write its `build` and `row`, and `register(Table(...))` it below.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, F, OuterRef, QuerySet, Value, When
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agencies import imports as agency_imports
from agencies import selectors as agency_selectors
from agencies.forms import AgencyFilter
from agencies.models import Agency
from compliance.ombudsman.models import Assessment, Zone
from compliance.ombudsman.selectors import EXPORT_HEADERS as ASSESSMENT_HEADERS
from compliance.quota.models import QuotaState, QuotaStatus
from compliance.quota.selectors import quota_agencies_visible_to
from innovations import exports as innovation_exports
from innovations import selectors as innovation_selectors
from innovations.forms import InnovationFilter
from innovations.models import Innovation

#: Rows fetched per round trip of the server-side cursor.
CHUNK_ROWS = 2000


class InvalidExport(Exception):
    """The filters cannot be applied (a value that is not understood): nothing is exported."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Table:
    slug: str
    title: Any  # a lazy translation
    filename: str
    sheet: Any
    headers: list[str]
    build: Callable[[Any, QueryDict], QuerySet[Any]]
    row: Callable[[Sequence[Any]], list[object]]

    def rows(self, queryset: QuerySet[Any]) -> Iterator[list[object]]:
        for values in queryset.iterator(chunk_size=CHUNK_ROWS):
            yield self.row(values)


TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    TABLES[table.slug] = table
    return table


def parameters_from(query: QueryDict) -> dict[str, list[str]]:
    """The filters of a request as JSON for `ExportJob.parameters` (paging and the format are not filters)."""
    return {key: values for key, values in query.lists() if key not in ("page", "format", "export") and any(values)}


def query_from(parameters: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in parameters.items():
        query.setlist(key, values)
    return query


def _text(value: object) -> object:
    """One cell: dates as ISO text, empty for nothing, numbers kept as numbers (as the page exports do)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _visible_agency(user: Any, data: QueryDict, queryset: QuerySet[Agency]) -> Agency | None:
    """The `agency` filter, refused with 404 when the person may not see that agency."""
    wanted = data.get("agency", "")
    if not wanted:
        return None
    if not wanted.isdigit():
        raise InvalidExport([str(gettext_lazy("The agency is not understood."))])
    agency = queryset.filter(pk=int(wanted)).first()
    if agency is None:
        raise Http404
    return agency


def _year(data: QueryDict) -> int | None:
    wanted = data.get("year", "")
    if not wanted:
        return None
    if not wanted.isdigit() or not 2000 <= int(wanted) <= 2100:
        raise InvalidExport([str(gettext_lazy("The year is not understood."))])
    return int(wanted)


def _choice(data: QueryDict, name: str, choices: Sequence[str], label: Any) -> str | None:
    wanted = data.get(name, "")
    if not wanted:
        return None
    if wanted not in choices:
        raise InvalidExport([str(label)])
    return wanted


def _filter_errors(form: Any) -> list[str]:
    return [f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()]


# --- innovations: the innovation list page, with the same filters ------------------------------------------------


def innovations_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    visible = innovation_selectors.innovations_visible_to(user)
    visible_agencies = agency_selectors.agencies_visible_to(user)
    _visible_agency(user, data, visible_agencies)
    choices = visible_agencies
    if not getattr(user, "is_superuser", False):
        choices = visible_agencies.filter(pk__in=visible.values("agency_id"))
    innovation_filter = InnovationFilter(
        data or None,
        queryset=visible,
        agencies=choices,
        kecamatan=agency_selectors.kecamatan_choices(user),
        units=visible_agencies,
    )
    if data and not innovation_filter.is_valid():
        raise InvalidExport(_filter_errors(innovation_filter.form))
    queryset = innovation_filter.qs if data else innovation_filter.queryset
    sdgs = Innovation.sdgs.through.objects.filter(innovation_id=OuterRef("pk")).order_by(
        "category__sort_order", "category__name"
    )
    # The order of innovations.exports (the page's own download), with the id to make ties stable.
    return (
        queryset.order_by("-year", "agency__name", "title", "pk")
        .annotate(sdg_slugs=ArraySubquery(sdgs.values("category__slug")))
        .values_list(
            "pk",
            "year",
            "agency__code",
            "agency__name",
            "title",
            "state",
            "continued_from_id",
            "bentuk__slug",
            "jenis__slug",
            "tahapan__slug",
            "urusan__name",
            "sdg_slugs",
            "trial_date",
            "launch_date",
            "replication_of__title",
            "replication_source_name",
            "beneficiaries",
            "updated",
        )
    )


def innovations_row(values: Sequence[Any]) -> list[object]:
    (pk, year, code, agency, title, state, continued_from, bentuk, jenis, tahapan, urusan, sdgs, trial, launch) = (
        values[:14]
    )
    replication_title, replication_source, beneficiaries, updated = values[14:]
    return [
        pk,
        year,
        code,
        agency,
        title,
        state,
        "continuing" if continued_from else "new",
        bentuk or "",
        jenis or "",
        tahapan or "",
        urusan or "",
        ";".join(slug.removeprefix("sdg-") for slug in sdgs or []),
        _text(trial),
        _text(launch),
        replication_title or replication_source or "",
        _text(beneficiaries),
        _text(updated),
    ]


INNOVATIONS = register(
    Table(
        slug="innovations",
        title=gettext_lazy("Innovations"),
        filename="inovasi",
        sheet=gettext_lazy("Innovations"),
        headers=innovation_exports.HEADERS,
        build=innovations_build,
        row=innovations_row,
    )
)


# --- quota statuses: every year and agency the person may see ------------------------------------------------------

QUOTA_HEADERS = ["year", "region", "code", "name", "type", "status", "count", "since"]


def _agency_year_rows(model: Any, user: Any, data: QueryDict) -> QuerySet[Any]:
    """Rows of an agency-and-year table the person may see, narrowed to the agency and year asked for."""
    scope = agency_selectors.work_scope(user, via="agency__")
    queryset = model.objects.all() if scope is None else model.objects.filter(scope)
    agency = _visible_agency(user, data, _quota_agencies(user))
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    year = _year(data)
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


def quota_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    queryset = _agency_year_rows(QuotaStatus, user, data)
    status = _choice(data, "status", QuotaState.values, gettext_lazy("The quota status is not understood."))
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


def _quota_agencies(user: Any) -> QuerySet[Agency]:
    return quota_agencies_visible_to(user)


def quota_row(values: Sequence[Any]) -> list[object]:
    return [_text(v) for v in values]


QUOTA = register(
    Table(
        slug="quota",
        title=gettext_lazy("Quota statuses"),
        filename="kuota",
        sheet=gettext_lazy("Quota"),
        headers=QUOTA_HEADERS,
        build=quota_build,
        row=quota_row,
    )
)


# --- Ombudsman assessments ----------------------------------------------------------------------------------------

DIMENSION_HEADERS = ["input", "proses", "output", "pengaduan"]


def assessments_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    queryset = _agency_year_rows(Assessment, user, data)
    zone = _choice(data, "zone", Zone.values, gettext_lazy("The zone is not understood."))
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
        row=quota_row,
    )
)


# --- the agency directory: the import's columns, so that a download can be edited and imported back ------------


def agencies_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    directory = agency_selectors.agency_directory(user)
    agency_filter = AgencyFilter(
        data or None, queryset=directory, kecamatan_queryset=agency_selectors.kecamatan_choices(user)
    )
    if data and not agency_filter.is_valid():
        raise InvalidExport(_filter_errors(agency_filter.form))
    # The directory's default: active agencies (the filter adds status=active itself when asked with filters).
    queryset = agency_filter.qs if data else directory.filter(agency_selectors.active_q())
    managed = agency_selectors.managed_region_ids(user)
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
        row=quota_row,
    )
)


# --- writing files ------------------------------------------------------------------------------------------------


def write_file(
    path: Path, *, table: Table, queryset: QuerySet[Any], fmt: str, progress: Callable[[int], None], every: int
) -> int:
    """Write every row to `path` (CSV with a BOM for Excel, or XLSX in write-only mode); return the row count.

    `progress(rows_written)` is called every `every` rows. Neither format keeps the rows in memory.
    """
    written = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.headers)
            for row in table.rows(queryset):
                writer.writerow(row)
                written += 1
                if written % every == 0:
                    progress(written)
        return written
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(table.sheet)[:31])
    sheet.append(table.headers)
    for row in table.rows(queryset):
        sheet.append(row)
        written += 1
        if written % every == 0:
            progress(written)
    book.save(path)
    return written
