"""What the register puts on the agency page (core.panels): links to the agency's innovations."""

from typing import Any

from django.http import HttpRequest

from core.panels import AGENCY_DETAIL, Panel, register


def _innovation_links(request: HttpRequest, agency: Any, *, has_units: Any = False, **page: Any) -> dict[str, Any]:
    # Shown to whoever the header shows the register to (the template reads nav_sees_innovations).
    return {"agency": agency, "has_units": bool(has_units)}


def register_panels() -> None:
    register(
        Panel(AGENCY_DETAIL, "innovations", "innovations/includes/agency_innovations_panel.html", _innovation_links, 30)
    )
