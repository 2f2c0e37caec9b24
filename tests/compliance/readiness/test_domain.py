"""The readiness score and the warning milestones."""

import datetime
from decimal import Decimal

from compliance.readiness import domain
from compliance.readiness.domain import DimensionCount


def test_score_worked_example_with_the_2022_dimension_weights():
    # Ombudsman Jateng deck 2022: input 24.24, proses 32.37, output 21.85, pengaduan 21.54 (domain.md §3.2).
    score = domain.score(
        [
            DimensionCount(Decimal("24.24"), 2, 2),
            DimensionCount(Decimal("32.37"), 4, 2),
            DimensionCount(Decimal("21.85"), 1, 0),
            DimensionCount(Decimal("21.54"), 3, 3),
        ]
    )
    assert (score.items, score.ready, score.share, score.weighted) == (10, 7, Decimal("70.00"), Decimal("61.97"))


def test_empty_checklist_scores_zero():
    assert domain.score([]) == domain.Score(0, 0, Decimal("0.00"), Decimal("0.00"))


def test_milestones_before_the_31_january_deadline():
    deadline = datetime.date(2027, 1, 31)
    days = {
        left: domain.milestone(deadline - datetime.timedelta(days=left), deadline)
        for left in (40, 31, 30, 20, 14, 4, 3, 0)
    }
    assert days == {40: None, 31: None, 30: 30, 20: 30, 14: 14, 4: 14, 3: 3, 0: 3}
    assert domain.milestone(datetime.date(2027, 2, 1), deadline) is None
    assert (domain.is_late(deadline, deadline), domain.is_late(datetime.date(2027, 2, 1), deadline)) == (False, True)
