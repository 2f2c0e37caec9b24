"""The transactional outbox: Celery tasks written as rows in the same transaction as the change that calls for
them, then relayed to the broker.

Why: `transaction.on_commit(task.delay)` loses the task when Redis is down at that moment (the change is
committed, the e-mail is never sent) and turns a saved change into a 500. Here the row commits with the change
or not at all; the relay sends it when the broker can take it:

- right after the commit, one attempt for the rows of that transaction (the usual case: a fraction of a second);
- every minute from beat (`core.relay_outbox`), for everything still waiting (the broker was down).

Each row is claimed with `SELECT ... FOR UPDATE SKIP LOCKED`, so two relays never send the same row, and marked
sent only after the broker accepted it. A relay that dies in between sends that row again later: every task
sent through here is idempotent (an e-mail is marked sent on its notification, an export is claimed, a sweep
writes the same result twice).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any, cast

from celery import current_app
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu import Connection

from core.models import OutboxMessage

log = logging.getLogger(__name__)

#: How many waiting rows one relay run sends; the next run takes the rest.
BATCH = 500


def enqueue(task: str, **kwargs: Any) -> OutboxMessage:
    """Record `task` (its Celery name) with JSON-able keyword arguments, to be sent once the transaction commits.

    Side effects, in order: inserts the row in the caller's transaction; on commit, one attempt to send it.
    A rolled-back transaction sends nothing.
    """
    message = OutboxMessage.objects.create(task=task, kwargs=kwargs)
    transaction.on_commit(lambda: relay(ids=[message.pk]))
    return message


def relay(*, ids: list[int] | None = None, limit: int = BATCH) -> int:
    """Send waiting rows (only `ids` when given) to the broker, oldest first; return how many went.

    Never raises: with the broker down, the rows stay waiting (with the error noted) for the next run.
    """
    try:
        return _relay(ids=ids, limit=limit)
    except Exception:  # the database itself failing here must not turn the caller's saved change into a 500
        log.exception("outbox relay failed")
        return 0


@transaction.atomic
def _relay(*, ids: list[int] | None, limit: int) -> int:
    pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(sent_at__isnull=True)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    messages = list(pending.order_by("pk")[:limit])
    if not messages:
        return 0
    sent = 0
    # A connection of Celery's pool: kept open between relays (a new one per commit cost a TCP connect and the
    # queue's declaration each time, about 0.1 s of the request that made the message).
    # (celery-types calls the pool's items producers; they are kombu connections.)
    with cast(Connection, current_app.pool.acquire(block=True)) as connection:
        try:
            # One quick try: with the broker down, fail in milliseconds instead of holding the request (or beat)
            # for kombu's default retries; the rows wait for the next relay.
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, interval_max=0)
            for message in messages:
                current_app.send_task(
                    message.task, kwargs=message.kwargs, connection=connection, retry=False, ignore_result=True
                )
                OutboxMessage.objects.filter(pk=message.pk).update(
                    sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
                )
                sent += 1
        except Exception as exc:  # kombu and redis-py raise their own kinds of connection errors
            unsent = [m.pk for m in messages[sent:]]
            OutboxMessage.objects.filter(pk__in=unsent).update(
                attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
            )
            log.warning("outbox: the broker refused %d task(s) (%s); they wait for the next relay", len(unsent), exc)
    return sent


def waiting() -> int:
    """How many rows wait for the broker (shown by /healthz/)."""
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()


def delete_sent(*, older_than_days: int = 7) -> int:
    """Sent rows are kept a week (to see what went out), then deleted by the relay task."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    return OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()[0]
