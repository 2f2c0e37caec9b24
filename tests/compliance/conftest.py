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


@pytest.fixture
def flat_queries(django_assert_num_queries):
    """The 1-vs-3 rule of the compliance list pages: `flat_queries(client, url, n, add)` pins the page at n queries,
    lets `add()` put more rows on it and pins it at n again; it returns the last response for the rows it shows.
    A first, uncounted get fills the per-person caches (the bell's unread count); `rewarm` repeats it after `add()`
    where the new rows invalidated them."""

    def check(client, url, queries, add, *, rewarm=False):
        client.get(url)
        with django_assert_num_queries(queries):
            client.get(url)
        add()
        if rewarm:
            client.get(url)
        with django_assert_num_queries(queries):
            return client.get(url)

    return check
