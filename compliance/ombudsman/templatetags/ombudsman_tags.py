"""{% agency_assessment_panel agency %}: the Ombudsman block on an agency's page (its latest result, its notes and
its latest satisfaction survey); the agencies app stays unaware of it."""

from typing import Any

from django import template

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Finding
from compliance.skm.selectors import latest_survey

register = template.Library()


@register.inclusion_tag("ombudsman/includes/agency_assessment_panel.html", takes_context=True)
def agency_assessment_panel(context: dict[str, Any], agency: Any) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("compliance.view_assessments", agency):
        return {"show": False}
    return {
        "show": True,
        "agency": agency,
        "latest": selectors.latest_assessment(agency),
        "findings": selectors.finding_counts(Finding.objects.filter(responsible=agency)),
        "survey": latest_survey(agency),
    }
