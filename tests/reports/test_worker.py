"""A large export through a real Celery worker on the test Redis: queued, written, downloaded by its owner."""

import csv
import io

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from config.celery import app as celery_app
from core.models import ExportJob
from tests.conftest import client_for
from tests.innovations.test_notifications import wait_for
from tests.reports.bulk import bulk_innovations


@pytest.fixture
def worker(transactional_db):
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def test_a_large_export_is_written_by_the_worker_and_downloaded_by_its_owner(people, chart, settings, worker):
    settings.EXPORT_DIRECT_MAX_ROWS = 100
    bulk_innovations([chart["dinkes"].pk, chart["rijali"].pk], 2500)
    reviewer = client_for(people["reviewer"])

    start = reviewer.post(f"{reverse('exports:start', args=['innovations'])}?year=2025", {"format": "csv"})
    job = ExportJob.objects.get()
    status_url = reverse("exports:status", args=[job.token])
    assert start["Location"] == reverse("exports:detail", args=[job.token])
    assert wait_for(lambda: reviewer.get(status_url).json()["finished"], seconds=60)
    download = reviewer.get(reverse("exports:download", args=[job.token]))

    job.refresh_from_db()
    assert (job.state, job.rows_done, job.rows_total, job.attempts) == ("done", 2500, 2500, 1)
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2501
    assert rows[1][1:6] == ["2025", "DINKES", "Dinas Kesehatan", "Inovasi massal 10", "Draf"]
    assert {r[3] for r in rows[1:]} == {"Dinas Kesehatan", "Kelurahan Rijali"}
    assert client_for(people["admin"]).get(reverse("exports:download", args=[job.token])).status_code == 404


def test_the_daily_clean_up_runs_in_the_worker(people, worker):
    from core.tasks import delete_expired_exports

    assert delete_expired_exports.delay().get(timeout=30) == 0
