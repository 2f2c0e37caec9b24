"""Evidence files are accepted by content and served only to the people who may see the innovation."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from core.uploads import check_evidence_file
from innovations import services
from innovations.demo import tiny_pdf, tiny_png
from tests.conftest import client_for
from tests.innovations.test_services import complete

MB = 1024 * 1024


def docx_bytes() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return data.getvalue()


def xlsx_bytes() -> bytes:
    data = io.BytesIO()
    Workbook().save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "extension"),
    [
        ("sk.pdf", tiny_pdf("SK"), "pdf"),
        ("foto.png", tiny_png(1), "png"),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "jpg"),
        ("sop.docx", docx_bytes(), "docx"),
        ("anggaran.xlsx", xlsx_bytes(), "xlsx"),
    ],
)
def test_accepted_kinds_are_recognised_by_content(name, data, extension):
    assert check_evidence_file(name=name, data=data, max_bytes=10 * MB).extension == extension


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "laporan.pdf",
            b"MZ\x90\x00" + b"\x00" * 100,
            "laporan.pdf bukan berkas PDF, JPG, PNG, DOCX atau XLSX (isinya berbeda). Unggah salah satu jenis itu.",
        ),
        (
            "foto.pdf",
            tiny_png(2),
            "foto.pdf bernama PDF tetapi isinya PNG. Ganti namanya atau unggah berkas yang benar.",
        ),
        (
            "arsip.zip",
            b"PK\x03\x04" + b"\x00" * 50,
            "arsip.zip bukan berkas PDF, JPG, PNG, DOCX atau XLSX (isinya berbeda). Unggah salah satu jenis itu.",
        ),
        ("kosong.pdf", b"", "kosong.pdf kosong."),
        ("besar.pdf", b"%PDF-" + b"0" * (2 * MB), "besar.pdf lebih besar dari 1 MB."),
    ],
)
def test_refused_files_get_a_reason(name, data, message):
    with pytest.raises(ValidationError) as exc:
        check_evidence_file(name=name, data=data, max_bytes=1 * MB)

    assert exc.value.messages == [message]


@pytest.mark.django_db
def test_evidence_is_served_only_to_people_who_see_the_innovation(people, chart):
    innovation = services.innovation_create(agency=chart["dinkes"], year=2026, by=people["staff"], **complete())
    pdf = tiny_pdf("SK Tim")
    evidence = services.evidence_add(
        innovation=innovation, by=people["staff"], name="SK tim.pdf", data=pdf, kind="decree", caption="SK Tim Inovasi"
    )
    url = f"/innovations/evidence/{evidence.pk}/"

    statuses = {
        who: client_for(people.get(who)).get(url).status_code
        for who in ["staff", "head", "reviewer", "other_staff", "camat", "evaluator", "outsider", None]
    }
    response = client_for(people["head"]).get(url)

    assert statuses == {
        "staff": 200,
        "head": 200,
        "reviewer": 200,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 404,
        "outsider": 404,
        None: 302,
    }
    assert (response["Content-Type"], response["X-Content-Type-Options"], b"".join(response.streaming_content)) == (
        "application/pdf",
        "nosniff",
        pdf,
    )
    assert evidence.file.name.startswith(f"evidence/{innovation.pk}/") and evidence.file.name.endswith(".pdf")
    assert "SK tim" not in evidence.file.name  # the stored name never reuses what the uploader chose
