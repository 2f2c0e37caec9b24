"""What an evaluator sees of the other reviews of an entry."""

from decimal import Decimal

import pytest

from competition.models import Review, StageKind
from competition.selectors.reviews import other_reviews
from competition.services.organiser import (
    stage_set_override,
)
from competition.services.organiser_panel import assignment_run
from tests.competition.conftest import accepted, enter, score_all

pytestmark = pytest.mark.django_db


def test_other_reviews_hidden_until_own_submitted_and_when_the_round_hides_them(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    stage_set_override(stage=proposal, by=people["reviewer"], override="open")
    assignment_run(stage=proposal, by=people["reviewer"])
    mine, theirs = entry.reviews.get(panelist=panel[0]), entry.reviews.get(panelist=panel[1])
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
