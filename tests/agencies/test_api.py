import pytest
from django.urls import reverse

from tests.conftest import api_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/agencies/"


def test_agencies_api_returns_the_documented_fields(people, chart):
    response = api_for(people["staff"]).get(URL, {"code": "81.71.02.1011"})

    assert response.json()["results"] == [
        {
            "id": chart["rijali"].pk,
            "code": "81.71.02.1011",
            "name": "Kelurahan Rijali",
            "type": "kelurahan",
            "parent": "81.71.02",
            "region": "81.71",
            "kemendagri_code": "81.71.02.1011",
            "active": True,
        }
    ]


def test_agencies_api_has_the_same_visibility_as_the_pages(people, chart):
    ambon = api_for(people["staff"], token=True).get(URL).json()
    bitung = api_for(people["outsider"], token=True).get(URL).json()

    assert ambon["count"] == 8
    assert [a["name"] for a in bitung["results"]] == ["Dinas Kesehatan Bitung"]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"type": "kecamatan"}, ["Kecamatan Nusaniwe", "Kecamatan Sirimau"]),
        ({"parent": "81.71.02"}, ["Kelurahan Rijali"]),
        ({"search": "rijali", "region": "81.71"}, ["Kelurahan Rijali", "Puskesmas Rijali"]),
    ],
)
def test_agencies_api_filters(people, chart, params, names):
    response = api_for(people["reviewer"]).get(URL, params)

    assert sorted(a["name"] for a in response.json()["results"]) == names


def test_agencies_api_active_filter_and_bad_value(people, chart):
    from agencies.services import agency_dissolve

    agency_dissolve(agency=chart["pkm"], effective_date=chart["pkm"].created.date(), by=None, note="Perwali")
    client = api_for(people["reviewer"])

    inactive = client.get(URL, {"active": "false"}).json()["results"]
    bad = client.get(URL, {"active": "mungkin"})

    assert [a["name"] for a in inactive] == ["Puskesmas Rijali"]
    assert (bad.status_code, bad.json()) == (
        400,
        {"active": ["Masukkan pilihan yang valid. mungkin bukan salah satu dari pilihan yang tersedia."]},
    )


def test_agencies_api_detail_of_another_region_is_404(people, chart):
    assert api_for(people["outsider"]).get(f"{URL}{chart['dinkes'].pk}/").status_code == 404
    assert api_for(people["staff"]).get(f"{URL}{chart['dinkes'].pk}/").json()["code"] == "DINKES"


def test_agencies_api_needs_authentication(db):
    response = api_for().get(URL)

    assert (response.status_code, response.json()) == (401, {"detail": "Data autentikasi tidak diberikan."})


def test_agencies_api_is_read_only(people):
    response = api_for(people["admin"]).post(URL, {"code": "X", "name": "X"})

    assert response.status_code == 405


def test_openapi_schema_describes_the_agencies_endpoint(db, client):
    response = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json")

    schema = response.json()
    assert "/api/v1/agencies/" in schema["paths"]
    assert set(schema["components"]["schemas"]["Agency"]["properties"]) == {
        "id",
        "code",
        "name",
        "type",
        "parent",
        "region",
        "kemendagri_code",
        "active",
    }


@pytest.mark.parametrize("extra", [0, 2])
def test_agencies_api_query_count_does_not_grow(people, chart, django_assert_num_queries, extra):
    from tests.agencies.factories import AgencyFactory

    for i in range(extra):
        AgencyFactory(region=chart["pemda"].region, parent=chart["dinkes"], name=f"Unit {i}")
    client = api_for(people["reviewer"])

    # roles, count, page with type, parent and region joined
    with django_assert_num_queries(3):
        response = client.get(URL)

    assert response.json()["count"] == 8 + extra
