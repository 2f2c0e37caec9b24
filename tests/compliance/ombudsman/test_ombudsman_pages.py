"""The Ombudsman overview of a region (with its CSV/XLSX download) and the source documents of assessments."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance.ombudsman import services
from compliance.ombudsman.exports import ASSESSMENTS
from compliance.ombudsman.models import AssessmentCorrection, AssessmentMethod, AssessmentSource
from innovations.demo import tiny_pdf, tiny_png
from tests.conftest import client_for
from tests.reports.exporting import csv_rows, page_download_and_job, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(chart, record_assessment):
    record = record_assessment
    return [
        record(chart["pemda"], 2014, "kepatuhan-2014", "701.85"),
        record(chart["pemda"], 2024, "opini-2022", "88.62"),
        record(chart["pkm"], 2024, "opini-2022", "52.80"),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("admin", 200),
        ("head", 302),
        ("staff", 302),
        ("camat", 302),
        ("evaluator", 403),
        (None, 302),
    ],
)
def test_overview_permission_matrix(results, people, chart, who, status):
    response = client_for(people.get(who)).get(reverse("compliance:ombudsman"))

    assert response.status_code == status
    if who in ("head", "staff"):  # agency people land on their own agency's results
        assert response["Location"] == reverse("compliance:agency-assessments", args=[chart["dinkes"].pk])


def test_overview_shows_the_latest_year_by_default(results, people, chart):
    response = client_for(people["reviewer"]).get(reverse("compliance:ombudsman"))

    assert response.context["year"] == 2024
    assert [(a.agency.code, a.zone, a.grade) for a in response.context["rows"]] == [
        ("PEMDA", "green", "A"),
        ("PKM-01", "red", "D"),
    ]


def test_overview_query_count_does_not_grow(results, people, chart, record_assessment, flat_queries):
    def three_more():
        for key in ("dinkes", "disdik", "sirimau"):
            record_assessment(chart[key], 2024, "opini-2022", "70")

    url = reverse("compliance:ombudsman") + "?year=2024"
    response = flat_queries(client_for(people["reviewer"]), url, 10, three_more)

    assert len(response.context["rows"]) == 5


HEADERS = ["Tahun", "Wilayah", "Kode instansi", "Instansi", "Metode", "Nilai", "Zona", "Predikat", "Dimensi"]


def _download_of(client, page, fmt="csv"):
    """What the overview's Download button sends: its region and year to the table's download."""
    url = reverse("exports:start", args=["assessments"])
    return client.post(f"{url}?{page.context['export_query']}", {"format": fmt})


def test_download_button_gives_the_assessments_of_the_year_shown(results, people):
    client = client_for(people["reviewer"])
    page = client.get(reverse("compliance:ombudsman"))

    response = _download_of(client, page)

    assert response["Content-Disposition"] == f'attachment; filename="ombudsman-{today():%Y%m%d}.csv"'
    method = AssessmentMethod.objects.get(slug="opini-2022").name
    assert csv_rows(response) == [
        HEADERS,
        ["2024", "Kota Ambon", "PEMDA", "Pemerintah Kota Ambon", method, "88.62", "Hijau", "A", ""],
        ["2024", "Kota Ambon", "PKM-01", "Puskesmas Rijali", method, "52.80", "Merah", "D", ""],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_download_and_its_background_job_give_the_same_file(results, people, settings, tmp_path, fmt):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for(people["reviewer"])
    page = client.get(reverse("compliance:ombudsman"), {"year": 2024})

    rows, job_rows = page_download_and_job(client, page, ASSESSMENTS, fmt, people["reviewer"])

    header_row = 1 if fmt == "xlsx" else 0  # the XLSX has its title row above the header
    assert rows[header_row] == job_rows[header_row] == HEADERS
    assert rows == job_rows
    assert [row[2] for row in rows[header_row + 1 :]] == ["PEMDA", "PKM-01"]


def test_old_xlsx_link_is_sent_to_the_address_naming_the_region_and_gives_the_year(results, people, chart):
    client = client_for(people["reviewer"])

    response = client.get(reverse("compliance:ombudsman"), {"year": 2014, "format": "xlsx"})

    assert response.url == f"{reverse('compliance:ombudsman')}?year=2014&format=xlsx&region={chart['pemda'].region_id}"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(response.url).content)).active
    method = AssessmentMethod.objects.get(slug="kepatuhan-2014").name
    assert [list(r) for r in sheet.iter_rows(values_only=True)][1:] == [
        HEADERS,
        [2014, "Kota Ambon", "PEMDA", "Pemerintah Kota Ambon", method, 701.85, "Kuning", None, None],
    ]


@pytest.mark.parametrize(("who", "status"), [("head", 302), ("staff", 302), ("outsider", 302)])
def test_agency_people_cannot_download_the_region(results, people, who, status):
    response = client_for(people[who]).get(reverse("compliance:ombudsman") + "?year=2024&format=csv")

    assert response.status_code == status
    assert not response.get("Content-Disposition")


def test_source_document_upload_is_checked_and_recorded(results, people):
    pemda_2024 = results[1]
    url = reverse("compliance:assessment-source", args=[pemda_2024.pk])
    client = client_for(people["reviewer"])

    bad = client.post(url, {"file": SimpleUploadedFile("rapor.pdf", tiny_png(2))}, follow=True)
    assert "rapor.pdf bernama PDF tetapi isinya PNG." in bad.content.decode()
    assert not AssessmentSource.objects.exists()

    client.post(url, {"file": SimpleUploadedFile("rapor.pdf", tiny_pdf("Rapor 2024"))})
    source = AssessmentSource.objects.get()
    assert (source.original_name, source.content_type) == ("rapor.pdf", "application/pdf")
    assert AssessmentCorrection.objects.get(assessment=pemda_2024).changes == {"source_document": ["", "rapor.pdf"]}
    assert not source.file.name.endswith("rapor.pdf")  # stored under a name of its own


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("reviewer", 200, 302),
        ("admin", 200, 302),
        ("head", 200, 403),
        ("staff", 404, 404),  # the city government's result is not staff's own agency
        ("other_staff", 404, 404),
        ("outsider", 404, 404),
        (None, 302, 302),
    ],
)
def test_source_document_permission_matrix(results, people, chart, who, get, post):
    pkm_2024 = results[2]
    services.assessment_attach_source(
        assessment=pkm_2024, by=people["reviewer"], name="r.pdf", data=tiny_pdf("r"), max_bytes=10**7
    )
    url = reverse("compliance:assessment-source", args=[pkm_2024.pk])
    client = client_for(people.get(who))

    response = client.get(url)
    assert response.status_code == get
    if get == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", tiny_pdf("x"))}).status_code == post


def enter_with_source(user, chart, data):
    """The entry form for the health centre's 2024 opini-2022 score of 77,99, with `data` as its source file."""
    return client_for(user).post(
        reverse("compliance:assessment-create"),
        {
            "agency": chart["pkm"].pk,
            "year": 2024,
            "method": AssessmentMethod.objects.get(slug="opini-2022").pk,
            "score": "77,99",
            "source_file": SimpleUploadedFile("rapor.pdf", data),
        },
    )


def test_entry_form_takes_the_source_document(chart, people):
    response = enter_with_source(people["reviewer"], chart, tiny_pdf("Rapor"))

    assert response.status_code == 302
    source = AssessmentSource.objects.select_related("assessment").get()
    assert (source.assessment.grade, source.original_name) == ("C", "rapor.pdf")


def test_a_bad_source_file_saves_no_assessment_and_keeps_the_input(chart, people):
    response = enter_with_source(people["reviewer"], chart, b"not a pdf at all")

    assert response.status_code == 400
    assert 'value="77,99"' in response.content.decode()
    assert not AssessmentSource.objects.exists()
    assert not chart["pkm"].assessments.exists()
