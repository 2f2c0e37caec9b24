"""Notifications reach the next actor in the app and, through a real Celery worker, by email; once only."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from config.celery import app as celery_app
from core.models import Notification
from core.notifications import notify
from innovations import services
from tests.innovations.test_services import complete


def wait_for(predicate, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_submitting_notifies_the_head_in_the_app_and_by_email_through_the_worker(people, chart):
    innovation = services.innovation_create(agency=chart["dinkes"], year=2026, by=people["staff"], **complete())
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        services.innovation_submit(innovation=innovation, by=people["staff"])

        # The submission also re-checks the agency's quota in the worker; this test is about the head's message.
        assert wait_for(lambda: any(m.to == [people["head"].email] and "mengajukan" in m.subject for m in mail.outbox))

    notification = Notification.objects.get(kind="innovation.submitted")
    assert (notification.user.username, notification.kind, notification.title) == (
        "kadinkes",
        "innovation.submitted",
        "Dinas Kesehatan mengajukan inovasi untuk Anda setujui",
    )
    assert notification.url == f"/innovations/{innovation.pk}/"
    sent = [m for m in mail.outbox if "mengajukan" in m.subject]
    assert [(m.to, m.subject) for m in sent] == [
        ([people["head"].email], "Dinas Kesehatan mengajukan inovasi untuk Anda setujui"),
    ]
    assert f"/innovations/{innovation.pk}/" in sent[0].body
    assert Notification.objects.get(kind="innovation.submitted").emailed_at is not None


@pytest.mark.django_db
def test_the_same_notification_is_never_sent_twice(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first:
        notify(users=[people["head"]], kind="test", key="k-1", title="Satu kali")
    with django_capture_on_commit_callbacks() as second:
        notify(users=[people["head"], people["head"]], kind="test", key="k-1", title="Satu kali")

    assert (len(first), len(second), Notification.objects.count()) == (1, 0, 1)


@pytest.mark.django_db
def test_returning_notifies_the_agency_with_the_note(people, chart):
    innovation = services.innovation_create(agency=chart["dinkes"], year=2026, by=people["staff"], **complete())
    services.innovation_submit(innovation=innovation, by=people["staff"])

    services.innovation_return(innovation=innovation, by=people["head"], note="Lampirkan SK tim.")

    returned = Notification.objects.filter(kind="innovation.returned")
    assert sorted(n.user.username for n in returned) == ["staf.dinkes"]
    assert returned.get().body.endswith("Catatan: Lampirkan SK tim.")
