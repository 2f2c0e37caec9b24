"""The quota overview's downloads: the registered "quota" table, exactly the rows the page lists."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.quota.exports import QUOTA
from compliance.quota.models import QuotaState, QuotaStatus
from tests.agencies.factories import agency_type
from tests.compliance.quota.conftest import YEAR
from tests.compliance.quota.test_views import _rows
from tests.conftest import client_for
from tests.reports.exporting import csv_rows, page_download_and_job, today

pytestmark = pytest.mark.django_db


# --- the overview's downloads: the registered "quota" table -----------------------------------------------------

HEADERS = [
    "Tahun",
    "Wilayah",
    "Kode instansi",
    "Instansi",
    "Jenis instansi",
    "Status",
    "Inovasi yang dihitung",
    "Status sejak",
]


def _quota_rows(*codes: str) -> list[list[str]]:
    statuses = {s.agency.code: s for s in QuotaStatus.objects.filter(year=YEAR).select_related("agency__type")}
    return [
        [
            str(YEAR),
            "Kota Ambon",
            code,
            statuses[code].agency.name,
            statuses[code].agency.type.name,
            str(statuses[code].get_status_display()),
            str(statuses[code].count),
            timezone.localtime(statuses[code].since).strftime("%Y-%m-%d %H:%M"),
        ]
        for code in codes
    ]


def _download_of(client, page, fmt="csv"):
    """What the overview's Download button sends: its filters to the table's download."""
    return client.post(f"{reverse('exports:start', args=['quota'])}?{page.context['export_query']}", {"format": fmt})


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "in_progress", "sort": "-agency"},
        {"kecamatan": "sirimau"},
        {"q": "rijali"},
        {"type": "kelurahan"},
    ],
)
def test_overview_download_has_exactly_the_rows_the_overview_lists(people, swept, params):
    if "type" in params:
        params = {**params, "type": agency_type(params["type"]).pk}
    if "kecamatan" in params:
        params = {**params, "kecamatan": swept[params["kecamatan"]].pk}
    client = client_for(people["reviewer"])
    page = client.get(reverse("compliance:quota"), params)

    rows = csv_rows(_download_of(client, page))

    assert rows[0] == HEADERS
    assert [(row[3], row[5]) for row in rows[1:]] == [(name, str(QuotaState(s).label)) for name, s in _rows(page)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_overview_download_and_its_background_job_give_the_same_file(people, swept, fmt):
    client = client_for(people["reviewer"])
    page = client.get(reverse("compliance:quota"), {"status": "in_progress"})

    rows, job_rows = page_download_and_job(client, page, QUOTA, fmt, people["reviewer"])

    header_row = 1 if fmt == "xlsx" else 0  # the XLSX has its title row above the header
    assert rows[header_row] == job_rows[header_row] == HEADERS
    assert rows == job_rows
    assert [row[2] for row in rows[header_row + 1 :]] == ["DINDIK", "81.71.02.1011"]


def test_old_csv_link_has_the_headers_and_the_filtered_rows(people, swept):
    query = {"year": YEAR, "region": swept["pemda"].region_id, "status": "in_progress", "export": "csv"}

    response = client_for(people["reviewer"]).get(reverse("compliance:quota"), query)

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        f'attachment; filename="kuota-{today():%Y%m%d}.csv"',
    )
    assert csv_rows(response) == [HEADERS, *_quota_rows("DINDIK", "81.71.02.1011")]


def test_old_xlsx_link_has_the_headers_and_the_filtered_rows(people, swept):
    query = {"year": YEAR, "region": swept["pemda"].region_id, "kecamatan": swept["sirimau"].pk, "export": "xlsx"}

    response = client_for(people["reviewer"]).get(reverse("compliance:quota"), query)

    assert response["Content-Disposition"] == f'attachment; filename="kuota-{today():%Y%m%d}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    (title, *_empty), header, *rows = (list(row) for row in sheet.iter_rows(values_only=True))
    expected = _quota_rows("81.71.02", "81.71.02.1011")
    assert sheet.title == "Kuota inovasi"
    assert (title, header) == (
        f"Kuota inovasi {YEAR} - Wilayah: Kota Ambon; Kecamatan: Kecamatan Sirimau - dibuat {today():%d-%m-%Y}",
        HEADERS,
    )
    # Typed cells: the year and the count are numbers, the date a date (shown to the minute as on the page).
    assert [[*row[:6], row[7].strftime("%Y-%m-%d %H:%M")] for row in rows] == [
        [YEAR, *row[1:6], row[7]] for row in expected
    ]
    assert [row[6] for row in rows] == [int(row[6]) for row in expected]
    assert sheet.freeze_panes == "A3"


def test_old_link_without_region_or_year_is_sent_to_the_address_that_names_them(people, swept):
    client = client_for(people["reviewer"])

    response = client.get(reverse("compliance:quota"), {"export": "csv"})

    region = swept["pemda"].region_id
    assert response.url == f"{reverse('compliance:quota')}?export=csv&region={region}&year={YEAR}"
    assert [row[2] for row in csv_rows(client.get(response.url))] == [
        "Kode instansi",
        "DINKES",
        "DINDIK",
        "81.71.01",
        "81.71.02",
        "81.71.02.1011",
        "81.71.01.1007",
        "PEMDA",
        "PKM-01",
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_speaks_the_readers_language_directly_and_through_the_job(people, swept, settings, fmt):
    client = client_for(people["reviewer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("compliance:quota"), {"status": "in_progress"})

    rows, job_rows = page_download_and_job(client, page, QUOTA, fmt, people["reviewer"])

    header = ["Year", "Region", "Agency code", "Agency", "Agency type", "Status", "Innovations counted", "Status since"]
    first = 1 if fmt == "xlsx" else 0
    assert rows == job_rows
    assert rows[first] == header
    assert [row[5] for row in rows[first + 1 :]] == ["In progress", "In progress"]
    if fmt == "xlsx":
        assert (
            rows[0][0] == f"Innovation quota {YEAR} - Region: Kota Ambon; Status: In progress - made {today():%d-%m-%Y}"
        )
