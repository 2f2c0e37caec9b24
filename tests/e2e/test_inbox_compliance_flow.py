"""The work inbox beyond innovations, in Chromium: an operator whose readiness checklist is not complete and whose
index answer was sent back sees both on the home page and reaches each in one click."""

import pytest
from playwright.sync_api import expect

from compliance.iid import services as iid_services
from compliance.readiness import services as readiness_services
from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.compliance.iid.factories import answer
from tests.innovations.factories import build_innovation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_operator_reaches_a_readiness_item_and_an_answer_sent_back_from_the_home_page(
    people, chart, page, login, live_server, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = live_server.url
    readiness_services.checklist_open(agency=chart["dinkes"], year=2027, by=people["staff"])
    innovation = build_innovation(
        chart["dinkes"], people["staff"], State.ACCEPTED, year=2026, title="Sehat Keliling", urusan="kesehatan"
    )
    verifier = user_with_role("verifier", region=chart["dinkes"].region, username="bappeda")
    sent = answer(by=people["staff"], innovation=innovation, number=16, parameter=2, year=2026)
    iid_services.answer_return(answer=sent, by=verifier, note="SK tidak terbaca, unggah ulang.")

    page.set_viewport_size({"width": 1366, "height": 900})
    login("staf.dinkes")
    readiness = page.locator("#inbox .inbox-item", has_text="Kesiapan 2027")
    returned = page.locator("#inbox .inbox-item", has_text="Indikator 16 dikembalikan: Sehat Keliling")
    expect(readiness).to_contain_text("Dinas Kesehatan")
    expect(returned.locator(".inbox-note")).to_have_text("SK tidak terbaca, unggah ulang.")
    screenshot("inbox-compliance-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("inbox-compliance-390")

    readiness.get_by_role("link", name="Lengkapi daftar periksa").click()
    expect(page).to_have_url(f"{url}/compliance/kesiapan/unit/{chart['dinkes'].pk}/2027/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kesiapan Ombudsman 2027")

    page.goto(f"{url}/")
    returned.get_by_role("link", name="Perbaiki jawaban").click()
    expect(page).to_have_url(f"{url}/compliance/iid/innovation/{innovation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sehat Keliling")
