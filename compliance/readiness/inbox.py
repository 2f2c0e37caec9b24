"""What Ombudsman readiness puts in people's work inbox (core.inbox).

The unit's staff and head: each checklist with items not ready yet (ready = on paper and on the ground), with the
region's deadline; and each field check that found items not as they should be, until they are confirmed on the
ground again. Two queries (checklists with their counts, the region's deadlines) and one for the field checks,
whatever the number of checklists.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import active_roles
from compliance.readiness.models import Checklist, Deadline, FieldCheck, default_deadline
from core.inbox import Item, Provider, day_start, register

READINESS = gettext_lazy("Ombudsman readiness")


def _unit_ids(user: Any) -> list[int]:
    """The units whose checklist the person fills in: where they are the operator or the head."""
    return sorted({r.agency_id for r in active_roles(user) if r.role in ("staff", "head") and r.agency_id})


def _deadlines(checklists: Sequence[Checklist]) -> dict[tuple[int, int], datetime.date]:
    pairs = {(c.agency.region_id, c.year) for c in checklists}
    rows = Deadline.objects.filter(region_id__in={r for r, _y in pairs}, year__in={y for _r, y in pairs})
    return {(d.region_id, d.year): d.due for d in rows}


def _items(user: Any, today: datetime.date) -> list[Item]:
    units = _unit_ids(user)
    if not units:
        return []
    # This year's and later checklists: last year's was assessed already.
    checklists = list(
        Checklist.objects.filter(agency_id__in=units, year__gte=today.year)
        .annotate(
            not_ready=Count("entries", filter=Q(entries__paper_at__isnull=True) | Q(entries__ground_on__isnull=True))
        )
        .filter(not_ready__gt=0)
        .select_related("agency")
    )
    due = _deadlines(checklists)
    items = []
    for checklist in checklists:
        deadline = due.get((checklist.agency.region_id, checklist.year), default_deadline(checklist.year))
        items.append(
            Item(
                kind="readiness-not-ready",
                section=READINESS,
                title=ngettext(
                    "Readiness %(year)d: %(count)d item not ready",
                    "Readiness %(year)d: %(count)d items not ready",
                    checklist.not_ready,
                )
                % {"year": checklist.year, "count": checklist.not_ready},
                url=reverse("compliance:readiness-checklist", args=[checklist.agency_id, checklist.year]),
                action=_("Complete the checklist"),
                since=checklist.created,
                due=deadline,
                context=checklist.agency.name,
                count=checklist.not_ready,
                urgent=deadline < today,
            )
        )
    return items + _field_check_items(units, today)


def _field_check_items(units: list[int], today: datetime.date) -> list[Item]:
    """Field checks that found items not as they should be, while those items wait to be seen in place again."""
    checks = (
        FieldCheck.objects.filter(checklist__agency_id__in=units, checklist__year__gte=today.year)
        .annotate(failed=Count("results", filter=Q(results__passed=False, results__entry__ground_on__isnull=True)))
        .filter(failed__gt=0)
        .select_related("checklist__agency")
    )
    return [
        Item(
            kind="readiness-field-check",
            section=READINESS,
            title=ngettext(
                "Field check of %(date)s: %(count)d item not as it should be",
                "Field check of %(date)s: %(count)d items not as they should be",
                check.failed,
            )
            % {"date": f"{check.visited_on:%d-%m-%Y}", "count": check.failed},
            url=reverse("compliance:readiness-checklist", args=[check.checklist.agency_id, check.checklist.year]),
            action=_("Read the notes"),
            since=max(check.created, day_start(check.visited_on)),
            context=check.checklist.agency.name,
            note=check.findings[:300],
            urgent=True,
        )
        for check in checks
    ]


def register_inbox() -> None:
    register(Provider("readiness", _items, order=60))
