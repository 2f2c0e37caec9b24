"""Every page of the demo city, as each of its people, on a phone (390 px): the page never scrolls sideways,
nothing is blank after the footer, and axe-core finds no serious or critical accessibility violation.

One test per person, so the suite's workers share the walk; each loads the demo once and walks the links from the
person's start page (tests/e2e/sweep.py).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from agencies.demo import DEFAULT_REGION
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.sweep import walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PASSWORD = "secret-pass-123"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is put into the page by the test, not served by the app: the pages' CSP would refuse it."""
    return {**browser_context_args, "bypass_csp": True, "viewport": PHONE}


@pytest.fixture
def demo(settings):
    settings.DEMO_PASSWORD = PASSWORD
    with override_settings(DEBUG=True):  # seed_demo refuses to make known passwords outside development
        call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize(
    "username",
    ["staf.dinkes", "kadinkes", "camat.sirimau", "walikota", "juri1", "bappeda", "admin"],
)
def test_every_page_of_a_signed_in_person_fits_a_phone_and_passes_axe(demo, username, page, login, live_server):
    login(username, PASSWORD)

    sweep = walk(page, live_server.url, ["/"], PHONE["width"], SCREENSHOTS / "every-page" / username)

    print(f"{username}: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)")
    print(*sweep.visited, *sweep.problems, sep="\n  ")
    assert sweep.problems == [], "\n".join(sweep.problems)


def test_every_public_page_fits_a_phone_and_passes_axe(demo, page, live_server):
    # The public catalogue and a unit's service standards: what a citizen reaches from the city's website.
    starts = ["/accounts/login/", f"/publik/{DEFAULT_REGION}/inovasi/", f"/publik/{DEFAULT_REGION}/unit/DINKES/"]

    sweep = walk(page, live_server.url, starts, PHONE["width"], SCREENSHOTS / "every-page" / "citizen")

    print(f"citizen: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)")
    print(*sweep.visited, *sweep.problems, sep="\n  ")
    assert sweep.problems == [], "\n".join(sweep.problems)
