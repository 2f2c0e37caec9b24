"""The quota sweep: compute every agency's status for a year and record what changed, set-based.

The number of queries of a sweep does not grow with the number of agencies (nor of regions): one query
gathers the facts of every agency, the statuses are decided in Python, and the writes are single
statements over all rows. A sweep runs in one transaction: killed halfway, it leaves nothing behind, and
run again it gives the same result. Two sweeps at the same time are safe: a status row changes only
`WHERE status = <what this sweep read>`, so only one of them records each change, and notifications are
inserted `ON CONFLICT DO NOTHING` on (person, key), so each goes out once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg2.extras import execute_values

from agencies.models import AgencyType, Region
from compliance.models import QuotaExemption, QuotaRule, QuotaState
from core import datacache

S = QuotaState
WARNING_STATES = {S.AT_RISK, S.MISSED}


@dataclass(frozen=True)
class Facts:
    agency_id: int
    region_id: int
    type_id: int
    active_from: datetime.date | None
    active_until: datetime.date | None
    on_time: int
    late: int
    drafts: int


@dataclass
class SweepResult:
    year: int
    statuses: dict[int, tuple[str, int]] = field(default_factory=dict)  # agency -> (status, count)
    region_of: dict[int, int] = field(default_factory=dict)  # agency -> region
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (agency, from, to) recorded here
    notifications: int = 0


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
    if today >= rule.risk_window_start or (facts.drafts and not count):
        return S.AT_RISK, count
    return S.PENDING, count


FACTS_SQL = """
SELECT a.id, a.region_id, a.type_id, a.active_from, a.active_until,
       COUNT(i.id) FILTER (WHERE counts AND i.first_approved_at < deadline_end) AS on_time,
       COUNT(i.id) FILTER (WHERE counts AND i.state = 'accepted' AND i.first_approved_at >= deadline_end) AS late,
       COUNT(i.id) FILTER (WHERE i.state IN ('draft', 'returned')) AS drafts
FROM agencies_agency a
JOIN compliance_quotarule r ON r.region_id = a.region_id AND r.year = %(year)s
LEFT JOIN LATERAL (
    SELECT i.id, i.state, i.first_approved_at,
           (i.state = ANY(r.counting_states)
            AND (r.replications_count OR (i.replication_of_id IS NULL AND i.replication_source_name = ''))
            AND (r.continuing_count OR i.continued_from_id IS NULL)) AS counts,
           ((r.deadline + 1)::timestamp AT TIME ZONE %(tz)s) AS deadline_end
    FROM innovations_innovation i
    WHERE i.agency_id = a.id AND i.year = %(year)s
) i ON TRUE
WHERE r.id = ANY(%(rules)s) {agency_filter}
GROUP BY a.id
"""


def _facts(year: int, rule_ids: list[int], agency_ids: list[int] | None) -> list[Facts]:
    agency_filter = "AND a.id = ANY(%(agencies)s)" if agency_ids is not None else ""
    with connection.cursor() as cursor:
        cursor.execute(
            FACTS_SQL.format(agency_filter=agency_filter),
            {"year": year, "tz": settings.TIME_ZONE, "rules": rule_ids, "agencies": agency_ids or []},
        )
        return [Facts(*row) for row in cursor.fetchall()]


def ensure_rules(year: int, region_ids: Iterable[int] | None = None) -> None:
    """Give every city and regency with agencies a rule for `year`, with the defaults (idempotent)."""
    regions = Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.REGENCY], agencies__isnull=False)
    if region_ids is not None:
        regions = regions.filter(pk__in=list(region_ids))
    missing = regions.exclude(quota_rules__year=year).distinct().values_list("pk", flat=True)
    new = QuotaRule.objects.bulk_create(
        [QuotaRule(region_id=pk, year=year, deadline=datetime.date(year, 12, 31)) for pk in missing],
        ignore_conflicts=True,
    )
    created = QuotaRule.objects.filter(year=year, region_id__in=[r.region_id for r in new], subject_types=None)
    subject = list(AgencyType.objects.filter(subject_to_quota=True).values_list("pk", flat=True))
    through = QuotaRule.subject_types.through
    through.objects.bulk_create(
        [
            through(quotarule_id=rule_id, agencytype_id=type_id)
            for rule_id in created.values_list("pk", flat=True)
            for type_id in subject
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def sweep(
    *,
    year: int,
    today: datetime.date | None = None,
    agency_ids: list[int] | None = None,
    dry_run: bool = False,
    notify: bool = True,
) -> SweepResult:
    """Compute and record the quota status of every agency (or of `agency_ids`) for `year`.

    Side effects, in order: creates missing default rules; writes new and changed statuses (conditionally);
    appends one history row per change it made; records notifications (once per person and key) and queues
    their emails after the commit. With `dry_run`, computes and returns the statuses and writes nothing.
    """
    today = today or timezone.localdate()
    result = SweepResult(year=year)
    if not dry_run:
        ensure_rules(year)
    rules = {r.region_id: r for r in QuotaRule.objects.filter(year=year, open=True).prefetch_related("subject_types")}
    if not rules:
        return result
    subject = {region_id: {t.pk for t in rule.subject_types.all()} for region_id, rule in rules.items()}
    exempt = set(
        QuotaExemption.objects.filter(year=year, state=QuotaExemption.Decision.ACCEPTED).values_list(
            "agency_id", flat=True
        )
    )
    for facts in _facts(year, [r.pk for r in rules.values()], agency_ids):
        rule = rules[facts.region_id]
        result.region_of[facts.agency_id] = facts.region_id
        result.statuses[facts.agency_id] = decide(
            rule, facts, today=today, subject_types=subject[facts.region_id], exempt=facts.agency_id in exempt
        )
    if dry_run or not result.statuses:
        return result
    changed = _write(year, result.statuses)
    result.changes = changed
    if changed:
        datacache.bump()  # the statuses were written in SQL, past the signals that keep dashboards fresh
    if notify:
        result.notifications = _notify(year, rules, result, today)
    return result


def _write(year: int, statuses: dict[int, tuple[str, int]]) -> list[tuple[int, str, str]]:
    """Insert missing rows, update changed ones where they still hold what was read; return the changes."""
    now = timezone.now()
    changes: list[tuple[int, str, str]] = []
    with connection.cursor() as cursor:
        # JOIN unnest(...) rather than `= ANY(array)`: with tens of thousands of ids, ANY tests each row against
        # the whole array (seconds at 60,000 agencies), the join hashes it (milliseconds).
        cursor.execute(
            "SELECT q.agency_id, q.status, q.count FROM compliance_quotastatus q "
            "JOIN unnest(%s::bigint[]) AS ids(id) ON ids.id = q.agency_id WHERE q.year = %s",
            [list(statuses), year],
        )
        current = {agency: (status, count) for agency, status, count in cursor.fetchall()}
        new_rows = [(a, year, s, c, now, now) for a, (s, c) in statuses.items() if a not in current]
        if new_rows:
            inserted = execute_values(
                cursor,
                "INSERT INTO compliance_quotastatus (agency_id, year, status, count, since, checked_at) VALUES %s "
                "ON CONFLICT (agency_id, year) DO NOTHING RETURNING agency_id, status",
                new_rows,
                fetch=True,
                page_size=100_000,
            )
            changes += [(agency, "", status) for agency, status in inserted]
        updates = [
            (a, old[0], old[1], statuses[a][0], statuses[a][1]) for a, old in current.items() if old != statuses[a]
        ]
        if updates:
            updated = _update_statuses(cursor, year, now, updates)
            changes += [(agency, old, new) for agency, old, new in updated if old != new]
        history = [(a, year, old, new, statuses[a][1], now, _reason(old, new)) for a, old, new in changes]
        if history:
            execute_values(
                cursor,
                "INSERT INTO compliance_quotastatuschange (agency_id, year, from_status, to_status, count, at, reason) "
                "VALUES %s",
                history,
                page_size=100_000,
            )
    return changes


def _update_statuses(
    cursor: Any, year: int, now: datetime.datetime, updates: list[tuple[Any, ...]]
) -> list[tuple[int, str, str]]:
    sql = (
        "UPDATE compliance_quotastatus AS q "
        "SET status = v.new_status, count = v.new_count, checked_at = %(now)s, "
        "    since = CASE WHEN v.new_status <> v.old_status THEN %(now)s ELSE q.since END "
        "FROM (VALUES {values}) AS v(agency_id, old_status, old_count, new_status, new_count) "
        "WHERE q.agency_id = v.agency_id AND q.year = %(year)s AND q.status = v.old_status AND q.count = v.old_count "
        "RETURNING q.agency_id, v.old_status, v.new_status"
    )
    returned: list[tuple[int, str, str]] = []
    for start in range(0, len(updates), 100_000):
        chunk = updates[start : start + 100_000]
        values = ", ".join(cursor.mogrify("(%s::bigint, %s, %s::int, %s, %s::int)", row).decode() for row in chunk)
        cursor.execute(sql.format(values=values), {"now": now, "year": year})
        returned += cursor.fetchall()
    return returned


def _reason(old: str, new: str) -> str:
    if not old:
        return "first sweep"
    return f"{old} -> {new}"


def _notify(year: int, rules: dict[int, QuotaRule], result: SweepResult, today: datetime.date) -> int:
    """Record the notifications this sweep owes (once per person and key) and queue their emails."""
    # agency -> [(key, kind, title)]
    events: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for agency, old, new in result.changes:
        if new == S.AT_RISK:
            title = _("Your agency is at risk of missing the %(year)d innovation quota") % {"year": year}
            events[agency].append((f"quota:{agency}:{year}:at_risk", "quota.at_risk", title))
        elif new == S.MISSED:
            title = _("Your agency missed the %(year)d innovation quota") % {"year": year}
            events[agency].append((f"quota:{agency}:{year}:missed", "quota.missed", title))
        elif new in (S.FULFILLED, S.FULFILLED_LATE) and old in WARNING_STATES:
            title = _("Your agency fulfilled the %(year)d innovation quota") % {"year": year}
            events[agency].append((f"quota:{agency}:{year}:fulfilled", "quota.fulfilled", title))
    for agency, (status, _count) in result.statuses.items():
        if status in (S.AT_RISK, S.PENDING):
            rule = rules[result.region_of[agency]]
            # Reminder days: only the most urgent one reached (a late first sweep sends one, not three), once.
            reached = [d for d in rule.reminder_days if today >= rule.deadline - datetime.timedelta(days=d)]
            if reached and today <= rule.deadline:
                days = min(reached)
                key = f"quota:{agency}:{year}:reminder:{days}"
                left = {"days": (rule.deadline - today).days, "year": year}
                pending = events[agency]
                if pending and pending[-1][1] == "quota.at_risk":
                    # Became at risk on a reminder day: one message says both, and counts as that reminder.
                    title = (
                        _("Your agency is at risk of missing the %(year)d innovation quota: %(days)d days left") % left
                    )
                    pending[-1] = (key, "quota.at_risk", title)
                else:
                    title = _("%(days)d days left to register your agency's %(year)d innovation") % left
                    pending.append((key, "quota.reminder", title))
    if not events:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT ra.agency_id, u.id FROM agencies_roleassignment ra JOIN agencies_user u ON u.id = ra.user_id
               JOIN unnest(%s::bigint[]) AS ids(id) ON ids.id = ra.agency_id
               WHERE ra.role IN ('staff', 'head') AND u.is_active
                 AND ra.active_from <= %s AND (ra.active_until IS NULL OR ra.active_until > %s)""",
            # Who holds the role now (the sweep's `today` may be another day, e.g. when re-run for a past year).
            [list(events), timezone.localdate(), timezone.localdate()],
        )
        people: dict[int, set[int]] = defaultdict(set)
        for agency, user in cursor.fetchall():
            people[agency].add(user)
        now = timezone.now()
        url = reverse("compliance:my-quota")
        rows = [
            (user, kind, title[:200], "", url, key, now)
            for agency, items in events.items()
            for key, kind, title in items
            for user in people.get(agency, ())
        ]
        if not rows:
            return 0
        inserted = execute_values(
            cursor,
            "INSERT INTO agencies_notification (user_id, kind, title, body, url, key, created) VALUES %s "
            "ON CONFLICT (user_id, key) DO NOTHING RETURNING id",
            rows,
            fetch=True,
            page_size=100_000,
        )
    ids = [row[0] for row in inserted]
    if ids:
        from core.tasks import send_notification_emails

        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            transaction.on_commit(_queue_emails(send_notification_emails, chunk))
    return len(ids)


def _queue_emails(task: Any, ids: list[int]) -> Any:
    return lambda: task.delay(notification_ids=ids)
