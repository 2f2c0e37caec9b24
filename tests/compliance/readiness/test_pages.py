"""The readiness pages and API: who may open what, the field-check form keeps what was typed, the overview (least
ready first) and its download and query count, and the API's rows."""

import datetime

import pytest
from django.urls import reverse

from compliance.readiness import services
from innovations.demo import tiny_pdf
from tests.conftest import api_for, client_for
from tests.reports.exporting import csv_rows

SEEN = datetime.date(2026, 11, 2)


@pytest.mark.parametrize(
    ("who", "overview", "page", "field_check", "document"),
    [
        ("reviewer", 200, 200, 200, 200),
        ("admin", 200, 200, 200, 200),
        ("head", 403, 200, 403, 200),
        ("staff", 403, 200, 403, 200),
        ("other_staff", 403, 404, 404, 404),
        ("camat", 403, 404, 404, 404),
        ("evaluator", 403, 404, 404, 404),
        ("outsider", 403, 404, 404, 404),
        (None, 302, 302, 302, 302),
    ],
)
def test_permission_matrix(checklist, entries, chart, people, who, overview, page, field_check, document):
    services.entry_record_paper(
        entry=entries["standar-dipajang"], by=people["staff"], name="sk.pdf", data=tiny_pdf("SK")
    )
    upload = entries["standar-dipajang"].files.get()
    client = client_for(people.get(who))
    dinkes = chart["dinkes"].pk

    assert client.get(reverse("compliance:readiness")).status_code == overview
    assert client.get(reverse("compliance:readiness-checklist", args=[dinkes, 2027])).status_code == page
    assert client.get(reverse("compliance:readiness-field-check", args=[dinkes, 2027])).status_code == field_check
    assert client.get(reverse("compliance:readiness-file", args=[upload.pk])).status_code == document


def test_field_check_form_keeps_what_was_typed_when_nothing_is_marked(checklist, chart, people):
    url = reverse("compliance:readiness-field-check", args=[chart["dinkes"].pk, 2027])
    response = client_for(people["reviewer"]).post(
        url, {"visited_on": "2026-11-02", "team": "Bagian Organisasi", "findings": "Loket tutup jam 11"}
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.non_field_errors() == ["Tandai paling sedikit satu butir yang diperiksa."]
    assert (form["team"].value(), form["findings"].value()) == ("Bagian Organisasi", "Loket tutup jam 11")
    assert checklist.field_checks.count() == 0


def _ready_all(checklist, people, count):
    for entry in list(checklist.entries.all())[:count]:
        services.entry_record_paper(entry=entry, by=people["head"], link="https://example.org/d")
        services.entry_record_ground(entry=entry, by=people["reviewer"], seen_by="Setda", seen_on=SEEN)


def test_overview_lists_least_ready_first_and_downloads(checklist, chart, people, flat_queries):
    def two_more():
        for code in ("disdik", "pkm"):
            other = services.checklist_open(agency=chart[code], year=2027, by=people["reviewer"])
            _ready_all(other, people, 3 if code == "pkm" else 0)

    client = client_for(people["reviewer"])
    _ready_all(checklist, people, 11)
    response = flat_queries(client, reverse("compliance:readiness") + "?year=2027", 10, two_more)

    rows = [(r.agency.code, r.ready, str(r.score.share)) for r in response.context["rows"]]
    assert rows == [("DINDIK", 0, "0.00"), ("PKM-01", 3, "27.27"), ("DINKES", 11, "100.00")]
    region = chart["dinkes"].region_id
    download = client.get(reverse("compliance:readiness"), {"year": 2027, "region": region, "export": "csv"})
    assert csv_rows(download) == [
        [
            "Tahun",
            "Wilayah",
            "Kode instansi",
            "Instansi",
            "Tenggat",
            "Butir",
            "Siap di dokumen",
            "Siap di lapangan",
            "Siap",
            "Persentase siap (%)",
            "Nilai berbobot (%)",
        ],
        ["2027", "Kota Ambon", "DINKES", "Dinas Kesehatan", "2027-01-31", "11", "11", "11", "11", "100.00", "100.00"],
        ["2027", "Kota Ambon", "DINDIK", "Dinas Pendidikan", "2027-01-31", "11", "0", "0", "0", "0.00", "0.00"],
        [
            "2027",
            "Kota Ambon",
            "PKM-01",
            "Puskesmas Rijali",
            "2027-01-31",
            "11",
            "3",
            "3",
            "3",
            "27.27",
            "29.10",
        ],  # 21.82 + 29.13 / 4
    ]


def test_api_gives_one_row_per_unit_with_the_pages_visibility(checklist, chart, people):
    _ready_all(checklist, people, 2)
    services.checklist_open(agency=chart["disdik"], year=2027, by=people["reviewer"])

    mine = api_for(people["staff"]).get("/api/v1/readiness/?year=2027").json()
    theirs = api_for(people["reviewer"]).get("/api/v1/readiness/?year=2027").json()
    bad = api_for(people["reviewer"]).get("/api/v1/readiness/?year=dua")

    assert mine["results"] == [
        {
            "agency": "DINKES",
            "year": 2027,
            "deadline": "2027-01-31",
            "items": 11,
            "ready_on_paper": 2,
            "ready_on_ground": 2,
            "ready": 2,
            "score": {"share": "18.18", "weighted": "21.82"},
        }
    ]
    assert [r["agency"] for r in theirs["results"]] == ["DINDIK", "DINKES"]
    assert bad.status_code == 400
    assert api_for(None).get("/api/v1/readiness/?year=2027").status_code in (401, 403)
