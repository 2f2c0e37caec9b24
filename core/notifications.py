"""In-app notifications with an email copy, sent once per person and key, through Celery after commit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from core.models import Notification


def notify(
    *, users: Iterable[Any], kind: str, key: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Record a notification for each person (once per `key`) and queue its email after the commit.

    Side effects, in order: inserts one Notification per person who has not had `key` yet (a rerun adds
    none), then on commit queues `agencies.send_notification_email` for each new one.
    """
    from core.tasks import send_notification_email

    created: list[Notification] = []
    for user in {u.pk: u for u in users if u.is_active}.values():
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(user=user, kind=kind, key=key, title=title, body=body, url=url)
                )
        except IntegrityError:
            continue  # already notified of this key
    for notification in created:
        transaction.on_commit(
            lambda pk=notification.pk: send_notification_email.delay(notification_id=pk)  # type: ignore[misc]
        )
    return created


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
