"""The head's measure as the mayor's office meets it: walikota opens the league of heads for 2026 from the
dashboard, then the statement of the head who moved mid-year, and downloads its PDF; the pages read on a phone."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.steps import nav
from tests.reports.test_heads import world  # noqa: F401 -- the shared 2026 world of heads

pytestmark = pytest.mark.e2e


def test_walikota_opens_the_league_then_a_statement_and_its_pdf(world, live_server, login, screenshot):  # noqa: F811
    page = login("walikota")
    nav(page).get_by_role("link", name="Dasbor").click()
    page.get_by_role("link", name="Peringkat kepala instansi").click()
    page.get_by_label("Tahun", exact=True).select_option("2026")
    page.get_by_role("button", name="Tampilkan").click()

    rows = page.locator("#head-league tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.nth(0)).to_contain_text("Hendrik Pattinama")
    expect(rows.nth(0)).to_contain_text("Plt.")
    expect(rows.nth(0)).to_contain_text("120 hari, 33% dari setahun")
    expect(page.locator("#head-league tbody tr td:nth-child(3)")).to_have_text(
        ["Dinas Kesehatan", "Dinas Kesehatan", "Dinas Kesehatan", "Dinas Pendidikan", "Kecamatan Sirimau"]
    )
    screenshot("heads-league")
    page.set_viewport_size({"width": 390, "height": 844})
    # On a phone each head is a card: every result shows, named, without scrolling the table sideways.
    first = rows.nth(0)
    expect(first.locator('td[data-label="Kuota"]')).to_be_visible()
    expect(first.locator('td[data-label="Catatan terbuka"]')).to_be_visible()
    assert page.evaluate("document.querySelector('#head-league').scrollWidth") <= 390
    screenshot("heads-league-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.get_by_role("link", name="Yusuf Tuasikal").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan tahunan 2026: Yusuf Tuasikal")
    expect(page.locator(".head-term h2")).to_have_text(["Dinas Pendidikan", "Dinas Kesehatan"])
    expect(page.locator(".head-term").nth(1)).to_contain_text("Maklumat pelayanan belum dipajang.")
    screenshot("heads-statement")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    data = Path(download.path()).read_bytes()

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert (download.suggested_filename, data[:5]) == (f"pernyataan-kepala-{world['yusuf'].pk}-2026.pdf", b"%PDF-")
    assert "Laporan tahunan 2026: Yusuf Tuasikal" in text
    assert "Dinas Pendidikan" in text and "Maklumat pelayanan belum dipajang." in text
