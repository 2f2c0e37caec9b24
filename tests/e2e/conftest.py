"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Never `playwright install`: it downloads a browser, which this network refuses. The flags keep Chromium
from calling out to Google's services.
"""

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


@pytest.fixture
def screenshot(page):
    """Save a screenshot to var/screenshots/NAME.png for people to look at."""

    def _shot(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot
