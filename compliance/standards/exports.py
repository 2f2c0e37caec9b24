"""The services register as a downloadable table (core.exports): the same rows as the register page."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from compliance.shared import agencies_in_scope
from compliance.standards import selectors
from compliance.standards.models import IN_FORCE, OPEN_STATES, Standard, State
from core.exports import InvalidExport, Table, cells, choice_from, register, visible_choice

HEADERS = [
    "region",
    "agency",
    "agency_name",
    "service",
    "name",
    "version_in_force",
    "published_on",
    "review_due_on",
    "in_force_state",
    "version_in_preparation",
    "preparation_state",
]


def _of(states: tuple[str, ...], field: str) -> Subquery:
    return Subquery(
        Standard.objects.filter(service=OuterRef("pk"), state__in=states).order_by("-version").values(field)[:1]
    )


def services_build(user: Any, data: QueryDict) -> QuerySet[Any]:
    state = choice_from(data, "state", State.values, gettext_lazy("The state is not understood.")) or ""
    agency = visible_choice(data, "agency", agencies_in_scope(user), gettext_lazy("The agency is not understood."))
    region = data.get("region", "")
    if region and not region.isdigit():
        raise InvalidExport([str(gettext_lazy("The region is not understood."))])
    rows = selectors.register(user, agency=agency, state=state)
    if region:
        rows = rows.filter(agency__region_id=int(region))
    return (
        rows.annotate(
            v_force=_of(IN_FORCE, "version"),
            published=_of(IN_FORCE, "published_on"),
            review=_of(IN_FORCE, "review_due_on"),
            force_state=_of(IN_FORCE, "state"),
            v_open=_of(OPEN_STATES, "version"),
            open_state=_of(OPEN_STATES, "state"),
        )
        .order_by("agency__region__code", "agency__code", "slug", "pk")
        .values_list(
            "agency__region__code",
            "agency__code",
            "agency__name",
            "slug",
            "name",
            "v_force",
            "published",
            "review",
            "force_state",
            "v_open",
            "open_state",
        )
    )


SERVICES = register(
    Table(
        slug="services",
        title=gettext_lazy("Services register"),
        filename="register-layanan",
        sheet=gettext_lazy("Services"),
        headers=HEADERS,
        build=services_build,
        row=cells,
    )
)
