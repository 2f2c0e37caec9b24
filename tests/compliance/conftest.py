import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker on the test Redis (the tasks' own queue), for the jobs of every compliance sub-app."""
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running
