"""In-app notifications with an email copy, sent once per person and key, through Celery by the outbox."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from core import outbox
from core.models import Notification


def notify(
    *, users: Iterable[Any], kind: str, key: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Record a notification for each person (once per `key`) and its email in the outbox.

    Side effects, in order: inserts one Notification per person who has not had `key` yet (a rerun adds
    none) and, in the same transaction, an outbox row of `agencies.send_notification_email` for each new one
    (sent to Celery after the commit, or by the relay once the broker is back).
    """
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
        outbox.enqueue("agencies.send_notification_email", notification_id=notification.pk)
    return created


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
