"""Models every domain shares: a person's notifications, the base of every checked upload, and an import between
its preview and its confirmation."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class StoredUpload(models.Model):
    """An uploaded file checked by its content (PDF, JPG, PNG, DOCX, XLSX), stored under a name of its own; the
    name it came with is kept in a field. Subclasses add `file` with their own `upload_to`."""

    file: Any
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def take(self, *, name: str, data: bytes, max_bytes: int) -> None:
        """Check the bytes (ValidationError with a reason the uploader can act on) and fill the file fields;
        the caller saves."""
        from core.uploads import check_evidence_file

        kind = check_evidence_file(name=name, data=data, max_bytes=max_bytes)
        self.original_name = name[:255]
        self.content_type = kind.content_type
        self.extension = kind.extension
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.file.save(f"upload.{kind.extension}", ContentFile(data), save=False)


class Notification(models.Model):
    """A message in a person's in-app notification list (the bell in the header); email goes out too.

    Lives at the bottom of the import order so that every app can notify without importing another. Its table
    keeps the name it had when it lived in `agencies`.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    #: A stable slug of what happened, e.g. "innovation.submitted"; the text is rendered when it is created.
    kind = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    #: Makes a notification idempotent: the same key is never sent twice to the same person.
    key = models.CharField(max_length=200)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "agencies_notification"
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user_and_key")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title}"


class ImportBatch(models.Model):
    """An uploaded table (CSV or XLSX) between its preview and its confirmation.

    The checked rows are kept so that confirming saves exactly what was previewed; confirming validates again
    and saves every row in one transaction, or none. `kind` names the importer (core.imports); `scope_id` is the
    id of what that importer scopes by (a region, an agency), kept as a plain number because core names no app.
    """

    class Status(models.TextChoices):
        INVALID = "invalid", pgettext_lazy("import status", "Has errors")
        READY = "ready", pgettext_lazy("import status", "Ready to save")
        SAVED = "saved", pgettext_lazy("import status", "Saved")

    kind = models.CharField(max_length=40)
    scope_id = models.BigIntegerField()
    filename = models.CharField(max_length=255)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    #: Empty for a file imported from the command line (import_ombudsman): nobody can open it on a page.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    #: A default rather than auto_now_add, so that copying the batches from `agencies` keeps their dates.
    created = models.DateTimeField(default=timezone.now)
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["kind", "created_by"], name="importbatch_kind_owner_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename} ({self.status})"
