"""The mayor's office reviewer finds agencies in the directory and reads one agency's page."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from agencies.models import Agency
from tests.agencies.factories import area_office, sub_agency

pytestmark = pytest.mark.e2e


def directory_rows(page: Page) -> list[tuple[str, ...]]:
    """The directory table's body rows, each as the inner text of its cells (name cell includes the code)."""
    table = page.get_by_role("table")
    rows = table.locator("tbody").get_by_role("row")
    return [tuple(" ".join(t.split()) for t in row.get_by_role("cell").all_inner_texts()) for row in rows.all()]


def directory_names(page: Page) -> list[str]:
    return page.get_by_role("table").locator("tbody").get_by_role("row").locator("td:first-child a").all_inner_texts()


@pytest.mark.django_db(transaction=True)
def test_reviewer_searches_filters_and_opens_an_agency(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    # A second puskesmas, a second kelurahan under Sirimau, and a puskesmas closed months ago (hidden by default).
    sub_agency(
        chart["dinkes"], "puskesmas", code="PKM-02", name="Puskesmas Waihaong", head_name="dr. Maria Latuconsina"
    )
    area_office(
        chart["sirimau"], "kelurahan", code="81.71.02.1012", name="Kelurahan Honipopu", head_name="Yusuf Ohorella"
    )
    closed = sub_agency(chart["dinkes"], "puskesmas", code="PKM-99", name="Puskesmas Lama")
    Agency.objects.filter(pk=closed.pk).update(active_until=datetime.date.today() - datetime.timedelta(days=200))
    Agency.objects.filter(pk=chart["sirimau"].pk).update(head_name="Drs. Tamrin Lessy", head_title="Camat Sirimau")

    login("walikota")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Instansi", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/agencies/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori instansi")
    # 8 agencies of the chart + Waihaong + Honipopu; the closed puskesmas is not listed by default.
    expect(page.get_by_text("10 instansi ditemukan")).to_be_visible()

    search = page.get_by_label("Cari", exact=True)
    search.fill("Puskesmas")
    page.get_by_role("search").get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"[?&]q=Puskesmas"))
    expect(page.get_by_text("2 instansi ditemukan")).to_be_visible()
    assert directory_rows(page) == [
        ("Puskesmas Rijali PKM-01", "Puskesmas", "Dinas Kesehatan", "Kepala Uji"),
        ("Puskesmas Waihaong PKM-02", "Puskesmas", "Dinas Kesehatan", "dr. Maria Latuconsina"),
    ]
    screenshot("agency-directory")

    # A kelurahan's name: the puskesmas named after it matches too.
    search = page.get_by_label("Cari", exact=True)
    expect(search).to_have_value("Puskesmas")
    search.fill("Rijali")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=Rijali"))
    expect(page.get_by_text("2 instansi ditemukan")).to_be_visible()
    assert directory_rows(page) == [
        ("Kelurahan Rijali 81.71.02.1011", "Kelurahan", "Kecamatan Sirimau", "Kepala Uji"),
        ("Puskesmas Rijali PKM-01", "Puskesmas", "Dinas Kesehatan", "Kepala Uji"),
    ]

    # Everything in Kecamatan Sirimau, as a link from the kecamatan's page gives it: the kecamatan field (searched
    # as typed, core.autocomplete) shows the chosen kecamatan.
    page.goto(f"{live_server.url}/agencies/?kecamatan={chart['sirimau'].pk}")
    expect(page).to_have_url(re.compile(rf"[?&]kecamatan={chart['sirimau'].pk}(&|$)"))
    expect(page.get_by_text("3 instansi ditemukan")).to_be_visible()
    assert directory_names(page) == ["Kecamatan Sirimau", "Kelurahan Honipopu", "Kelurahan Rijali"]
    expect(page.locator("select[name=kecamatan]")).to_have_value(str(chart["sirimau"].pk))
    expect(page.locator(".ts-control .item")).to_have_text("Kecamatan Sirimau")
    screenshot("agency-directory-kecamatan")

    page.get_by_role("table").get_by_role("link", name="Kecamatan Sirimau", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{chart['sirimau'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kecamatan Sirimau")
    breadcrumb = page.get_by_role("navigation", name="Kedudukan dalam struktur organisasi")
    assert breadcrumb.get_by_role("listitem").all_inner_texts() == [
        "Kota Ambon",
        "Pemerintah Kota Ambon",
        "Kecamatan Sirimau",
    ]
    expect(breadcrumb.get_by_role("link")).to_have_text(["Kota Ambon", "Pemerintah Kota Ambon"])
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Kecamatan Sirimau")

    head_card = page.locator(".card", has=page.get_by_role("heading", name="Pimpinan", exact=True))
    expect(head_card.locator("p.fw-semibold")).to_have_text("Drs. Tamrin Lessy")
    expect(head_card.locator("p.text-muted")).to_have_text("Camat Sirimau")

    units_heading = page.get_by_role("heading", name="2 unit di bawah instansi ini", exact=True)
    expect(units_heading).to_be_visible()
    units = page.locator(".card", has=units_heading).get_by_role("listitem")
    assert [" ".join(t.split()) for t in units.all_inner_texts()] == [
        "Kelurahan Honipopu 81.71.02.1012 · Kelurahan",
        "Kelurahan Rijali 81.71.02.1011 · Kelurahan",
    ]
    screenshot("agency-detail")

    # The breadcrumb leads up the hierarchy.
    breadcrumb.get_by_role("link", name="Pemerintah Kota Ambon").click()
    expect(page).to_have_url(f"{live_server.url}/agencies/{chart['pemda'].pk}/")
    expect(page.get_by_role("heading", name="4 unit di bawah instansi ini", exact=True)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_reviewer_moves_a_kelurahan_by_searching_for_its_new_kecamatan(
    transactional_db, people, chart, page, login, live_server, screenshot
):
    login("walikota")
    page.goto(f"{live_server.url}/agencies/{chart['rijali'].pk}/edit/")
    parent = page.get_by_role("combobox", name=re.compile(r"^\s*Instansi induk"))
    expect(page.locator(".ts-control .item")).to_have_text("Kecamatan Sirimau")

    page.locator(".ts-control", has=parent).click()
    page.keyboard.type("nusa")
    page.get_by_role("option", name="Kecamatan Nusaniwe", exact=True).click()
    screenshot("agency-edit-parent-autocomplete")
    # Its Kemendagri code moves with it: the kecamatan part must be the new kecamatan's (81.71.01).
    page.get_by_label("Kode Kemendagri").fill("81.71.01.1011")
    page.get_by_label("Catatan perubahan").fill("Pemekaran wilayah kelurahan")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert").filter(has_text="Perubahan disimpan.")).to_be_visible()
    breadcrumb = page.get_by_role("navigation", name="Kedudukan dalam struktur organisasi")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Kota Ambon", "Pemerintah Kota Ambon", "Kecamatan Nusaniwe"])
    assert Agency.objects.get(pk=chart["rijali"].pk).parent == chart["nusaniwe"]
