"""The services register as a downloadable table (core.exports): the same rows as the register page, each with
its version in force and the one in preparation, states as words."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from agencies.exports import AGENCY_COLUMNS, agency_filter, region_filter
from compliance.shared import agencies_in_scope
from compliance.standards import selectors
from compliance.standards.models import IN_FORCE, OPEN_STATES, Standard, State
from core.exports import Column, InvalidExport, Selection, Table, choice_from, register, visible_choice

STATES = dict(State.choices)


def _of(states: tuple[str, ...], field: str) -> Subquery:
    return Subquery(
        Standard.objects.filter(service=OuterRef("pk"), state__in=states).order_by("-version").values(field)[:1]
    )


def services_build(user: Any, data: QueryDict) -> Selection:
    state = choice_from(data, "state", State.values, gettext_lazy("The state is not understood.")) or ""
    agency = visible_choice(data, "agency", agencies_in_scope(user), gettext_lazy("The agency is not understood."))
    region = data.get("region", "")
    if region and not region.isdigit():
        raise InvalidExport([str(gettext_lazy("The region is not understood."))])
    rows = selectors.register(user, agency=agency, state=state)
    if region:
        rows = rows.filter(agency__region_id=int(region))
    rows = rows.annotate(
        v_force=_of(IN_FORCE, "version"),
        published=_of(IN_FORCE, "published_on"),
        review=_of(IN_FORCE, "review_due_on"),
        force_state=_of(IN_FORCE, "state"),
        v_open=_of(OPEN_STATES, "version"),
        open_state=_of(OPEN_STATES, "state"),
    ).order_by("agency__region__code", "agency__code", "slug", "pk")
    filters = [
        *region_filter(data),
        *agency_filter(agency),
        *([(gettext_lazy("State"), STATES[state])] if state else []),
    ]
    return Selection(rows, filters)


COLUMNS = [
    *AGENCY_COLUMNS,
    Column(gettext_lazy("Service code"), "slug", width=20),
    Column(gettext_lazy("Service"), "name", width=36),
    Column(gettext_lazy("Version in force"), "v_force"),
    Column(gettext_lazy("Published on"), "published"),
    Column(gettext_lazy("Review due on"), "review"),
    Column(gettext_lazy("State of the version in force"), "force_state", labels=STATES, width=22),
    Column(gettext_lazy("Version in preparation"), "v_open"),
    Column(gettext_lazy("State of the version in preparation"), "open_state", labels=STATES, width=22),
]
SERVICES = register(Table("services", gettext_lazy("Services register"), "register-layanan", COLUMNS, services_build))
