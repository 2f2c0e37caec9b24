"""The innovation register as a downloadable table (core.exports): the list page's filters, its Download buttons,
the scorecard's and the background jobs all give these columns, in the reader's language (the API keeps the
slugs: innovations/api.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies import selectors as agency_selectors
from agencies.exports import AGENCY, AGENCY_CODE, region_filter
from core.exports import (
    YEAR,
    Column,
    InvalidExport,
    Selection,
    Table,
    filter_errors,
    form_filters,
    register,
    visible_choice,
)
from innovations import selectors
from innovations.forms import InnovationFilter
from innovations.models import Innovation, State

#: The form of the stored `continued_from`: a person reads whether it is new or continues an earlier year.
ORIGIN = {False: gettext_lazy("New"), True: gettext_lazy("Continuing")}


def sdg_numbers(slugs: list[str]) -> str:
    return ";".join(slug.removeprefix("sdg-") for slug in slugs)


def innovations_build(user: Any, data: QueryDict) -> Selection:
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
    year = innovation_filter.form.cleaned_data.get("year") if data else None
    # The list page's order, with the id to make ties stable.
    rows = queryset.order_by("-year", "agency__name", "title", "pk").annotate(
        sdg_slugs=ArraySubquery(sdgs.values("category__slug")),
        continuing=ExpressionWrapper(Q(continued_from__isnull=False), output_field=BooleanField()),
        replicates=Coalesce("replication_of__title", NullIf("replication_source_name", Value(""))),
    )
    filters = [*region_filter(data), *(form_filters(innovation_filter.form) if data else [])]
    return Selection(rows, filters, int(year) if year else None)


COLUMNS = [
    Column(gettext_lazy("ID"), "pk", width=8),
    YEAR,
    AGENCY_CODE,
    AGENCY,
    Column(gettext_lazy("Title"), "title", width=40),
    Column(gettext_lazy("State"), "state", labels=dict(State.choices), width=20),
    Column(gettext_lazy("New or continuing"), "continuing", labels=ORIGIN),
    Column(gettext_lazy("Form (bentuk)"), "bentuk__name", width=24),
    Column(gettext_lazy("Type (jenis)"), "jenis__name", width=24),
    Column(gettext_lazy("Stage (tahapan)"), "tahapan__name", width=20),
    Column(gettext_lazy("Government affair"), "urusan__name", width=28),
    Column(gettext_lazy("SDGs"), "sdg_slugs", labels=sdg_numbers),
    Column(gettext_lazy("Trial date"), "trial_date"),
    Column(gettext_lazy("Launch date"), "launch_date"),
    Column(gettext_lazy("Replication of"), "replicates", width=32),
    Column(gettext_lazy("Beneficiaries"), "beneficiaries"),
    Column(gettext_lazy("Last change"), "updated", width=18),
]
INNOVATIONS = register(Table("innovations", gettext_lazy("Innovations"), "inovasi", COLUMNS, innovations_build))
