"""What the Ombudsman domain puts on the agency page (core.panels): the latest result, the improvement notes and
the latest satisfaction survey."""

from typing import Any

from django.http import HttpRequest

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Finding
from compliance.skm.selectors import latest_survey
from core.panels import AGENCY_DETAIL, Panel, register


def _assessment_panel(request: HttpRequest, agency: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("compliance.view_assessments", agency):
        return None
    return {
        "show": True,
        "agency": agency,
        "latest": selectors.latest_assessment(agency),
        "findings": selectors.finding_counts(Finding.objects.filter(responsible=agency)),
        "survey": latest_survey(agency),
    }


def register_panels() -> None:
    register(
        Panel(AGENCY_DETAIL, "ombudsman", "ombudsman/includes/agency_assessment_panel.html", _assessment_panel, 20)
    )
