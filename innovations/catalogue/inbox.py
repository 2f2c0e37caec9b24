"""What the yearly "still running?" check puts in people's work inbox (core.inbox).

The agency's staff and head: one line per agency and open round with the running innovations not answered yet,
due on the round's date. Two queries (the open rounds of the person's regions, the unanswered innovations counted
per agency and round), whatever the number of innovations.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.selectors import active_roles
from core.inbox import Item, Provider, day_start, register
from innovations.catalogue.selectors import running_innovations
from innovations.models import RunningConfirmation, RunningRound

STILL_RUNNING = gettext_lazy("Still running?")


def _items(user: Any, today: datetime.date) -> list[Item]:
    units = {r.agency_id: r.region_id for r in active_roles(user) if r.role in ("staff", "head") and r.agency_id}
    if not units:
        return []
    # The rounds that have opened, this year's and last year's (as the reminders): the latest per region counts.
    rounds: dict[int, RunningRound] = {}
    for found in RunningRound.objects.filter(
        region_id__in=set(units.values()), opens_on__lte=today, year__gte=today.year - 1
    ).order_by("region_id", "-year"):
        rounds.setdefault(found.region_id, found)
    if not rounds:
        return []
    items = []
    for round_ in rounds.values():
        answered = RunningConfirmation.objects.filter(round=round_, innovation=OuterRef("pk"))
        agencies = [a for a, region in units.items() if region == round_.region_id]
        waiting = (
            running_innovations()
            .filter(agency_id__in=agencies)
            .exclude(Exists(answered))
            .values("agency_id", "agency__name")
            .annotate(n=Count("id"))
            .values_list("agency_id", "agency__name", "n")
            .order_by("agency_id")
        )
        for _agency_id, agency_name, n in waiting:
            title = ngettext(
                "%(count)d innovation to confirm as still running (%(year)d)",
                "%(count)d innovations to confirm as still running (%(year)d)",
                n,
            ) % {"count": n, "year": round_.year}
            items.append(
                Item(
                    kind="still-running",
                    section=STILL_RUNNING,
                    title=title,
                    url=reverse("catalogue:running"),
                    action=_("Answer"),
                    since=day_start(round_.opens_on),
                    due=round_.due_on,
                    context=agency_name,
                    count=n,
                    urgent=round_.due_on < today,
                )
            )
    return items


def register_inbox() -> None:
    register(Provider("still-running", _items, order=70))
