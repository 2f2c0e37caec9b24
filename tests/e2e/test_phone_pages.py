"""The pages that broke on a phone, at 390 px: no sideways scrolling of the page (tables scroll in their own
box) and nothing blank after the footer."""

import pytest

from tests.reports.test_dashboard import YEAR, data  # noqa: F401 -- the dashboard's data set

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

#: The page's width, and how far the document goes on below the footer's bottom edge (a page shorter than the
#: screen ends at the screen's bottom: that is not a band).
MEASURE = """() => {
  const footer = document.querySelector("body > footer");
  const bottom = Math.max(footer.getBoundingClientRect().bottom + window.scrollY, window.innerHeight);
  return [document.documentElement.scrollWidth, Math.round(document.documentElement.scrollHeight - bottom)];
}"""


def test_dashboard_scorecard_and_home_fit_a_phone(data, people, page, login, live_server, screenshot):  # noqa: F811
    login("walikota")
    page.set_viewport_size(PHONE)
    for name, path in [
        ("home", "/"),
        ("dashboard", f"/dashboard/?year={YEAR}"),
        ("scorecard", f"/reports/agency/{data['dinkes'].pk}/scorecard/"),
        ("quota", f"/compliance/quota/?year={YEAR}"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        width, below_footer = page.evaluate(MEASURE)
        screenshot(f"phone-{name}")
        assert (name, width, below_footer <= 1) == (name, 390, True)
