"""The agency search behind the autocomplete selects: what each person may see, nothing more, in one query."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from tests.agencies.factories import AgencyFactory, UserFactory, area_office, sub_agency
from tests.conftest import client_for

URL = reverse("agencies:autocomplete")


def names(response) -> list[str]:
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # The organisation chart is shared within a region: every member sees the region's agencies.
        ("reviewer", ["Kecamatan Nusaniwe", "Kecamatan Sirimau"]),
        ("head", ["Kecamatan Nusaniwe", "Kecamatan Sirimau"]),
        ("staff", ["Kecamatan Nusaniwe", "Kecamatan Sirimau"]),
        ("evaluator", ["Kecamatan Nusaniwe", "Kecamatan Sirimau"]),
        # Bitung's staff member sees Bitung's kecamatan only, never Ambon's.
        ("outsider", ["Kecamatan Madidir"]),
    ],
)
def test_autocomplete_shows_only_the_persons_regions(people, chart, other_region, who, expected):
    outsider_root = Agency.objects.get(region=other_region, code="DINKES")
    area_office(outsider_root, "kecamatan", code="71.72.01", name="Kecamatan Madidir")

    response = client_for(people[who]).get(URL, {"type": "kecamatan"})

    assert response.status_code == 200
    assert names(response) == expected


def test_autocomplete_names_the_region_for_someone_who_sees_several(people, chart, other_region):
    admin = UserFactory(username="admin.pusat", is_superuser=True)
    AgencyFactory(region=other_region, type=chart["sirimau"].type, code="71.72.01", name="Kecamatan Madidir")

    response = client_for(admin).get(URL, {"type": "kecamatan", "q": "Kecamatan"})

    assert names(response) == [
        "Kecamatan Madidir · Kota Bitung",
        "Kecamatan Nusaniwe · Kota Ambon",
        "Kecamatan Sirimau · Kota Ambon",
    ]


def test_autocomplete_matches_every_word_of_name_or_code(people, chart):
    client = client_for(people["reviewer"])

    assert names(client.get(URL, {"q": "rijali"})) == ["Kelurahan Rijali", "Puskesmas Rijali"]
    assert names(client.get(URL, {"q": "puskesmas rij"})) == ["Puskesmas Rijali"]
    assert names(client.get(URL, {"q": "pkm-01"})) == ["Puskesmas Rijali"]
    assert client.get(URL, {"q": "rijali", "region": chart["pemda"].region_id}).json()["results"] == [
        {"value": chart["rijali"].pk, "text": "Kelurahan Rijali"},
        {"value": chart["pkm"].pk, "text": "Puskesmas Rijali"},
    ]


def test_autocomplete_refuses_anonymous_and_shows_nothing_to_a_person_without_a_role(people, chart):
    anonymous = client_for(None).get(URL, {"q": "Dinas"})
    nobody = client_for(UserFactory(username="tanpa.peran")).get(URL, {"q": "Dinas"})

    assert (anonymous.status_code, anonymous.url) == (302, f"{reverse('login')}?next={URL}%3Fq%3DDinas")
    assert (nobody.status_code, nobody.json()) == (200, {"results": []})


@pytest.mark.parametrize("extra", [0, 2])
def test_autocomplete_query_count_does_not_grow(people, chart, django_assert_num_queries, extra):
    for i in range(extra):
        sub_agency(chart["dinkes"], "puskesmas", name=f"Puskesmas Tambahan {i}")
    client = client_for(people["staff"])
    client.get(URL)  # warm the session

    # session, user, roles, the matching agencies
    with django_assert_num_queries(6):
        response = client.get(URL, {"q": "puskesmas"})

    assert len(response.json()["results"]) == 1 + extra
