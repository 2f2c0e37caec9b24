import pytest
from celery.contrib.testing.worker import start_worker
from django.test import override_settings

from config.celery import app as celery_app


@pytest.fixture
def celery_worker():
    """A real Celery worker (solo pool, in a thread) on the test Redis."""
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_all_three_ok_with_a_running_worker(client, celery_worker):
    response = client.get("/healthz/")

    assert (response.status_code, response.json()) == (200, {"database": "ok", "redis": "ok", "worker": "ok"})


@pytest.mark.django_db
def test_healthz_reports_the_worker_down_but_stays_200(client, settings):
    settings.HEALTH_WORKER_TIMEOUT = 0.3

    response = client.get("/healthz/")

    assert (response.status_code, response.json()) == (200, {"database": "ok", "redis": "ok", "worker": "down"})


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down(client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz/")

    assert (response.status_code, response.json()) == (503, {"database": "ok", "redis": "down", "worker": "down"})


@pytest.mark.django_db
def test_healthz_needs_no_login_and_shows_no_secret(client):
    response = client.get("/healthz/")

    assert set(response.json()) == {"database", "redis", "worker"}
    assert response["Cache-Control"].startswith("max-age=0")
