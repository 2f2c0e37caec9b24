"""Ombudsman assessments: import all rows or none, corrections keep history, export and API."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from compliance.ombudsman import services
from compliance.ombudsman.models import Assessment, AssessmentCorrection, AssessmentMethod

pytestmark = pytest.mark.django_db

HEADER = "agency,year,method,score,zone,input,proses,output,pengaduan,published,source_url,note"
GOOD = [
    "PEMDA,2014,kepatuhan-2014,640,kuning,,,,,2017-12-05,,Zona kuning ketiga",
    "PEMDA,2023,opini-2022,87.99,,21.00,30.50,18.49,18.00,2023-12-12,https://ombudsman.go.id/rapor,",
    "DINKES,2023,opini-2022,88,,,,,,,,Hijau tua",
]


@pytest.fixture
def csv_file(tmp_path):
    def write(lines):
        path = tmp_path / "ombudsman.csv"
        path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        return path

    return write


def rows(lines):
    header = HEADER.split(",")
    return [(n, dict(zip(header, line.split(","), strict=False))) for n, line in enumerate(lines, start=2)]


def test_a_file_with_one_bad_row_saves_nothing_and_lists_the_row(people, chart, region):
    bad = [*GOOD[:2], "DINKES,2023,opini-2022,88,merah,,,,,,,"]

    preview, errors = services.assessments_import_check(region=region, table_rows=rows(bad), update_existing=False)

    assert [(e["row"], e["column"]) for e in errors] == [(4, "zone")]
    assert errors[0]["message"] == (
        "Zona Merah bertentangan dengan tabel rentang nilai: nilai 88.00 menurut opini-2022 berada di zona Hijau."
    )
    assert [(r["derived_zone"], r["derived_grade"]) for r in preview] == [("yellow", ""), ("green", "B"), ("", "")]
    with pytest.raises(ValidationError):
        services.assessments_import(region=region, table_rows=rows(bad), update_existing=False, by=None)
    assert Assessment.objects.count() == 0


def test_the_fixed_file_imports_every_row_and_again_is_refused_without_update(people, chart, region):
    saved = services.assessments_import(region=region, table_rows=rows(GOOD), update_existing=False, by=None)

    assert [(a.agency.code, a.year, str(a.score), a.zone, a.grade) for a in saved] == [
        ("PEMDA", 2014, "640.00", "yellow", ""),
        ("PEMDA", 2023, "87.99", "green", "B"),
        ("DINKES", 2023, "88.00", "green", "A"),
    ]
    assert saved[1].dimensions == {"input": "21.00", "proses": "30.50", "output": "18.49", "pengaduan": "18.00"}
    _preview, errors = services.assessments_import_check(region=region, table_rows=rows(GOOD), update_existing=False)
    assert [(e["row"], e["column"]) for e in errors] == [(2, "agency"), (3, "agency"), (4, "agency")]


def test_update_existing_replaces_and_keeps_the_old_value_as_a_correction(people, chart, region):
    services.assessments_import(region=region, table_rows=rows(GOOD), update_existing=False, by=None)
    changed = ["PEMDA,2014,kepatuhan-2014,812,hijau,,,,,2017-12-05,,Zona kuning ketiga"]

    services.assessments_import(region=region, table_rows=rows(changed), update_existing=True, by=people["reviewer"])

    correction = AssessmentCorrection.objects.get()
    assert correction.changes == {"score": ["640.00", "812.00"], "zone": ["yellow", "green"]}
    assert (correction.reason, correction.by) == ("Berkas impor", people["reviewer"])


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("XYZ,2023,opini-2022,80,,,,,,,,", "agency", "Tidak ada instansi berkode XYZ di wilayah ini."),
        (
            "PEMDA,2023,opini-2099,80,,,,,,,,",
            "method",
            "Metode 'opini-2099' tidak dikenal. Gunakan salah satu: "
            "kepatuhan-2014, kepatuhan-2015, kepatuhan-2021, opini-2022, opini-2025.",
        ),
        ("PEMDA,2020,opini-2022,80,,,,,,,,", "year", "opini-2022 tidak berlaku untuk tahun 2020."),
        ("PEMDA,2023,opini-2022,101,,,,,,,,", "score", "Nilai 101.00 di luar skala opini-2022 (0.00–100.00)."),
        ("PEMDA,2023,opini-2022,delapan,,,,,,,,", "score", "'delapan' bukan angka."),
        ("PEMDA,2014,kepatuhan-2014,700,,5,,,,,,", "input", "kepatuhan-2014 tidak menilai dimensi 'input'."),
        (
            "PEMDA,2023,opini-2022,80,,,,,,kemarin,,",
            "published",
            "'kemarin' bukan tanggal; tulis seperti 2026-01-31 atau 31/01/2026.",
        ),
        (
            "PEMDA,2025,opini-2025,70,,,,,,,,",
            "zone",
            "opini-2025 belum punya tabel rentang nilai yang diterbitkan: isi zona sesuai yang diumumkan Ombudsman.",
        ),
    ],
)
def test_every_kind_of_bad_row_gets_its_reason(people, chart, region, line, column, message):
    _preview, errors = services.assessments_import_check(region=region, table_rows=rows([line]), update_existing=False)

    assert [(e["column"], e["message"]) for e in errors] == [(column, message)]


def test_a_duplicate_in_the_file_is_refused(people, chart, region):
    _preview, errors = services.assessments_import_check(
        region=region, table_rows=rows([GOOD[2], GOOD[2]]), update_existing=True
    )

    assert [(e["row"], e["message"]) for e in errors] == [
        (3, "Instansi, tahun dan metode yang sama juga ada di baris 2.")
    ]


def test_a_correction_needs_a_reason_and_re_derives_the_zone(people, chart, region):
    assessment = services.assessments_import(region=region, table_rows=rows(GOOD[1:2]), update_existing=False, by=None)[
        0
    ]

    with pytest.raises(ValidationError):
        services.assessment_correct(assessment=assessment, by=people["reviewer"], reason=" ", score=Decimal("70"))
    corrected = services.assessment_correct(
        assessment=assessment, by=people["reviewer"], reason="Salah ketik", score=Decimal("70")
    )

    assert (corrected.zone, corrected.grade) == ("yellow", "C")
    assert AssessmentCorrection.objects.get().changes == {
        "score": ["87.99", "70"],
        "zone": ["green", "yellow"],
        "grade": ["B", "C"],
    }


def test_import_command_exits_non_zero_and_lists_the_errors(people, chart, region, csv_file):
    path = csv_file([GOOD[0], "XYZ,2023,opini-2022,80,,,,,,,,"])
    err = StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("import_ombudsman", str(path), "--region", "81.71", stderr=err, stdout=StringIO())

    assert str(exc.value) == "1 errors: nothing was imported."
    assert err.getvalue().strip() == "baris 3, kolom agency: Tidak ada instansi berkode XYZ di wilayah ini."
    assert Assessment.objects.count() == 0


def test_import_then_export_commands(people, chart, region, csv_file):
    call_command("import_ombudsman", str(csv_file(GOOD)), "--region", "81.71", stdout=StringIO())
    out = StringIO()

    call_command("export_ombudsman", "--year", "2023", stdout=out)

    method = AssessmentMethod.objects.get(slug="opini-2022").name
    # The download's columns, in the default language: the method by its name, the zone as a word.
    assert out.getvalue().splitlines() == [
        "Tahun,Wilayah,Kode instansi,Instansi,Metode,Nilai,Zona,Predikat,Dimensi",
        f"2023,Kota Ambon,DINKES,Dinas Kesehatan,{method},88.00,Hijau,A,",
        f"2023,Kota Ambon,PEMDA,Pemerintah Kota Ambon,{method},87.99,Hijau,B,"
        "input=21.00; proses=30.50; output=18.49; pengaduan=18.00",
    ]


def test_assessments_api_fields_filters_and_visibility(people, chart, region):
    services.assessments_import(region=region, table_rows=rows(GOOD), update_existing=False, by=None)
    reviewer, staff, outsider = APIClient(), APIClient(), APIClient()
    reviewer.force_authenticate(people["reviewer"])
    staff.force_authenticate(people["staff"])
    outsider.force_authenticate(people["outsider"])
    url = "/api/v1/compliance/assessments/"

    one = reviewer.get(url, {"year": 2023, "agency": "pemda"}).json()["results"]

    assert one == [
        {
            "agency": "PEMDA",
            "name": "Pemerintah Kota Ambon",
            "year": 2023,
            "method": "opini-2022",
            "score": "87.99",
            "zone": "green",
            "grade": "B",
            "dimensions": {"input": "21.00", "proses": "30.50", "output": "18.49", "pengaduan": "18.00"},
            "published": "2023-12-12",
        }
    ]
    assert [r["agency"] for r in staff.get(url).json()["results"]] == ["DINKES"]
    assert outsider.get(url).json()["results"] == []
    assert reviewer.get(url, {"year": "dua ribu"}).status_code == 400


def upload(client, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/compliance/ombudsman/import/",
        {"file": SimpleUploadedFile("ombudsman.csv", text.encode(), content_type="text/csv")},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("reviewer", 200), ("admin", 200), ("head", 403), ("staff", 403), ("outsider", 403), (None, 302)],
)
def test_import_page_permission_matrix(people, who, status):
    from tests.conftest import client_for

    assert client_for(people.get(who)).get("/compliance/ombudsman/import/").status_code == status


def test_upload_preview_then_confirm_through_the_pages(people, chart, region):
    from tests.conftest import client_for

    client = client_for(people["reviewer"])
    bad = upload(client, "\n".join([HEADER, GOOD[0], "XYZ,2023,opini-2022,80,,,,,,,,"]))
    bad_page = client.get(bad["Location"]).content.decode()
    good = upload(client, "\n".join([HEADER, *GOOD]))
    good_page = client.get(good["Location"]).content.decode()
    assert Assessment.objects.count() == 0  # previews save nothing

    saved = client.post(good["Location"])

    assert "Baris 3, kolom agency: Tidak ada instansi berkode XYZ di wilayah ini." in bad_page
    assert client.post(bad["Location"]).status_code == 400
    assert "Semua 3 baris valid." in good_page and "Hijau tua" in good_page
    assert saved["Location"] == "/compliance/ombudsman/import/"
    assert sorted(Assessment.objects.values_list("agency__code", "year", "grade")) == [
        ("DINKES", 2023, "A"),
        ("PEMDA", 2014, ""),
        ("PEMDA", 2023, "B"),
    ]
    assert client_for(people["admin"]).get(good["Location"]).status_code == 404  # private to the uploader
