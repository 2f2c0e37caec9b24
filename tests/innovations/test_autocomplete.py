"""The innovation search behind the replication select and the service's "innovation that changed it" select:
the rows the form would accept, for the people the page would let pick them, in a fixed number of queries."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from innovations.forms import InnovationForm
from tests.agencies.test_autocomplete import names
from tests.competition.factories import AcceptedInnovationFactory
from tests.conftest import client_for
from tests.snapshots import kept

pytestmark = pytest.mark.django_db
URL = reverse("innovations:autocomplete")


@pytest.fixture
@kept
def register(chart, people, other_region):
    bitung = Agency.objects.get(region=other_region, code="DINKES")
    return {
        "own": AcceptedInnovationFactory(agency=chart["dinkes"], title="Antar Obat", year=2024),
        "guru": AcceptedInnovationFactory(agency=chart["disdik"], title="Guru Kunjung", year=2024),
        "draft": AcceptedInnovationFactory(agency=chart["disdik"], title="Guru Daring", year=2025, state="draft"),
        "bitung": AcceptedInnovationFactory(agency=bitung, title="Guru Pantai", year=2024),
    }


def test_replication_candidates_are_the_regions_accepted_innovations_of_other_agencies(register, people, chart):
    params = {"replicating": chart["dinkes"].pk}

    found = {who: names(client_for(user).get(URL, params)) for who, user in people.items()}

    region_members = ["Guru Kunjung — Dinas Pendidikan (2024)"]
    assert found == {
        **dict.fromkeys(["admin", "reviewer", "head", "staff", "other_staff", "camat", "evaluator"], region_members),
        "outsider": [],  # Ambon's Dinas Kesehatan is not Bitung's to see
    }
    assert client_for(None).get(URL, params).status_code == 302


def test_region_search_shows_what_the_person_may_see(register, people, chart, region):
    def found(who, q=""):
        return names(client_for(people[who]).get(URL, {"region": region.pk, "q": q}))

    # Nothing typed: the newest first (an index-served order at national scale); a search: by title.
    assert found("reviewer") == [
        "Guru Daring — Dinas Pendidikan (2025)",
        "Guru Kunjung — Dinas Pendidikan (2024)",
        "Antar Obat — Dinas Kesehatan (2024)",
    ]
    assert found("reviewer", "guru") == [
        "Guru Daring — Dinas Pendidikan (2025)",
        "Guru Kunjung — Dinas Pendidikan (2024)",
    ]
    assert found("reviewer", "guru kun") == ["Guru Kunjung — Dinas Pendidikan (2024)"]
    assert found("staff") == ["Antar Obat — Dinas Kesehatan (2024)"]
    assert found("outsider") == []


@pytest.mark.parametrize("extra", [0, 2])
def test_search_query_count_does_not_grow(register, people, chart, extra, django_assert_num_queries):
    for i in range(extra):
        AcceptedInnovationFactory(agency=chart["pkm"], title=f"Posyandu {i}")
    client = client_for(people["staff"])
    client.get(URL, {"replicating": chart["dinkes"].pk})

    with django_assert_num_queries(7):  # with the agency's lookup
        assert len(names(client.get(URL, {"replicating": chart["dinkes"].pk}))) == 1 + extra


def test_replication_select_carries_only_the_chosen_original_and_refuses_a_foreign_one(register, chart):
    def form(original):
        return InnovationForm(
            {"title": "Guru Kunjung Puskesmas", "replication_of": original.pk}, agency=chart["dinkes"]
        )

    chosen, foreign = form(register["guru"]), form(register["bitung"])
    chosen.is_valid()

    html = str(chosen["replication_of"])
    assert "replication_of" not in chosen.errors
    assert html.count("<option") == 2
    assert f'data-autocomplete-url="/innovations/autocomplete/?replicating={chart["dinkes"].pk}"' in html
    assert f'<option value="{register["guru"].pk}" selected>Guru Kunjung — Dinas Pendidikan (2024)</option>' in html
    assert not foreign.is_valid()
    assert foreign.errors["replication_of"] == [
        "Masukkan pilihan yang valid. Pilihan tersebut bukan salah satu dari pilihan yang tersedia."
    ]
