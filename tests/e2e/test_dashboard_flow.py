"""walikota opens the dashboard from the menu: every chart renders without a console error, and a number clicked
opens the list of exactly that many records."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import nav
from tests.e2e.test_ombudsman_flow import console_errors
from tests.reports.test_dashboard import YEAR, data  # noqa: F401 -- the data set the dashboard tests check

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_walikota_reads_the_dashboard_and_follows_a_number(
    transactional_db,
    data,  # noqa: F811 -- the fixture imported above
    people,
    page,
    login,
    live_server,
    screenshot,
):
    errors = console_errors(page)
    login("walikota")
    nav(page).get_by_role("link", name="Dasbor").click()
    page.get_by_role("spinbutton", name="Tahun").fill(str(YEAR))
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor")

    for canvas in ("canvas[data-chart='quota-data']", "canvas[data-chart='years-data']"):
        expect(page.locator(canvas)).to_have_attribute("data-rendered", re.compile(r"^[1-9]"))
    page.wait_for_function("() => window.Chart && Chart.getChart('assessment-chart')")
    expect(page.locator("#heatmap tbody tr")).not_to_have_count(0)
    screenshot("dashboard")

    # Kesehatan in the "urusan" breakdown: 3 accepted innovations of 2026.
    number = page.locator("#by-urusan tr", has_text="Kesehatan").get_by_role("link")
    expect(number).to_have_text("3")
    number.click()
    expect(page).to_have_url(re.compile(r"/innovations/\?"))
    expect(page.locator("table tbody tr")).to_have_count(3)

    page.go_back()
    fulfilled = page.locator("#quota-table tr", has_text="Terpenuhi").first.get_by_role("link")
    expect(fulfilled).to_have_text("3")
    fulfilled.click()
    expect(page.locator("#quota-table tbody tr")).to_have_count(3)
    assert errors == []
