"""Celery tasks of the plumbing: notification emails. Thin, keyword-only ids, safe to run twice.

The task names keep the `agencies.` prefix they had before the move: queued messages and beat rows name them.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from core.models import Notification

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
