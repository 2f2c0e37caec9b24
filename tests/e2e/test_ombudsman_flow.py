"""The Ombudsman part as people meet it: walikota uploads the results file, reads the preview with zones and
grades, confirms, and sees the city's trend chart; kadinkes marks an improvement note done with a photo as
evidence and walikota verifies it; staff import their puskesmas survey and read the weakest element first."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from compliance.ombudsman import services
from compliance.ombudsman.models import Assessment, Finding
from compliance.skm.models import Survey
from innovations.demo import tiny_png
from tests.e2e.steps import go_to
from tests.e2e.test_quota_flow import log_out

pytestmark = pytest.mark.e2e

RESULTS = """agency,year,method,score,zone
PEMDA,2015,kepatuhan-2015,61.24,
PEMDA,2016,,65.51,
PEMDA,2017,kepatuhan-2015,70.19,
PEMDA,2018,,97.16,hijau
PEMDA,2022,opini-2022,74.10,
PEMDA,2023,opini-2022,"87,99",
PEMDA,2024,opini-2022,88.00,
PEMDA,2025,opini-2025,81.20,hijau
PKM-01,2024,opini-2022,52.80,
"""


def console_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.mark.django_db(transaction=True)
def test_walikota_uploads_results_previews_confirms_and_sees_the_trend(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    errors = console_errors(page)
    bad = tmp_path / "ombudsman-salah.csv"
    bad.write_text(RESULTS.replace("PKM-01,2024,opini-2022,52.80", "PKM-01,2024,opini-2022,152.80"))
    good = tmp_path / "ombudsman-2015-2025.csv"
    good.write_text(RESULTS)

    login("walikota")
    go_to(page, "Ombudsman & SKM")
    page.get_by_role("link", name="Impor hasil", exact=True).click()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(bad))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    expect(page.locator("#import-errors li")).to_have_count(1)
    expect(page.locator("#import-errors li")).to_contain_text("Baris 10")
    expect(page.get_by_role("button", name="Simpan penilaian")).to_have_count(0)
    assert Assessment.objects.count() == 0

    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(good))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    rows = page.locator("#preview-table tbody tr")
    expect(rows).to_have_count(9)
    expect(rows.nth(2).locator("td").nth(5)).to_have_text("Kuning")
    expect(rows.nth(3).locator("td").nth(5)).to_have_text("Hijau")  # Kota Ambon 2018, 97.16 (ambon.go.id)
    expect(rows.nth(5).locator("td").nth(5)).to_have_text("Hijau")
    expect(rows.nth(5).locator("td").nth(6)).to_have_text("B")
    expect(rows.nth(6).locator("td").nth(5)).to_have_text("Hijau tua")
    expect(rows.nth(6).locator("td").nth(6)).to_have_text("A")
    expect(rows.nth(8).locator("td").nth(5)).to_have_text("Merah")
    screenshot("ombudsman-import-preview")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.locator(".alert-success")).to_contain_text("9 penilaian berhasil diimpor.")
    assert Assessment.objects.count() == 9

    page.get_by_role("link", name="Hasil per unit").click()
    page.get_by_label("Tahun").select_option("2024")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator("#ombudsman-table tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Pemerintah Kota Ambon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kepatuhan Ombudsman Pemerintah Kota Ambon")
    chart_box = page.locator("#assessment-chart")
    expect(chart_box).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart('assessment-chart')")
    points = page.evaluate("() => Chart.getChart('assessment-chart').data.datasets[0].data.length")
    assert points == 8
    expect(page.locator("#assessment-table tbody tr")).to_have_count(8)
    screenshot("ombudsman-trend")
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_kadinkes_marks_a_note_done_with_evidence_and_walikota_verifies(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path, settings, record_assessment
):
    settings.MEDIA_ROOT = tmp_path / "media"
    assessment = record_assessment(chart["pkm"], 2024, "opini-2022", "52.80")
    note = services.finding_create(
        assessment=assessment,
        text="Maklumat pelayanan belum dipajang di ruang tunggu.",
        responsible=chart["dinkes"],
        due=datetime.date(2099, 3, 31),
        by=people["reviewer"],
    )
    photo = tmp_path / "maklumat.png"
    photo.write_bytes(tiny_png(5))

    # kadinkes follows the notification to the note, starts it, then marks it done with a photo.
    login("kadinkes")
    page.get_by_role("link", name="1 notifikasi belum dibaca").click()
    page.get_by_role("button", name=re.compile(r"^Catatan perbaikan Ombudsman baru untuk Dinas Kesehatan")).click()
    expect(page.locator("#finding-text")).to_have_text("Maklumat pelayanan belum dipajang di ruang tunggu.")
    expect(page.locator("#finding-state")).to_have_text("Terbuka")
    page.get_by_role("button", name="Mulai kerjakan").click()
    expect(page.locator("#finding-state")).to_have_text("Sedang dikerjakan")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator(".alert")).to_contain_text("Tambahkan bukti perbaikan")
    page.get_by_label("Apa yang sudah dikerjakan (atau alasan dikembalikan)").fill("Maklumat dipasang 20 November.")
    page.get_by_label("Berkas bukti (opsional)").set_input_files(str(photo))
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator("#finding-state")).to_have_text("Selesai, menunggu verifikasi")
    expect(page.locator("#finding-evidence li")).to_have_count(1)
    screenshot("finding-done")
    log_out(page, people["head"].display_name)

    # walikota sees it awaiting verification from the overview and verifies it.
    login("walikota")
    go_to(page, "Ombudsman & SKM")
    page.get_by_role("link", name="Catatan perbaikan", exact=True).click()
    page.get_by_label("Tampilkan").select_option(label="Selesai, menunggu verifikasi")
    with page.expect_navigation():  # the filtered page, before its link is clicked
        page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Maklumat pelayanan belum dipajang di ruang tunggu.").click()
    expect(page.locator("#finding-history")).to_contain_text("Maklumat dipasang 20 November.")
    page.get_by_label("Apa yang sudah dikerjakan (atau alasan dikembalikan)").fill("Sudah dicek di lokasi.")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#finding-state")).to_have_text("Terverifikasi")
    screenshot("finding-verified")
    note.refresh_from_db()
    assert note.state == "verified"
    assert list(note.events.values_list("kind", "to_state", "by__username")) == [
        ("created", "open", "walikota"),
        ("state", "in_progress", "kadinkes"),
        ("evidence", "", "kadinkes"),
        ("state", "done", "kadinkes"),
        ("state", "verified", "walikota"),
    ]
    assert Finding.objects.get().evidence.get().content_type == "image/png"


@pytest.mark.django_db(transaction=True)
def test_staff_import_their_survey_and_read_the_weakest_element_first(
    transactional_db, people, chart, page, login, live_server, screenshot, tmp_path
):
    answers = tmp_path / "skm-semester-1.csv"
    answers.write_text(
        "u1,u2,u3,u4,u5,u6,u7,u8,u9,umur\n"
        "4,3,3,4,3,3,4,2,3,34\n3,3,2,4,3,4,4,2,3,51\n4,4,3,4,3,3,3,3,3,27\n3,2,2,3,3,4,4,1,2,45\n"
    )

    login("staf.dinkes")
    go_to(page, "Ombudsman & SKM")
    page.goto(f"{live_server.url}/compliance/skm/agency/{chart['dinkes'].pk}/")
    page.get_by_role("link", name="Impor jawaban responden").click()
    page.get_by_role("textbox", name="Periode").fill("Semester I")
    page.get_by_label("Jawaban responden (CSV atau XLSX)").set_input_files(str(answers))
    page.get_by_role("button", name="Periksa dan pratinjau").click()
    expect(page.locator(".alert-success")).to_contain_text("nilai 77,08, mutu B (Baik)")
    page.get_by_role("button", name="Simpan survei").click()
    expect(page.locator("#survey-grade")).to_have_text("B")
    expect(page.locator("#element-table tbody tr").first).to_contain_text("Penanganan pengaduan, saran dan masukan")
    screenshot("survey-detail")
    assert Survey.objects.get().respondents == 4
