"""What the quota puts on the agency page (core.panels): the agency's last three years of quota status."""

from typing import Any

from django.http import HttpRequest

from compliance.quota import selectors
from core.panels import AGENCY_DETAIL, Panel, register


def _quota_panel(request: HttpRequest, agency: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("compliance.view_agency_quota", agency):
        return None
    return {"show": True, "agency": agency, "statuses": selectors.latest_statuses(agency)}


def register_panels() -> None:
    register(Panel(AGENCY_DETAIL, "quota", "quota/includes/agency_quota_panel.html", _quota_panel, 10))
