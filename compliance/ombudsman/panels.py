"""What the Ombudsman domain puts on the agency page (core.panels): the latest result, the improvement notes and
the latest satisfaction survey."""

from typing import Any

from django.http import HttpRequest

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Finding
from compliance.skm.selectors import latest_survey
from compliance.standards.panels import SERVICE_DETAIL
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


def _service_findings(request: HttpRequest, service: Any, **page: Any) -> dict[str, Any] | None:
    if not request.user.has_perm("compliance.view_finding", service.agency):
        return None
    findings = list(Finding.objects.filter(service=service).select_related("assessment").order_by("due", "id"))
    return {"service": service, "findings": findings}


def register_panels() -> None:
    register(
        Panel(SERVICE_DETAIL, "ombudsman", "ombudsman/includes/service_findings_panel.html", _service_findings, 20)
    )
    register(
        Panel(AGENCY_DETAIL, "ombudsman", "ombudsman/includes/agency_assessment_panel.html", _assessment_panel, 20)
    )
