"""What the reports put on other apps' pages (core.panels): the scorecard button on an agency's page."""

from typing import Any

from django.http import HttpRequest

from core.panels import AGENCY_ACTIONS, Panel, register


def _scorecard_button(request: HttpRequest, agency: Any, **page: Any) -> dict[str, Any] | None:
    return {"agency": agency} if request.user.has_perm("reports.view_scorecard", agency) else None


def register_panels() -> None:
    register(Panel(AGENCY_ACTIONS, "scorecard", "reports/includes/scorecard_button.html", _scorecard_button, 10))
