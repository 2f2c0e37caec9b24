"""What readiness puts on the agency page (core.panels): the latest checklist's score."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from compliance.readiness import selectors
from core.panels import AGENCY_DETAIL, Panel, register


def _agency_readiness(request: HttpRequest, agency: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("readiness.view_checklist", agency):
        return None
    checklist = selectors.latest_checklist(agency)
    if checklist is None:
        # No checklist yet: the panel points at this year's, where it can be opened.
        return {"agency": agency, "checklist": None, "year": timezone.localdate().year, "score": None}
    return {"agency": agency, "checklist": checklist, "score": selectors.checklist_score(checklist)}


def register_panels() -> None:
    register(Panel(AGENCY_DETAIL, "readiness", "readiness/includes/agency_panel.html", _agency_readiness, 25))
