"""Background exports: starting, running, retrying and deleting `ExportJob`s, and the person's own jobs."""

from __future__ import annotations

import datetime
import logging
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import exports, outbox
from core.models import ExportJob, export_path

log = logging.getLogger(__name__)

#: How often the progress shown to the person (and the heartbeat) is written, in rows.
PROGRESS_EVERY = 5000


def _stalled_before() -> datetime.datetime:
    """A running job whose last heartbeat is older than this lost its worker (killed, redeployed)."""
    return timezone.now() - datetime.timedelta(minutes=settings.EXPORT_STALLED_MINUTES)


def _stalled() -> Q:
    return Q(state=ExportJob.State.RUNNING) & (
        Q(heartbeat__lt=_stalled_before()) | Q(heartbeat__isnull=True, started__lt=_stalled_before())
    )


def _retention() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.EXPORT_RETENTION_HOURS)


def _enqueue(job: ExportJob) -> None:
    outbox.enqueue("reports.run_export", job_id=job.pk)


def export_start(
    *,
    owner: Any,
    table: exports.Table,
    fmt: str,
    parameters: dict[str, list[str]],
    estimate: int,
    language: str = "",
    title: str = "",
) -> ExportJob:
    """Record a background export of `table` for `owner` with the page's filters, to be written in `language`
    (the default language when none) with `title` as its title row (none: the header is the first row).

    Side effects, in order: the job row (queued, expiring after the retention period even if it never runs),
    then, once the transaction commits, the Celery task that writes the file.
    """
    now = timezone.now()
    job = ExportJob.objects.create(
        owner=owner,
        kind=table.slug,
        parameters=parameters,
        format=fmt,
        rows_total=estimate,
        filename=exports.file_name(table),
        created=now,
        expires_at=now + _retention(),
        language=language,
        title=title[:500],
    )
    _enqueue(job)
    return job


def export_retry(*, job: ExportJob, by: Any) -> ExportJob:
    """Queue a failed or stopped (worker died: no heartbeat) job again. Only its owner may; a job that is
    queued, running with a heartbeat or done is left alone. Side effects: the job queued afresh, then its task in
    the outbox. A worker of the stopped run that is still alive somewhere can no longer write (see export_run)."""
    if job.owner_id != by.pk:
        raise ValidationError(_("Only the person who asked for this export can run it again."))
    now = timezone.now()
    updated = ExportJob.objects.filter(Q(state=ExportJob.State.FAILED) | _stalled(), pk=job.pk).update(
        state=ExportJob.State.QUEUED, error="", rows_done=0, created=now, expires_at=now + _retention()
    )
    if not updated:
        raise ValidationError(_("This export is not failed: there is nothing to run again."))
    job.refresh_from_db()
    _enqueue(job)
    return job


def export_run(*, job_id: int) -> ExportJob | None:
    """Write the file of a queued job. Safe to run twice or after a crash halfway.

    Side effects, in order: claims the job (a conditional update: only a queued job, or a running one without a
    heartbeat for EXPORT_STALLED_MINUTES, and each claim counts an attempt); counts the rows; writes them to a
    temporary file, saving the progress every PROGRESS_EVERY rows; replaces the job's file (the same name on
    every run, so a rerun rewrites it); marks it done with a new expiry. On an error the job is marked
    failed with a message for its owner. Returns None when there was nothing to claim.
    """
    now = timezone.now()
    claimed = (
        ExportJob.objects.filter(pk=job_id)
        .filter(Q(state=ExportJob.State.QUEUED) | _stalled())
        .update(
            state=ExportJob.State.RUNNING, started=now, heartbeat=now, rows_done=0, error="", attempts=F("attempts") + 1
        )
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related("owner").get(pk=job_id)
    # Later writes name this attempt: a worker that lost its claim cannot overwrite a newer run.
    mine = ExportJob.objects.filter(pk=job.pk, attempts=job.attempts, state=ExportJob.State.RUNNING)
    table = exports.TABLES.get(job.kind)
    try:
        if table is None:
            raise exports.InvalidExport([_("This table can no longer be exported.")])
        with translation.override(job.language or settings.LANGUAGE_CODE):
            stored, written = _write(job, table, mine)
    except (exports.InvalidExport, Http404) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, exports.InvalidExport) else ""
        mine.update(state=ExportJob.State.FAILED, finished=timezone.now(), error=message or _("Not allowed any more."))
        return ExportJob.objects.get(pk=job.pk)
    except Exception:
        log.exception("export %s failed", job.pk)
        mine.update(
            state=ExportJob.State.FAILED, finished=timezone.now(), error=_("The file could not be written. Try again.")
        )
        return ExportJob.objects.get(pk=job.pk)
    finished = timezone.now()
    if not mine.update(
        state=ExportJob.State.DONE,
        file=stored,
        rows_done=written,
        rows_total=written,
        finished=finished,
        expires_at=finished + _retention(),
    ):
        log.info("export %s was claimed again while it ran; this run's file was replaced", job.pk)
    return ExportJob.objects.get(pk=job.pk)


def _write(job: ExportJob, table: exports.Table, mine: QuerySet[ExportJob]) -> tuple[str, int]:
    """Read the rows with the owner's sight and store the file under the job's name: (its name, rows written)."""
    queryset = table.build(job.owner, exports.query_from(job.parameters)).rows
    total = queryset.count()
    mine.update(rows_total=total, heartbeat=timezone.now())
    with tempfile.TemporaryDirectory(prefix="export-") as folder:
        path = Path(folder) / f"export.{job.format}"
        written = exports.write_file(
            path,
            table=table,
            queryset=queryset,
            fmt=job.format,
            title=job.title,
            progress=lambda done: _progress(mine, done, total),
            every=PROGRESS_EVERY,
        )
        name = export_path(job, "")
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            return default_storage.save(name, File(handle)), written


def _progress(job: Any, done: int, total: int) -> None:
    # More rows than counted when rows were added meanwhile: the total follows, so the bar never passes 100%.
    job.update(rows_done=done, rows_total=max(done, total), heartbeat=timezone.now())


def exports_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files and rows of expired jobs. Idempotent: a file already gone is skipped."""
    now = now or timezone.now()
    deleted = 0
    for job in ExportJob.objects.filter(expires_at__lte=now).only("pk", "file").iterator(chunk_size=500):
        name = job.file.name
        if name and default_storage.exists(name):
            default_storage.delete(name)
        deleted += ExportJob.objects.filter(pk=job.pk).delete()[0]
    return deleted


# --- reads --------------------------------------------------------------------------------------------------------


def exports_of(user: Any, *, limit: int = 50) -> QuerySet[ExportJob]:
    """A person's own exports, newest first. Nobody sees another person's."""
    return ExportJob.objects.filter(owner=user).order_by("-created", "-id")[:limit]


def export_of(user: Any) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(owner=user)
