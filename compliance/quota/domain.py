"""The quota's pure rules: what an agency's status is, given its facts and the year's rule. No database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compliance.quota.models import QuotaState

if TYPE_CHECKING:
    from compliance.quota.models import QuotaRule

S = QuotaState
#: A move out of one of these into a fulfilled status is good news worth telling the agency.
WARNING_STATES = {S.AT_RISK, S.MISSED}


@dataclass(frozen=True)
class Facts:
    """What the sweep knows of one agency for the rule's year (gathered in one query for every agency)."""

    agency_id: int
    region_id: int
    type_id: int
    active_from: datetime.date | None
    active_until: datetime.date | None
    on_time: int
    late: int
    #: Innovations that do not count yet but are under way: drafts, returned ones, and those awaiting approval.
    drafts: int


def decide(
    rule: QuotaRule, facts: Facts, *, today: datetime.date, subject_types: set[int], exempt: bool
) -> tuple[str, int]:
    """The status of one agency for the rule's year, and the number of innovations that count."""
    year_start = datetime.date(rule.year, 1, 1)
    count = facts.on_time + facts.late
    active = (facts.active_from is None or facts.active_from <= rule.deadline) and (
        facts.active_until is None or facts.active_until > year_start
    )
    if facts.type_id not in subject_types or not active:
        return S.NOT_SUBJECT, count
    if exempt:
        return S.EXEMPT, count
    if facts.on_time >= rule.minimum:
        return S.FULFILLED, count
    if today > rule.deadline:
        return (S.FULFILLED_LATE, count) if count >= rule.minimum else (S.MISSED, count)
    # At risk only when it is late in the year (reminder window or mid-year checkpoint) and too little counts:
    # an early draft is work under way, not a risk, and shows as such.
    if today >= rule.risk_window_start:
        return S.AT_RISK, count
    if facts.drafts:
        return S.IN_PROGRESS, count
    return S.PENDING, count


def reminder_due(rule: QuotaRule, today: datetime.date) -> int | None:
    """The reminder (days before the deadline) owed today: only the most urgent one reached, so that a late first
    sweep sends one reminder, not three; None before the first and after the deadline."""
    reached = [d for d in rule.reminder_days if today >= rule.deadline - datetime.timedelta(days=d)]
    if reached and today <= rule.deadline:
        return min(reached)
    return None
