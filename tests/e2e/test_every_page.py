"""Every page of the demo city, as each of its people, on a phone (390 px): the page never scrolls sideways,
nothing is blank after the footer, and axe-core finds no serious or critical accessibility violation.

One test per person, each walking the links from the person's start page (tests/e2e/sweep.py), all on one demo
seeded once for the module (`demo_site` in tests/e2e/conftest.py: the walks only read).
"""

import pytest

from agencies.demo import DEFAULT_REGION
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.sweep import walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db, pytest.mark.xdist_group("demo-site")]

PHONE = {"width": 390, "height": 844}
#: URL patterns axe-core has checked in this module's walks (tests/e2e/sweep.py: each pattern once).
AXE_DONE: set[str] = set()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is put into the page by the test, not served by the app: the pages' CSP would refuse it."""
    return {**browser_context_args, "bypass_csp": True, "viewport": PHONE}


@pytest.mark.parametrize(
    "username",
    ["staf.dinkes", "kadinkes", "camat.sirimau", "walikota", "juri1", "bappeda", "admin"],
)
def test_every_page_of_a_signed_in_person_fits_a_phone_and_passes_axe(username, page, demo_site, demo_login):
    demo_login(username)

    sweep = walk(page, demo_site.url, ["/"], PHONE["width"], SCREENSHOTS / "every-page" / username, AXE_DONE)

    print(f"{username}: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)")
    print(*sweep.visited, *sweep.problems, sep="\n  ")
    assert sweep.problems == [], "\n".join(sweep.problems)


def test_every_public_page_fits_a_phone_and_passes_axe(page, demo_site):
    # The public catalogue and a unit's service standards: what a citizen reaches from the city's website.
    starts = ["/accounts/login/", f"/publik/{DEFAULT_REGION}/inovasi/", f"/publik/{DEFAULT_REGION}/unit/DINKES/"]

    sweep = walk(page, demo_site.url, starts, PHONE["width"], SCREENSHOTS / "every-page" / "citizen", AXE_DONE)

    print(f"citizen: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)")
    print(*sweep.visited, *sweep.problems, sep="\n  ")
    assert sweep.problems == [], "\n".join(sweep.problems)
