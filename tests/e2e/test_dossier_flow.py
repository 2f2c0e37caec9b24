"""The agency downloads its entry's SINOVIK dossier from the entry page, as DOCX and as PDF."""

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.competition.conftest import accepted, enter
from tests.competition.factories import RoundFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_agency_downloads_the_dossier_as_docx_and_pdf(page, live_server, login, people, chart, region, screenshot):
    round_ = RoundFactory(region=region, by=people["reviewer"])
    entry = enter(round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], submit=False)

    page.set_viewport_size({"width": 1366, "height": 900})
    login("staf.dinkes")
    page.goto(f"{live_server.url}/kompetisi/entries/{entry.pk}/")
    dossier = page.get_by_role("group", name="Berkas nominasi SINOVIK")
    expect(dossier.get_by_role("link")).to_have_text(
        ["Berkas nominasi (PDF)", "Berkas nominasi (DOCX)", "Teks (Markdown)"]
    )
    screenshot("competition-entry-dossier")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("competition-entry-dossier-phone")
    with page.expect_download() as docx_download:
        dossier.get_by_role("link", name="Berkas nominasi (DOCX)").click()
    with page.expect_download() as pdf_download:
        dossier.get_by_role("link", name="Berkas nominasi (PDF)").click()

    docx, pdf = docx_download.value, pdf_download.value
    assert (docx.suggested_filename, pdf.suggested_filename) == (
        "nominasi-2026-antar-obat.docx",
        "nominasi-2026-antar-obat.pdf",
    )
    document = Document(docx.path())
    assert [p.text for p in document.paragraphs[:1]] == ["Antar Obat"]
    first_page = PdfReader(pdf.path()).pages[0].extract_text()
    assert first_page.splitlines()[:2] == ["Berkas nominasi SINOVIK, kompetisi tahun 2026", "Antar Obat"]
