"""The mayor's office's page of earlier awards: who may open it, recording one (a duplicate refused in words),
removing one, and a query count that does not grow with the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competition.models import Award
from tests.competition.conftest import accepted
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/kompetisi/awards/"


@pytest.mark.parametrize(
    ("who", "status"), [("reviewer", 200), ("head", 403), ("staff", 403), ("outsider", 403), (None, 302)]
)
def test_permission_matrix(people, who, status):
    assert reverse("competition:awards") == URL
    assert client_for(people.get(who)).get(URL).status_code == status


def test_recording_an_award_and_the_same_again_is_refused_in_words(people, chart):
    djbn = accepted(chart["dinkes"], "Dukcapil Jemput Bola")
    data = {"innovation": djbn.pk, "year": "2023", "level": "national", "title": "Top 45", "note": "KepMenPANRB 2023"}
    client = client_for(people["reviewer"])

    first = client.post(URL, data)
    again = client.post(URL, data)

    assert first.status_code == 302
    assert list(Award.objects.values_list("innovation__title", "year", "level", "title")) == [
        ("Dukcapil Jemput Bola", 2023, "national", "Top 45")
    ]
    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == ["Dukcapil Jemput Bola sudah tercatat meraih Top 45 2023."]


def test_removing_an_award_and_another_regions_is_not_found(people, chart):
    award = Award.objects.create(
        innovation=accepted(chart["dinkes"], "A"), year=2024, level="regional", title="Terbaik I"
    )
    client = client_for(people["reviewer"])

    assert client.post(URL, {"remove": award.pk + 1000}).status_code == 404
    assert client.post(URL, {"remove": award.pk}).status_code == 302
    assert Award.objects.count() == 0


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    return len(queries), len(response.context["awards"])


def test_query_count_does_not_grow(people, chart):
    def add(n):
        innovation = accepted(chart["dinkes"], f"Inovasi {n}")
        Award.objects.create(innovation=innovation, year=2024, level="regional", title="Top 10")

    client = client_for(people["reviewer"])
    add(0)
    client.get(URL)  # warm the session and the caches
    one = _queries(client)
    add(1)
    add(2)

    assert _queries(client) == (one[0], 3)
    assert one[1] == 1
