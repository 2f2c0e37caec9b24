"""The evaluator's pages: scoring privately, the others' scores only after one's own, nothing unassigned."""

import pytest
from django.urls import reverse

from agencies.services import role_end
from competition.models import StageKind
from competition.services.organiser_panel import panelist_add
from tests.agencies.factories import user_with_role
from tests.competition.conftest import score_all
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_unassigned_evaluator_gets_404_by_page_and_by_api(scored, round_):
    juri3 = user_with_role("evaluator", region=round_.region, username="juri3")
    panelist_add(round_=round_, user=juri3, by=round_.created_by)
    stage = round_.stages.get(kind=StageKind.PROPOSAL)
    client = client_for(juri3)

    page = client.get(reverse("competition:review", args=[scored[0].pk, stage.pk]))
    api = client.get(f"/api/v1/competition-entries/{scored[0].pk}/")
    ranking = client.get(f"/api/v1/competitions/{round_.pk}/ranking/")

    assert (page.status_code, api.status_code, ranking.status_code) == (404, 404, 404)


def test_evaluator_sees_others_only_after_submitting(assigned, round_, people, panel):
    entry, stage = assigned, round_.stages.get(kind=StageKind.PROPOSAL)
    score_all(entry.reviews.get(panelist=panel[1]), panel[1].user, 80)
    url = reverse("competition:review", args=[entry.pk, stage.pk])
    client = client_for(people["evaluator"])

    before = client.get(url).content.decode()
    score_all(entry.reviews.get(panelist=panel[0]), people["evaluator"], 70)
    after = client.get(url).content.decode()

    name = panel[1].user.display_name
    assert (name in before, "80,00" in before) == (False, False)
    assert (name in after, "80,00" in after) == (True, True)


def test_bad_score_keeps_what_was_typed(assigned, round_, people, panel):
    entry, stage = assigned, round_.stages.get(kind=StageKind.PROPOSAL)
    first, second = list(stage.criteria.all())[:2]

    response = client_for(people["evaluator"]).post(
        reverse("competition:review", args=[entry.pk, stage.pk]),
        {f"score_{first.pk}": "150", f"score_{second.pk}": "77", f"comment_{second.pk}": "Jelas"},
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Beri skor 0 sampai 100." in body
    assert 'value="77"' in body and "Jelas" in body


def test_evaluator_whose_role_ended_gets_404_at_once(assigned, round_, people, panel):
    """Ending the evaluator role (agencies.services.role_end) shuts the assigned entry the same day, though the
    panel seat and the review stay as history."""
    entry, stage = assigned, round_.stages.get(kind=StageKind.PROPOSAL)
    evaluator = people["evaluator"]
    client = client_for(evaluator)
    urls = [
        reverse("competition:review", args=[entry.pk, stage.pk]),
        reverse("competition:entry", args=[entry.pk]),
        f"/api/v1/competition-entries/{entry.pk}/",
    ]
    before = [client.get(url).status_code for url in urls]

    role_end(assignment=evaluator.role_assignments.get(role="evaluator"), by=people["admin"])
    after = [client_for(evaluator).get(url).status_code for url in urls]
    my_reviews = client_for(evaluator).get(reverse("competition:my-reviews")).content.decode()

    assert (before, after) == ([200, 200, 200], [404, 404, 404])
    assert "Antar Obat" not in my_reviews
