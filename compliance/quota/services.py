"""Writes of the quota: the sweep that computes and records every agency's status, the year's rule (every change
kept), exemption requests and decisions, and the weekly digest.

The sweep is set-based: the number of its queries does not grow with the number of agencies (nor of regions):
one query gathers the facts of every agency, the statuses are decided in Python (`domain.decide`), and the writes
are single statements over all rows. A sweep runs in one transaction: killed halfway, it leaves nothing behind,
and run again it gives the same result. Two sweeps at the same time are safe: a status row changes only
`WHERE status = <what this sweep read>`, so only one of them records each change, and notifications are inserted
`ON CONFLICT DO NOTHING` on (person, key), so each goes out once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg2.extras import execute_values

from agencies.models import Agency, AgencyType, Region, User
from compliance.quota import selectors
from compliance.quota.domain import WARNING_STATES, decide, reminder_due
from compliance.quota.models import QuotaExemption, QuotaRule, QuotaRuleChange, QuotaState
from compliance.quota.workflow import EXEMPTION_WORKFLOW
from core import datacache, outbox
from core.history import assign, diff
from core.notifications import notify
from core.workflow import Done
from innovations.selectors import reviewers_of

S = QuotaState


@dataclass
class SweepResult:
    year: int
    statuses: dict[int, tuple[str, int]] = field(default_factory=dict)  # agency -> (status, count)
    region_of: dict[int, int] = field(default_factory=dict)  # agency -> region
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # (agency, from, to) recorded here
    notifications: int = 0


def quota_rules_ensure(*, year: int, region_ids: Iterable[int] | None = None) -> None:
    """Give every city and regency with agencies a rule for `year`, with the defaults (idempotent).

    Side effects: inserts the missing rules, then their agency types subject to the quota (each type's flag).
    """
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
def quota_sweep(
    *,
    year: int,
    today: datetime.date | None = None,
    agency_ids: list[int] | None = None,
    dry_run: bool = False,
    notify: bool = True,
) -> SweepResult:
    """Compute and record the quota status of every agency (or of `agency_ids`) for `year`.

    Side effects, in order: creates missing default rules; writes new and changed statuses (conditionally);
    appends one history row per change it made; records notifications (once per person and key) and their
    emails in the outbox (all in one transaction: a sweep killed halfway leaves nothing and runs again). With
    `dry_run`, computes and returns the statuses and writes nothing.
    """
    today = today or timezone.localdate()
    result = SweepResult(year=year)
    if not dry_run:
        quota_rules_ensure(year=year)
    rules = {r.region_id: r for r in QuotaRule.objects.filter(year=year, open=True).prefetch_related("subject_types")}
    if not rules:
        return result
    subject = {region_id: {t.pk for t in rule.subject_types.all()} for region_id, rule in rules.items()}
    exempt = set(
        QuotaExemption.objects.filter(year=year, state=QuotaExemption.Decision.ACCEPTED).values_list(
            "agency_id", flat=True
        )
    )
    for facts in selectors.sweep_facts(year=year, rule_ids=[r.pk for r in rules.values()], agency_ids=agency_ids):
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
            days = reminder_due(rule, today)
            if days is not None:
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
    for start in range(0, len(ids), 500):
        outbox.enqueue("agencies.send_notification_emails", notification_ids=ids[start : start + 500])
    return len(ids)


# --- the rule and exemptions ------------------------------------------------------------------------------------------


RULE_FIELDS = (
    "deadline",
    "minimum",
    "counting_states",
    "replications_count",
    "continuing_count",
    "initiative_counts",
    "reminder_days",
    "risk_checkpoint",
    "open",
)


@transaction.atomic
def rule_update(*, rule: QuotaRule, by: User, subject_type_ids: list[int] | None = None, **fields: Any) -> QuotaRule:
    """Change a year's rule. Side effects: saves, records who changed what from and to, re-sweeps the year."""
    if not by.has_perm("compliance.change_quota_rule", rule.region):
        raise PermissionDenied
    rule = QuotaRule.objects.select_for_update().get(pk=rule.pk)
    changes = assign(rule, fields, allowed=RULE_FIELDS, service="rule_update")
    if subject_type_ids is not None:
        before = {"subject_types": sorted(rule.subject_types.values_list("pk", flat=True))}
        type_changes = diff(before, {"subject_types": sorted(subject_type_ids)})
        if type_changes:
            changes.update(type_changes)
            rule.subject_types.set(subject_type_ids)
    if not changes:
        return rule
    rule.updated_by = by
    rule.full_clean()
    rule.save()
    QuotaRuleChange.objects.create(rule=rule, changes=changes, by=by)
    outbox.enqueue("compliance.sweep_year_quota", year=rule.year)
    return rule


@transaction.atomic
def exemption_request(*, agency: Agency, year: int, reason_kind: str, explanation: str, by: User) -> QuotaExemption:
    """An agency head asks to be exempted for a year. Side effects: saves the request, notifies the region's
    mayor's office."""
    if not by.has_perm("compliance.request_exemption", agency):
        raise PermissionDenied(_("Only the head of the agency can ask for an exemption."))
    if not explanation.strip():
        raise ValidationError({"explanation": _("Explain why the agency should be exempted.")})
    if QuotaExemption.objects.filter(agency=agency, year=year, state=QuotaExemption.Decision.REQUESTED).exists():
        raise ValidationError(_("A request for %(year)d is already waiting for a decision.") % {"year": year})
    if QuotaExemption.objects.filter(agency=agency, year=year, state=QuotaExemption.Decision.ACCEPTED).exists():
        raise ValidationError(_("The agency is already exempted for %(year)d.") % {"year": year})
    exemption = QuotaExemption.objects.create(
        agency=agency, year=year, reason_kind=reason_kind, explanation=explanation.strip(), requested_by=by
    )
    notify(
        users=reviewers_of(agency.region_id),
        kind="quota.exemption_requested",
        key=f"quota-exemption:{exemption.pk}:requested",
        title=_("%(agency)s asks to be exempted from the %(year)d quota") % {"agency": agency.name, "year": year},
        body=exemption.explanation,
        url=reverse("compliance:quota") + f"?year={year}#exemptions",
    )
    return exemption


def exemption_decide(*, exemption: QuotaExemption, accept: bool, note: str, by: User) -> QuotaExemption:
    """The mayor's office accepts or rejects a request (`EXEMPTION_WORKFLOW`).

    Side effects, in order: locks the request; refuses one already decided, a person who does not decide for
    the agency's region, or a rejection without a reason; saves the decision with who, when and the note;
    re-sweeps the agency (so its status shows the decision at once); notifies the head who asked."""

    def resweep_and_tell(done: Done[QuotaExemption]) -> None:
        decided = done.obj
        quota_sweep(year=decided.year, agency_ids=[decided.agency_id])
        if decided.requested_by:
            accepted = _("Your exemption for %(year)d was accepted")
            title = (accepted if accept else _("Your exemption for %(year)d was rejected")) % {"year": decided.year}
            notify(
                users=[decided.requested_by],
                kind="quota.exemption_decided",
                key=f"quota-exemption:{decided.pk}:decided",
                title=title,
                body=decided.decision_note,
                url=reverse("compliance:agency-quota", args=[decided.agency_id]),
            )

    action = "accept" if accept else "reject"
    return EXEMPTION_WORKFLOW.move(exemption, action, by=by, note=note, after=resweep_and_tell).obj


# --- the weekly digest ------------------------------------------------------------------------------------------------


def quota_digests_send(*, today: datetime.date) -> int:
    """One digest per region and ISO week (sent once, whatever the number of runs). Returns how many went.

    Side effects: records one notification per reviewer, region and week (their emails follow the commit)."""
    year, week, _weekday = today.isocalendar()
    sent = 0
    for rule in QuotaRule.objects.filter(year=today.year, open=True).select_related("region"):
        rows = selectors.warning_statuses(rule=rule)
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
