"""The entrant agency's pages: editing is for the entrant's own staff only."""

import pytest
from django.urls import reverse

from tests.competition.conftest import ORGANISER_ONLY, status_by_role

pytestmark = pytest.mark.django_db


def test_edit_and_ranking_are_forbidden_to_read_only_members(scored, people, round_):
    edit = reverse("competition:entry-edit", args=[scored[0].pk])
    ranking = reverse("competition:ranking", args=[round_.pk])

    assert status_by_role(edit, people) == {
        "admin": 403,
        "reviewer": 403,
        "head": 403,
        "staff": 403,
        "other_staff": 404,
        "camat": 404,
        "evaluator": 403,
        "outsider": 404,
    }
    assert status_by_role(ranking, people) == ORGANISER_ONLY
