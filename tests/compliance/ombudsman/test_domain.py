"""The Ombudsman's pure rules, worked through on band rows built in memory (no database): a score's zone and grade,
the published zone, the scale and the score's format (the moves of an improvement note: test_workflow.py).

Bands as the Ombudsman published them (shared/reference/domain.md, section 3): the 2021 compliance assessment,
red 0-50.99, yellow 51.00-80.99, green 81.00-100 (langgam.id); the 2022-2024 "opini", A 88.00-100 and
B 78.00-87.99 green, C 54.00-77.99 yellow, D 32.00-53.99 and E red (E's lower bound unpublished, 0 assumed);
from 2025 no published band table (Peraturan Ombudsman 61/2025), the zone is entered as published.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance.ombudsman.domain import parse_score, place
from compliance.ombudsman.models import AssessmentMethod, Band

D = Decimal
KEPATUHAN_2021 = AssessmentMethod(slug="kepatuhan-2021", scale_min=D("0"), scale_max=D("100"))
BANDS_2021 = [
    Band(lower=D("0"), upper=D("50.99"), zone="red"),
    Band(lower=D("51"), upper=D("80.99"), zone="yellow"),
    Band(lower=D("81"), upper=D("100"), zone="green"),
]
OPINI_2022 = AssessmentMethod(slug="opini-2022", scale_min=D("0"), scale_max=D("100"))
BANDS_2022 = [
    Band(lower=D("0"), upper=D("31.99"), zone="red", grade="E"),
    Band(lower=D("32"), upper=D("53.99"), zone="red", grade="D"),
    Band(lower=D("54"), upper=D("77.99"), zone="yellow", grade="C"),
    Band(lower=D("78"), upper=D("87.99"), zone="green", grade="B"),
    Band(lower=D("88"), upper=D("100"), zone="green", grade="A", dark=True),
]
OPINI_2025 = AssessmentMethod(slug="opini-2025", scale_min=D("0"), scale_max=D("100"))


@pytest.mark.parametrize(
    ("score", "zone"),
    [("0", "red"), ("50.99", "red"), ("51.00", "yellow"), ("80.99", "yellow"), ("81.00", "green"), ("100", "green")],
)
def test_2021_bands_place_each_edge(score, zone):
    placement = place(KEPATUHAN_2021, D(score), bands=BANDS_2021)

    assert (placement.zone, placement.grade) == (zone, "")


@pytest.mark.parametrize(
    ("score", "zone", "grade"),
    [
        ("31.99", "red", "E"),
        ("32.00", "red", "D"),
        ("53.99", "red", "D"),
        ("54.00", "yellow", "C"),
        ("77.99", "yellow", "C"),
        ("78.00", "green", "B"),
        ("87.99", "green", "B"),
        ("88.00", "green", "A"),  # a score on a lower bound belongs to that band
    ],
)
def test_opini_2022_bands_give_zone_and_grade(score, zone, grade):
    placement = place(OPINI_2022, D(score), bands=BANDS_2022)

    assert (placement.zone, placement.grade) == (zone, grade)


def test_the_band_rows_may_come_in_any_order():
    assert place(OPINI_2022, D("88.62"), bands=list(reversed(BANDS_2022))).band is BANDS_2022[-1]


def test_a_published_zone_that_agrees_is_kept_and_one_that_contradicts_is_an_error():
    assert place(KEPATUHAN_2021, D("81.00"), bands=BANDS_2021, published_zone="green").zone == "green"
    with pytest.raises(ValidationError) as exc:
        place(KEPATUHAN_2021, D("80.99"), bands=BANDS_2021, published_zone="green")

    assert exc.value.code == "zone_mismatch"


def test_without_a_band_table_the_published_zone_is_required_and_kept():
    placement = place(OPINI_2025, D("86.10"), bands=[], published_zone="green")

    assert (placement.zone, placement.grade, placement.band) == ("green", "", None)
    with pytest.raises(ValidationError) as exc:
        place(OPINI_2025, D("86.10"), bands=[])
    assert exc.value.code == "zone_required"


@pytest.mark.parametrize("score", ["-0.01", "100.01"])
def test_a_score_outside_the_scale_is_refused(score):
    with pytest.raises(ValidationError) as exc:
        place(OPINI_2022, D(score), bands=BANDS_2022)

    assert exc.value.code == "outside_scale"


def test_scores_take_the_indonesian_decimal_comma_and_two_places():
    assert [parse_score("87,99"), parse_score(" 88 "), parse_score(D("51.5"))] == [D("87.99"), D("88.00"), D("51.50")]
    with pytest.raises(ValidationError):
        parse_score("87,999")
