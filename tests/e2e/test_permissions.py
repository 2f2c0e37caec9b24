"""Who sees and changes what, as a person in the browser meets it; and the language switch."""

import re

import pytest
from playwright.sync_api import Page, expect

from agencies.models import Agency, AgencyChange
from tests.e2e.steps import log_out

pytestmark = pytest.mark.e2e

NAME_FIELD = re.compile(r"^\s*Nama\*?\s*$")


def nav(page: Page):
    """The main navigation in either language (the language switch test reads it in both)."""
    return page.get_by_role("navigation", name=re.compile(r"^(Navigasi utama|Main navigation)$"))


@pytest.mark.django_db(transaction=True)
def test_staff_sees_another_agency_read_only_and_an_outsider_does_not_see_it(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    disdik = chart["disdik"]
    detail_url = f"{live_server.url}/agencies/{disdik.pk}/"

    login("staf.dinkes")
    nav(page).get_by_role("link", name="Instansi", exact=True).click()
    # Staff may not add or import agencies.
    expect(page.get_by_role("link", name="Impor", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Tambah instansi", exact=True)).to_have_count(0)
    page.get_by_role("table").get_by_role("link", name="Dinas Pendidikan", exact=True).click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dinas Pendidikan")
    for name in ("Ubah", "Tambah unit di bawahnya", "Gabungkan", "Nonaktifkan"):
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_text("Tambah pegawai", exact=True)).to_have_count(0)
    # A staff member of Dinas Pendidikan is listed, without the button to end their role.
    people_card = page.locator("#people")
    expect(people_card.locator("li strong")).to_have_text([people["other_staff"].display_name])
    expect(people_card.get_by_role("button")).to_have_count(0)
    screenshot("agency-detail-read-only")

    response = page.goto(f"{detail_url}edit/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Anda tidak boleh melakukan ini")
    expect(page.get_by_role("textbox")).to_have_count(0)
    screenshot("agency-edit-forbidden")
    # Posting the form anyway (with a valid CSRF token) is refused too, and changes nothing.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    posted = page.request.post(
        f"{detail_url}edit/",
        form={"csrfmiddlewaretoken": token, "name": "Dinas Dibajak", "type": disdik.type_id, "code": "DINDIK"},
    )
    assert posted.status == 403
    assert Agency.objects.get(pk=disdik.pk).name == "Dinas Pendidikan"
    assert not AgencyChange.objects.filter(agency=disdik, kind=AgencyChange.Kind.UPDATED).exists()

    log_out(page, people["staff"].display_name)
    login("staf.bitung")
    response = page.goto(detail_url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    expect(page.get_by_text("Dinas Pendidikan")).to_have_count(0)
    screenshot("agency-detail-outsider")
    response = page.goto(f"{detail_url}edit/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    # The outsider's directory lists their own region's agencies only.
    page.goto(f"{live_server.url}/agencies/")
    expect(page.get_by_role("table").locator("tbody td:first-child a")).to_have_text(["Dinas Kesehatan Bitung"])


@pytest.mark.django_db(transaction=True)
def test_reviewer_renames_an_agency_and_the_history_shows_it(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    disdik = chart["disdik"]
    login("walikota")
    page.goto(f"{live_server.url}/agencies/{disdik.pk}/")
    page.get_by_role("link", name="Ubah", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{disdik.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ubah Dinas Pendidikan")
    name = page.get_by_label(NAME_FIELD)
    expect(name).to_have_value("Dinas Pendidikan")
    name.fill("  Dinas Pendidikan   dan Kebudayaan ")
    page.get_by_label("Catatan perubahan").fill("Perda Kota Ambon Nomor 5 Tahun 2026")
    screenshot("agency-edit-form")
    page.get_by_role("button", name="Simpan", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/agencies/{disdik.pk}/")
    expect(page.get_by_role("alert")).to_have_text("Perubahan disimpan.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dinas Pendidikan dan Kebudayaan")
    history = page.locator(".card", has=page.get_by_role("heading", name="Riwayat", exact=True)).locator(
        "ul.timeline > li"
    )
    expect(history).to_have_count(2)
    expect(history.locator("> div.fw-semibold")).to_have_text(["Diubah", "Dibuat"])
    latest = history.first
    expect(latest.locator("ul > li")).to_have_text(["Nama: Dinas Pendidikan → Dinas Pendidikan dan Kebudayaan"])
    expect(latest).to_contain_text(people["reviewer"].display_name)
    expect(latest).to_contain_text("Perda Kota Ambon Nomor 5 Tahun 2026")
    screenshot("agency-history-rename")

    assert Agency.objects.get(pk=disdik.pk).name == "Dinas Pendidikan dan Kebudayaan"
    change = AgencyChange.objects.get(agency=disdik, kind=AgencyChange.Kind.UPDATED)
    assert change.changes == {"name": ["Dinas Pendidikan", "Dinas Pendidikan dan Kebudayaan"]}
    assert change.changed_by == people["reviewer"]
    assert change.note == "Perda Kota Ambon Nomor 5 Tahun 2026"

    # The directory shows the new name, under the same parent.
    nav(page).get_by_role("link", name="Instansi", exact=True).click()
    page.get_by_label("Cari", exact=True).fill("Pendidikan")
    page.get_by_label("Cari", exact=True).press("Enter")
    rows = page.get_by_role("table").locator("tbody").get_by_role("row")
    expect(rows.locator("td:first-child a")).to_have_text(["Dinas Pendidikan dan Kebudayaan"])
    expect(rows.locator("td:nth-child(3)")).to_have_text(["Pemerintah Kota Ambon"])


@pytest.mark.django_db(transaction=True)
def test_language_switch_to_english_and_back(transactional_db, people, chart, page, login, live_server, screenshot):
    login("walikota")
    page.goto(f"{live_server.url}/agencies/?q=Rijali")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(nav(page).locator(".navbar-nav").get_by_role("link")).to_have_text(
        ["Beranda", "Dasbor", "Instansi", "Inovasi", "Katalog inovasi", "Kompetisi"]
    )
    # Quota, Ombudsman, standards, readiness and the index sit in one menu, so the bar stays one line.
    expect(nav(page).get_by_role("button", name="Kepatuhan", exact=True)).to_be_visible()

    page.get_by_label("Bahasa", exact=True).select_option(label="English")
    # The page reloads in English, at the same address.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/agencies/?q=Rijali")
    expect(nav(page).locator(".navbar-nav").get_by_role("link")).to_have_text(
        ["Home", "Dashboard", "Agencies", "Innovations", "Innovation catalogue", "Competition"]
    )
    expect(nav(page).get_by_role("button", name="Compliance", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agency directory")
    expect(page.get_by_text("2 agencies found")).to_be_visible()
    expect(page.get_by_label("Search", exact=True)).to_have_value("Rijali")
    expect(page.get_by_role("table").locator("tbody td:nth-child(2)")).to_have_text(
        ["Urban village (kelurahan)", "Community health centre"]
    )
    expect(page.get_by_label("Language", exact=True)).to_have_value("en")
    screenshot("agency-directory-english")

    # It sticks across pages.
    page.get_by_role("table").get_by_role("link", name="Kelurahan Rijali").click()
    expect(page.get_by_role("heading", name="History", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Edit", exact=True)).to_be_visible()

    page.get_by_label("Language", exact=True).select_option(label="Bahasa Indonesia")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_url(f"{live_server.url}/agencies/{chart['rijali'].pk}/")
    expect(nav(page).locator(".navbar-nav").get_by_role("link")).to_have_text(
        ["Beranda", "Dasbor", "Instansi", "Inovasi", "Katalog inovasi", "Kompetisi"]
    )
    expect(page.get_by_role("heading", name="Riwayat", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Ubah", exact=True)).to_be_visible()
    expect(page.get_by_label("Bahasa", exact=True)).to_have_value("id")
