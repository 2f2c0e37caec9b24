import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app as celery_app


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads of a test (evidence, photos, signed standards) and the files it generates go to its own folder,
    not to the media folder that every run shares."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker on the test Redis (the tasks' own queue), for the jobs of every compliance sub-app."""
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running
