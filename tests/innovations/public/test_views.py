"""The public catalogue: no login, only what was chosen to be public, stable addresses, and open data that is
exactly the list."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innovations.catalogue import services
from innovations.models import Innovation
from tests.innovations.catalogue.factories import running_original

pytestmark = pytest.mark.django_db

PERSONAL = {
    "contact_name": "Bu Maria Latuconsina",
    "contact_phone": "0812-4455-6677",
    "contact_email": "maria@gmail.com",
}


@pytest.fixture
def region_code(chart):
    return chart["dinkes"].region.code


def test_the_public_detail_shows_chosen_parts_and_never_personal_contact(
    client, people, chart, disdik_head, region_code
):
    innovation = running_original(
        chart["disdik"], people["other_staff"], results="Kehadiran naik 30 persen.", **PERSONAL
    )
    private, public = innovation.evidence.order_by("pk")
    url = reverse("public-innovations:detail", args=[region_code, innovation.pk, "guru-kunjung-pulau"])

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kehadiran naik 30 persen." in page
    assert innovation.design not in page  # not among the parts chosen by default
    for value in PERSONAL.values():
        assert value not in page
    assert reverse("public-innovations:evidence", args=[region_code, public.pk]) in page
    assert f"/bukti/{private.pk}/" not in page
    assert f'<link rel="canonical" href="http://testserver{url}">' in page
    assert '<meta property="og:title" content="Guru Kunjung Pulau">' in page
    assert client.get(reverse("public-innovations:evidence", args=[region_code, private.pk])).status_code == 404
    assert client.get(reverse("public-innovations:evidence", args=[region_code, public.pk])).status_code == 200


def test_a_wrong_or_missing_slug_redirects_permanently_to_the_right_one(
    client, people, chart, disdik_head, region_code
):
    innovation = running_original(chart["disdik"], people["other_staff"])
    right = reverse("public-innovations:detail", args=[region_code, innovation.pk, "guru-kunjung-pulau"])
    for wrong in (
        reverse("public-innovations:detail", args=[region_code, innovation.pk, "judul-lama"]),
        reverse("public-innovations:detail-short", args=[region_code, innovation.pk]),
    ):
        response = client.get(wrong)
        assert (response.status_code, response["Location"]) == (301, right)


def test_unpublished_and_unchosen_innovations_are_not_public(client, people, chart, disdik_head, region_code):
    shown = running_original(chart["disdik"], people["other_staff"], title="Satu")
    taken_off = running_original(chart["disdik"], people["other_staff"], title="Dua")
    services.innovation_unpublish(innovation=taken_off, by=people["reviewer"], reason="Data belum benar.")
    withheld = running_original(chart["disdik"], people["other_staff"], title="Tiga")
    Innovation.objects.filter(pk=withheld.pk).update(publish=False)

    listed = client.get(reverse("public-innovations:list", args=[region_code])).context["page"]
    assert [i.title for i in listed] == [shown.title]
    for hidden in (taken_off, withheld):
        assert client.get(reverse("public-innovations:detail", args=[region_code, hidden.pk, "x"])).status_code == 404
    assert client.get(reverse("public-innovations:list", args=["99.99"])).status_code == 404


def test_csv_and_json_hold_exactly_the_public_list(client, people, chart, disdik_head, region_code):
    for title in ("Satu", '=HYPERLINK("http://x")', "Tiga"):
        running_original(chart["disdik"], people["other_staff"], title=title, **PERSONAL)
    listed = [i.title for i in client.get(reverse("public-innovations:list", args=[region_code])).context["page"]]

    data = client.get(reverse("public-innovations:json", args=[region_code])).json()
    response = client.get(reverse("public-innovations:csv", args=[region_code]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert [i["title"] for i in data["innovations"]] == listed == ['=HYPERLINK("http://x")', "Satu", "Tiga"]
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("http://x")', "Satu", "Tiga"]  # formula written as text
    assert [r["id"] for r in rows] == [str(i["id"]) for i in data["innovations"]]
    keys = " ".join(sorted(data["innovations"][0]))
    assert keys == "agency bentuk id jenis last_confirmed replications sdgs summary title url urusan year"
    text = json.dumps(data) + str(rows)
    assert all(value not in text for value in PERSONAL.values())


def test_the_public_list_query_count_does_not_grow(client, people, chart, disdik_head, region_code):
    url = reverse("public-innovations:list", args=[region_code])
    running_original(chart["disdik"], people["other_staff"], title="Satu")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for title in ("Dua", "Tiga"):
        running_original(chart["disdik"], people["other_staff"], title=title, sdgs=(4, 5))
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert len(response.context["page"]) == 3
    assert len(one) == len(three)
