"""The demo city, seeded once for a module of read-only browser tests and served by a live server of its own.

A browser test normally runs as a transactional test: pytest-django's `live_server` makes it flush every table at
its end, so a demo seeded for one test (`seed_demo`: about 8,000 queries, 20 s of one core) would be seeded again
for the next. Tests that only look at the demo (the every-page sweeps) share one instead:

- `demo_site` seeds the demo (committed), gives every account that needs two-factor authentication an
  authenticator, and starts a live server that is not tied to a flush; at the end of the module it stops the
  server, flushes the tables and puts the migrations' seeded rows back (tests/seeds.py), as a transactional test
  would;
- each test asks for `db` (its own writes roll back) and logs in with `demo_login`. What the server itself writes
  (sessions, last login) is committed and goes with the module's flush.

Put the module's tests in one xdist group (`pytest.mark.xdist_group`), so that one worker seeds the demo once.
"""

from collections.abc import Callable, Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from agencies.models import User
from agencies.twofactor import two_factor_required
from tests import seeds
from tests.e2e.conftest import authenticator_of, log_in

DEMO_PASSWORD = "secret-pass-123"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[LiveServer]:
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"), DEMO_PASSWORD=DEMO_PASSWORD)
    media.enable()
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):  # seed_demo refuses to make known passwords outside development
            call_command("seed_demo", stdout=StringIO())
        for user in User.objects.all():
            if two_factor_required(user):
                authenticator_of(user)
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()  # its address in ALLOWED_HOSTS, as pytest-django does
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
            seeds.reseed()
        media.disable()


@pytest.fixture
def demo_login(page, demo_site, db) -> Callable[[str], object]:
    """Log in to the shared demo through the real form, as `demo_site`'s people."""
    return lambda username: log_in(page, demo_site.url, username, DEMO_PASSWORD)
