"""What an evaluator sees of the other reviews of an entry."""

from decimal import Decimal

import pytest

from competition.models import Review
from competition.selectors.reviews import other_reviews
from tests.competition.conftest import score_all

pytestmark = pytest.mark.django_db


def test_other_reviews_hidden_until_own_submitted_and_when_the_round_hides_them(assigned, round_, people, panel):
    mine, theirs = assigned.reviews.get(panelist=panel[0]), assigned.reviews.get(panelist=panel[1])
    score_all(theirs, panel[1].user, 80)

    before = other_reviews(Review.objects.get(pk=mine.pk))
    score_all(mine, people["evaluator"], 70)
    after = other_reviews(Review.objects.get(pk=mine.pk))
    round_.reviews_visible = "never"
    round_.save()
    hidden = other_reviews(Review.objects.get(pk=mine.pk))

    assert before == []
    assert [(r.panelist.user.username, r.total) for r in after] == [("juri2", Decimal("80.00"))]
    assert hidden == []
