"""The weekly digest for the mayor's office: agencies at risk of missing the quota, and those that missed it."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from compliance.models import QuotaRule, QuotaState, QuotaStatus
from core.notifications import notify
from innovations.selectors import reviewers_of


def send_digests(*, today: datetime.date) -> int:
    """One digest per region and ISO week (sent once, whatever the number of runs). Returns how many went."""
    year, week, _weekday = today.isocalendar()
    sent = 0
    for rule in QuotaRule.objects.filter(year=today.year, open=True).select_related("region"):
        rows = list(
            QuotaStatus.objects.filter(
                year=rule.year, agency__region=rule.region, status__in=[QuotaState.AT_RISK, QuotaState.MISSED]
            )
            .select_related("agency")
            .order_by("status", "agency__name")
        )
        if not rows:
            continue
        lines = [f"- {row.agency.name}: {row.get_status_display()}" for row in rows]
        at_risk = sum(1 for row in rows if row.status == QuotaState.AT_RISK)
        title = _("Innovation quota %(year)d: %(at_risk)d agencies at risk, %(missed)d missed") % {
            "year": rule.year,
            "at_risk": at_risk,
            "missed": len(rows) - at_risk,
        }
        url = reverse("compliance:quota") + f"?year={rule.year}&status=at_risk"
        created = notify(
            users=reviewers_of(rule.region_id),
            kind="quota.digest",
            key=f"quota-digest:{rule.region_id}:{year}-W{week}",
            title=title,
            body="\n".join(lines),
            url=url,
        )
        sent += len(created)
    return sent
