"""The catalogue as its people use it: staff of Dinas Kesehatan find a running innovation of Dinas Pendidikan,
replicate it and submit the draft through the usual workflow; its head hears once; both pages show the link; the
mayor's office sees the replication count grow. Then an anonymous visitor reads the public catalogue on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from core.models import Notification
from innovations.models import Innovation
from tests.agencies.factories import user_with_role
from tests.e2e.steps import field, log_out, nav, state_badge
from tests.innovations.catalogue.factories import round_of, running_original

pytestmark = pytest.mark.e2e

ADAPTATION = "Guru diganti bidan dan perawat; jadwal mengikuti kapal perintis dua mingguan."
REASON = "Tiga puskesmas pembantu di pulau tidak punya tenaga kesehatan tetap."


def dashboard_replications(page: Page, live_server) -> str:
    page.goto(f"{live_server.url}/dashboard/")
    return page.locator("#replications-summary .dash-number").inner_text()


@pytest.mark.django_db(transaction=True)
def test_staff_replicate_another_agencys_innovation_through_the_workflow(
    transactional_db, people, chart, page, login, live_server, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size({"width": 1366, "height": 900})
    kadisdik = user_with_role("head", agency=chart["disdik"], username="kadisdik")
    original = running_original(chart["disdik"], people["other_staff"], summary="Guru datang ke pulau-pulau kecil.")
    running_original(chart["disdik"], people["other_staff"], title="Rapor Digital Sekolah Dasar")
    round_of(chart["dinkes"].region, people["reviewer"], opens="2000-01-01", due="2099-12-31")

    heard_before = set(Notification.objects.filter(user=kadisdik).values_list("pk", flat=True))
    login("walikota")
    assert dashboard_replications(page, live_server) == "0"
    log_out(page, people["reviewer"].display_name)

    # 1. Staff search the catalogue and open the other agency's running innovation.
    login("staf.dinkes")
    nav(page).get_by_role("link", name="Katalog inovasi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog inovasi")
    page.get_by_label(field("Cari")).fill("pulau")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.locator(".catalogue-list h2")).to_have_text(["Guru Kunjung Pulau"])
    screenshot("catalogue-list")
    page.get_by_role("link", name="Guru Kunjung Pulau", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guru Kunjung Pulau")
    expect(page.locator("#contact")).to_contain_text("Dinas Pendidikan")

    # 2. Replikasi: the adaptation, then the draft goes through the usual workflow.
    page.get_by_role("link", name="Replikasi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Replikasi inovasi ini")
    page.get_by_label(field("Nama replikasi")).fill("Bidan Kunjung Pulau")
    page.get_by_label(field("Tim pelaksana")).fill("Tim Kesehatan Pulau Dinas Kesehatan")
    page.get_by_label(field("Apa yang disesuaikan")).fill(ADAPTATION)
    page.get_by_label(field("Alasannya")).fill(REASON)
    screenshot("catalogue-replicate")
    page.get_by_role("button", name="Buat draf replikasi").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(live_server.url)}/innovations/\d+/edit/$"))
    expect(page.get_by_role("alert").filter(has_text="Replikasi dibuat sebagai draf")).to_be_visible()
    page.get_by_role("button", name="Simpan dan ajukan ke pimpinan").click()
    expect(state_badge(page)).to_have_text("Diajukan")

    replica = Innovation.objects.get(title="Bidan Kunjung Pulau")
    assert (replica.replication_of_id, replica.agency_id, replica.state) == (
        original.pk,
        chart["dinkes"].pk,
        "submitted",
    )
    assert list(
        Notification.objects.filter(user=kadisdik).exclude(pk__in=heard_before).values_list("kind", "title")
    ) == [("innovation.replicated", "Dinas Kesehatan sedang mereplikasi inovasi Anda")]

    # 3. Both pages show the link: the replica's page up to the original, the original's down to the replica.
    expect(page.locator("#lineage").get_by_role("link", name="Guru Kunjung Pulau")).to_be_visible()
    page.locator("#lineage").get_by_role("link", name="Guru Kunjung Pulau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guru Kunjung Pulau")
    expect(page.locator("#replications")).to_contain_text(
        "Bidan Kunjung Pulau (dalam proses) — Dinas Kesehatan, Kota Ambon"
    )
    expect(page.locator("#lineage")).to_contain_text("Bidan Kunjung Pulau")
    screenshot("catalogue-detail")
    log_out(page, people["staff"].display_name)

    login("walikota")
    assert dashboard_replications(page, live_server) == "1"
    expect(page.locator("#replicated-originals")).to_contain_text(
        "Guru Kunjung Pulau (Dinas Pendidikan): direplikasi 1 kali, di 1 instansi"
    )

    # The mayor's office's view of the yearly check, and the catalogue page on a phone (for people to look at).
    page.goto(f"{live_server.url}/katalog/masih-berjalan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masih berjalan?")
    expect(page.locator("#running-progress tbody tr")).to_have_text([re.compile(r"^Dinas Pendidikan\s*2\s*0\s*2$")])
    screenshot("catalogue-running")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/katalog/{original.pk}/")
    screenshot("catalogue-detail-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_visitor_reads_the_public_catalogue_on_a_phone(
    transactional_db, people, chart, page, live_server, screenshot, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user_with_role("head", agency=chart["disdik"], username="kadisdik")
    running_original(
        chart["disdik"],
        people["other_staff"],
        contact_name="Bu Maria",
        contact_phone="0812-4455-6677",
        contact_email="maria@gmail.com",
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/publik/81.71/inovasi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inovasi pelayanan publik Kota Ambon")
    expect(page).to_have_title(re.compile("^Inovasi pelayanan publik Kota Ambon"))
    screenshot("public-list-390")
    page.get_by_role("link", name="Guru Kunjung Pulau", exact=True).click()
    expect(page).to_have_url(re.compile(r"/publik/81\.71/inovasi/\d+-guru-kunjung-pulau/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guru Kunjung Pulau")
    screenshot("public-detail-390")
    html = page.content()
    assert not any(value in html for value in ("Bu Maria", "0812-4455-6677", "maria@gmail.com"))
    # Nothing overflows the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("public-detail-1366")
