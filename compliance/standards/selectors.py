"""Reads of service standards: what a person may see, the register, one service's versions, the public pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from agencies.models import Agency, Region
from compliance.shared import agencies_in_scope
from compliance.standards.models import (
    IN_FORCE,
    OPEN_STATES,
    Component,
    InnovationService,
    Maklumat,
    Regulation,
    Service,
    Standard,
    State,
)


def services_visible_to(user: Any) -> QuerySet[Service]:
    return Service.objects.filter(agency__in=agencies_in_scope(user))


def services_of_agencies(agencies: QuerySet[Agency]) -> QuerySet[Service]:
    """The services of `agencies`, for the service selects of other pages (an SKM survey, an Ombudsman note) and
    for their search: the form checks the choice against the same rows the search offers."""
    return Service.objects.filter(agency__in=agencies).select_related("agency").order_by("agency__name", "name", "pk")


def service_label(service: Service) -> str:
    """Service names repeat from unit to unit ("Pelayanan KTP"): the select and its search both name the unit."""
    return f"{service.name} — {service.agency.name}"


SERVICE_SEARCH_FIELDS = ("name", "agency__name")


def current_regulation(year: int) -> Regulation:
    """The regulation in force in `year` (the newest that had started)."""
    found = Regulation.objects.filter(first_year__lte=year).order_by("-first_year").first()
    return found or Regulation.objects.order_by("first_year").first()  # type: ignore[return-value]


def components_of(regulation: Regulation) -> list[Component]:
    return list(regulation.components.order_by("position"))


def _latest(states: tuple[str, ...]) -> Subquery:
    return Subquery(
        Standard.objects.filter(service=OuterRef("pk"), state__in=states).order_by("-version").values("pk")[:1]
    )


def with_versions(qs: QuerySet[Service]) -> QuerySet[Service]:
    """Each service with the ids of its version in force and its version in preparation (`in_force_id`,
    `open_id`), for lists that then fetch those versions in one query (`attach_versions`)."""
    return qs.annotate(in_force_id=_latest(IN_FORCE), open_id=_latest(OPEN_STATES))


def attach_versions(services: Sequence[Service]) -> list[Service]:
    """Set `in_force` and `open` on each annotated service from one query."""
    ids = {i for s in services for i in (getattr(s, "in_force_id", None), getattr(s, "open_id", None)) if i}
    versions = Standard.objects.in_bulk(ids)
    for s in services:
        s.in_force = versions.get(s.in_force_id)  # type: ignore[attr-defined]
        s.open = versions.get(s.open_id)  # type: ignore[attr-defined]
    return list(services)


def register(user: Any, *, agency: Agency | None = None, state: str = "") -> QuerySet[Service]:
    """The services register: what the person may see, with their unit and the ids of their versions."""
    qs = with_versions(services_visible_to(user).select_related("agency"))
    if agency is not None:
        qs = qs.filter(agency=agency)
    if state:
        qs = qs.filter(Exists(Standard.objects.filter(service=OuterRef("pk"), state=state)))
    return qs.order_by("agency__name", "name")


def service_versions(service: Service) -> list[Standard]:
    return list(service.standards.select_related("regulation", "decree").order_by("-version"))


def innovations_of(service: Service) -> list[InnovationService]:
    return list(service.innovation_links.select_related("innovation").order_by("at"))


# --- public pages ----------------------------------------------------------------------------------------------


def public_unit(region_code: str, agency_code: str) -> Agency | None:
    return (
        Agency.objects.select_related("region", "type")
        .filter(region__code=region_code, code__iexact=agency_code)
        .first()
    )


def public_services(agency: Agency) -> list[Service]:
    """A unit's offered services that have a version in force or in public consultation (never a draft), each
    with `in_force` and `consulting` set from one query of their versions."""
    shown = (State.PUBLISHED, State.REVIEW_DUE, State.CONSULTATION)
    qs = Service.objects.filter(agency=agency, active=True).annotate(
        in_force_id=_latest(IN_FORCE), consult_id=_latest((State.CONSULTATION,))
    )
    services = list(qs.filter(Exists(Standard.objects.filter(service=OuterRef("pk"), state__in=shown))))
    versions = Standard.objects.in_bulk([i for s in services for i in (s.in_force_id, s.consult_id) if i])
    for s in services:
        s.in_force = versions.get(s.in_force_id)  # type: ignore[attr-defined]
        s.consulting = versions.get(s.consult_id)  # type: ignore[attr-defined]
    return sorted(services, key=lambda s: s.name)


def public_service(agency: Agency, slug: str) -> Service | None:
    return Service.objects.filter(agency=agency, slug=slug, active=True).select_related("agency__region").first()


def public_versions(service: Service) -> dict[str, Standard | None]:
    """The version in force and the one in consultation, the only ones the public sees."""
    shown = Standard.objects.filter(service=service, state__in=(*IN_FORCE, State.CONSULTATION)).select_related(
        "regulation"
    )
    found: dict[str, Standard | None] = {"in_force": None, "consultation": None}
    for standard in shown:
        found["consultation" if standard.state == State.CONSULTATION else "in_force"] = standard
    return found


def maklumat_of(agency: Agency) -> Maklumat | None:
    return Maklumat.objects.filter(agency=agency).first()


def regions_with_public_units() -> QuerySet[Region]:
    return Region.objects.filter(agencies__services__standards__state__in=IN_FORCE).distinct()


def agency_services(agency: Agency) -> list[Service]:
    services = list(with_versions(Service.objects.filter(agency=agency)).order_by("name"))
    return attach_versions(services)


def prefetch_components(qs: QuerySet[Regulation]) -> QuerySet[Regulation]:
    return qs.prefetch_related(Prefetch("components", queryset=Component.objects.order_by("position")))
