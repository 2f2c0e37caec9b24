"""Celery tasks of the plumbing: notification emails, background exports and imports, the outbox relay. Thin,
keyword-only ids, safe to run twice.

The task names keep the prefix of the app they were in before the move (`agencies.`, `reports.`): messages already
queued and django-celery-beat rows in existing databases name them.
"""

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Model
from django.utils import timezone, translation

from core import datacache, export_jobs, idempotency, imports, outbox
from core.models import ExportJob, Notification

log = logging.getLogger(__name__)

# SMTP down or refusing: try again later (backing off up to an hour, for a day), lose nothing.
RETRY_ON = (OSError,)


def _send(notification: Notification) -> bool:
    if notification.emailed_at is not None or not notification.user.email:
        return False
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    body = f"{notification.body}\n\n{link}\n" if notification.body else f"{link}\n"
    send_mail(notification.title, body, None, [notification.user.email])
    # Marked only after the send: a crash in between sends again rather than never.
    Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    return True


@shared_task(
    name="agencies.send_notification_email",
    autoretry_for=RETRY_ON,
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=24,
)
def send_notification_email(*, notification_id: int) -> bool:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        log.info("notification %s vanished before its email went out", notification_id)
        return False
    return _send(notification)


@shared_task(
    name="agencies.send_notification_emails",
    autoretry_for=RETRY_ON,
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=24,
)
def send_notification_emails(*, notification_ids: list[int]) -> int:
    """The emails of many notifications (a sweep's). A retry after a failure resends only the unsent ones."""
    pending = Notification.objects.select_related("user").filter(pk__in=notification_ids, emailed_at__isnull=True)
    return sum(_send(notification) for notification in pending.order_by("pk"))


def run_job(model: type[Model], job_id: int, run: Callable[..., Any], *, what: str) -> str:
    """A background job's task: `run(job_id=...)` claims the row and does the work. A job that vanished before it
    ran (deleted when it expired) or that `run` could not claim (another worker holds it) is left, and said so."""
    if not model._default_manager.filter(pk=job_id).exists():
        log.info("%s %s vanished before it ran", what, job_id)
        return "vanished"
    job = run(job_id=job_id)
    return job.state if job is not None else "not claimed"


@shared_task(name="reports.run_export")
def run_export(*, job_id: int) -> str:
    """Write an export's file (core.export_jobs)."""
    return run_job(ExportJob, job_id, export_jobs.export_run, what="export")


@shared_task(name="reports.delete_expired_exports")
def delete_expired_exports() -> int:
    """Daily: the files and rows of exports past their expiry."""
    return export_jobs.exports_delete_expired()


@shared_task(name="core.relay_outbox")
def relay_outbox() -> int:
    """Every minute (config.schedule): send what the outbox still holds (the broker was down when it was written),
    and forget rows sent more than a week ago."""
    sent = outbox.relay()
    outbox.delete_sent()
    return sent


@shared_task(name="core.bump_data_version", autoretry_for=(Exception,), retry_backoff=30, max_retries=20)
def bump_data_version() -> None:
    """A data version bump that could not reach the cache when the data changed (core.datacache)."""
    datacache.incr_now()


@shared_task(name="core.read_import")
def read_import(*, batch_id: int, language: str | None = None) -> str:
    """Read and check an uploaded table (core.imports.batch_read), in the uploader's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        batch = imports.batch_read(batch_id=batch_id)
    return batch.status if batch is not None else "not claimed"


@shared_task(name="core.forget_form_tokens")
def forget_form_tokens() -> int:
    """Daily: create-form tokens older than a week (core.idempotency)."""
    return idempotency.forget_old()
