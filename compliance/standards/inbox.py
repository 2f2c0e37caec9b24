"""What service standards put in people's work inbox (core.inbox).

The unit's staff and head: drafts to finish, consultations with comments to work in (before the consultation
closes), and standards due for review (their review date reached, or marked by the daily job). One query for
every kind, whatever the number of standards.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import active_roles
from compliance.standards.models import OPEN_STATES, Standard, State
from core.inbox import Item, Provider, day_start, register

STANDARDS = gettext_lazy("Service standards")


def _item(standard: Any, today: datetime.date) -> Item:
    # `standard` carries the annotations n_comments and first_comment.
    service_url = reverse("compliance:service", args=[standard.service_id])
    context = f"{standard.service.agency.name} · v{standard.version}"
    if standard.state == State.DRAFT:
        return Item(
            kind="standard-draft",
            section=STANDARDS,
            title=standard.service.name,
            url=reverse("compliance:standard-edit", args=[standard.pk]),
            action=_("Finish the draft"),
            since=standard.updated,
            context=context,
        )
    if standard.state == State.CONSULTATION:
        return Item(
            kind="standard-comments",
            section=STANDARDS,
            title=ngettext(
                "%(service)s: %(count)d consultation comment",
                "%(service)s: %(count)d consultation comments",
                standard.n_comments,
            )
            % {"service": standard.service.name, "count": standard.n_comments},
            url=f"{service_url}#comments",
            action=_("Read the comments"),
            since=standard.first_comment,
            due=standard.consultation_until,
            context=context,
        )
    due = standard.review_due_on or today
    return Item(
        kind="standard-review",
        section=STANDARDS,
        title=standard.service.name,
        url=service_url,
        action=_("Revise the standard"),
        since=day_start(due),
        due=due,
        context=context,
        urgent=True,
    )


def _items(user: Any, today: datetime.date) -> list[Item]:
    units = sorted({r.agency_id for r in active_roles(user) if r.role in ("staff", "head") and r.agency_id})
    if not units:
        return []
    # A standard due for review whose revision is under way waits on the revision (the draft) instead.
    revising = Exists(Standard.objects.filter(service=OuterRef("service"), state__in=OPEN_STATES))
    waiting = (
        Q(state=State.DRAFT)
        | Q(state=State.CONSULTATION, n_comments__gt=0)
        | (Q(state=State.REVIEW_DUE) | Q(state=State.PUBLISHED, review_due_on__lte=today)) & ~Q(revising=True)
    )
    standards = (
        Standard.objects.filter(service__agency_id__in=units)
        .annotate(n_comments=Count("comments"), first_comment=Min("comments__at"), revising=revising)
        .filter(waiting)
        .select_related("service__agency")
    )
    return [_item(standard, today) for standard in standards]


def register_inbox() -> None:
    register(Provider("standards", _items, order=55))
