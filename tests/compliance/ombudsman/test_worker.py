"""The improvement notes' daily job through a real Celery worker on the test Redis, with Django's locmem mail
backend."""

import datetime

from django.core import mail

from compliance.ombudsman.models import Finding
from compliance.ombudsman.tasks import mark_overdue_findings
from tests.innovations.test_notifications import wait_for


def test_overdue_improvement_notes_through_the_worker_email_the_head_once(people, worker, note):
    assert wait_for(lambda: len(mail.outbox) == 1)  # the new note

    first = mark_overdue_findings.delay(day="2026-11-24").get(timeout=60)
    assert wait_for(lambda: len(mail.outbox) == 2)
    second = mark_overdue_findings.delay(day="2026-11-25").get(timeout=60)

    assert first == {"marked": 1, "notified": 1}
    assert second == {"marked": 0, "notified": 0}
    assert Finding.objects.get(pk=note.pk).overdue_since == datetime.date(2026, 11, 24)
    assert [m.to for m in mail.outbox] == [[people["head"].email]] * 2
    assert mail.outbox[1].subject == "Catatan perbaikan Ombudsman lewat tenggat sejak 31-03-2026: Dinas Kesehatan"
