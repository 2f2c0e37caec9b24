"""The daily readiness job through a real Celery worker: run twice on the same day (3 days before the default
31 January deadline), it warns once."""

import pytest

from compliance.readiness import services
from compliance.readiness.tasks import warn_readiness
from core.models import Notification


@pytest.mark.django_db(transaction=True)
def test_readiness_job_run_twice_through_the_worker_warns_once(worker, chart, people):
    checklist = services.checklist_open(agency=chart["dinkes"], year=2027, by=people["staff"])

    first = warn_readiness.delay(day="2027-01-28").get(timeout=30)
    second = warn_readiness.delay(day="2027-01-28").get(timeout=30)

    assert (first, second) == ({"warned": 11, "late_notices": 0}, {"warned": 0, "late_notices": 0})
    assert Notification.objects.filter(user=people["head"], kind="readiness").count() == 11
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"readiness-{pk}-d3" for pk in checklist.entries.values_list("pk", flat=True)
    }
