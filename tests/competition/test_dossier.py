"""The SINOVIK nomination dossier (domain.md §1.4): the same parts in DOCX, PDF and Markdown, read back from the
files themselves; the office's contact only; a typed formula or HTML arrives as plain text."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from competition.services.agency import attachment_add, entry_update
from innovations.models import Category, Evidence
from tests.competition.conftest import accepted, enter
from tests.conftest import client_for
from tests.innovations.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://contoh.test","klik")'
HTML = '<b>tebal</b> <img src="file:///etc/passwd"> & selesai'

IDENTITY = [
    ["Nama inovasi", "Antar Obat"],
    ["Wilayah", "Kota Ambon"],
    ["Instansi", "Dinas Kesehatan"],
    ["Inovator", "Tim Antar Obat"],
    ["Kategori", "Pelayanan kesehatan"],
    ["Kelompok", "Umum"],
    ["TPB/SDGs yang didukung", "3. Kehidupan sehat dan sejahtera; 10. Berkurangnya kesenjangan"],
    ["Urusan pemerintahan", "Kesehatan"],
    ["Tahapan", "Penerapan"],
    ["Mulai uji coba", "01-10-2023"],
    ["Mulai penerapan", "15-01-2024"],
    ["Tahap kompetisi", "Pendaftaran"],
    ["Alamat kantor", "Jl. Dr. Kayadoe, Ambon"],
    ["Telepon kantor", "0911-352222"],
    ["Surel kantor", "dinkes@ambon.go.id"],
    ["Tautan video", "-"],
]
DECREE = [
    ["Nomor SK", "SK Kepala Dinas Kesehatan No. 800/12/2023"],
    ["Tanggal SK", "02-01-2023"],
    ["Berkas SK", "sk-tim.pdf"],
]


def attachments():
    """The files table; the upload day is the city's date now, read at assertion time (a run may cross midnight)."""
    today = timezone.localdate().strftime("%d-%m-%Y")
    return [
        ["Nama berkas", "Jenis", "Ukuran", "Diunggah"],
        ["sk-tim.pdf", "SK penetapan inovator", "48\xa0bita", today],
        ["laporan.pdf", "Laporan", "48\xa0bita", today],
        ["surat-pernyataan.pdf", "Lampiran kompetisi: Surat pernyataan implementasi", "48\xa0bita", today],
    ]


@pytest.fixture
def entry(round_, people, chart):
    dinkes = chart["dinkes"]
    dinkes.address, dinkes.phone, dinkes.email = "Jl. Dr. Kayadoe, Ambon", "0911-352222", "dinkes@ambon.go.id"
    dinkes.save()
    innovation = accepted(
        dinkes,
        "Antar Obat",
        innovator_names="Tim Antar Obat",
        innovator_decree="SK Kepala Dinas Kesehatan No. 800/12/2023",
        innovator_decree_date=datetime.date(2023, 1, 2),
        trial_date=datetime.date(2023, 10, 1),
        # The innovator's own contact: never in the dossier.
        contact_name="Ibu Sari",
        contact_phone="0812-1111-2222",
        contact_email="sari.pribadi@example.com",
        urusan=Category.objects.get(kind="urusan", slug="kesehatan"),
        tahapan=Category.objects.get(kind="tahapan", slug="penerapan"),
    )
    innovation.sdgs.set(Category.objects.filter(kind="sdg", slug__in=["sdg-10", "sdg-3"]))
    for name, kind in [("sk-tim.pdf", Evidence.Kind.INNOVATOR_DECREE), ("laporan.pdf", Evidence.Kind.REPORT)]:
        evidence = Evidence(innovation=innovation, kind=kind, uploaded_by=people["staff"])
        evidence.take(name=name, data=PDF_BYTES, max_bytes=settings.EVIDENCE_MAX_BYTES)
        evidence.save()
    entry = enter(round_, innovation, people["staff"], submit=False)
    entry = entry_update(entry=entry, by=people["staff"], summary=FORMULA, background=HTML)
    attachment_add(
        entry=entry,
        by=people["staff"],
        name="surat-pernyataan.pdf",
        data=PDF_BYTES,
        caption="Surat pernyataan implementasi",
    )
    return entry


def _download(entry, user, name):
    response = client_for(user).get(reverse(name, args=[entry.pk]))
    assert response.status_code == 200
    return response


def test_docx_has_identity_sections_decree_and_files_in_sinovik_order(entry, people):
    response = _download(entry, people["staff"], "competition:nomination-docx")
    document = Document(io.BytesIO(response.content))

    assert response["Content-Disposition"] == 'attachment; filename="nominasi-2026-antar-obat.docx"'
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Antar Obat",
        "Identitas",
        "TPB/SDGs yang didukung",
        "Proposal",
        "Ringkasan",
        "Latar belakang dan tujuan",
        "Kebaruan (nilai tambah)",
        "Implementasi inovasi",
        "Signifikansi (dampak sebelum dan sesudah)",
        "Adaptabilitas (sudah atau dapat direplikasi)",
        "Sumber daya",
        "Strategi keberlanjutan",
        "SK penetapan inovator",
        "Lampiran",
    ]
    identity, decree, files = ([[c.text for c in row.cells] for row in table.rows] for table in document.tables)
    assert identity == IDENTITY
    assert decree == DECREE
    assert files == attachments()
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Ringkasan") + 1 : texts.index("Ringkasan") + 3] == [
        "1 dari paling banyak 200 kata",
        FORMULA,
    ]
    assert texts[texts.index("Latar belakang dan tujuan") + 2] == HTML
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == [
        "3. Kehidupan sehat dan sejahtera",
        "10. Berkurangnya kesenjangan",
    ]
    body = "\n".join(texts)
    assert "0812" not in body and "sari.pribadi" not in body


def test_pdf_has_the_same_parts_and_typed_html_arrives_as_text(entry, people):
    response = _download(entry, people["reviewer"], "competition:nomination-pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"[ \t]+", " ", "\n".join(page.extract_text() for page in reader.pages))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="nominasi-2026-antar-obat.pdf"'
    lines = [line.strip() for line in text.splitlines()]
    for heading in ["Identitas", "Proposal", "Ringkasan", "Latar belakang dan tujuan", "Strategi keberlanjutan"]:
        assert heading in lines
    for label, value in [*IDENTITY, *DECREE]:
        assert f"{label} {value}" in lines
    assert FORMULA in lines
    assert HTML in lines  # escaped by the template: WeasyPrint drew the characters, not a bold run or an image
    assert lines[lines.index("Lampiran") :] == [
        "Lampiran",
        *(" ".join(row) for row in attachments()),
        "Antar Obat 2 / 2",  # the page footer
    ]
    assert "0812" not in text and "sari.pribadi" not in text


def test_markdown_keeps_the_same_parts(entry, people):
    text = _download(entry, people["staff"], "competition:nomination").content.decode()

    assert text.splitlines()[:4] == ["# Antar Obat", "", "## Identitas", ""]
    assert "- **TPB/SDGs yang didukung:** 3. Kehidupan sehat dan sejahtera; 10. Berkurangnya kesenjangan" in text
    assert f"### Ringkasan\n*1 dari paling banyak 200 kata*\n\n{FORMULA}\n" in text
    assert "- **Berkas SK:** sk-tim.pdf" in text
    assert f"- sk-tim.pdf · SK penetapan inovator · 48\xa0bita · {timezone.localdate():%d-%m-%Y}" in text
    assert "0812" not in text


def test_dossier_queries_do_not_grow_with_files(entry, people, django_assert_max_num_queries):
    client = client_for(people["staff"])
    url = reverse("competition:nomination-docx", args=[entry.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as before:
        client.get(url)
    attachment_add(entry=entry, by=people["staff"], name="lagi.pdf", data=PDF_BYTES, caption="Lagi")

    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
