"""The aggregation on a worked example, with every figure worked out by hand in the comments."""

from decimal import Decimal as D

from competition.scoring import ReviewTotal, aggregate, competition_ranks, weighted_total


def test_weighted_total_of_the_proposal_template():
    # background 80x10 + novelty 70x15 + implementation 90x5 + significance 85x30 + adaptability 60x20
    # + resources 100x5 + sustainability 75x15 = 800 + 1050 + 450 + 2550 + 1200 + 500 + 1125 = 7675 → 76.75
    weights = {1: 10, 2: 15, 3: 5, 4: 30, 5: 20, 6: 5, 7: 15}
    scores = {1: D(80), 2: D(70), 3: D(90), 4: D(85), 5: D(60), 6: D(100), 7: D(75)}

    assert weighted_total(scores, weights) == D("76.75")


def test_competition_ranking_shows_ties_as_ties():
    assert competition_ranks([D(75), D(80), D(75), None, D(60)]) == [2, 1, 2, None, 4]
    assert competition_ranks([D(90), D(90), D(70)]) == [1, 1, 3]


def test_mean_median_spread_and_ties_on_raw_scores():
    reviews = [
        ReviewTotal(1, 1, D(60)),
        ReviewTotal(1, 2, D(70)),
        ReviewTotal(1, 3, D(95)),  # mean 75, median 70, spread 35: flagged above 15
        ReviewTotal(2, 1, D(75)),
        ReviewTotal(2, 2, D(75)),  # mean 75: tied with entry 1
        ReviewTotal(3, 3, D(50)),
    ]

    results = aggregate([1, 2, 3, 4], reviews, threshold=D(15))

    assert [(r.entry_id, r.mean, r.median, r.spread, r.flagged, r.rank) for r in results] == [
        (1, D("75.00"), D("70.00"), D("35.00"), True, 1),
        (2, D("75.00"), D("75.00"), D("0.00"), False, 1),
        (3, D("50.00"), D("50.00"), D("0.00"), False, 3),
        (4, None, None, None, False, None),
    ]


def test_normalisation_worked_example():
    """Evaluator A scores all four entries (80, 60, 80, 60: mean 70, sd 10); B scores entries 10 and 20
    (90, 70: mean 80, sd 10), the generous one; C scores 30 and 40 (50, 70: mean 60, sd 10), the harsh one.

    Every review is one sd above or below its evaluator's mean: z = +1 or -1. The pool of all eight totals has
    mean 70 and sd sqrt(1200 / 8) = 12.2474..., so z = +1 becomes 82.25 and z = -1 becomes 57.75.

    Raw means: 10 → 85, 20 → 65, 30 → 65, 40 → 65 (three tied at rank 2). Normalised: 10 → 82.25,
    20 → 57.75, 30 → (82.25 + 57.75) / 2 = 70.00, 40 → 70.00: C's harshness no longer sinks entry 30, and
    B's generosity no longer lifts entry 20 level with it.
    """
    reviews = [
        ReviewTotal(10, 1, D(80)),
        ReviewTotal(20, 1, D(60)),
        ReviewTotal(30, 1, D(80)),
        ReviewTotal(40, 1, D(60)),
        ReviewTotal(10, 2, D(90)),
        ReviewTotal(20, 2, D(70)),
        ReviewTotal(30, 3, D(50)),
        ReviewTotal(40, 3, D(70)),
    ]

    raw = aggregate([10, 20, 30, 40], reviews, threshold=D(15), normalise=False)
    normalised = aggregate([10, 20, 30, 40], reviews, threshold=D(15), normalise=True)

    assert [(r.entry_id, r.mean, r.median, r.spread, r.flagged, r.rank) for r in raw] == [
        (10, D("85.00"), D("85.00"), D("10.00"), False, 1),
        (20, D("65.00"), D("65.00"), D("10.00"), False, 2),
        (30, D("65.00"), D("65.00"), D("30.00"), True, 2),
        (40, D("65.00"), D("65.00"), D("10.00"), False, 2),
    ]
    assert [(r.entry_id, r.normalised, r.rank) for r in normalised] == [
        (10, D("82.25"), 1),
        (30, D("70.00"), 2),
        (40, D("70.00"), 2),
        (20, D("57.75"), 4),
    ]
    # The raw figures stay beside the normalised ones, review by review.
    assert {r.entry_id: r.reviews for r in normalised}[30] == [(1, D(80), D("82.25")), (3, D(50), D("57.75"))]
    assert {r.entry_id: r.mean for r in normalised} == {r.entry_id: r.mean for r in raw}


def test_an_evaluator_with_one_review_or_equal_totals_gets_the_pool_mean():
    reviews = [ReviewTotal(1, 1, D(90)), ReviewTotal(2, 2, D(70)), ReviewTotal(3, 2, D(70))]

    results = aggregate([1, 2, 3], reviews, normalise=True)

    # Pool mean (90 + 70 + 70) / 3 = 76.67; every z is 0.
    assert [(r.entry_id, r.normalised) for r in results] == [(1, D("76.67")), (2, D("76.67")), (3, D("76.67"))]
    assert [r.rank for r in results] == [1, 1, 1]
