"""GET /api/v1/quota/?year=Y: one row per agency, the documented fields, the same visibility as the pages."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from agencies.models import Agency
from compliance.quota.models import QuotaRule, QuotaStatus
from compliance.quota.services import quota_rules_ensure, quota_sweep
from tests.agencies.factories import AgencyFactory, user_with_role
from tests.snapshots import kept

pytestmark = pytest.mark.django_db
URL = "/api/v1/quota/"
YEAR = 2026
MARCH = datetime.date(YEAR, 3, 1)


def api_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _codes(response) -> list[str]:
    return [row["agency"] for row in response.json()["results"]]


@pytest.fixture
@kept
def swept(people, chart, region):
    """YEAR's rule of Kota Ambon has an earlier deadline (the local competition's close); every agency pending."""
    quota_rules_ensure(year=YEAR)
    QuotaRule.objects.filter(region=region, year=YEAR).update(deadline=datetime.date(YEAR, 10, 31))
    quota_sweep(year=YEAR, today=MARCH)
    return chart


def test_quota_api_returns_exactly_the_documented_fields(people, swept):
    status = QuotaStatus.objects.get(agency=swept["dinkes"], year=YEAR)

    response = api_for(people["staff"]).get(URL, {"year": YEAR})

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "agency": "DINKES",
            "name": "Dinas Kesehatan",
            "year": YEAR,
            "status": "pending",
            "count": 0,
            "deadline": f"{YEAR}-10-31",
            "since": timezone.localtime(status.since).isoformat(),
        }
    ]


@pytest.mark.parametrize(
    ("who", "codes"),
    [
        # the mayor's office: the whole region, by code
        (
            "reviewer",
            ["81.71.01", "81.71.01.1007", "81.71.02", "81.71.02.1011", "DINDIK", "DINKES", "PEMDA", "PKM-01"],
        ),
        ("admin", ["81.71.01", "81.71.01.1007", "81.71.02", "81.71.02.1011", "DINDIK", "DINKES", "PEMDA", "PKM-01"]),
        ("head", ["DINKES", "PKM-01"]),  # their agency and the units below it
        ("camat", ["81.71.02", "81.71.02.1011"]),
        ("staff", ["DINKES"]),  # their own agency only
        ("other_staff", ["DINDIK"]),
        ("evaluator", []),  # a competition judge has no quota to see
        ("outsider", ["DINKES"]),  # their own agency in Bitung, nothing of Ambon
    ],
)
def test_quota_api_has_the_same_visibility_as_the_pages(people, swept, who, codes):
    response = api_for(people[who]).get(URL, {"year": YEAR})

    assert _codes(response) == codes
    if who == "outsider":
        assert [row["name"] for row in response.json()["results"]] == ["Dinas Kesehatan Bitung"]


def test_quota_api_gives_each_region_its_own_deadline(people, swept, other_region):
    bitung = Agency.objects.get(region=other_region)
    admin = user_with_role("admin", region=other_region, username="admin.bitung")

    ambon = api_for(people["admin"]).get(URL, {"year": YEAR}).json()["results"]
    bitung_rows = api_for(admin).get(URL, {"year": YEAR}).json()["results"]

    assert {row["deadline"] for row in ambon} == {f"{YEAR}-10-31"}
    assert [(row["agency"], row["name"], row["deadline"]) for row in bitung_rows] == [
        (bitung.code, "Dinas Kesehatan Bitung", f"{YEAR}-12-31")
    ]


def test_quota_api_of_a_year_not_swept_is_empty(people, swept):
    response = api_for(people["reviewer"]).get(URL, {"year": YEAR - 1})

    assert (response.status_code, response.json()["count"], response.json()["results"]) == (200, 0, [])


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "-2026", "20 26"])
def test_quota_api_invalid_year_is_400(people, swept, year):
    response = api_for(people["reviewer"]).get(URL, {"year": year})

    assert (response.status_code, response.json()) == (400, {"year": ["Isi tahun, misalnya 2026."]})


def test_quota_api_without_year_gives_the_current_year(people, chart):
    this_year = timezone.localdate().year
    quota_sweep(year=this_year)

    response = api_for(people["staff"]).get(URL)

    assert [(row["agency"], row["year"]) for row in response.json()["results"]] == [("DINKES", this_year)]


def test_quota_api_needs_authentication(db):
    response = api_for().get(URL, {"year": YEAR})

    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Token")


@pytest.mark.parametrize("count", [1, 3])
def test_quota_api_query_count_does_not_grow(region, django_assert_num_queries, count):
    reviewer = user_with_role("reviewer", region=region, username="walikota")
    for i in range(count):
        AgencyFactory(region=region, name=f"Dinas Uji {i}")
    quota_sweep(year=YEAR, today=MARCH)
    client = api_for(reviewer)

    # roles, count, the page of statuses with their agency, the rules of the year (the deadlines)
    with django_assert_num_queries(4):
        response = client.get(URL, {"year": YEAR})

    assert response.json()["count"] == count
