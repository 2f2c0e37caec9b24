"""Dimensions are rows per method (domain.md §3.2): worked examples per era, range checks in the service, the
entry form and the import, and the API's `dimensions` shape kept as slug -> score."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.ombudsman import services
from compliance.ombudsman.models import Assessment, AssessmentMethod, Dimension, DimensionScore
from tests.conftest import api_for

pytestmark = pytest.mark.django_db


def record(people, agency, year, slug, score, zone="", **dimensions):
    return services.assessment_record(
        agency=agency,
        year=year,
        method=AssessmentMethod.objects.get(slug=slug),
        score=Decimal(score),
        zone=zone,
        by=people["reviewer"],
        dimensions=dimensions,
    )


def test_each_method_has_its_own_dimensions_as_data():
    seeded = {
        slug: [(d.slug, str(d.lowest), str(d.highest)) for d in Dimension.objects.filter(method__slug=slug)]
        for slug in ("kepatuhan-2015", "opini-2022", "opini-2025")
    }

    # 2022-2024: the Ombudsman Jateng deck's split (Kendal 2022) read as each dimension's maximum; sums to 100.
    assert seeded["opini-2022"] == [
        ("input", "0.00", "24.24"),
        ("proses", "0.00", "32.37"),
        ("output", "0.00", "21.85"),
        ("pengaduan", "0.00", "21.54"),
    ]
    # 2025 Opini Ombudsman RI (Peraturan Ombudsman 61/2025, "potensi maladministrasi"): its own six aspects.
    assert [row[0] for row in seeded["opini-2025"]] == [
        "kompetensi",
        "perencanaan",
        "pengaduan",
        "persepsi_maladministrasi",
        "kepercayaan",
        "kepatuhan_produk",
    ]
    assert seeded["kepatuhan-2015"] == []


def test_2023_result_with_its_four_dimensions(people, chart):
    saved = record(
        people,
        chart["pemda"],
        2023,
        "opini-2022",
        "87.99",
        input="21.00",
        proses="30,50",
        output="18.49",
        pengaduan="18",
    )

    assert (saved.zone, saved.grade) == ("green", "B")
    assert saved.dimensions == {"input": "21.00", "proses": "30.50", "output": "18.49", "pengaduan": "18.00"}


def test_a_2022_dimension_above_its_maximum_is_refused_by_name_and_range(people, chart):
    with pytest.raises(ValidationError) as refused:
        record(people, chart["pemda"], 2023, "opini-2022", "80", input="24.25")

    assert refused.value.message_dict == {
        "dimension_input": [
            "Nilai dimensi Input (kompetensi pelaksana, sarana dan prasarana) 24.25 di luar rentangnya 0.00–24.24."
        ]
    }
    assert Assessment.objects.count() == 0


def test_2025_result_has_its_own_dimensions_and_no_grade(people, chart):
    # Kota Ambon 2025 = 81.20, "zona hijau, kualitas tinggi" (Ombudsman siaran pers 004/HM.01/I/2026).
    saved = record(people, chart["pemda"], 2025, "opini-2025", "81.20", zone="green", persepsi_maladministrasi="79.5")

    assert (saved.zone, saved.grade, saved.dimensions) == ("green", "", {"persepsi_maladministrasi": "79.50"})
    with pytest.raises(ValidationError) as refused:
        record(people, chart["dinkes"], 2025, "opini-2025", "75.16", zone="green", input="20")
    assert refused.value.message_dict == {"dimension_input": ["opini-2025 tidak menilai dimensi 'input'."]}


def test_a_correction_of_a_dimension_is_kept_in_the_history(people, chart):
    saved = record(people, chart["pemda"], 2023, "opini-2022", "80", input="20")

    services.assessment_correct(
        assessment=saved, by=people["reviewer"], reason="Rapor final", dimensions={"input": "21.5", "output": "19"}
    )

    assert saved.corrections.get().changes == {
        "dimension:input": ["20.00", "21.50"],
        "dimension:output": [None, "19.00"],
    }
    assert dict(DimensionScore.objects.values_list("dimension__slug", "score")) == {
        "input": Decimal("21.50"),
        "output": Decimal("19.00"),
    }


def test_the_import_refuses_an_out_of_range_dimension_on_its_row(people, chart, region):
    header = ["agency", "year", "method", "score", "zone", "proses", "kepercayaan"]
    lines = [["PEMDA", "2024", "", "88.62", "", "40", ""], ["DINKES", "2025", "", "70", "kuning", "", "101"]]
    table_rows = [(n, dict(zip(header, line, strict=True))) for n, line in enumerate(lines, start=2)]

    _rows, errors = services.assessments_import_check(region=region, table_rows=table_rows, update_existing=False)

    assert errors == [
        {
            "row": 2,
            "column": "proses",
            "message": "Nilai dimensi Proses (standar pelayanan dan maklumat) 40.00 di luar rentangnya 0.00–32.37.",
        },
        {
            "row": 3,
            "column": "kepercayaan",
            "message": "Nilai dimensi Kepercayaan publik 101.00 di luar rentangnya 0.00–100.00.",
        },
    ]


def test_the_entry_form_shows_the_dimension_error_and_saves_nothing(chart, enter_assessment):
    def enter(pengaduan):
        return enter_assessment(chart["pemda"], 2024, "", "88,62", dimension_input="23", dimension_pengaduan=pengaduan)

    response = enter("30")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "dimension_pengaduan": ["Nilai dimensi Pengaduan (pengelolaan pengaduan) 30.00 di luar rentangnya 0.00–21.54."]
    }
    assert Assessment.objects.count() == 0

    enter("21,54")
    assert Assessment.objects.get().dimensions == {"input": "23.00", "pengaduan": "21.54"}


def test_the_api_keeps_dimensions_as_slug_to_score(people, chart):
    record(people, chart["pemda"], 2023, "opini-2022", "87.99", proses="30.5", input="21")

    body = api_for(people["reviewer"]).get("/api/v1/compliance/assessments/?year=2023").json()

    assert [row["dimensions"] for row in body["results"]] == [{"input": "21.00", "proses": "30.50"}]
