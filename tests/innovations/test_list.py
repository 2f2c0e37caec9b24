"""The register's list page: what each person sees, its filters, and its own CSV and XLSX downloads."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from innovations.models import Category, State
from tests.conftest import client_for
from tests.innovations.visibility import SEES, seen_by
from tests.snapshots import kept

pytestmark = pytest.mark.django_db

#: Bank Sampah's fields that differ from a complete innovation: the register gives them, the export returns them.
SAMPAH = {"bentuk": "lainnya", "jenis": "non-digital", "tahapan": "inisiatif", "trial_date": None, "launch_date": None}


def _titles(response) -> list[str]:
    return [i.title for i in response.context["page"].object_list]


@pytest.fixture
@kept
def register(people, chart, kelurahan_staff, make_innovation):
    """Five innovations across agencies, years, states and classifications."""
    staff = people["staff"]
    return {
        "posyandu": make_innovation(
            chart["dinkes"],
            staff,
            State.ACCEPTED,
            title="Posyandu Digital",
            summary="Jadwal balita daring.",
            sdgs=[3],
            beneficiaries=1200,
        ),
        "klinik": make_innovation(
            chart["dinkes"], staff, State.SUBMITTED, year=2024, title="Klinik Keliling", sdgs=[3, 10]
        ),
        "sekolah": make_innovation(
            chart["disdik"],
            people["other_staff"],
            title="Sekolah Ramah Anak",
            bentuk="tata-kelola",
            urusan="pendidikan",
            sdgs=[4],
        ),
        "kelurahan": make_innovation(
            chart["rijali"],
            kelurahan_staff["rijali"],
            State.SUBMITTED,
            title="Posyandu Kelurahan",
            bentuk="lainnya",
            sdgs=[3, 11],
        ),
        "sampah": make_innovation(
            chart["wainitu"], kelurahan_staff["wainitu"], title="Bank Sampah", sdgs=[11, 12], **SAMPAH
        ),
    }


@pytest.mark.parametrize("who", SEES)
def test_list_shows_what_each_person_may_see(people, register, who):
    response = client_for(people[who]).get(reverse("innovations:list"))

    # The list is ordered by year (newest first), then by agency name.
    assert _titles(response) == seen_by(
        who, ["Posyandu Digital", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Bank Sampah", "Klinik Keliling"]
    )


def _filters(chart):
    def cat(kind, slug):
        return Category.objects.get(kind=kind, slug=slug).pk

    return {
        "year": ({"year": 2024}, ["Klinik Keliling"]),
        "state": ({"state": "submitted"}, ["Posyandu Kelurahan", "Klinik Keliling"]),
        "agency": ({"agency": chart["dinkes"].pk}, ["Posyandu Digital", "Klinik Keliling"]),
        "kecamatan": ({"kecamatan": chart["sirimau"].pk}, ["Posyandu Kelurahan"]),
        "bentuk": ({"bentuk": cat("bentuk", "lainnya")}, ["Posyandu Kelurahan", "Bank Sampah"]),
        "jenis": ({"jenis": cat("jenis", "non-digital")}, ["Bank Sampah"]),
        "sdg": ({"sdg": cat("sdg", "sdg-3")}, ["Posyandu Digital", "Posyandu Kelurahan", "Klinik Keliling"]),
        "q title": ({"q": "posyandu"}, ["Posyandu Digital", "Posyandu Kelurahan"]),
        "q narrative": ({"q": "balita"}, ["Posyandu Digital"]),
        "q no match": ({"q": "jembatan"}, []),
        "combined": ({"q": "posyandu", "state": "accepted", "year": 2025}, ["Posyandu Digital"]),
        "sort": (
            {"sort": "title"},
            ["Bank Sampah", "Klinik Keliling", "Posyandu Digital", "Posyandu Kelurahan", "Sekolah Ramah Anak"],
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "year",
        "state",
        "agency",
        "kecamatan",
        "bentuk",
        "jenis",
        "sdg",
        "q title",
        "q narrative",
        "q no match",
        "combined",
        "sort",
    ],
)
def test_list_filters_return_exactly_the_matching_rows(people, chart, register, case):
    params, titles = _filters(chart)[case]

    response = client_for(people["reviewer"]).get(reverse("innovations:list"), params)

    assert _titles(response) == titles


HEADERS = [
    "ID",
    "Tahun",
    "Kode instansi",
    "Instansi",
    "Judul",
    "Status",
    "Baru atau lanjutan",
    "Bentuk",
    "Jenis",
    "Tahapan",
    "Urusan pemerintahan",
    "TPB/SDGs",
    "Tanggal uji coba",
    "Tanggal penerapan",
    "Replikasi dari",
    "Penerima manfaat",
    "Perubahan terakhir",
]


def _category(kind, slug):
    return Category.objects.get(kind=kind, slug=slug).name


def _expected_row(innovation, **values):
    """The row as the CSV writes it: labels and names, not slugs."""
    innovation.refresh_from_db()
    slugs = {"bentuk": "pelayanan-publik", "jenis": "digital", "tahapan": "penerapan"}
    slugs.update({k: values.pop(k) for k in list(values) if k in slugs})
    row = {
        "id": innovation.pk,
        "year": innovation.year,
        "agency_code": innovation.agency.code,
        "agency": innovation.agency.name,
        "title": innovation.title,
        "state": str(innovation.get_state_display()),
        "new_or_continuing": "Baru",
        **{kind: _category(kind, slug) for kind, slug in slugs.items()},
        "urusan": "Kesehatan",
        "sdgs": "3",
        "trial_date": "2024-01-15",
        "launch_date": "2024-07-01",
        "replication_of": "",
        "beneficiaries": "",
        "updated": timezone.localtime(innovation.updated).strftime("%Y-%m-%d %H:%M"),
    }
    row.update({k: "" if v is None else v for k, v in values.items()})
    return [str(v) for v in row.values()]


def _as_text(value):
    """An XLSX cell as the CSV shows it (a date cell at midnight is a date)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def test_csv_export_has_the_headers_and_the_filtered_rows(people, chart, register):
    sdg3 = Category.objects.get(kind="sdg", slug="sdg-3").pk

    response = client_for(people["reviewer"]).get(reverse("innovations:list"), {"sdg": sdg3, "export": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert response["Content-Disposition"] == f'attachment; filename="inovasi-{timezone.localdate():%Y%m%d}.csv"'
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        HEADERS,
        _expected_row(register["posyandu"], beneficiaries=1200, state="Diterima"),
        _expected_row(register["kelurahan"], bentuk="lainnya", sdgs="3;11"),
        _expected_row(register["klinik"], sdgs="3;10"),
    ]


def test_xlsx_export_has_a_title_a_frozen_header_and_typed_cells(people, chart, register):
    lainnya = Category.objects.get(kind="bentuk", slug="lainnya")
    response = client_for(people["reviewer"]).get(reverse("innovations:list"), {"bentuk": lainnya.pk, "export": "xlsx"})

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Inovasi"]
    (title, *_empty), header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert book.sheetnames == ["Inovasi"]
    assert (title, header, sheet.freeze_panes) == (
        f"Inovasi - Bentuk: {lainnya.name} - dibuat {timezone.localdate():%d-%m-%Y}",
        HEADERS,
        "A3",
    )
    assert [[_as_text(v) for v in row] for row in rows] == [
        _expected_row(register["kelurahan"], bentuk="lainnya", sdgs="3;11"),
        _expected_row(register["sampah"], **SAMPAH, sdgs="11;12"),
    ]
    # Numbers are numbers and dates are dates for the spreadsheet, not text.
    assert [type(v) for v in rows[0][:2]] == [int, int]
    assert (rows[0][12], type(rows[0][16])) == (datetime.datetime(2024, 1, 15), datetime.datetime)
    assert sheet.column_dimensions["E"].width == 40


def test_export_keeps_the_visibility_of_the_list(people, register):
    response = client_for(people["camat"]).get(reverse("innovations:list"), {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff"))))
    assert [r[4] for r in rows] == ["Judul", "Posyandu Kelurahan"]


def test_the_sort_menu_reads_in_one_language(people):
    response = client_for(people["reviewer"]).get(reverse("innovations:list"))
    choices = [(value, str(label)) for value, label in response.context["filter"].form.fields["sort"].choices]

    assert choices[:4] == [
        ("", "Tahun terbaru dulu"),
        ("year", "Tahun"),
        ("-year", "Tahun (menurun)"),
        ("title", "Nama"),
    ]
