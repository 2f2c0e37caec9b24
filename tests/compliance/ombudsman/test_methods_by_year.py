"""Which method applies to which year, worked through with published figures (shared/reference/domain.md §3.2):
0-1000 for 2013-2014 only; 0-100 with the 2018 bands (red 0-50, yellow 51-80, green 81-100; Ombudsman Sumsel,
pelitasumatera.com 2018-12-12) for 2015-2019, lower bounds inclusive as in 2021; no assessment in 2020; from
2025 the "Opini Ombudsman" (Peraturan Ombudsman 61/2025) with no A-E table."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.ombudsman import services
from compliance.ombudsman.domain import method_for_year
from compliance.ombudsman.models import AssessmentMethod
from tests.compliance.ombudsman.test_assessments import rows
from tests.compliance.ombudsman.test_bands import place_seeded

pytestmark = pytest.mark.django_db


def slug_for(year: int) -> str:
    return method_for_year(AssessmentMethod.objects.all(), year).slug


def test_each_year_has_its_one_method():
    assert {year: slug_for(year) for year in (2013, 2014, 2015, 2018, 2019, 2021, 2022, 2024, 2025, 2030)} == {
        2013: "kepatuhan-2014",
        2014: "kepatuhan-2014",
        2015: "kepatuhan-2015",
        2018: "kepatuhan-2015",
        2019: "kepatuhan-2015",
        2021: "kepatuhan-2021",
        2022: "opini-2022",
        2024: "opini-2022",
        2025: "opini-2025",
        2030: "opini-2025",
    }


def test_kota_ambon_2018_is_green():
    """Kota Ambon 2018 = 97.16, the best city that year, "predikat kepatuhan tinggi" (ambon.go.id)."""
    placement = place_seeded("kepatuhan-2015", Decimal("97.16"), published_zone="green")

    assert (placement.zone, placement.grade) == ("green", "")


@pytest.mark.parametrize(
    ("score", "zone"),
    [
        ("0", "red"),
        ("50.00", "red"),
        ("50.99", "red"),
        ("51.00", "yellow"),
        ("60.87", "yellow"),  # Kab. Kendal 2018 (Ombudsman Jateng deck 2023)
        ("80.99", "yellow"),
        ("81.00", "green"),
        ("99.96", "green"),  # Kab. Ciamis 2018 (g-news.id)
        ("100", "green"),
    ],
)
def test_2015_to_2019_band_edges(score, zone):
    assert place_seeded("kepatuhan-2015", Decimal(score)).zone == zone


def test_2015_to_2019_is_on_0_to_100():
    with pytest.raises(ValidationError) as exc:
        place_seeded("kepatuhan-2015", Decimal("812.30"))

    assert exc.value.messages == ["Nilai 812.30 di luar skala kepatuhan-2015 (0.00–100.00)."]


def test_2014_stays_on_0_to_1000():
    """The 2013-2014 surveys: red 0-500, yellow 501-800, green 801-1000."""
    assert [place_seeded("kepatuhan-2014", Decimal(s)).zone for s in ("500", "501", "800", "801")] == [
        "red",
        "yellow",
        "yellow",
        "green",
    ]
    assert AssessmentMethod.objects.get(slug="kepatuhan-2014").applies_to(2015) is False


def test_2020_is_refused_with_the_reason(people, chart, region):
    """The 2019 round was the fifth and last of its series; the Ombudsman assessed nobody in 2020."""
    with pytest.raises(ValidationError) as exc:
        method_for_year(AssessmentMethod.objects.all(), 2020)
    assert exc.value.messages == [
        "Ombudsman tidak melakukan penilaian pada tahun 2020: tidak ada metode untuk tahun itu."
    ]

    _preview, errors = services.assessments_import_check(
        region=region, table_rows=rows(["PEMDA,2020,,80,,,,,,,,"]), update_existing=False
    )
    assert errors == [{"row": 2, "column": "year", "message": exc.value.messages[0]}]

    with pytest.raises(ValidationError) as recorded:
        services.assessment_record(
            agency=chart["pemda"],
            year=2020,
            method=AssessmentMethod.objects.get(slug="kepatuhan-2021"),
            score=Decimal("80"),
            by=people["reviewer"],
        )
    assert recorded.value.message_dict == {"year": exc.value.messages}


def test_an_import_row_without_a_method_takes_the_years_method(people, chart, region):
    """Kota Ambon 2018 = 97.16 green; 2025 = 81.20 published green, "kualitas tinggi", with no A-E grade
    (Ombudsman siaran pers 004/HM.01/I/2026)."""
    lines = ["PEMDA,2018,,97.16,hijau,,,,,,,", "PEMDA,2025,,81.20,hijau,,,,,,,"]

    saved = services.assessments_import(region=region, table_rows=rows(lines), update_existing=False, by=None)

    assert [(a.year, a.method.slug, str(a.score), a.zone, a.grade) for a in saved] == [
        (2018, "kepatuhan-2015", "97.16", "green", ""),
        (2025, "opini-2025", "81.20", "green", ""),
    ]
