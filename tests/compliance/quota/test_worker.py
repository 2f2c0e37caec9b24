"""The quota jobs through a real Celery worker on the test Redis, with Django's locmem mail backend."""

from django.core import mail
from django.utils import timezone

from compliance.quota.models import QuotaRule, QuotaStatus
from compliance.quota.services import quota_rules_ensure
from compliance.quota.tasks import sweep_quotas
from core.models import Notification
from innovations import services
from tests.innovations.test_notifications import wait_for
from tests.innovations.test_services import complete


def test_daily_sweep_through_the_worker_sends_each_email_once(people, chart, worker):
    this_year = timezone.localdate().year
    # A deadline 20 days ahead: every agency without an innovation is at risk and due its 30-day reminder.
    deadline = timezone.localdate() + timezone.timedelta(days=20)
    quota_rules_ensure(year=this_year)
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
