import pytest
from django.urls import reverse

from tests.agencies.factories import UserFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "roles"),
    [
        ("staff", ["Staf instansi (operator) — Dinas Kesehatan"]),
        ("camat", ["Pimpinan instansi — Kecamatan Sirimau"]),
        ("reviewer", ["Peninjau Bagian Organisasi (Setda) — Kota Ambon"]),
    ],
)
def test_home_lists_the_users_roles(people, who, roles):
    response = client_for(people[who]).get(reverse("home"))

    assert [
        f"{r.get_role_display()} — {r.agency.name if r.agency else r.region.name}" for r in response.context["roles"]
    ] == roles


def test_home_needs_login(db, client):
    response = client.get(reverse("home"))

    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/")


def test_home_of_a_person_without_role_says_whom_to_ask(db):
    response = client_for(UserFactory()).get(reverse("home"))

    assert response.context["roles"] == []
    assert "Minta Bagian Organisasi Setda menambahkan Anda ke instansi Anda." in response.content.decode()


def test_manager_shortcuts_only_for_managers(people):
    staff_page = client_for(people["staff"]).get(reverse("home")).content.decode()
    reviewer_page = client_for(people["reviewer"]).get(reverse("home")).content.decode()

    assert (reverse("agencies:import") in staff_page, reverse("agencies:import") in reviewer_page) == (False, True)


def test_indonesian_is_the_default_even_for_an_english_browser(db, client):
    default = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    chosen = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="id")

    assert (default["Content-Language"], "Masuk ke Satu Inovasi" in default.content.decode()) == ("id", True)
    assert (chosen["Content-Language"], "Log in to Satu Inovasi" in chosen.content.decode()) == ("en", True)


@pytest.mark.parametrize("url", ["/agencies/?type=zzz", "/innovations/?year=abc", "/compliance/quota/?status=xyz"])
def test_a_filter_value_not_understood_is_said_not_silently_dropped(people, url):
    response = client_for(people["reviewer"]).get(url)

    assert (response.status_code, response.context["filter"].form.is_valid()) == (200, False)
    assert (
        "Nilai filter tidak dikenali dan tidak diterapkan; lihat kolom yang ditandai merah."
        in response.content.decode()
    )


def test_valid_filters_show_no_such_notice(people):
    response = client_for(people["reviewer"]).get("/agencies/?type=dinas")

    assert 'id="filter-errors"' not in response.content.decode()
