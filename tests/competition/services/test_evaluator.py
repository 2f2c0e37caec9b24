"""The evaluator's services: scores kept private until submitted, changed only when reopened, with history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from competition.models import ScoreChange, StageKind
from competition.services.evaluator import review_reopen, review_save, review_submit
from competition.services.organiser_panel import assignment_run
from tests.competition.conftest import accepted, enter, score_all

pytestmark = pytest.mark.django_db


def test_scores_change_after_submission_only_when_reopened_with_history(scored, people, panel):
    review = scored[0].reviews.get(panelist=panel[0])
    criterion = review.stage.criteria.first()

    with pytest.raises(ValidationError):
        review_save(review=review, by=people["evaluator"], scores={criterion.pk: (Decimal(90), "")})
    review_reopen(review=review, by=people["reviewer"], note="Periksa kembali kebaruan.")
    review_save(review=review, by=people["evaluator"], scores={criterion.pk: (Decimal(90), "Lebih baik")})
    review_submit(review=review, by=people["evaluator"])

    review.refresh_from_db()
    change = ScoreChange.objects.get()
    assert (change.old_value, change.new_value, change.old_comment, change.by.username) == (
        Decimal("70.00"),
        Decimal("90.00"),
        "",
        "juri1",
    )
    # background weighs 10: the total rises by (90 - 70) x 10 / 100 = 2.
    assert review.total == Decimal("72.00")
    assert [(t.action, t.from_state, t.to_state, t.by.username) for t in review.transitions.all()] == [
        ("submit", "draft", "submitted", "juri1"),
        ("reopen", "submitted", "reopened", "walikota"),
        ("submit", "reopened", "submitted", "juri1"),
    ]


def test_scoring_refused_while_the_stage_is_closed(round_, people, chart, panel):
    entry = enter(
        round_, accepted(chart["dinkes"], "Antar Obat"), people["staff"], passed=True, organiser=people["reviewer"]
    )
    proposal = round_.stages.get(kind=StageKind.PROPOSAL)
    assignment_run(stage=proposal, by=people["reviewer"])
    review = entry.reviews.get(panelist=panel[0])

    with pytest.raises(ValidationError) as error:
        score_all(review, people["evaluator"], 70)

    assert error.value.messages == ["Tahap ini sudah ditutup: skor tidak dapat diubah lagi."]
