"""What the innovation register puts in people's work inbox (core.inbox).

Staff: their agencies' drafts and returned records (with the reviewer's note); heads: those they registered,
and what their agency and the units under it submitted for approval. The mayor's office: what heads approved.
One query per kind of work, whatever the number of records.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import MANAGER_ROLES, active_roles, agency_ids_led_by
from core.inbox import Item, Provider, gathered, register, summary_item
from innovations.models import Innovation, State, Transition
from innovations.selectors import agencies_user_works_for

#: The mayor's office sees this many records one by one; the rest as one line that opens the filtered list.
SHOWN_ONE_BY_ONE = 10

TO_FINISH = gettext_lazy("Innovations to finish")
TO_APPROVE = gettext_lazy("Innovations to approve")
TO_REVIEW = gettext_lazy("Innovations to review")


def _waiting_since(qs: QuerySet[Innovation]) -> Any:
    """The moment of the last move (the record's creation for a draft never moved), and the last move's note."""
    last = Transition.objects.filter(innovation=OuterRef("pk")).order_by("-at", "-id")
    return qs.annotate(
        waiting_since=Max("transitions__at"),
        last_note=Subquery(last.values("note")[:1]),
    ).select_related("agency")


def _staff_items(user: Any, today: datetime.date) -> list[Item]:
    """Drafts and returned records of the agencies where the person is the operator (staff), and those a head
    registered personally: a head is not asked to finish every draft of their operators."""
    if not agencies_user_works_for(user):
        return []
    staff_of = [r.agency_id for r in active_roles(user) if r.role == "staff" and r.agency_id]
    mine = Q(agency_id__in=staff_of) | Q(created_by=user, agency_id__in=agencies_user_works_for(user))
    qs = _waiting_since(Innovation.objects.filter(mine, state__in=(State.DRAFT, State.RETURNED))).annotate(
        evidence_count=Count("evidence", distinct=True)
    )
    items = []
    for innovation in qs:
        returned = innovation.state == State.RETURNED
        context = innovation.agency.name
        if not innovation.evidence_count:
            no_evidence = _("no evidence attached yet")
            context = f"{context} · {no_evidence}"
        items.append(
            Item(
                kind="innovation-returned" if returned else "innovation-draft",
                section=TO_FINISH,
                title=innovation.title,
                url=reverse("innovations:update", args=[innovation.pk]),
                action=_("Fix it") if returned else _("Complete and submit"),
                since=innovation.waiting_since or innovation.created,
                context=context,
                note=innovation.last_note if returned else "",
                urgent=returned,
            )
        )
    return items


def _head_items(user: Any, today: datetime.date) -> list[Item]:
    if not any(r.role == "head" for r in active_roles(user)):
        return []
    qs = _waiting_since(Innovation.objects.filter(state=State.SUBMITTED, agency__in=agency_ids_led_by(user)))
    return [_record_item(i, "innovation-to-approve", TO_APPROVE, _("Read and approve")) for i in qs]


def _record_item(innovation: Innovation, kind: str, section: Any, action: str) -> Item:
    """A record waiting on a head or the mayor's office: its page, where the buttons of the next move are."""
    return Item(
        kind=kind,
        section=section,
        title=innovation.title,
        url=reverse("innovations:detail", args=[innovation.pk]),
        action=action,
        since=innovation.waiting_since or innovation.created,  # type: ignore[attr-defined]
        context=f"{innovation.agency.name} · {innovation.year}",
    )


def _review_items(user: Any, today: datetime.date) -> list[Item]:
    region_ids = {r.region_id for r in active_roles(user) if r.role in MANAGER_ROLES}
    if not region_ids:
        return []
    qs = _waiting_since(Innovation.objects.filter(state=State.HEAD_APPROVED, agency__region_id__in=region_ids))
    rows = list(qs.order_by("waiting_since", "pk")[: SHOWN_ONE_BY_ONE + 1])
    items = [_record_item(i, "innovation-to-review", TO_REVIEW, _("Review")) for i in rows[:SHOWN_ONE_BY_ONE]]
    if len(rows) > SHOWN_ONE_BY_ONE:
        rest = qs.count() - SHOWN_ONE_BY_ONE
        items.append(
            summary_item(
                kind="innovation-to-review-more",
                section=TO_REVIEW,
                title=ngettext("%(count)d more innovation to review", "%(count)d more innovations to review", rest)
                % {"count": rest},
                url=f"{reverse('innovations:list')}?{urlencode({'state': State.HEAD_APPROVED})}",
                since=rows[SHOWN_ONE_BY_ONE].waiting_since,
                count=rest,
            )
        )
    return items


def register_inbox() -> None:
    register(Provider("innovations", gathered(_staff_items, _head_items, _review_items), order=10))
