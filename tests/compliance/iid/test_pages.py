"""Every page of the index: who may open it (outsiders 404, read-only members 403) and a constant number of
queries whatever the number of innovations or answers."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.iid import portal
from innovations.models import State
from tests.compliance.iid.factories import answer, answer_all
from tests.conftest import client_for
from tests.innovations.factories import build_innovation

pytestmark = pytest.mark.django_db

PEOPLE = ["admin", "reviewer", "head", "staff", "other_staff", "camat", "evaluator", "outsider", "verifier", None]


@pytest.fixture
def everyone(people, verifier):
    return {**people, "verifier": verifier, None: None}


@pytest.fixture
def pages(accepted, people, region, chart):
    sid = answer(by=people["staff"], innovation=accepted, number=16, parameter=2, year=2026)
    return {
        "index": "/compliance/iid/?year=2026",
        "agency": f"/compliance/iid/agency/{chart['dinkes'].pk}/?year=2026",
        "innovation": f"/compliance/iid/innovation/{accepted.pk}/",
        "innovation-answer": f"/compliance/iid/innovation/{accepted.pk}/16/",
        "region": f"/compliance/iid/region/{region.pk}/2026/",
        "region-answer": f"/compliance/iid/region/{region.pk}/2026/1/",
        "verify": "/compliance/iid/verify/?year=2026",
        "losses": "/compliance/iid/losses/?year=2026",
        "catalogue": "/compliance/iid/catalogue/?year=2026",
        "catalogue-import": "/compliance/iid/catalogue/import/",
        "file": f"/compliance/iid/answer/{sid.pk}/file/",
        "api": "/api/v1/iid/?year=2026",
        "api-answers": f"/api/v1/iid/answers/?year=2026&innovation={accepted.pk}",
    }


# admin, reviewer (walikota), head (kadinkes), staff (staf.dinkes), other_staff (staf.disdik), camat, evaluator,
# outsider (staf.bitung, another region), verifier (bappeda), anonymous.
EXPECTED = {
    "index": [200, 200, 302, 302, 302, 302, 403, 302, 200, 302],
    "agency": [200, 200, 200, 200, 403, 403, 403, 404, 200, 302],
    "innovation": [200, 200, 200, 200, 403, 403, 403, 404, 200, 302],
    "innovation-answer": [403, 403, 200, 200, 403, 403, 403, 404, 403, 302],
    "region": [200, 200, 403, 403, 403, 403, 403, 404, 200, 302],
    "region-answer": [200, 200, 403, 403, 403, 403, 403, 404, 403, 302],
    "verify": [403, 403, 403, 403, 403, 403, 403, 403, 200, 302],
    "losses": [200, 200, 403, 403, 403, 403, 403, 403, 200, 302],
    "catalogue": [200, 200, 200, 200, 200, 200, 200, 200, 200, 302],
    "catalogue-import": [200, 403, 403, 403, 403, 403, 403, 403, 403, 302],
    "file": [200, 200, 200, 200, 403, 403, 403, 404, 200, 302],
    "api": [200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
    "api-answers": [200, 200, 200, 200, 403, 403, 403, 404, 200, 401],
}


def test_permission_matrix(pages, everyone):
    # One set-up for every page (a set-up per page would walk the innovation workflow thirteen times).
    clients = {who: client_for(everyone[who]) for who in PEOPLE}

    got = {page: [clients[who].get(url).status_code for who in PEOPLE] for page, url in pages.items()}

    assert got == EXPECTED


def test_moves_refuse_all_but_the_verifier(accepted, people, everyone):
    sent = answer(by=people["staff"], innovation=accepted, number=16, parameter=2, year=2026)
    url = f"/compliance/iid/answer/{sent.pk}/accept/"

    got = {who: client_for(everyone[who]).post(url).status_code for who in ["staff", "reviewer", "outsider", None]}
    verified = client_for(everyone["verifier"]).post(url, {"next": "/compliance/iid/verify/"})

    assert got == {"staff": 403, "reviewer": 403, "outsider": 404, None: 302}
    assert (verified.status_code, verified.url) == (302, "/compliance/iid/verify/")
    sent.refresh_from_db()
    assert sent.state == "accepted"


def test_an_export_is_its_owners_only(people, region, everyone, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = portal.export_start(owner=people["reviewer"], region=region, year=2026)
    url = f"/compliance/iid/export/{job.token}/"

    got = {who: client_for(everyone[who]).get(url).status_code for who in ["reviewer", "admin", "verifier", None]}

    assert got == {"reviewer": 200, "admin": 404, "verifier": 404, None: 302}
    assert client_for(people["reviewer"]).get(url + "xlsx/").status_code == 404  # not written yet


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_constant_in_innovations_and_answers(chart, people, verifier, region, accepted):
    staff, reviewer = people["staff"], people["reviewer"]
    answer_all(by=staff, innovation=accepted, year=2026, parameters={16: 2})
    answer_all(by=reviewer, region=region, year=2026, parameters={1: 2})
    urls = [
        "/compliance/iid/?year=2026",
        "/compliance/iid/losses/?year=2026",
        f"/compliance/iid/agency/{chart['dinkes'].pk}/?year=2026",
        f"/compliance/iid/region/{region.pk}/2026/",
        f"/compliance/iid/innovation/{accepted.pk}/",
        "/compliance/iid/verify/?year=2026",
        "/api/v1/iid/?year=2026",
        f"/api/v1/iid/answers/?year=2026&innovation={accepted.pk}",
    ]
    clients = {"verify": client_for(verifier)}
    manager = client_for(reviewer)
    one = [_count(clients.get(url.split("/")[3], manager), url) for url in urls]

    for _ in range(2):
        more = build_innovation(chart["dinkes"], staff, State.ACCEPTED, year=2026, urusan="kesehatan")
        answer_all(by=staff, innovation=more, year=2026, parameters={16: 1, 17: 2})
    answer_all(by=staff, innovation=accepted, year=2026, parameters={17: 1, 35: 3})
    answer_all(by=reviewer, region=region, year=2026, parameters={2: 1, 3: 3})
    three = [_count(clients.get(url.split("/")[3], manager), url) for url in urls]

    assert dict(zip(urls, three, strict=True)) == dict(zip(urls, one, strict=True))
