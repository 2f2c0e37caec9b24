"""What the catalogue adds to the register: replication records, the region's catalogue setting, and the yearly
"still running?" rounds with each agency's answers and the reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Region
from core.models import CreatedBy, StoredUpload, UploadPath
from innovations.models.register import Innovation


class CatalogueSetting(models.Model):
    """A region's choice to share its catalogue with the other regions of this deployment.

    A row of its own (not a field on agencies.Region) because the catalogue belongs to the innovation register:
    the organisation chart should not know about it, and a region without a row simply keeps its catalogue closed.
    """

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="catalogue_setting", verbose_name=_("region")
    )
    open_to_other_regions = models.BooleanField(
        _("catalogue open to other regions"),
        default=False,
        help_text=_(
            "Members of other regions that also open their catalogue can find and replicate this region's running "
            "innovations, and this region's members theirs."
        ),
    )
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("catalogue setting")
        verbose_name_plural = _("catalogue settings")

    def __str__(self) -> str:
        return str(self.region)


class Replication(CreatedBy):
    """How an agency replicated another's innovation: what it adapted and why, since when, and whether the
    originating unit confirmed it. The replica's `replication_of` points at the same original (lineage reads it)."""

    replica = models.OneToOneField(
        Innovation, on_delete=models.CASCADE, related_name="replication_record", verbose_name=_("replication")
    )
    original = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, related_name="replication_records", verbose_name=_("original")
    )
    adaptation = models.TextField(_("what was adapted"))
    reason = models.TextField(_("why it was adapted"))
    started_on = models.DateField(_("start date"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("replication record")
        verbose_name_plural = _("replication records")
        constraints = [
            models.CheckConstraint(name="replication_not_of_itself", condition=~Q(replica=models.F("original"))),
        ]

    def __str__(self) -> str:
        return f"{self.replica_id} ← {self.original_id}"


agreement_path = UploadPath("replication", by="replication_id")


class ReplicationAgreement(StoredUpload):
    """The agreement (PKS, MoU) or letter with the originating unit, checked by its content."""

    replication = models.OneToOneField(Replication, on_delete=models.CASCADE, related_name="agreement")
    file = models.FileField(_("file"), upload_to=agreement_path, max_length=300)

    class Meta:
        verbose_name = _("replication agreement")
        verbose_name_plural = _("replication agreements")


class RunningRound(models.Model):
    """One region's yearly "still running?" check: when it opens and when answers are due (dates as data)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="running_rounds", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("answers due on"))
    #: The "due soon" reminder goes this many days before `due_on`.
    remind_days_before = models.PositiveSmallIntegerField(_("reminder, days before the due date"), default=7)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-year", "region"]
        verbose_name = _("still-running round")
        verbose_name_plural = _("still-running rounds")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="running_round_one_per_region_year"),
            models.CheckConstraint(name="running_round_due_after_open", condition=Q(due_on__gte=models.F("opens_on"))),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class StopReason(models.TextChoices):
    BUDGET = "budget", pgettext_lazy("stop reason", "No more budget")
    REPLACED = "replaced", pgettext_lazy("stop reason", "Replaced by another service or system")
    REGULATION = "regulation", pgettext_lazy("stop reason", "Regulation or authority changed")
    REORGANISED = "reorganised", pgettext_lazy("stop reason", "Unit merged or reorganised")
    STAFF = "staff", pgettext_lazy("stop reason", "No staff to run it")
    NO_USE = "no_use", pgettext_lazy("stop reason", "Citizens no longer use it")
    OTHER = "other", pgettext_lazy("stop reason", "Other")


class RunningConfirmation(models.Model):
    """An agency's answer for one of its running innovations in a round."""

    class Answer(models.TextChoices):
        RUNNING = "running", pgettext_lazy("still running answer", "Still running")
        CHANGED = "changed", pgettext_lazy("still running answer", "Running, with changes")
        STOPPED = "stopped", pgettext_lazy("still running answer", "Stopped")

    round = models.ForeignKey(RunningRound, on_delete=models.CASCADE, related_name="confirmations")
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="confirmations")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    changes = models.TextField(_("what changed"), blank=True)
    stop_reason = models.CharField(_("why it stopped"), max_length=20, choices=StopReason.choices, blank=True)
    note = models.TextField(_("explanation"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("still-running answer")
        verbose_name_plural = _("still-running answers")
        constraints = [
            models.UniqueConstraint(fields=["round", "innovation"], name="running_confirmation_once_per_round"),
            models.CheckConstraint(
                name="running_confirmation_changed_says_what",
                condition=~Q(answer="changed") | ~Q(changes=""),
            ),
            models.CheckConstraint(
                name="running_confirmation_stopped_has_reason",
                condition=~Q(answer="stopped") | (~Q(stop_reason="") & ~Q(note="")),
            ),
        ]
        indexes = [models.Index(fields=["innovation", "answered_at"], name="running_confirmation_idx")]

    def __str__(self) -> str:
        return f"{self.innovation_id}: {self.answer}"


class RunningReminder(models.Model):
    """The claim that a reminder went to an agency for a milestone of a round: a rerun of the job finds it and
    sends nothing (the unique constraint decides, not the job's memory)."""

    class Milestone(models.TextChoices):
        OPENED = "opened", _("The round opened")
        DUE_SOON = "due_soon", _("Answers are due soon")
        OVERDUE = "overdue", _("Answers are overdue")

    round = models.ForeignKey(RunningRound, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    milestone = models.CharField(max_length=10, choices=Milestone.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "agency", "milestone"], name="running_reminder_once_per_agency_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.agency_id}: {self.milestone}"
