"""The evaluator search of the panel form: the region's evaluators not on the panel yet, for the organiser only."""

import pytest
from django.urls import reverse

from competition.forms import PanelistForm
from competition.selectors.rounds import evaluator_candidates
from tests.agencies.factories import user_with_role
from tests.agencies.test_autocomplete import names
from tests.competition.conftest import ORGANISER_ONLY, status_by_role
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def juri_bitung(other_region):
    return user_with_role("evaluator", region=other_region, username="juri.bitung")


def test_search_permission_matrix_and_rows(round_, people, juri2, juri_bitung):
    url = reverse("competition:evaluator-autocomplete", args=[round_.pk])

    assert status_by_role(url, people) == ORGANISER_ONLY
    assert names(client_for(people["reviewer"]).get(url)) == sorted(
        [people["evaluator"].display_name, juri2.display_name]
    )
    assert names(client_for(people["reviewer"]).get(url, {"q": "juri2"})) == [juri2.display_name]


@pytest.mark.parametrize("extra", [0, 2])
def test_search_query_count_does_not_grow(round_, people, region, extra, django_assert_num_queries):
    for i in range(extra):
        user_with_role("evaluator", region=region, username=f"juri.tambahan{i}")
    client = client_for(people["reviewer"])
    url = reverse("competition:evaluator-autocomplete", args=[round_.pk])
    client.get(url)

    with django_assert_num_queries(6):
        assert len(names(client.get(url))) == 1 + extra


def test_panel_form_carries_only_the_chosen_evaluator_and_refuses_another_regions(round_, people, juri_bitung):
    def form(user):
        return PanelistForm({"user": user.pk}, candidates=evaluator_candidates(round_), round_id=round_.pk)

    chosen, foreign = form(people["evaluator"]), form(juri_bitung)

    assert chosen.is_valid()
    assert str(chosen["user"]).count("<option") == 2
    assert not foreign.is_valid()
    assert foreign.errors["user"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
