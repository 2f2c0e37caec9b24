"""What compliance puts on the agency page (core.panels): the quota block and the Ombudsman block."""

from typing import Any

from compliance.templatetags import quota_tags
from core.panels import AGENCY_DETAIL, Panel, register


def _shown(context: dict[str, Any]) -> dict[str, Any] | None:
    return context if context.get("show") else None


def register_panels() -> None:
    register(
        Panel(
            AGENCY_DETAIL,
            "quota",
            "compliance/includes/agency_quota_panel.html",
            lambda request, agency, **page: _shown(quota_tags.agency_quota_panel({"request": request}, agency)),
            10,
        )
    )
    register(
        Panel(
            AGENCY_DETAIL,
            "ombudsman",
            "compliance/includes/agency_assessment_panel.html",
            lambda request, agency, **page: _shown(quota_tags.agency_assessment_panel({"request": request}, agency)),
            20,
        )
    )
