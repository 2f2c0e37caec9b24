"""Models every domain shares: a person's notifications, the base of every checked upload, background exports,
an import between its preview and its confirmation, and the bases of history tables."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


def localized(name: str, name_en: str) -> str:
    """The English name of a row kept as data (a type, a classification, a checklist item) where the page is in
    English and one is given; the Indonesian one otherwise."""
    return name_en if (get_language() or "id").startswith("en") and name_en else name


class NamedInTwoLanguages:
    """A row kept as data with an Indonesian `name` and an optional English `name_en` (its own fields)."""

    name: Any
    name_en: Any

    @property
    def label(self) -> str:
        """The name in the page's language."""
        return localized(self.name, self.name_en)


def progress_percent(done: int, total: int | None) -> int:
    """How far a background job has got, 0-100, from the steps it counted (0 until it knows how many)."""
    return min(100, done * 100 // total) if total else 0


class ListEntry(models.Model):
    """One entry of a list kept as data (the competition's categories and groups, the register's
    classifications): a stable slug, a name, its place in the list, and whether it is still offered (a retired
    entry stays for the records that name it)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CreatedBy(models.Model):
    """Who made a row and when. SET_NULL: a person's account may go while what they made stays on record."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


@deconstructible
class UploadPath:
    """The `upload_to` of every StoredUpload: `<folder>/<owner id>/<time>-<hash>.<ext>` when `by` names the field
    holding the id of the row the file belongs to, `<folder>/<year>/<time>-<hash>.<ext>` otherwise.

    Never the uploaded name (it may hold anything); the original is kept in `original_name`. Each model module
    keeps its path under the name its migrations import (`evidence_path = UploadPath("evidence", by=...)`).
    """

    def __init__(self, folder: str, by: str = "") -> None:
        self.folder = folder
        self.by = by

    def __call__(self, instance: StoredUpload, filename: str) -> str:
        now = timezone.now()
        where = getattr(instance, self.by) if self.by else f"{now:%Y}"
        return f"{self.folder}/{where}/{now:%Y%m%d%H%M%S}-{instance.sha256[:16]}.{instance.extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadPath) and (self.folder, self.by) == (other.folder, other.by)

    def __hash__(self) -> int:
        return hash((self.folder, self.by))


class StoredUpload(models.Model):
    """An uploaded file checked by its content (PDF, JPG, PNG, DOCX, XLSX), stored under a name of its own; the
    name it came with is kept in a field. Subclasses add `file` with their own `upload_to` (an `UploadPath`)."""

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

    def __str__(self) -> str:
        return self.original_name

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


class CaptionedUpload(StoredUpload):
    """A StoredUpload among several of the same row (an innovation's evidence, a note's proof), with the caption
    the uploader gave it; listed in upload order."""

    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.original_name


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


def export_path(instance: ExportJob, filename: str) -> str:
    # A random token in the name: the file is never served from its path, but nothing should be guessable either.
    return f"exports/{instance.owner_id}/{instance.token.hex}.{instance.format}"


class ExportJob(models.Model):
    """A CSV or XLSX of one registered table (`core.exports.TABLES`) with the filters the person chose.

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
    #: Written with every progress step: a running job without a heartbeat for EXPORT_STALLED_MINUTES lost its
    #: worker (killed, redeployed) and is shown as stopped, ready to run again.
    heartbeat = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    #: The requester's language and the file's title row (what was filtered, when), fixed when it was asked for:
    #: the file reads the same as the one a small table gives straight away.
    language = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=500, blank=True)

    class Meta:
        # The table keeps the name it had when exports lived in `reports`.
        db_table = "reports_exportjob"
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
        return 100 if self.state == self.State.DONE else progress_percent(self.rows_done, self.rows_total)

    @property
    def stalled(self) -> bool:
        """Running, but its worker has not written for EXPORT_STALLED_MINUTES: it died."""
        if self.state != self.State.RUNNING:
            return False
        last = self.heartbeat or self.started or self.created
        return last < timezone.now() - timedelta(minutes=settings.EXPORT_STALLED_MINUTES)

    @property
    def shown_state(self) -> str:
        return "stalled" if self.stalled else self.state

    @property
    def shown_state_label(self) -> str:
        return str(pgettext_lazy("export state", "Stopped")) if self.stalled else str(self.get_state_display())

    @property
    def finished_state(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED) or self.stalled

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.format}"


class HistoryRow(models.Model):
    """The base of every append-only history table: who made the change and when, oldest first.

    What changed is the subclass's: a transition's from/to state, a correction's {field: [before, after]}
    (core.history), a score's old and new value.
    """

    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class TransitionRow(HistoryRow):
    """A move of a workflow (core.workflow): the action, the states it went from and to, and the note.

    Subclasses add the foreign key to the row that moved and redeclare `from_state`/`to_state` with their
    workflow's choices: `from_state, to_state = transition_states(State.choices)`.
    """

    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    note = models.TextField(blank=True)

    class Meta(HistoryRow.Meta):
        abstract = True

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state} ({self.action})"


def transition_states(choices: Any) -> tuple[models.CharField[Any, Any], models.CharField[Any, Any]]:
    """A TransitionRow subclass's `from_state` and `to_state`: the base's columns, with its workflow's states as
    choices (the first move has no state before it)."""
    return (
        models.CharField(max_length=20, choices=choices, blank=True),
        models.CharField(max_length=20, choices=choices),
    )


class ImportBatch(models.Model):
    """An uploaded table (CSV or XLSX) between its preview and its confirmation.

    The checked rows are kept so that confirming saves exactly what was previewed; confirming validates again
    and saves every row in one transaction, or none. `kind` names the importer (core.imports); `scope_id` is the
    id of what that importer scopes by (a region, an agency), kept as a plain number because core names no app.
    """

    class Status(models.TextChoices):
        #: Queued for the worker, which reads the file (core.tasks.parse_import); `source` holds its bytes.
        READING = "reading", pgettext_lazy("import status", "Being read")
        #: The file could not be read at all; `problem` says why.
        UNREADABLE = "unreadable", pgettext_lazy("import status", "Could not be read")
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
    #: The uploaded bytes while the worker has still to read them (at most IMPORT_MAX_BYTES); emptied after.
    source = models.BinaryField(null=True, blank=True, editable=False)
    problem = models.TextField(blank=True)
    #: Readings started: a file that kills its worker every time is given up after a few.
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The reading worker's heartbeat: a batch "being read" whose heartbeat is older than IMPORT_STALLED_MINUTES
    #: lost its worker and is shown as stopped.
    updated = models.DateTimeField(default=timezone.now)
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

    @property
    def stalled(self) -> bool:
        """Still "being read" long after its worker should have finished: the worker died or never came."""
        limit = timedelta(minutes=settings.IMPORT_STALLED_MINUTES)
        return self.status == self.Status.READING and self.updated < timezone.now() - limit


class OutboxMessage(models.Model):
    """A Celery task to send, written in the same transaction as the change that calls for it (core.outbox).

    The relay sends each row to the broker and marks it sent; while the broker is down rows wait here, so a
    committed change never loses its e-mail or follow-up job. Consumers are idempotent: a row sent twice (the
    relay died between sending and marking) does no harm.
    """

    task = models.CharField(max_length=100)
    kwargs = models.JSONField(default=dict)
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_pending_idx")]

    def __str__(self) -> str:
        return f"{self.task} {self.kwargs} ({'sent' if self.sent_at else 'pending'})"


class FormSubmission(models.Model):
    """One sent create form, by its token (core.idempotency): a second POST of the same form (a retry after a
    timeout, a double click) finds it and goes to what the first one made instead of making it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    result_url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="form_submission_once_per_token")]
        indexes = [models.Index(fields=["created"], name="form_submission_created_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.token}"


class AuditEvent(models.Model):
    """One security-relevant event for the administrators' audit page: logins, failures, lockouts, exports,
    imports, role changes. Append-only; written by core.audit.record (from signals and services)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKOUT = "lockout", _("lockout")
        LOGOUT = "logout", _("logout")
        PASSWORD_CHANGED = "password_changed", _("password changed")
        TWO_FACTOR = "two_factor", _("two-factor change")
        EXPORT = "export", _("export")
        IMPORT = "import", _("import")
        ROLE = "role", _("role change")

    at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    #: Who acted (None for a failed login: the typed name is in `username`).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The account name as typed or as it was, kept when the account is renamed or removed.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    summary = models.CharField(_("what"), max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["-at"], name="audit_at_idx"),
            models.Index(fields=["kind", "-at"], name="audit_kind_at_idx"),
            models.Index(fields=["username", "-at"], name="audit_username_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"
