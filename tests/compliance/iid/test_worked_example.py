"""The index by hand, for a small region: three innovations and chosen answers, with the seeded catalogues.

Source of the formula: BSKDN, "PPT Sosialisasi IID 2023" (SPD = Σ indicators 1-15; SID = Σ over innovations of
indicators 16-35 / MAX(10, n) + count score; IID = total / maximum x 100). Bands: BSKDN 2023 deck (60.01-100,
35.00-60.00, 0.01-34.99, 0) and Kab. Tegal 2024 (>60, 35-60, <35). Weights: the seeded (provisional) ones,
SPD 21 in all, SID 37 per innovation; count 0.38 per innovation (so the maximum is 63 + 111 + 76 = 250).
"""

from decimal import Decimal

import pytest

from compliance.iid import domain, selectors

SPD_NUMBERS = range(1, 16)
SID_NUMBERS = range(16, 36)


def compute(year: int, region: dict[int, int], innovations: list[dict[int, int]], urusan: list[str]):
    catalogue = selectors.catalogue_for(year)
    subjects = [domain.Subject(k, u, answers) for k, (answers, u) in enumerate(zip(innovations, urusan, strict=True))]
    return domain.compute(
        items=selectors.items_of(catalogue), rules=selectors.rules_of(catalogue), region=region, innovations=subjects
    )


ALL_TWO = dict.fromkeys(SPD_NUMBERS, 2)  # SPD = 21 x 2 = 42
BEST = dict.fromkeys(SID_NUMBERS, 3)  # 37 x 3 = 111
WORST = dict.fromkeys(SID_NUMBERS, 1)  # 37 x 1 = 37
TWO = {16: 2, 35: 3}  # 3 x 2 + 4 x 3 = 18
URUSAN = ["kesehatan", "pendidikan", "sosial"]


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2023, 2024])
def test_worked_example_less_innovative(year):
    # SID = (111 + 37 + 18) / MAX(10, 3) = 16.60; count = 0.38 x 3 = 1.14; total = 42 + 16.60 + 1.14 = 59.74;
    # index = 59.74 / 250 x 100 = 23.896 -> 23.90: "kurang inovatif" in both years (below 35).
    result = compute(year, ALL_TWO, [BEST, WORST, TWO], URUSAN)

    assert (result.spd, result.sid, result.count_score, result.total, result.maximum) == (
        Decimal("42.00"),
        Decimal("16.60"),
        Decimal("1.14"),
        Decimal("59.74"),
        Decimal("250.00"),
    )
    assert (result.index, result.predicate, result.divisor) == (Decimal("23.90"), "kurang_inovatif", 10)
    assert dict(result.per_innovation) == {0: Decimal(111), 1: Decimal(37), 2: Decimal(18)}


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2023, 2024])
def test_worked_example_innovative(year):
    # SPD 63; SID = 3 x 111 / 10 = 33.30; count 1.14; total 97.44; index 38.976 -> 38.98: "inovatif" (35-60).
    result = compute(year, dict.fromkeys(SPD_NUMBERS, 3), [BEST, BEST, BEST], URUSAN)

    assert (result.spd, result.sid, result.count_score, result.total) == (
        Decimal("63.00"),
        Decimal("33.30"),
        Decimal("1.14"),
        Decimal("97.44"),
    )
    assert (result.index, result.predicate) == (Decimal("38.98"), "inovatif")


@pytest.mark.django_db
def test_worked_example_2026_bands_and_basic_urusan():
    # The same answers in 2026: 3 of the 6 basic-service urusan is fewer than the 5 required, so the count
    # scores 0; total 63 + 33.30 = 96.30; index 38.52, below 2026's 40.01 for "inovatif".
    result = compute(2026, dict.fromkeys(SPD_NUMBERS, 3), [BEST, BEST, BEST], URUSAN)

    assert (result.count_score, result.total, result.index, result.predicate) == (
        Decimal("0.00"),
        Decimal("96.30"),
        Decimal("38.52"),
        "kurang_inovatif",
    )
    assert (result.basic_covered, result.count_scores) == (3, False)


@pytest.mark.django_db
def test_nothing_reported_cannot_be_assessed():
    result = compute(2023, {}, [{}, {}], ["kesehatan", "sosial"])

    assert (result.spd, result.sid, result.predicate) == (Decimal("0.00"), Decimal("0.00"), "tidak_dapat_dinilai")


def test_band_boundaries_round_to_cents():
    bands = (("sangat_inovatif", Decimal("60.01"), Decimal(100)), ("inovatif", Decimal(35), Decimal("60.00")))

    assert [domain.predicate_for(Decimal(v), bands) for v in ("60.004", "60.005", "35")] == [
        "inovatif",
        "sangat_inovatif",
        "inovatif",
    ]


def test_prefill_rules():
    import datetime

    assert [domain.replication_parameter(n) for n in (0, 1, 2, 5)] == [None, 1, 2, 3]
    assert [domain.creation_parameter(m) for m in (12, 9, 8, 5, 4, 0)] == [1, 1, 2, 2, 3, 3]
    assert [domain.beneficiaries_parameter(n) for n in (0, 200, 201, 500, 501)] == [None, 1, 2, 2, 3]
    assert domain.months_between(datetime.date(2024, 1, 15), datetime.date(2024, 7, 1)) == 5
