"""What the quota puts in people's work inbox (core.inbox).

Staff and heads: each of their agencies (a head: and the units under it) that has no counting innovation yet
this year, or missed the quota, with the year's deadline. The mayor's office: exemption requests to decide, and
one line each for the agencies at risk and those that missed, opening the overview filtered to them (a city
has hundreds of agencies: one line each would bury the rest of the inbox).
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import MANAGER_ROLES, active_roles
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaState, QuotaStatus
from core.inbox import Item, Provider, day_start, gathered, register, summary_item

QUOTA = gettext_lazy("Innovation quota")
EXEMPTIONS = gettext_lazy("Exemption requests to decide")
#: What still needs someone to act: no counting innovation yet (pending, at risk) or the year was missed.
OPEN_STATES = (QuotaState.PENDING, QuotaState.AT_RISK, QuotaState.MISSED)


def _deadline() -> Subquery:
    return Subquery(
        QuotaRule.objects.filter(region_id=OuterRef("agency__region_id"), year=OuterRef("year")).values("deadline")[:1]
    )


def _agency_items(user: Any, today: datetime.date) -> list[Item]:
    """The quota of the agencies a person works in (staff) or leads (heads, with the units under them)."""
    condition = Q(pk__in=[])
    own: set[int] = set()
    for role in active_roles(user):
        if role.role == "staff" and role.agency_id:
            condition |= Q(agency_id=role.agency_id)
            own.add(role.agency_id)
        elif role.role == "head" and role.agency_path:
            condition |= Q(agency__path__startswith=role.agency_path)
            own.add(role.agency_id or 0)
    if not own:
        return []
    rows = (
        QuotaStatus.objects.filter(condition, year=today.year, status__in=OPEN_STATES)
        .select_related("agency")
        .annotate(deadline=_deadline())
        .order_by("agency__name")
    )
    items = []
    for status in rows:
        missed = status.status == QuotaState.MISSED
        deadline: datetime.date | None = status.deadline
        if status.agency_id in own and not missed:
            url = f"{reverse('innovations:create')}?{urlencode({'agency': status.agency_id})}"
            action = _("Register an innovation")
        else:
            url, action = reverse("compliance:agency-quota", args=[status.agency_id]), _("Open its quota")
        items.append(
            Item(
                kind=f"quota-{status.status}",
                section=QUOTA,
                title=_("%(agency)s: %(status)s")
                % {"agency": status.agency.name, "status": status.get_status_display()},
                url=url,
                action=action,
                since=status.since,
                due=deadline,
                context=_("%(year)d: %(count)d counting innovation(s)") % {"year": status.year, "count": status.count},
                urgent=status.status != QuotaState.PENDING,
            )
        )
    return items


def _manager_items(user: Any, today: datetime.date) -> list[Item]:
    region_ids = {r.region_id for r in active_roles(user) if r.role in MANAGER_ROLES}
    if not region_ids:
        return []
    items = [
        Item(
            kind="quota-exemption",
            section=EXEMPTIONS,
            title=f"{exemption.agency.name} · {exemption.year}",
            url=f"{reverse('compliance:quota')}?{urlencode({'year': exemption.year})}#exemptions",
            action=_("Decide"),
            since=exemption.requested_at,
            context=exemption.get_reason_kind_display(),
            note=exemption.explanation,
        )
        for exemption in QuotaExemption.objects.filter(
            agency__region_id__in=region_ids, state=QuotaExemption.Decision.REQUESTED
        ).select_related("agency")
    ]
    rules = {
        (rule.region_id, rule.year): rule
        for rule in QuotaRule.objects.filter(region_id__in=region_ids, year=today.year)
    }
    tally = (
        QuotaStatus.objects.filter(
            agency__region_id__in=region_ids, year=today.year, status__in=(QuotaState.AT_RISK, QuotaState.MISSED)
        )
        .values("agency__region_id", "status")
        .annotate(n=Count("id"))
        .values_list("agency__region_id", "status", "n")
        .order_by("agency__region_id", "status")
    )
    for region_id, status, n in tally:
        rule = rules.get((region_id, today.year))
        text = (
            ngettext(
                "%(count)d agency at risk of missing the quota", "%(count)d agencies at risk of missing the quota", n
            )
            if status == QuotaState.AT_RISK
            else ngettext("%(count)d agency missed the quota", "%(count)d agencies missed the quota", n)
        )
        query = {"region": region_id, "year": today.year, "status": status}
        items.append(
            summary_item(
                kind=f"quota-{status}-agencies",
                section=QUOTA,
                title=text % {"count": n},
                url=f"{reverse('compliance:quota')}?{urlencode(query)}",
                since=day_start(rule.risk_window_start if rule else today),
                due=rule.deadline if rule else None,
                count=n,
            )
        )
    return items


def register_inbox() -> None:
    register(Provider("quota", gathered(_agency_items, _manager_items), order=40))
