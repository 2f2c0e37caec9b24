"""Service standards and readiness as people meet them: staf.dinkes writes the standard of a service with all 14
components and opens the consultation; a citizen reads it on a phone and comments; kadinkes decrees it with the
signed SK and publishes it; the public page shows it and its A4 poster downloads with every component. Then
walikota makes an unannounced field check that fails one readiness item and opens an improvement note from it."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from compliance.ombudsman import services as ombudsman
from compliance.ombudsman.models import AssessmentMethod, Finding
from compliance.readiness import services as readiness
from compliance.standards.models import Component, StandardComment
from innovations.demo import tiny_pdf, tiny_png
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.steps import field, go_to, log_out

pytestmark = pytest.mark.e2e

TEXTS = {
    "1. Persyaratan": "Kartu Tanda Penduduk\nPas foto 3x4",
    "2. Sistem, mekanisme dan prosedur": "Ambil nomor antrean\nPemeriksaan oleh dokter\nSurat dicetak",
    "5. Produk pelayanan": "Surat keterangan sehat",
    "6. Penanganan pengaduan, saran dan masukan": "WhatsApp: 0811-4700-100\nKotak saran",
    "7. Dasar hukum": "UU 25/2009 tentang Pelayanan Publik",
    "8. Sarana, prasarana dan/atau fasilitas": "Ruang tunggu dan kursi roda",
    "9. Kompetensi pelaksana": "Dokter umum bersertifikat",
    "10. Pengawasan internal": "Kepala puskesmas memeriksa register",
    "11. Jumlah pelaksana": "2 dokter dan 1 perawat",
    "12. Jaminan pelayanan": "Selesai dalam 30 menit",
    "13. Jaminan keamanan dan keselamatan pelayanan": "Data pasien dirahasiakan",
    "14. Evaluasi kinerja pelaksana": "Evaluasi bulanan",
}


@pytest.mark.django_db(transaction=True)
def test_standard_from_draft_to_public_poster(
    transactional_db, people, chart, page, browser, login, live_server, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    sk = tmp_path / "sk-standar.pdf"
    sk.write_bytes(tiny_pdf("SK 800/45/DINKES"))

    # staf.dinkes adds the service and writes all 14 components, then opens the public consultation.
    login("staf.dinkes")
    go_to(page, "Standar pelayanan")
    page.locator("#own-units").get_by_role("link", name="Dinas Kesehatan").click()
    page.get_by_label(field("Layanan")).fill("Surat keterangan sehat")
    page.get_by_role("button", name="Tambah layanan").click()
    for label, text in TEXTS.items():
        page.get_by_label(field(label)).fill(text)
    page.get_by_label(field("3. Jangka waktu pelayanan")).fill("30")
    page.get_by_label(field("Satuan jangka waktu")).select_option("minutes")
    page.get_by_label("4. Biaya/tarif: gratis").check()
    page.get_by_label(field("Dasar hukum tarif")).fill("Perwali 12/2024")
    page.get_by_label(field("Konsultasi dari")).fill(today.isoformat())
    page.get_by_label(field("Konsultasi sampai")).fill((today + datetime.timedelta(days=14)).isoformat())
    screenshot("standard-form")
    page.get_by_role("button", name="Simpan dan buka konsultasi publik").click()
    expect(page.get_by_role("alert").filter(has_text="Standar dibuka untuk konsultasi publik.")).to_be_visible()
    expect(page.locator(".page-header .state-badge")).to_have_text("Konsultasi publik")
    public_url = page.get_by_role("link", name="Halaman publiknya").get_attribute("href")
    log_out(page, people["staff"].display_name)

    # A citizen, on a phone and without logging in, reads the draft and leaves a comment.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True)
    citizen = phone.new_page()
    citizen.goto(f"{live_server.url}/publik/81.71/unit/DINKES/")
    citizen.get_by_role("link", name="Surat keterangan sehat").click()
    expect(citizen.locator("#consultation")).to_contain_text("Dokter umum bersertifikat")
    citizen.get_by_label(field("Komentar Anda")).fill("Mohon layanan dibuka juga hari Sabtu.")
    citizen.get_by_label(field("Telepon atau surel untuk balasan (opsional)")).fill("0812-9999-0000")
    citizen.get_by_role("button", name="Kirim komentar").click()
    expect(citizen.get_by_role("alert")).to_have_text("Terima kasih: komentar Anda sudah kami terima.")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    citizen.screenshot(path=str(SCREENSHOTS / "public-consultation-phone.png"), full_page=True)
    assert "0812-9999-0000" not in citizen.content()

    # kadinkes reads the comment, decrees the standard with the signed SK and publishes it.
    login("kadinkes")
    go_to(page, "Standar pelayanan")
    page.get_by_role("link", name="Surat keterangan sehat").click()
    expect(page.locator("#comments")).to_contain_text("Mohon layanan dibuka juga hari Sabtu.")
    page.get_by_label(field("Nomor SK")).fill("800/45/DINKES/2026")
    page.get_by_label(field("Tanggal SK")).fill(today.isoformat())
    page.get_by_label(field("SK yang ditandatangani (PDF atau foto)")).set_input_files(str(sk))
    page.get_by_role("button", name="Tetapkan standar").click()
    expect(page.locator(".page-header .state-badge")).to_have_text("Ditetapkan")
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".page-header .state-badge")).to_have_text("Diterbitkan")
    screenshot("service-published")

    # The public page shows the published standard, and its A4 poster downloads with every component.
    citizen.goto(f"{live_server.url}{public_url}")
    expect(citizen.locator("#standard")).to_contain_text("ditetapkan dengan keputusan 800/45/DINKES/2026")
    with citizen.expect_download() as download_info:
        citizen.get_by_role("link", name="Poster A4 (PDF)").click()
    pdf = download_info.value
    assert pdf.suggested_filename == "standar-surat-keterangan-sehat-a4.pdf"
    reader = PdfReader(io.BytesIO(open(pdf.path(), "rb").read()))  # noqa: SIM115 -- read at once
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for component in Component.objects.order_by("position"):
        assert f"{component.position}. {component.name}" in text
    assert StandardComment.objects.get().public_contact == "0812-9999-0000"
    phone.close()


@pytest.mark.django_db(transaction=True)
def test_walikota_field_check_fails_an_item_and_opens_an_improvement_note(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ombudsman.assessment_record(
        agency=chart["pemda"],
        year=2025,
        method=AssessmentMethod.objects.get(slug="opini-2025"),
        score=Decimal("81.20"),
        zone="green",
        by=people["reviewer"],
    )
    checklist = readiness.checklist_open(agency=chart["dinkes"], year=2027, by=people["staff"])
    maklumat = checklist.entries.get(item__slug="maklumat-dipajang")
    readiness.entry_record_paper(entry=maklumat, by=people["staff"], name="maklumat.pdf", data=tiny_pdf("M"))
    readiness.entry_record_ground(
        entry=maklumat,
        by=people["reviewer"],
        seen_by="Inspektorat",
        seen_on=timezone.localdate(),
        data=tiny_png(3),
        name="m.png",
    )
    photo = tmp_path / "loket.png"
    photo.write_bytes(tiny_png(9))

    login("walikota")
    go_to(page, "Kesiapan Ombudsman")
    page.get_by_label("Tahun").select_option("2027")
    with page.expect_navigation():  # the chosen year's table, before its link is clicked
        page.get_by_role("button", name="Tampilkan").click()
    page.locator("#readiness-table").get_by_role("link", name="Dinas Kesehatan").click()
    item = page.locator("#item-maklumat-dipajang")
    expect(item.locator(".item-state")).to_have_text("Siap")
    page.get_by_role("link", name="Catat pemeriksaan lapangan").click()
    page.get_by_label(field("Tim yang berkunjung")).fill("Bagian Organisasi Setda")
    row = page.locator("fieldset.check-row").filter(has_text="Maklumat pelayanan ditandatangani dan dipajang")
    row.get_by_label("tidak sesuai").check()
    row.get_by_label(re.compile("^Catatan untuk")).fill("Maklumat tidak ada di ruang tunggu")
    page.get_by_label(field("Foto")).set_input_files(str(photo))
    screenshot("field-check-form")
    page.get_by_role("button", name="Simpan pemeriksaan lapangan").click()
    expect(page.get_by_role("alert").filter(has_text="1 butir tidak sesuai")).to_be_visible()
    expect(item.locator(".item-state")).to_have_text("Belum siap")
    page.get_by_role("button", name="Buka catatan perbaikan").click()
    expect(page.locator("#finding-text")).to_contain_text("Maklumat tidak ada di ruang tunggu")
    screenshot("field-check-finding")
    assert Finding.objects.get().responsible == chart["dinkes"]
