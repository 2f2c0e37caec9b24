"""walikota enters the city's 2024 Ombudsman result with its four dimension scores as the rapor gives them, is told
which dimension is out of its range, fixes it, and reads the dimensions on the unit's page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from compliance.ombudsman.models import Assessment

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_walikota_enters_dimension_scores_and_an_out_of_range_one_is_named(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    login("walikota")
    page.goto(f"{live_server.url}{reverse('compliance:assessment-create')}?agency={chart['pemda'].pk}")
    page.locator("#id_year").fill("2024")
    page.locator("#id_score").fill("88,62")
    for slug, value in {"input": "23,10", "proses": "31,00", "output": "20,40", "pengaduan": "25"}.items():
        page.locator(f"#id_dimension_{slug}").fill(value)
    page.locator("[name=save]").click()

    expect(page.locator("#error_1_id_dimension_pengaduan")).to_contain_text(
        "Nilai dimensi Pengaduan (pengelolaan pengaduan) 25.00 di luar rentangnya 0.00–21.54."
    )
    expect(page.locator("#id_dimension_input")).to_have_value("23,10")
    screenshot("ombudsman-dimensions-refused")
    assert Assessment.objects.count() == 0

    page.locator("#id_dimension_pengaduan").fill("14,12")
    page.locator("[name=save]").click()

    expect(page.locator(".alert-success")).to_be_visible()
    cell = page.locator("#assessment-table tbody tr").first.locator("td").nth(5)
    expect(cell).to_contain_text("Input (kompetensi pelaksana, sarana dan prasarana): 23,10/24,24")
    expect(cell).to_contain_text("Pengaduan (pengelolaan pengaduan): 14,12/21,54")
    screenshot("ombudsman-dimensions-unit-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("ombudsman-dimensions-unit-390")
    assert Assessment.objects.get().dimensions == {
        "input": "23.10",
        "proses": "31.00",
        "output": "20.40",
        "pengaduan": "14.12",
    }
