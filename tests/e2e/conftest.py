"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: it downloads a browser, which this network refuses. The flags keep Chromium
from calling out to Google's services.
"""

import os
from pathlib import Path

import pytest

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


@pytest.fixture
def login(page, live_server):
    """Log in through the real form, as a person would."""

    def _login(username: str, password: str = "secret-pass-123"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label(PASSWORD_LABEL).fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _login


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
