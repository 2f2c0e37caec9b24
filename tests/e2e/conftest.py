"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: it downloads a browser, which this network refuses. The flags keep Chromium
from calling out to Google's services.
"""

import os
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from agencies.models import User
from agencies.twofactor import two_factor_required
from tests import seeds
from tests.e2e.steps import field

CHROMIUM = "/usr/bin/chromium"
PASSWORD_LABEL = "Kata sandi"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1280, "height": 900}}


def authenticator_of(user: User) -> TOTPDevice:
    """The person's authenticator (one made for the test if they have none)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "authenticator"})
    return device


def totp_code(device: TOTPDevice) -> str:
    """The code the phone shows now, computed with django-otp's own TOTP; never one already used (django-otp
    refuses a code twice, and a test may log the same person in twice within 30 seconds)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()  # within the device's tolerance of one step
    return f"{totp.token():0{device.digits}d}"


def log_in(page, base_url: str, username: str, password: str = "secret-pass-123"):
    """Log in through the real form, as a person would; a person whose role requires two-factor authentication
    types the code of their authenticator."""
    user = User.objects.get(username=username)
    device = authenticator_of(user) if two_factor_required(user) else None
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Masuk").click()
    if device is not None:
        page.get_by_role("textbox", name=field("Kode")).fill(totp_code(device))
        page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url(f"{base_url}/")
    return page


@pytest.fixture
def login(page, live_server):
    """Log in to the live server through the real form: login(username, password=...)."""
    return lambda username, password="secret-pass-123": log_in(page, live_server.url, username, password)


#: name -> test that saved it, in this process.
_TAKEN: dict[str, str] = {}


@pytest.fixture
def screenshot(page, request):
    """Save a screenshot to var/screenshots/NAME.png for people to look at.

    Tests run in several processes at once, so a name belongs to one test: a second test asking for it fails
    here (in a one-process run) instead of silently overwriting the other's picture. The file is written
    under a name of this process's own and then renamed, so a reader never sees half a picture.
    """

    def _shot(name: str) -> Path:
        owner = _TAKEN.setdefault(name, request.node.nodeid)
        assert owner == request.node.nodeid, f"screenshot {name!r} is already taken by {owner}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        partial = SCREENSHOTS / f".{name}.{os.getpid()}.png"
        page.screenshot(path=str(partial), full_page=True)
        partial.replace(path)
        return path

    return _shot


# --- the demo city, seeded once for a module of read-only browser tests, served by a live server of its own -------
# A browser test normally runs as a transactional test: pytest-django's `live_server` makes it flush every table at
# its end, so a demo seeded for one test (`seed_demo`: about 8,000 queries, 20 s of one core) would be seeded again
# for the next. Tests that only look at the demo (the every-page sweeps) share one instead:
#
# - `demo_site` seeds the demo (committed), gives every account that needs two-factor authentication an
#   authenticator, and starts a live server that is not tied to a flush; at the end of the module it stops the
#   server, flushes the tables and puts the migrations' seeded rows back (tests/seeds.py), as a transactional test
#   would;
# - each test asks for `db` (its own writes roll back) and logs in with `demo_login`. What the server itself writes
#   (sessions, last login) is committed and goes with the module's flush.
#
# Tests of one module may run on different workers, each seeding its own: keep such a module to one test.

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
