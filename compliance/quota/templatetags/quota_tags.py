"""{% agency_quota_panel agency %}: the quota block on an agency's page (the agencies app stays unaware of it)."""

from typing import Any

from django import template

from compliance.quota import selectors

register = template.Library()


@register.inclusion_tag("quota/includes/agency_quota_panel.html", takes_context=True)
def agency_quota_panel(context: dict[str, Any], agency: Any) -> dict[str, Any]:
    user = context["request"].user
    if not user.has_perm("compliance.view_agency_quota", agency):
        return {"show": False}
    return {"show": True, "agency": agency, "statuses": selectors.latest_statuses(agency)}
