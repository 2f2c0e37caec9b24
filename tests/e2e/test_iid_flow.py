"""The innovation index as the people use it: staf.dinkes answers an innovation's indicators with evidence (one
prefilled by the system), the Bappeda verifier verifies two and sends one back, staff fix it, the verified index
and the agency's maturity follow, and walikota downloads the portal workbook and the evidence ZIP that a real
Celery worker builds."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from config.celery import app as celery_app
from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.e2e.steps import go_to, log_out
from tests.innovations.factories import PDF_BYTES, build_innovation

pytestmark = pytest.mark.e2e


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def answer(page: Page, number: int, parameter: str | None, *, file: str = "", link: str = "") -> None:
    # "Jawab" for an indicator without an answer, "Ganti" for one already answered (prefilled by the system, too).
    page.get_by_role("link", name=re.compile(f"^(Jawab|Ganti) indikator {number}$")).click()
    if parameter:
        page.get_by_label(parameter).check()
    if file:
        page.get_by_label("Berkas bukti").set_input_files(
            {"name": file, "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
    if link:
        page.get_by_label("Atau tautan ke bukti").fill(link)
    page.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_role("alert").filter(has_text=f"Indikator {number} tersimpan")).to_be_visible()


def open_index(page: Page) -> None:
    go_to(page, "Indeks inovasi")


def test_answer_verify_fix_and_export(people, chart, region, live_server, login, screenshot, media):
    user_with_role("verifier", region=region, username="bappeda", full_name="Verifikator Bappeda")
    build_innovation(
        chart["dinkes"], people["staff"], State.ACCEPTED, year=2026, title="Sehat Keliling", urusan="kesehatan"
    )
    staff = people["staff"]

    page = login("staf.dinkes")
    open_index(page)
    expect(page.get_by_role("heading", name="Kematangan inovasi Dinas Kesehatan")).to_be_visible()
    page.get_by_role("link", name="Sehat Keliling").click()
    expect(page.locator("#indicator-32 [data-suggestion]")).to_contain_text("Sistem menyarankan parameter 2")
    answer(page, 16, "2 — Peraturan kepala daerah", file="perwali-sehat-keliling.pdf")
    answer(page, 32, None, link="https://ambonkota.go.id/sehat-keliling/jadwal")  # the suggestion, prefilled
    answer(page, 35, "3 — 5 unsur substansi, paling lama 5 menit", link="https://youtu.be/sehat-keliling")
    expect(page.locator("#indicator-32")).to_contain_text("Diisi oleh sistem: Uji coba 2024-01-15")
    screenshot("iid-answers")
    log_out(page, staff.full_name)

    page = login("bappeda")
    open_index(page)
    page.get_by_role("link", name="Verifikasi jawaban").click()
    expect(page.locator("#iid-queue > li")).to_have_count(3)
    screenshot("iid-verify")
    # Each verification is a form post: wait for its page before the next click, which on the page being left
    # would cancel it.
    with page.expect_navigation():
        page.get_by_role("button", name="Verifikasi indikator 16").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Verifikasi indikator 35").click()
    queue = page.locator("#iid-queue > li").filter(has_text="Kecepatan penciptaan inovasi")
    queue.get_by_text("Kembalikan", exact=True).click()
    queue.get_by_label("Apa yang harus diperbaiki").fill("Lampirkan proposal dengan jadwalnya, bukan tautan.")
    queue.get_by_role("button", name="Kembalikan indikator 32").click()
    expect(page.get_by_role("alert").filter(has_text="Indikator 32 dikembalikan")).to_be_visible()
    page.get_by_role("link", name="Indeks inovasi", exact=True).last.click()
    # Verified: 3 x 2 + 4 x 3 = 18 for the one innovation; 18 / MAX(10, 1) = 1.80 of 250 -> 0.72.
    expect(page.locator("#iid-verified-index")).to_have_text(re.compile(r"^0[,.]72$"))
    expect(page.locator("#iid-agencies")).to_contain_text("16,22%")  # 18 / 111
    log_out(page, "Verifikator Bappeda")

    page = login("staf.dinkes")
    open_index(page)
    page.get_by_role("link", name="Sehat Keliling").click()
    expect(page.locator("#indicator-32 [data-return-note]")).to_contain_text("Lampirkan proposal dengan jadwalnya")
    answer(page, 32, None, file="proposal-jadwal.pdf")
    log_out(page, staff.full_name)

    page = login("bappeda")
    open_index(page)
    page.get_by_role("link", name="Verifikasi jawaban").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Verifikasi indikator 32").click()
    page.get_by_role("link", name="Indeks inovasi", exact=True).last.click()
    # + 2 x 2 = 22 -> 2.20 -> 0.88; maturity 22 / 111.
    expect(page.locator("#iid-verified-index")).to_have_text(re.compile(r"^0[,.]88$"))
    expect(page.locator("#iid-agencies")).to_contain_text("19,82%")
    log_out(page, "Verifikator Bappeda")

    page = login("walikota")
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        open_index(page)
        screenshot("iid-index")
        page.get_by_role("button", name="Ekspor untuk portal nasional").click()
        link = page.get_by_role("link", name="Unduh buku kerja (XLSX)")
        expect(link).to_be_visible(timeout=60_000)
        screenshot("iid-export")
        with page.expect_download() as workbook_info:
            link.click()
        with page.expect_download() as archive_info:
            page.get_by_role("link", name="Unduh bukti (ZIP)").click()

    book = load_workbook(io.BytesIO(Path(workbook_info.value.path()).read_bytes()))
    names = zipfile.ZipFile(io.BytesIO(Path(archive_info.value.path()).read_bytes())).namelist()
    rows = [
        [*[c.value for c in row][2:4], row[-1].value] for row in book["Indikator inovasi (SID)"].iter_rows(min_row=2)
    ]
    assert [r for r in rows if r[-1] != "Belum dijawab"] == [
        [16, "Regulasi inovasi daerah", "Terverifikasi"],
        [32, "Kecepatan penciptaan inovasi", "Terverifikasi"],
        [35, "Video inovasi", "Terverifikasi"],
    ]
    assert sorted(n.split(" ")[0] for n in names) == ["SID-16", "SID-32"]
