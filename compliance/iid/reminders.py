"""Reminders ahead of the national window: each milestone (the catalogue's `reminder_days` before the window
opens) tells the people of each agency whose innovations still miss mandatory answers or evidence, and the
region's mayor's office what the region itself misses. core.notifications sends each (person, item, milestone)
once, so the daily job can run twice, or after a missed day, and nobody hears twice."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Region
from compliance.iid import selectors
from compliance.iid.models import Answer, Catalogue
from core.notifications import notify
from innovations.models import Innovation
from innovations.selectors import members_of, reviewers_of


def send_reminders(*, today: datetime.date | None = None) -> int:
    """Side effects: notifications (in-app and e-mail after the commit), one per person, item and milestone.
    Returns how many were created."""
    today = today or timezone.localdate()
    sent = 0
    for catalogue in Catalogue.objects.filter(window_opens__gt=today):
        due = selectors.window_milestones(catalogue, today)
        if not due:
            continue
        days, _date = due[-1]  # the latest milestone reached; earlier ones were sent on their day
        region_ids = (
            Innovation.objects.filter(year=catalogue.year, state="accepted")
            .values_list("agency__region_id", flat=True)
            .distinct()
        )
        for region in Region.objects.filter(pk__in=region_ids):
            sent += _remind_region(region, catalogue, days)
    return sent


def _remind_region(region: Region, catalogue: Catalogue, days: int) -> int:
    scores = selectors.compute_scores(region, catalogue.year)
    no_evidence = set(
        Answer.objects.filter(region=region, indicator__catalogue=catalogue, innovation__isnull=False)
        .filter(Q(evidence_url="") & Q(file__isnull=True))
        .values_list("innovation_id", flat=True)
    )
    opens = catalogue.window_opens.isoformat() if catalogue.window_opens else ""
    sent = 0
    for listed in scores.innovations:
        if not listed.missing_mandatory and listed.pk not in no_evidence:
            continue
        missing = ", ".join(map(str, listed.missing_mandatory)) or "-"
        sent += len(
            notify(
                users=members_of(listed.agency_id),
                kind="iid.reminder",
                key=f"iid.reminder:{catalogue.year}:{days}:innovation:{listed.pk}",
                title=_("Innovation index: %(title)s is not complete") % {"title": listed.title},
                body=_(
                    "The national window opens on %(opens)s. Mandatory indicators without an answer: %(missing)s. "
                    "Attach evidence to every answer."
                )
                % {"opens": opens, "missing": missing},
                url=reverse("compliance:iid-innovation", args=[listed.pk]),
            )
        )
    spd_total = catalogue.indicators.filter(aspect="spd").count()
    if len(scores.spd_answered) < spd_total or len(scores.spd_with_evidence) < len(scores.spd_answered):
        sent += len(
            notify(
                users=reviewers_of(region.pk),
                kind="iid.reminder",
                key=f"iid.reminder:{catalogue.year}:{days}:region:{region.pk}",
                title=_("Innovation index: the region's indicators are not complete"),
                body=_("The national window opens on %(opens)s. See what is missing.") % {"opens": opens},
                url=reverse("compliance:iid-losses") + f"?region={region.pk}&year={catalogue.year}",
            )
        )
    return sent
