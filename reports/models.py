"""Exports that run in the background: one row per request for a file, owned by the person who asked."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def export_path(instance: ExportJob, filename: str) -> str:
    # A random token in the name: the file is never served from its path, but nothing should be guessable either.
    return f"exports/{instance.owner_id}/{instance.token.hex}.{instance.format}"


class ExportJob(models.Model):
    """A CSV or XLSX of one registered table (`reports.exports.TABLES`) with the filters the person chose.

    The rows are read with the owner's visibility when the job runs. The file is kept until `expires_at`, then
    the daily clean-up deletes it and the row. Running a job again rewrites its file (same name).
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("export state", "Waiting")
        RUNNING = "running", pgettext_lazy("export state", "Being prepared")
        DONE = "done", pgettext_lazy("export state", "Ready")
        FAILED = "failed", pgettext_lazy("export state", "Failed")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    kind = models.CharField(_("table"), max_length=40)
    parameters = models.JSONField(_("filters"), default=dict, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    #: Counted when the job starts (an estimate from the request until then).
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to=export_path, max_length=200, blank=True)
    filename = models.CharField(max_length=120)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(name="export_job_done_has_file", condition=~Q(state="done") | ~Q(file="")),
        ]
        indexes = [
            models.Index(fields=["owner", "-created"], name="export_job_owner_idx"),
            models.Index(fields=["expires_at"], name="export_job_expires_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} ({self.owner_id}, {self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def finished_state(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.format}"
