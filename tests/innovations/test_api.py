import pytest
from django.utils import timezone

from innovations.models import State
from tests.agencies.factories import user_with_role
from tests.conftest import api_for
from tests.innovations.factories import build_innovation
from tests.innovations.visibility import SEES, seen_by
from tests.snapshots import kept

pytestmark = pytest.mark.django_db
URL = "/api/v1/innovations/"


def _titles(response) -> list[str]:
    return [i["title"] for i in response.json()["results"]]


def test_innovations_api_returns_the_documented_fields(people, chart, make_innovation):
    kadisdik = user_with_role("head", agency=chart["disdik"], username="kadisdik")
    original = make_innovation(
        chart["disdik"], people["other_staff"], State.ACCEPTED, title="Sekolah Ramah Anak", head=kadisdik
    )
    innovation = make_innovation(
        chart["dinkes"],
        people["staff"],
        State.HEAD_APPROVED,
        title="Posyandu Digital",
        sdgs=[10, 3],
        replication_of=original,
    )
    innovation.refresh_from_db()

    response = api_for(people["reviewer"]).get(URL, {"agency": "DINKES"})

    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": innovation.pk,
                "title": "Posyandu Digital",
                "agency": "DINKES",
                "year": 2025,
                "status": "head_approved",
                "bentuk": "pelayanan-publik",
                "jenis": "digital",
                "tahapan": "penerapan",
                "urusan": "kesehatan",
                "sdgs": [3, 10],
                "trial_date": "2024-01-15",
                "launch_date": "2024-07-01",
                "replication_of": original.pk,
                "created": timezone.localtime(innovation.created).isoformat(),
                "updated": timezone.localtime(innovation.updated).isoformat(),
            }
        ],
    }


def test_innovations_api_status_slugs_are_stable(people, chart, make_innovation):
    for state in State:
        make_innovation(chart["dinkes"], people["staff"], state, title=f"Inovasi {state.value}")

    response = api_for(people["reviewer"]).get(URL)

    assert sorted((i["title"], i["status"]) for i in response.json()["results"]) == [
        ("Inovasi accepted", "accepted"),
        ("Inovasi draft", "draft"),
        ("Inovasi head_approved", "head_approved"),
        ("Inovasi returned", "returned"),
        ("Inovasi submitted", "submitted"),
        ("Inovasi withdrawn", "withdrawn"),
    ]


@pytest.fixture
@kept
def register(people, chart, kelurahan_staff, make_innovation):
    staff = people["staff"]
    make_innovation(chart["dinkes"], staff, State.ACCEPTED, title="Posyandu Digital")
    make_innovation(chart["dinkes"], staff, State.SUBMITTED, year=2024, title="Klinik Keliling")
    make_innovation(chart["disdik"], people["other_staff"], title="Sekolah Ramah Anak")
    make_innovation(chart["rijali"], kelurahan_staff["rijali"], State.SUBMITTED, title="Posyandu Kelurahan")
    make_innovation(chart["wainitu"], kelurahan_staff["wainitu"], year=2026, title="Bank Sampah")


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"year": 2024}, ["Klinik Keliling"]),
        ({"year": 2026}, ["Bank Sampah"]),
        ({"agency": "DINKES"}, ["Posyandu Digital", "Klinik Keliling"]),
        ({"agency": "dinkes"}, ["Posyandu Digital", "Klinik Keliling"]),
        ({"agency": "81.71.02.1011"}, ["Posyandu Kelurahan"]),
        ({"status": "submitted"}, ["Posyandu Kelurahan", "Klinik Keliling"]),
        ({"status": "draft", "year": 2025}, ["Sekolah Ramah Anak"]),
        ({"agency": "DINKES", "status": "draft"}, []),
    ],
)
def test_innovations_api_filters(people, register, params, titles):
    response = api_for(people["reviewer"]).get(URL, params)

    assert _titles(response) == titles


@pytest.mark.parametrize("who", SEES)
def test_innovations_api_has_the_same_visibility_as_the_pages(people, register, who):
    response = api_for(people[who]).get(URL)

    assert _titles(response) == seen_by(
        who, ["Bank Sampah", "Posyandu Digital", "Sekolah Ramah Anak", "Posyandu Kelurahan", "Klinik Keliling"]
    )


def test_innovations_api_detail_of_an_unseen_innovation_is_404(people, chart, kelurahan_staff, make_innovation):
    rijali = make_innovation(chart["rijali"], kelurahan_staff["rijali"], title="Posyandu Kelurahan")
    wainitu = make_innovation(chart["wainitu"], kelurahan_staff["wainitu"], title="Bank Sampah")
    camat = api_for(people["camat"])

    assert camat.get(f"{URL}{rijali.pk}/").json()["title"] == "Posyandu Kelurahan"
    assert camat.get(f"{URL}{wainitu.pk}/").status_code == 404
    assert api_for(people["outsider"]).get(f"{URL}{rijali.pk}/").status_code == 404


def test_innovations_api_invalid_status_is_400(people, register):
    response = api_for(people["reviewer"]).get(URL, {"status": "approved"})

    assert (response.status_code, response.json()) == (
        400,
        {"status": ["Masukkan pilihan yang valid. approved bukan salah satu dari pilihan yang tersedia."]},
    )


def test_innovations_api_needs_authentication(db):
    response = api_for().get(URL)

    assert (response.status_code, response.json()) == (401, {"detail": "Data autentikasi tidak diberikan."})


def test_innovations_api_refuses_writes(people, chart, make_innovation):
    innovation = make_innovation(chart["dinkes"], people["staff"], State.HEAD_APPROVED)
    client = api_for(people["reviewer"])

    created = client.post(URL, {"title": "Baru"})
    changed = client.patch(f"{URL}{innovation.pk}/", {"status": "accepted"})

    innovation.refresh_from_db()
    assert (created.status_code, changed.status_code, innovation.state) == (405, 405, State.HEAD_APPROVED)


@pytest.mark.parametrize("count", [1, 3])
def test_innovations_api_query_count_does_not_grow(people, chart, django_assert_num_queries, count, _media_root):
    for i in range(count):
        build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, title=f"Inovasi {i}", sdgs=[3, 4])
    client = api_for(people["reviewer"])

    # roles, count, page with agency and categories joined, the SDGs of the page
    with django_assert_num_queries(4):
        response = client.get(URL)

    assert [len(i["sdgs"]) for i in response.json()["results"]] == [2] * count
