"""What the satisfaction surveys put on the service page (the standards' `service-detail` slot)."""

from typing import Any

from django.http import HttpRequest

from compliance.skm.selectors import service_surveys
from compliance.standards.panels import SERVICE_DETAIL
from core.panels import Panel, register


def _service_surveys(request: HttpRequest, service: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("compliance.view_survey", service.agency):
        return None
    return {"service": service, "surveys": service_surveys(service)}


def register_panels() -> None:
    register(Panel(SERVICE_DETAIL, "skm", "skm/includes/service_panel.html", _service_surveys, 10))
