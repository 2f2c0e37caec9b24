"""The one-innovation-a-year quota: its rule per region and year (data), each agency's status, and the
history of every change; exemptions decided by the mayor's office.

The tables keep the names they had when the quota lived in the flat `compliance` app (`db_table`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, AgencyType, Region
from core.models import HistoryRow


def default_counting_states() -> list[str]:
    return ["head_approved", "accepted"]


def default_reminder_days() -> list[int]:
    return [60, 30, 7]


class QuotaRule(models.Model):
    """The quota of a region for a year. Rules that change by year are rows, edited by the mayor's office."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="quota_rules")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(
        _("deadline"), help_text=_("31 December by default; set an earlier date such as the competition's close.")
    )
    minimum = models.PositiveSmallIntegerField(_("minimum number of innovations"), default=1)
    counting_states = ArrayField(
        models.CharField(max_length=20), default=default_counting_states, verbose_name=_("states that count")
    )
    replications_count = models.BooleanField(_("replications count"), default=True)
    continuing_count = models.BooleanField(
        _("continuing innovations count"),
        default=False,
        help_text=_("Off by default: the quota asks for a new innovation each year."),
    )
    reminder_days = ArrayField(
        models.PositiveSmallIntegerField(),
        default=default_reminder_days,
        verbose_name=_("reminders, days before the deadline"),
    )
    subject_types = models.ManyToManyField(
        AgencyType, related_name="+", verbose_name=_("agency types subject to the quota")
    )
    risk_checkpoint = models.DateField(
        _("mid-year checkpoint"),
        null=True,
        blank=True,
        help_text=_(
            "Optional, e.g. 30 June: from this day an agency with nothing counted yet is at risk, even before the "
            "first reminder."
        ),
    )
    initiative_counts = models.BooleanField(
        _("ideas at the inisiatif stage count"),
        default=True,
        help_text=_("Off: only innovations at the uji coba or penerapan stage count for the quota this year."),
    )
    #: Closed years are no longer swept (their statuses stay as the record).
    open = models.BooleanField(_("swept daily"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "compliance_quotarule"
        ordering = ["region", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="quota_rule_one_per_region_year"),
            models.CheckConstraint(name="quota_rule_minimum_positive", condition=Q(minimum__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    @property
    def risk_window_start(self) -> datetime.date:
        """From this day on, an agency without a counting innovation is at risk: the first reminder, or the
        mid-year checkpoint when that comes earlier."""
        window = self.deadline - datetime.timedelta(days=max(self.reminder_days or [0]))
        return min(window, self.risk_checkpoint) if self.risk_checkpoint else window


class QuotaRuleChange(HistoryRow):
    """Who changed a rule, when, and what from and to."""

    rule = models.ForeignKey(QuotaRule, on_delete=models.CASCADE, related_name="changes")
    changes = models.JSONField(default=dict)

    class Meta(HistoryRow.Meta):
        db_table = "compliance_quotarulechange"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.at:%Y-%m-%d}"


class QuotaState(models.TextChoices):
    FULFILLED = "fulfilled", pgettext_lazy("quota status", "Fulfilled")
    FULFILLED_LATE = "fulfilled_late", pgettext_lazy("quota status", "Fulfilled late")
    AT_RISK = "at_risk", pgettext_lazy("quota status", "At risk")
    #: Nothing counts yet, but a draft or an innovation awaiting approval exists (and it is not at risk yet).
    IN_PROGRESS = "in_progress", pgettext_lazy("quota status", "In progress")
    MISSED = "missed", pgettext_lazy("quota status", "Missed")
    EXEMPT = "exempt", pgettext_lazy("quota status", "Exempt")
    NOT_SUBJECT = "not_subject", pgettext_lazy("quota status", "Not subject")
    PENDING = "pending", pgettext_lazy("quota status", "Pending")


class QuotaStatus(models.Model):
    """The current status of an agency for a year, written by the sweep; readable without recomputing."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_statuses")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=QuotaState.choices)
    count = models.PositiveIntegerField(default=0)
    since = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "compliance_quotastatus"
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="quota_status_one_per_agency_year")]
        indexes = [models.Index(fields=["year", "status"], name="quota_status_year_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.status}"


class QuotaStatusChange(models.Model):
    """Append-only history: every change of an agency's quota status (written only by the sweep)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_changes")
    year = models.PositiveSmallIntegerField()
    from_status = models.CharField(max_length=20, choices=QuotaState.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=QuotaState.choices)
    count = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "compliance_quotastatuschange"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency", "year", "-at"], name="quota_change_agency_idx"),
            models.Index(fields=["year", "-at"], name="quota_change_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.from_status or '-'} → {self.to_status}"


class QuotaExemption(models.Model):
    """An agency head's request to be exempted for a year, and the mayor's office's decision."""

    class Decision(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("exemption", "Requested")
        ACCEPTED = "accepted", pgettext_lazy("exemption", "Accepted")
        REJECTED = "rejected", pgettext_lazy("exemption", "Rejected")

    class Reason(models.TextChoices):
        CREATED_LATE = "created_late", _("Created after mid-year")
        MERGED = "merged", _("Merged")
        DISSOLVED = "dissolved", _("Dissolved")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_exemptions")
    year = models.PositiveSmallIntegerField(_("year"))
    reason_kind = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("explanation"))
    state = models.CharField(max_length=20, choices=Decision.choices, default=Decision.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        db_table = "compliance_quotaexemption"
        ordering = ["-requested_at"]
        constraints = [
            # One open request at a time per agency and year; decided ones stay as history.
            models.UniqueConstraint(
                fields=["agency", "year"], condition=Q(state="requested"), name="quota_exemption_one_open_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.state}"
