"""The evaluators' reminder job through a real Celery worker on the test Redis: one email per pending evaluator
and stage, none on the second run."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from competition.tasks import send_review_reminders
from config.celery import app as celery_app
from core.models import Notification
from tests.innovations.test_notifications import wait_for


@pytest.fixture
def worker(transactional_db):
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def test_reminders_through_the_worker_email_each_pending_evaluator_once(reminder_due, people, worker):
    assert wait_for(lambda: not Notification.objects.filter(emailed_at__isnull=True).exclude(user__email="").exists())
    mail.outbox.clear()

    first = send_review_reminders.delay().get(timeout=60)
    assert wait_for(lambda: len(mail.outbox) == 1)
    second = send_review_reminders.delay().get(timeout=60)

    assert (first, second) == (1, 0)
    assert mail.outbox[0].to == [people["evaluator"].email]
    assert list(Notification.objects.filter(kind="competition.reminder").values_list("user__username", flat=True)) == [
        "juri1"
    ]
