"""The quota jobs through a real Celery worker on the test Redis, with Django's locmem mail backend."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from compliance.models import QuotaRule, QuotaStatus
from compliance.quota import ensure_rules
from compliance.tasks import sweep_quotas
from config.celery import app as celery_app
from core.models import Notification
from innovations import services
from tests.innovations.test_notifications import wait_for
from tests.innovations.test_services import complete


@pytest.fixture
def worker(transactional_db):
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def test_daily_sweep_through_the_worker_sends_each_email_once(people, chart, worker):
    this_year = timezone.localdate().year
    # A deadline 20 days ahead: every agency without an innovation is at risk and due its 30-day reminder.
    deadline = timezone.localdate() + timezone.timedelta(days=20)
    ensure_rules(this_year)
    QuotaRule.objects.filter(year=this_year).update(deadline=deadline, reminder_days=[30, 7])

    first = sweep_quotas.delay().get(timeout=60)
    expected = Notification.objects.filter(kind__startswith="quota.").exclude(user__email="").count()
    assert wait_for(lambda: len(mail.outbox) == expected)
    second = sweep_quotas.delay().get(timeout=60)

    dinkes = QuotaStatus.objects.get(agency=chart["dinkes"], year=this_year)
    assert (dinkes.status, dinkes.count) == ("at_risk", 0)
    assert first[str(this_year)] == QuotaStatus.objects.filter(year=this_year).count()
    assert second[str(this_year)] == 0
    assert len(mail.outbox) == expected > 0
    # Becoming at risk on a reminder day is one message that says both.
    assert sorted({m.subject for m in mail.outbox}) == [
        f"Instansi Anda berisiko tidak memenuhi kuota inovasi {this_year}: 20 hari lagi",
    ]
    assert (
        Notification.objects.filter(kind__startswith="quota.", emailed_at__isnull=True).exclude(user__email="").count()
        == 0
    )


def test_an_approved_innovation_updates_the_agency_status_right_away(people, chart, worker):
    this_year = timezone.localdate().year
    innovation = services.innovation_create(agency=chart["dinkes"], year=this_year, by=people["staff"], **complete())
    services.innovation_submit(innovation=innovation, by=people["staff"])

    services.innovation_approve(innovation=innovation, by=people["head"])

    assert wait_for(
        lambda: QuotaStatus.objects.filter(agency=chart["dinkes"], year=this_year, status="fulfilled", count=1).exists()
    )


def test_overdue_improvement_notes_through_the_worker_email_the_head_once(people, chart, worker):
    import datetime
    from decimal import Decimal

    from compliance import assessments, findings
    from compliance.models import AssessmentMethod, Finding
    from compliance.tasks import mark_overdue_findings

    assessment = assessments.assessment_record(
        agency=chart["dinkes"],
        year=2024,
        method=AssessmentMethod.objects.get(slug="opini-2022"),
        score=Decimal("70"),
        by=people["reviewer"],
    )
    note = findings.finding_create(
        assessment=assessment,
        text="Maklumat belum dipajang",
        responsible=chart["dinkes"],
        due=datetime.date(2026, 3, 31),
        by=people["reviewer"],
    )
    assert wait_for(lambda: len(mail.outbox) == 1)  # the new note

    first = mark_overdue_findings.delay(day="2026-11-24").get(timeout=60)
    assert wait_for(lambda: len(mail.outbox) == 2)
    second = mark_overdue_findings.delay(day="2026-11-25").get(timeout=60)

    assert first == {"marked": 1, "notified": 1}
    assert second == {"marked": 0, "notified": 0}
    assert Finding.objects.get(pk=note.pk).overdue_since == datetime.date(2026, 11, 24)
    assert [m.to for m in mail.outbox] == [[people["head"].email]] * 2
    assert mail.outbox[1].subject == "Catatan perbaikan Ombudsman lewat tenggat sejak 31-03-2026: Dinas Kesehatan"
