"""Faults injected for real (issue #17): Redis killed during a submission, the cache gone, a worker SIGKILLed
in the middle of an export. The change is kept, the person sees success, and what was owed is done once."""

import os
import signal
import time

import psycopg2
import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection
from django.urls import reverse

from config.celery import app as celery_app
from core import outbox
from core.models import ExportJob, Notification, OutboxMessage
from innovations import services
from tests.conftest import client_for
from tests.innovations.test_notifications import wait_for
from tests.innovations.test_services import complete
from tests.reports.bulk import bulk_innovations

DOWN = "redis://127.0.0.1:1/1"


@pytest.mark.django_db(transaction=True)
def test_a_submission_while_redis_is_down_succeeds_and_its_email_goes_out_once_when_redis_is_back(
    people, chart, private_redis
):
    innovation = services.innovation_create(agency=chart["dinkes"], year=2026, by=people["staff"], **complete())
    staff = client_for(people["staff"])
    staff.get(reverse("innovations:detail", args=[innovation.pk]))  # warm up (URLs, templates): time Redis alone
    private_redis.stop()
    started = time.monotonic()

    response = staff.post(reverse("innovations:transition", args=[innovation.pk, "submit"]))
    page = staff.get(response["Location"])
    health = staff.get("/healthz/")

    assert (response.status_code, page.status_code, time.monotonic() - started < 5) == (302, 200, True)
    assert "Diajukan. Pimpinan instansi sudah diberi tahu." in page.content.decode()
    assert (health.status_code, health.json()["redis"]) == (503, "down")
    innovation.refresh_from_db()
    assert (innovation.state, list(innovation.transitions.values_list("action", flat=True))) == (
        "submitted",
        ["create", "submit"],
    )
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert sorted(waiting.values_list("task", flat=True)) == [
        "agencies.send_notification_email",
        "compliance.sweep_agency_quota",
        "core.bump_data_version",
    ]
    assert all(m.attempts == 1 and "Error" in m.last_error for m in waiting)
    assert mail.outbox == []

    private_redis.start()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert outbox.relay() == 3  # what beat's `core.relay_outbox` does every minute
        assert wait_for(lambda: Notification.objects.get(kind="innovation.submitted").emailed_at is not None)
        # The relay died after sending and before marking: the row goes out again and the consumer ignores it.
        OutboxMessage.objects.filter(task="agencies.send_notification_email").update(sent_at=None)
        assert (outbox.relay(), outbox.relay()) == (1, 0)
        assert wait_for(lambda: not OutboxMessage.objects.filter(sent_at__isnull=True).exists())
        time.sleep(0.3)  # the worker's turn at the resent task

    # The quota check the submission queued ran too (its own at-risk notices are another test's subject).
    assert [(m.to, m.subject) for m in mail.outbox if "mengajukan" in m.subject] == [
        ([people["head"].email], "Dinas Kesehatan mengajukan inovasi untuk Anda setujui")
    ]


@pytest.mark.django_db
def test_pages_and_creating_a_draft_work_without_the_cache_and_a_retried_submit_makes_one_row(people, chart, settings):
    settings.CACHES = {alias: {**config, "LOCATION": DOWN} for alias, config in settings.CACHES.items()}
    settings.DASHBOARD_CACHE_SECONDS = settings.RANKING_CACHE_SECONDS = settings.FILTER_CACHE_SECONDS = 600
    reviewer = client_for(people["reviewer"])
    data = {
        "name": "Puskesmas Waihaong",
        "type": chart["pkm"].type.pk,
        "parent": chart["dinkes"].pk,
        "code": "PKM-02",
        "active_from": "2026-01-02",
        "form_token": "0b4f0cf2-5d6e-4a59-9a39-6b1f3c5e2d11",
    }

    first = reviewer.post(reverse("agencies:create"), data)
    retry = reviewer.post(reverse("agencies:create"), data, follow=True)
    dashboard = reviewer.get(reverse("dashboard"))
    # The home page counts the work waiting and the lists cache their filter forms: both without the cache.
    pages = [reviewer.get(reverse(name)) for name in ("home", "innovations:list", "agencies:list")]

    created = chart["dinkes"].children.get(code="PKM-02")
    assert (first.status_code, first["Location"]) == (302, reverse("agencies:detail", args=[created.pk]))
    assert retry.redirect_chain == [(reverse("agencies:detail", args=[created.pk]), 302)]
    assert [str(m) for m in retry.context["messages"]] == [
        "Instansi Puskesmas Waihaong sudah dibuat.",
        "Formulir ini sudah pernah dikirim; tidak ada yang dibuat dua kali. Ini hasilnya.",
    ]
    assert chart["dinkes"].children.filter(name="Puskesmas Waihaong").count() == 1
    assert dashboard.status_code == 200
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert pages[2].context["page"].paginator.count == chart["dinkes"].region.agencies.count()


def test_a_worker_killed_in_the_middle_of_an_export_leaves_a_stopped_job_that_runs_again(
    people, chart, settings, worker_process
):
    settings.EXPORT_DIRECT_MAX_ROWS = 10
    bulk_innovations([chart["dinkes"].pk], 30)
    reviewer = client_for(people["reviewer"])
    reviewer.post(f"{reverse('exports:start', args=['innovations'])}?year=2025", {"format": "csv"})
    job = ExportJob.objects.get()
    # Another session holds the innovations table: the export, once claimed, waits inside its first query.
    holder = psycopg2.connect(**_dsn())
    holder.cursor().execute("LOCK TABLE innovations_innovation IN ACCESS EXCLUSIVE MODE")
    worker = worker_process()
    try:
        assert wait_for(lambda: _waiting_on_a_lock() == 1, seconds=30)
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(timeout=10)
    finally:
        holder.close()

    job.refresh_from_db()
    assert (job.state, job.attempts, job.stalled) == ("running", 1, False)
    settings.EXPORT_STALLED_MINUTES = 0  # no heartbeat since the kill; minutes later it would read the same
    status = reviewer.get(reverse("exports:status", args=[job.token])).json()
    page = reviewer.get(reverse("exports:detail", args=[job.token])).content.decode()
    assert (status["state"], status["state_label"], status["finished"]) == ("stalled", "Terhenti", True)
    assert "Pembuatan berkas ini terhenti" in page and "Coba lagi" in page

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        rerun = reviewer.post(reverse("exports:retry", args=[job.token]))
        assert wait_for(lambda: reviewer.get(reverse("exports:status", args=[job.token])).json()["state"] == "done")

    job.refresh_from_db()
    download = reviewer.get(reverse("exports:download", args=[job.token]))
    assert (rerun.status_code, job.state, job.attempts, job.rows_done) == (302, "done", 2, 30)
    assert len(b"".join(download.streaming_content).decode("utf-8-sig").splitlines()) == 31


def _dsn() -> dict[str, str]:
    database = connection.settings_dict
    return {"dbname": database["NAME"], "user": database["USER"], "host": database["HOST"], "port": database["PORT"]}


def _waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]
