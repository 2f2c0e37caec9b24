"""The outbox keeps follow-up work with the change that calls for it; old rows and form tokens are forgotten."""

import datetime
import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from core import idempotency, outbox
from core.models import FormSubmission, Notification, OutboxMessage
from core.notifications import notify

pytestmark = pytest.mark.django_db


def test_a_notification_and_its_email_are_kept_or_dropped_together(people):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(users=[people["head"]], kind="test", key="k-1", title="Dibatalkan")
        raise RuntimeError("the change fails after the notice was written")
    notify(users=[people["head"]], kind="test", key="k-2", title="Disimpan")

    assert list(Notification.objects.values_list("key", flat=True)) == ["k-2"]
    notification = Notification.objects.get()
    assert list(OutboxMessage.objects.values_list("task", "kwargs", "sent_at")) == [
        ("agencies.send_notification_email", {"notification_id": notification.pk}, None)
    ]


def test_sent_rows_and_form_tokens_are_forgotten_after_a_week(people):
    week_ago = timezone.now() - datetime.timedelta(days=8)
    old = OutboxMessage.objects.create(task="t", sent_at=week_ago)
    waiting = OutboxMessage.objects.create(task="t", created=week_ago)
    recent = OutboxMessage.objects.create(task="t", sent_at=timezone.now())
    FormSubmission.objects.create(user=people["staff"], token=uuid.uuid4(), created=week_ago)
    kept = FormSubmission.objects.create(user=people["staff"], token=uuid.uuid4())

    assert (outbox.delete_sent(), idempotency.forget_old()) == (1, 1)
    assert sorted(OutboxMessage.objects.values_list("pk", flat=True)) == sorted([waiting.pk, recent.pk])
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
