"""Every band edge of every seeded method (the tables are data, seeded by migration compliance/0003)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.ombudsman.domain import parse_score, place
from compliance.ombudsman.models import AssessmentMethod
from compliance.ombudsman.selectors import bands_of

pytestmark = pytest.mark.django_db


def method(slug: str) -> AssessmentMethod:
    return AssessmentMethod.objects.get(slug=slug)


def place_seeded(slug: str, score: Decimal, published_zone: str = ""):
    """`place` under a seeded method and its seeded band rows."""
    seeded = method(slug)
    return place(seeded, score, bands=bands_of(seeded), published_zone=published_zone)


@pytest.mark.parametrize(
    ("slug", "score", "zone", "grade"),
    [
        ("kepatuhan-2014", "0", "red", ""),
        ("kepatuhan-2014", "500", "red", ""),
        ("kepatuhan-2014", "500.99", "red", ""),
        ("kepatuhan-2014", "501", "yellow", ""),
        ("kepatuhan-2014", "800", "yellow", ""),
        ("kepatuhan-2014", "801", "green", ""),
        ("kepatuhan-2014", "1000", "green", ""),
        ("kepatuhan-2021", "0", "red", ""),
        ("kepatuhan-2021", "50.99", "red", ""),
        ("kepatuhan-2021", "51.00", "yellow", ""),
        ("kepatuhan-2021", "80.99", "yellow", ""),
        ("kepatuhan-2021", "81.00", "green", ""),
        ("kepatuhan-2021", "100", "green", ""),
        ("opini-2022", "0", "red", "E"),
        ("opini-2022", "31.99", "red", "E"),
        ("opini-2022", "32.00", "red", "D"),
        ("opini-2022", "53.99", "red", "D"),
        ("opini-2022", "54.00", "yellow", "C"),
        ("opini-2022", "77.99", "yellow", "C"),
        ("opini-2022", "78.00", "green", "B"),
        ("opini-2022", "87.99", "green", "B"),
        ("opini-2022", "88.00", "green", "A"),
        ("opini-2022", "100", "green", "A"),
    ],
)
def test_every_band_edge(slug, score, zone, grade):
    placement = place_seeded(slug, Decimal(score))

    assert (placement.zone, placement.grade) == (zone, grade)


def test_grade_a_is_shown_as_dark_green():
    assert place_seeded("opini-2022", Decimal("88.00")).band.dark is True
    assert place_seeded("opini-2022", Decimal("87.99")).band.dark is False


def test_a_published_zone_that_contradicts_the_table_is_an_error():
    with pytest.raises(ValidationError) as exc:
        place_seeded("kepatuhan-2021", Decimal("80.99"), published_zone="green")

    assert exc.value.messages == [
        "Zona Hijau bertentangan dengan tabel rentang nilai: nilai 80.99 menurut kepatuhan-2021 berada di zona Kuning."
    ]


def test_a_method_without_bands_keeps_the_published_zone_and_requires_it():
    assert place_seeded("opini-2025", Decimal("70"), published_zone="yellow").zone == "yellow"
    with pytest.raises(ValidationError):
        place_seeded("opini-2025", Decimal("70"))


@pytest.mark.parametrize(
    ("slug", "score"), [("kepatuhan-2021", "100.01"), ("kepatuhan-2014", "-1"), ("opini-2022", "101")]
)
def test_a_score_outside_the_scale_is_refused(slug, score):
    with pytest.raises(ValidationError):
        place_seeded(slug, Decimal(score))


@pytest.mark.parametrize(
    ("raw", "expected"), [("87,99", Decimal("87.99")), ("88", Decimal("88.00")), (" 51.5 ", Decimal("51.50"))]
)
def test_scores_accept_the_decimal_comma(raw, expected):
    assert parse_score(raw) == expected


@pytest.mark.parametrize("raw", ["delapan", "87.999", ""])
def test_malformed_scores_are_refused(raw):
    with pytest.raises(ValidationError):
        parse_score(raw)


def test_methods_know_their_years():
    assert [
        (m.slug, m.applies_to(2017), m.applies_to(2023), m.applies_to(2030)) for m in AssessmentMethod.objects.all()
    ] == [
        ("kepatuhan-2014", False, False, False),
        ("kepatuhan-2015", True, False, False),
        ("kepatuhan-2021", False, False, False),
        ("opini-2022", False, True, False),
        ("opini-2025", False, False, True),
    ]
