"""What the Ombudsman domain puts in people's work inbox (core.inbox).

Staff and heads: the improvement notes their agencies (a head: and the units under it) still have to act on,
each with its due date. The mayor's office: notes reported done, to verify, and one line for the overdue notes
of the region, opening the list filtered to them.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import MANAGER_ROLES, active_roles
from compliance.ombudsman.models import FINDING_PENDING, Finding, FindingState
from core.inbox import Item, Provider, day_start, gathered, register, summary_item

NOTES = gettext_lazy("Ombudsman improvement notes")


def _finding_item(finding: Finding, today: datetime.date, *, kind: str, action: Any) -> Item:
    return Item(
        kind=kind,
        section=NOTES,
        title=finding.text[:120],
        url=reverse("compliance:finding", args=[finding.pk]),
        action=action,
        since=finding.created,
        due=finding.due,
        context=f"{finding.responsible.name} · {finding.get_state_display()}",
        urgent=finding.is_overdue(today),
    )


def _agency_items(user: Any, today: datetime.date) -> list[Item]:
    condition = Q(pk__in=[])
    for role in active_roles(user):
        if role.role == "staff" and role.agency_id:
            condition |= Q(responsible_id=role.agency_id)
        elif role.role == "head" and role.agency_path:
            condition |= Q(responsible__path__startswith=role.agency_path)
    rows = Finding.objects.filter(condition, state__in=FINDING_PENDING).select_related("responsible")
    return [_finding_item(f, today, kind="finding-due", action=_("Work on it")) for f in rows]


def _manager_items(user: Any, today: datetime.date) -> list[Item]:
    region_ids = sorted({r.region_id for r in active_roles(user) if r.role in MANAGER_ROLES})
    if not region_ids:
        return []
    in_region = Finding.objects.filter(responsible__region_id__in=region_ids)
    items = [
        _finding_item(f, today, kind="finding-to-verify", action=_("Verify"))
        for f in in_region.filter(state=FindingState.DONE).select_related("responsible")
    ]
    overdue = (
        in_region.filter(state__in=FINDING_PENDING, due__lt=today)
        .values("responsible__region_id")
        .annotate(n=Count("id"), oldest=Min("due"))
        .values_list("responsible__region_id", "n", "oldest")
        .order_by("responsible__region_id")
    )
    for region_id, n, oldest in overdue:
        query = {"region": region_id, "show": "overdue"}
        items.append(
            summary_item(
                kind="finding-overdue",
                section=NOTES,
                title=ngettext("%(count)d improvement note is overdue", "%(count)d improvement notes are overdue", n)
                % {"count": n},
                url=f"{reverse('compliance:findings')}?{urlencode(query)}",
                since=day_start(oldest),
                due=oldest,
                count=n,
            )
        )
    return items


def register_inbox() -> None:
    register(Provider("ombudsman", gathered(_agency_items, _manager_items), order=50))
