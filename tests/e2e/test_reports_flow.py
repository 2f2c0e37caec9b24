"""Reports as people meet them: kadinkes opens the scorecard of Dinas Kesehatan from the home page, sees the
chart and its table, and downloads the PDF; walikota downloads 20,000 innovations (four times the largest file
served directly, SATU_EXPORT_DIRECT_MAX_ROWS), which a real Celery worker writes while the progress page counts
the rows, then downloads the file from the link that appears. The whole country's 200,000 are timed by
`make benchmark-pages` (its export rows), not here."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect
from pypdf import PdfReader

from compliance.ombudsman import services
from compliance.ombudsman.models import AssessmentMethod
from compliance.quota.models import QuotaStatus
from config.celery import app as celery_app
from innovations.models import State
from tests.innovations.factories import build_innovation
from tests.reports.bulk import bulk_innovations

pytestmark = pytest.mark.e2e

ROWS = 20_000


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_head_opens_the_scorecard_and_downloads_its_pdf(people, chart, live_server, login, screenshot, media):
    build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title="Posyandu Digital")
    build_innovation(chart["dinkes"], people["staff"], State.SUBMITTED, year=2024, title="Klinik Keliling")
    QuotaStatus.objects.create(agency=chart["dinkes"], year=2025, status="fulfilled", count=1)
    for year, slug, score in [(2021, "kepatuhan-2021", "55.10"), (2023, "opini-2022", "89.30")]:
        services.assessment_record(
            agency=chart["dinkes"],
            year=year,
            method=AssessmentMethod.objects.get(slug=slug),
            score=Decimal(score),
            by=people["reviewer"],
        )
    page = login("kadinkes")
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.get_by_role("link", name="Rapor Dinas Kesehatan").click()

    expect(page.get_by_role("heading", name="Rapor Dinas Kesehatan", level=1)).to_be_visible()
    chart_box = page.locator("#assessment-chart").bounding_box()
    assert chart_box is not None and chart_box["height"] > 100
    # Chart.js drew on the canvas (a blank canvas has no non-transparent pixel).
    drawn = page.evaluate(
        "() => { const c = document.getElementById('assessment-chart');"
        " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0); }"
    )
    assert drawn
    expect(page.locator("#scorecard-assessments tbody tr")).to_have_count(2)
    expect(page.locator("#scorecard-innovation-counts tbody tr")).to_have_count(2)
    screenshot("scorecard")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    data = Path(download.path()).read_bytes()

    assert download.suggested_filename.startswith("rapor-DINKES-")
    assert data.startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Rapor Dinas Kesehatan" in text
    assert "Posyandu Digital" in text
    assert errors == []


def test_mayors_office_downloads_20000_innovations_through_the_worker(
    people, chart, live_server, login, screenshot, media
):
    bulk_innovations([chart[code].pk for code in ("dinkes", "disdik", "rijali", "wainitu", "pkm")], ROWS)
    page = login("walikota")
    page.set_default_timeout(15_000)

    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Inovasi", exact=True).click()
        expect(page.get_by_text(f"{ROWS} inovasi")).to_be_visible()
        page.get_by_role("button", name="Unduh CSV").click()

        expect(page.get_by_role("heading", name="Inovasi · CSV")).to_be_visible()
        screenshot("export-progress")
        link = page.get_by_role("link", name=re.compile(r"^Unduh inovasi-\d{8}\.csv$"))
        expect(link).to_be_visible(timeout=180_000)
        screenshot("export-ready")
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value

    with Path(download.path()).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert download.suggested_filename.startswith("inovasi-")
    assert len(rows) == ROWS + 1
    assert rows[0][:6] == ["ID", "Tahun", "Kode instansi", "Instansi", "Judul", "Status"]
    assert len({r[0] for r in rows[1:]}) == ROWS
    assert {r[3] for r in rows[1:]} == {
        "Dinas Kesehatan",
        "Dinas Pendidikan",
        "Kelurahan Rijali",
        "Kelurahan Wainitu",
        "Puskesmas Rijali",
    }
    expect(page.get_by_text("20.000 dari 20.000 baris")).to_be_visible()
