"""Exports: the registered tables with each person's visibility, downloaded directly below the threshold (the
background jobs are in test_export_jobs)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from agencies.models import Agency
from compliance.ombudsman.models import AssessmentMethod
from compliance.quota.exports import QUOTA
from core.models import ExportJob
from innovations.models import Category
from tests.compliance.ombudsman.test_ombudsman_pages import HEADERS as ASSESSMENT_HEADERS
from tests.conftest import client_for
from tests.innovations.visibility import SEES, seen_by
from tests.reports.exporting import csv_rows, small_register, start_url, today
from tests.snapshots import kept

pytestmark = pytest.mark.django_db


@pytest.fixture
@kept
def register(people, chart, make_innovation):
    return small_register(people, chart, make_innovation)


# --- the tables, downloaded directly -------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"sdg": "sdg-3"}, {"state": "submitted"}, {"year": "2024"}, {"q": "posyandu"}])
def test_innovation_export_is_the_same_file_as_the_list_pages_own_download(people, register, params):
    if "sdg" in params:
        params = {"sdg": Category.objects.get(kind="sdg", slug=params["sdg"]).pk}
    reviewer = client_for(people["reviewer"])

    new = reviewer.post(start_url("innovations", **params), {"format": "csv"})
    old = reviewer.get(reverse("innovations:list"), {**params, "export": "csv"})

    assert new["Content-Disposition"] == f'attachment; filename="inovasi-{today():%Y%m%d}.csv"'
    rows = csv_rows(new)
    assert rows == csv_rows(old)
    assert len(rows) > 1


def test_innovation_xlsx_export_has_the_rows_of_the_list_pages_own_download(people, register):
    reviewer = client_for(people["reviewer"])

    new = reviewer.post(start_url("innovations"), {"format": "xlsx"})
    old = reviewer.get(reverse("innovations:list"), {"export": "xlsx"})

    def sheet(response):
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return book.sheetnames, [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]

    assert new["Content-Disposition"] == f'attachment; filename="inovasi-{today():%Y%m%d}.xlsx"'
    names, rows = sheet(new)
    assert (names, rows) == sheet(old)
    assert (names, len(rows)) == (["Inovasi"], 6)  # the title row, the header, four innovations


@pytest.mark.parametrize("who", SEES)
def test_innovation_export_has_what_each_person_may_see(people, register, who):
    response = client_for(people[who]).post(start_url("innovations"), {"format": "csv"})

    titles = seen_by(who, ["Posyandu Digital", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Klinik Keliling"])
    assert [row[4] for row in csv_rows(response)] == ["Judul", *titles]


@pytest.mark.parametrize(
    ("who", "codes"),
    [
        ("reviewer", [(2026, "DINKES"), (2026, "DINDIK"), (2026, "PKM-01"), (2025, "DINKES")]),
        ("head", [(2026, "DINKES"), (2026, "PKM-01"), (2025, "DINKES")]),
        ("staff", [(2026, "DINKES"), (2025, "DINKES")]),
        ("other_staff", [(2026, "DINDIK")]),
        ("evaluator", []),
        ("outsider", []),
    ],
)
def test_quota_export_has_every_year_of_what_each_person_may_see(people, chart, quota_status, who, codes):
    quota_status(chart["dinkes"], 2025, "missed")
    quota_status(chart["dinkes"], 2026, "fulfilled", count=2)
    quota_status(chart["pkm"], 2026, "at_risk")
    quota_status(chart["disdik"], 2026, "pending")

    response = client_for(people[who]).post(start_url("quota"), {"format": "csv"})

    rows = csv_rows(response)
    assert rows[0] == QUOTA.headers
    assert [(int(r[0]), r[2]) for r in rows[1:]] == codes


def test_quota_export_rows_and_filters(people, chart, quota_status):
    quota_status(chart["dinkes"], 2025, "missed")
    quota_status(chart["dinkes"], 2026, "fulfilled", count=2)
    quota_status(chart["pkm"], 2026, "at_risk")

    response = client_for(people["reviewer"]).post(
        start_url("quota", agency=chart["dinkes"].pk, year=2026), {"format": "csv"}
    )

    assert csv_rows(response) == [
        QUOTA.headers,
        ["2026", "Kota Ambon", "DINKES", "Dinas Kesehatan", "Dinas", "Terpenuhi", "2", "2026-03-01 09:00"],
    ]
    assert response["Content-Disposition"] == f'attachment; filename="kuota-{today():%Y%m%d}.csv"'


def test_assessment_export_rows(people, chart, record_assessment):
    record_assessment(chart["pemda"], 2023, "opini-2022", "88.00")
    record_assessment(chart["dinkes"], 2023, "opini-2022", "61.50")
    record_assessment(chart["dinkes"], 2014, "kepatuhan-2014", "655")

    response = client_for(people["head"]).post(start_url("assessments"), {"format": "xlsx"})

    # Not read-only: that mode ends a row at its last written cell, and empty cells are not written.
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    methods = dict(AssessmentMethod.objects.values_list("slug", "name"))
    assert book.sheetnames == ["Penilaian Ombudsman"]
    title, *rows = [list(r) for r in book["Penilaian Ombudsman"].iter_rows(values_only=True)]
    assert title[0] == f"Penilaian Ombudsman - dibuat {today():%d-%m-%Y}"
    # The method by its name, the zone as a word, the score a number.
    assert rows == [
        ASSESSMENT_HEADERS,
        [2014, "Kota Ambon", "DINKES", "Dinas Kesehatan", methods["kepatuhan-2014"], 655, "Kuning", None, None],
        [2023, "Kota Ambon", "DINKES", "Dinas Kesehatan", methods["opini-2022"], 61.5, "Kuning", "C", None],
    ]


def _agency_row(agency, email):
    agency = Agency.objects.select_related("parent", "type").get(pk=agency.pk)
    return [
        agency.code,
        agency.name,
        agency.type.name,
        agency.parent.code,
        agency.kemendagri_code,
        "Kepala Uji",
        "",
        agency.active_from.isoformat() if agency.active_from else "",
        email,
        "Kota Ambon",
        "",
    ]


@pytest.mark.parametrize(("who", "email"), [("reviewer", "lurah@ambon.go.id"), ("staff", "")])
def test_agency_directory_export_has_the_import_columns_and_contacts_only_for_the_mayors_office(
    people, chart, who, email
):
    Agency.objects.filter(pk=chart["rijali"].pk).update(email="lurah@ambon.go.id")

    response = client_for(people[who]).post(start_url("agencies", type="kelurahan"), {"format": "csv"})

    assert csv_rows(response) == [
        [
            "kode",
            "nama",
            "jenis",
            "induk",
            "Kode Kemendagri",
            "nama pimpinan",
            "jabatan pimpinan",
            "aktif sejak",
            "email",
            "wilayah",
            "nonaktif sejak",
        ],
        _agency_row(chart["rijali"], email),
        _agency_row(chart["wainitu"], ""),
    ]


@pytest.mark.parametrize(
    ("kind", "params", "who", "status"),
    [
        ("quota", {"agency": "dinkes"}, "camat", 404),
        ("quota", {"agency": "dinkes"}, "outsider", 404),
        ("assessments", {"agency": "dinkes"}, "other_staff", 404),
        ("innovations", {"agency": "dinkes"}, "outsider", 404),
        ("quota", {"agency": "dinkes"}, "head", 200),
        ("innovations", {"agency": "dinkes"}, "reviewer", 200),
        ("nothing", {}, "reviewer", 404),
    ],
)
def test_export_of_an_agency_out_of_sight_is_404(people, register, chart, kind, params, who, status):
    params = {k: chart[v].pk for k, v in params.items()}

    response = client_for(people[who]).post(start_url(kind, **params), {"format": "csv"})

    assert response.status_code == status


@pytest.mark.parametrize(
    ("kind", "params", "format", "message"),
    [
        ("quota", {"year": "tahun-lalu"}, "csv", "Tahun tidak dapat dibaca."),
        ("assessments", {"zone": "ungu"}, "csv", "Zona tidak dapat dibaca."),
        ("innovations", {"year": "abc"}, "csv", "Tahun: Masukkan sebuah bilangan."),
        ("innovations", {}, "pdf", "Pilih CSV atau Excel."),
    ],
)
def test_filters_that_are_not_understood_export_nothing(people, kind, params, format, message):
    response = client_for(people["reviewer"]).post(start_url(kind, **params), {"format": format})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ExportJob.objects.count() == 0


@pytest.mark.parametrize(("method", "who", "status"), [("get", "reviewer", 405), ("post", None, 302)])
def test_export_start_needs_a_post_by_someone_logged_in(people, method, who, status):
    response = getattr(client_for(people.get(who)), method)(start_url("innovations"), {"format": "csv"})

    assert response.status_code == status


def test_direct_export_query_count_does_not_grow(people, chart, make_innovation, django_assert_num_queries):
    reviewer = client_for(people["reviewer"])
    make_innovation(chart["dinkes"], people["staff"], title="Satu")

    # session, user, roles, count, rows (a server-side cursor: declare, fetch, close).
    with django_assert_num_queries(7):
        one = csv_rows(reviewer.post(start_url("innovations"), {"format": "csv"}))
    make_innovation(chart["dinkes"], people["staff"], title="Dua")
    make_innovation(chart["disdik"], people["other_staff"], title="Tiga")
    with django_assert_num_queries(7):
        three = csv_rows(reviewer.post(start_url("innovations"), {"format": "csv"}))

    assert (len(one), len(three)) == (2, 4)
