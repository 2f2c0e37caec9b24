"""What service standards put on other pages (core.panels), and the slot of the service page that higher
compliance sub-apps (SKM surveys, improvement notes) fill."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from compliance.standards.models import IN_FORCE, InnovationService, Service
from core.panels import AGENCY_DETAIL, Panel, register

#: The service page's slot: SKM surveys and improvement notes of the service come from their apps.
SERVICE_DETAIL = "service-detail"
#: The innovation page's slot (declared in its template), where the services it changed are listed.
INNOVATION_DETAIL = "innovation-detail"


def _agency_services(request: HttpRequest, agency: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("standards.view_service", agency):
        return None
    counts = Service.objects.filter(agency=agency).aggregate(
        total=Count("pk", distinct=True),
        in_force=Count("pk", filter=Q(standards__state__in=IN_FORCE), distinct=True),
    )
    return {"agency": agency, "counts": counts}


def _innovation_services(request: HttpRequest, innovation: Any, **page: Any) -> dict[str, Any] | None:
    links = list(
        InnovationService.objects.filter(innovation=innovation).select_related("service__agency").order_by("at")
    )
    if not links:
        return None
    return {"links": links}


def register_panels() -> None:
    register(Panel(AGENCY_DETAIL, "services", "standards/includes/agency_panel.html", _agency_services, 30))
    register(Panel(INNOVATION_DETAIL, "services", "standards/includes/innovation_panel.html", _innovation_services, 10))
