"""Every page of the demo city, as each of its people, on a phone (390 px): the page never scrolls sideways,
nothing is blank after the footer, and axe-core finds no serious or critical accessibility violation.

One test walks the links from each person's start page in turn (tests/e2e/sweep.py), all on one demo
seeded once for the module (`demo_site` in tests/e2e/conftest.py: the walks only read).
"""

import pytest

from agencies.demo import DEFAULT_REGION
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.sweep import walk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

PHONE = {"width": 390, "height": 844}
#: URL patterns axe-core has checked in this module's walks (tests/e2e/sweep.py: each pattern once).
AXE_DONE: set[str] = set()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """axe-core is put into the page by the test, not served by the app: the pages' CSP would refuse it."""
    return {**browser_context_args, "bypass_csp": True, "viewport": PHONE}


#: Each signed-in person of the demo, in an order where the people who reach the most pages come first.
PEOPLE = ["walikota", "admin", "kadinkes", "staf.dinkes", "camat.sirimau", "bappeda", "juri1"]


def test_every_page_of_every_person_fits_a_phone_and_passes_axe(page, demo_site, demo_login):
    """One test for all the people: the demo is seeded once (tests in one module but on different workers would
    each seed it), and axe-core checks each URL pattern once across the walks (tests/e2e/sweep.py)."""
    problems = []
    for username in PEOPLE:
        page.context.clear_cookies()
        demo_login(username)
        sweep = walk(page, demo_site.url, ["/"], PHONE["width"], SCREENSHOTS / "every-page" / username, AXE_DONE)
        print(
            f"{username}: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)"
        )
        print(*sweep.visited, *sweep.problems, sep="\n  ")
        problems += [f"{username} {problem}" for problem in sweep.problems]

    # The public catalogue and a unit's service standards: what a citizen reaches from the city's website.
    page.context.clear_cookies()
    starts = ["/accounts/login/", f"/publik/{DEFAULT_REGION}/inovasi/", f"/publik/{DEFAULT_REGION}/unit/DINKES/"]
    sweep = walk(page, demo_site.url, starts, PHONE["width"], SCREENSHOTS / "every-page" / "citizen", AXE_DONE)
    print(f"citizen: {len(sweep.visited)} pages ({sweep.load_seconds:.1f} s loading, {sweep.axe_seconds:.1f} s axe)")
    problems += [f"citizen {problem}" for problem in sweep.problems]

    assert problems == [], "\n".join(problems)
