"""{% agency_quota_panel agency %}: the quota block on an agency's page (the agencies app stays unaware of it)."""

from typing import Any

from django import template

from compliance.models import QuotaStatus

register = template.Library()


@register.inclusion_tag("compliance/includes/agency_quota_panel.html", takes_context=True)
def agency_quota_panel(context: dict[str, Any], agency: Any) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("compliance.view_agency_quota", agency):
        return {"show": False}
    return {
        "show": True,
        "agency": agency,
        "statuses": list(QuotaStatus.objects.filter(agency=agency).order_by("-year")[:3]),
    }


@register.inclusion_tag("compliance/includes/agency_assessment_panel.html", takes_context=True)
def agency_assessment_panel(context: dict[str, Any], agency: Any) -> dict[str, Any]:
    from compliance.models import Assessment

    user = context["request"].user
    if not user.has_perm("compliance.view_assessments", agency):
        return {"show": False}
    from compliance.findings import finding_counts
    from compliance.models import Finding, Survey

    latest = Assessment.objects.filter(agency=agency).select_related("method").order_by("-year").first()
    return {
        "show": True,
        "agency": agency,
        "latest": latest,
        "findings": finding_counts(Finding.objects.filter(responsible=agency)),
        "survey": Survey.objects.filter(agency=agency).order_by("-year", "-created").first(),
    }
