"""Writes of compliance: the quota rule (every change kept), exemption requests and decisions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, User
from compliance import quota
from compliance.models import QuotaExemption, QuotaRule, QuotaRuleChange
from core.notifications import notify
from innovations.selectors import reviewers_of

RULE_FIELDS = (
    "deadline",
    "minimum",
    "counting_states",
    "replications_count",
    "continuing_count",
    "reminder_days",
    "open",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@transaction.atomic
def rule_update(*, rule: QuotaRule, by: User, subject_type_ids: list[int] | None = None, **fields: Any) -> QuotaRule:
    """Change a year's rule. Side effects: saves, records who changed what from and to, re-sweeps the year."""
    if not by.has_perm("compliance.change_quota_rule", rule.region):
        raise PermissionDenied
    rule = QuotaRule.objects.select_for_update().get(pk=rule.pk)
    changes = {}
    for name, value in fields.items():
        if name not in RULE_FIELDS:
            raise ValueError(f"rule_update cannot change {name}")
        if _plain(getattr(rule, name)) != _plain(value):
            changes[name] = [_plain(getattr(rule, name)), _plain(value)]
            setattr(rule, name, value)
    if subject_type_ids is not None:
        before = sorted(rule.subject_types.values_list("pk", flat=True))
        if before != sorted(subject_type_ids):
            changes["subject_types"] = [before, sorted(subject_type_ids)]
            rule.subject_types.set(subject_type_ids)
    if not changes:
        return rule
    rule.updated_by = by
    rule.full_clean()
    rule.save()
    QuotaRuleChange.objects.create(rule=rule, changes=changes, by=by)
    transaction.on_commit(lambda: _resweep(rule.year))
    return rule


def _resweep(year: int) -> None:
    from compliance.tasks import sweep_year_quota

    sweep_year_quota.delay(year=year)


@transaction.atomic
def exemption_request(*, agency: Agency, year: int, reason_kind: str, explanation: str, by: User) -> QuotaExemption:
    """An agency head asks to be exempted for a year; the mayor's office is notified."""
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


@transaction.atomic
def exemption_decide(*, exemption: QuotaExemption, accept: bool, note: str, by: User) -> QuotaExemption:
    """The mayor's office accepts or rejects a request. Side effects: records who and when, re-sweeps the
    agency (so its status shows the decision at once), notifies the head who asked."""
    exemption = QuotaExemption.objects.select_for_update().select_related("agency").get(pk=exemption.pk)
    if not by.has_perm("compliance.decide_exemption", exemption.agency.region):
        raise PermissionDenied
    if exemption.state != QuotaExemption.Decision.REQUESTED:
        raise ValidationError(_("This request was already decided."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say why the request is rejected.")})
    exemption.state = QuotaExemption.Decision.ACCEPTED if accept else QuotaExemption.Decision.REJECTED
    exemption.decided_by = by
    exemption.decided_at = timezone.now()
    exemption.decision_note = note.strip()
    exemption.save()
    quota.sweep(year=exemption.year, agency_ids=[exemption.agency_id])
    if exemption.requested_by:
        title = (
            _("Your exemption for %(year)d was accepted") if accept else _("Your exemption for %(year)d was rejected")
        ) % {"year": exemption.year}
        notify(
            users=[exemption.requested_by],
            kind="quota.exemption_decided",
            key=f"quota-exemption:{exemption.pk}:decided",
            title=title,
            body=exemption.decision_note,
            url=reverse("compliance:agency-quota", args=[exemption.agency_id]),
        )
    return exemption
