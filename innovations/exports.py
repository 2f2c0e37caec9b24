"""The innovation register as a downloadable table (core.exports): the list page's filters, its Download buttons,
the scorecard's and the background jobs all give these columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from core.exports import InvalidExport, Table, cell, filter_errors, register, visible_choice
from innovations import selectors
from innovations.forms import InnovationFilter
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


def innovations_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    visible = selectors.innovations_visible_to(user)
    visible_agencies = agency_selectors.agencies_visible_to(user)
    visible_choice(data, "agency", visible_agencies, gettext_lazy("The agency is not understood."))
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
        raise InvalidExport(filter_errors(innovation_filter.form))
    queryset = innovation_filter.qs if data else innovation_filter.queryset
    sdgs = Innovation.sdgs.through.objects.filter(innovation_id=OuterRef("pk")).order_by(
        "category__sort_order", "category__name"
    )
    # The list page's order, with the id to make ties stable.
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
        cell(trial),
        cell(launch),
        replication_title or replication_source or "",
        cell(beneficiaries),
        cell(updated),
    ]


INNOVATIONS = register(
    Table(
        slug="innovations",
        title=gettext_lazy("Innovations"),
        filename="inovasi",
        sheet=gettext_lazy("Innovations"),
        headers=HEADERS,
        build=innovations_build,
        row=innovations_row,
    )
)
