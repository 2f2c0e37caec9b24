"""Permission matrices of the catalogue's pages: outsiders get 404, read-only members 403; drafts, returned and
withdrawn records and private evidence stay 404 for other agencies; a closed region stays closed."""

import re

import pytest
from django.urls import reverse

from core.models import Notification
from innovations.models import Innovation
from tests.agencies.factories import AgencyFactory, user_with_role
from tests.innovations.catalogue.factories import open_catalogue, replicate, running_original

pytestmark = pytest.mark.django_db


def status(client, url, method="get", **data):
    return getattr(client, method)(url, data).status_code


def test_catalogue_pages_by_role(people, chart, original, as_user, client):
    detail = reverse("catalogue:detail", args=[original.pk])
    replicate_url = reverse("catalogue:replicate", args=[original.pk])
    expected = {
        # person: (list, detail, replicate form)
        "staff": (200, 200, 200),  # another agency's staff: may replicate
        "other_staff": (200, 200, 403),  # its own agency: one does not replicate one's own
        "head": (200, 200, 200),
        "reviewer": (200, 200, 403),  # the mayor's office reads, does not register innovations
        "evaluator": (200, 200, 403),  # read-only member of the region
        "outsider": (200, 404, 404),  # another region, catalogue closed
    }
    got = {
        name: tuple(status(as_user(people[name]), url) for url in (reverse("catalogue:list"), detail, replicate_url))
        for name in expected
    }
    assert got == expected
    assert [status(client, url) for url in (reverse("catalogue:list"), detail)] == [302, 302]


def test_other_agencies_get_404_on_drafts_returned_withdrawn_and_private_evidence(
    people, chart, make_innovation, original, as_user
):
    staff = as_user(people["staff"])
    hidden = [
        make_innovation(chart["disdik"], people["other_staff"], state, title=f"Inovasi {state}")
        for state in ("draft", "returned", "withdrawn")
    ]
    private, public = original.evidence.order_by("pk")

    codes = [status(staff, reverse("catalogue:detail", args=[i.pk])) for i in hidden]
    codes += [status(staff, reverse("innovations:detail", args=[i.pk])) for i in hidden]
    codes += [status(staff, reverse("catalogue:evidence", args=[private.pk]))]
    codes += [status(staff, reverse("innovations:evidence", args=[private.pk]))]
    assert codes == [404] * 8
    assert status(staff, reverse("catalogue:evidence", args=[public.pk])) == 200


def test_a_closed_region_is_404_across_regions_until_both_open(people, chart, original, as_user, other_region):
    outsider = as_user(people["outsider"])
    url = reverse("catalogue:detail", args=[original.pk])
    open_catalogue(chart["dinkes"].region)
    assert status(outsider, url) == 404
    open_catalogue(other_region)
    assert status(outsider, url) == 200


def test_replicating_through_the_form_makes_a_draft_and_one_notification(people, chart, original, disdik_head, as_user):
    staff = as_user(people["staff"])
    response = staff.post(
        reverse("catalogue:replicate", args=[original.pk]),
        {
            "agency": chart["dinkes"].pk,
            "title": "Dokter Kunjung Pulau",
            "innovator_names": "Tim Dinkes",
            "adaptation": "Guru diganti tenaga kesehatan.",
            "reason": "Puskesmas pulau tanpa dokter tetap.",
            "started_on": "2026-02-01",
        },
    )
    replica = Innovation.objects.get(title="Dokter Kunjung Pulau")
    assert response["Location"] == reverse("innovations:update", args=[replica.pk])
    assert (replica.replication_of, replica.state, replica.year) == (original, "draft", 2026)
    assert Notification.objects.filter(kind="innovation.replicated").count() == 1


def test_publication_and_unpublishing_by_role(people, chart, original, as_user):
    publication = reverse("catalogue:publication", args=[original.pk])
    unpublish = reverse("catalogue:unpublish", args=[original.pk])
    codes = {
        name: (status(as_user(people[name]), publication), status(as_user(people[name]), unpublish, "post", reason="x"))
        for name in ("other_staff", "staff", "reviewer", "outsider")
    }
    assert codes == {
        "other_staff": (200, 403),  # its agency chooses what to publish; only the mayor's office unpublishes
        "staff": (404, 404),
        "reviewer": (403, 302),
        "outsider": (404, 404),
    }
    original.refresh_from_db()
    assert original.unpublished_reason == "x"


def test_the_confirm_button_is_for_the_original_head_only(people, chart, original, disdik_head, as_user):
    replication = replicate(original, chart["dinkes"], people["staff"])
    url = reverse("catalogue:confirm", args=[replication.pk])
    assert status(as_user(people["staff"]), url, "post") == 404
    assert status(as_user(people["other_staff"]), url, "post") == 403
    assert status(as_user(disdik_head), url, "post") == 302
    replication.refresh_from_db()
    assert replication.confirmed_by == disdik_head


def test_the_agency_filter_searches_the_catalogues_agencies_by_role(people, chart, original, as_user, other_region):
    """The list's agency filter carries only the chosen agency and searches the rest (a national catalogue holds
    tens of thousands): only agencies with a running innovation in the person's catalogue, each with its region."""
    url = reverse("catalogue:agency-autocomplete")

    def found(name, **query):
        response = as_user(people[name]).get(url, query)
        return [row["text"] for row in response.json()["results"]]

    assert found("staff") == ["Dinas Pendidikan · Kota Ambon"]
    assert found("evaluator", q="pendidikan") == ["Dinas Pendidikan · Kota Ambon"]
    assert found("staff", q="kesehatan") == []  # an agency with nothing in the catalogue is not offered
    assert found("outsider") == []  # another region whose catalogue is closed
    open_catalogue(chart["dinkes"].region)
    open_catalogue(other_region)
    assert found("outsider") == ["Dinas Pendidikan · Kota Ambon"]
    page = as_user(people["staff"]).get(reverse("catalogue:list"), {"agency": chart["disdik"].pk}).content.decode()
    select = re.search(r'<select name="agency".*?</select>', page, re.S).group(0)
    assert f'data-autocomplete-url="{url}"' in select
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == ["Semua instansi", "Dinas Pendidikan"]


@pytest.mark.parametrize("extra", [0, 2])
def test_the_agency_search_query_count_does_not_grow(
    people, chart, original, as_user, extra, django_assert_num_queries
):
    for i in range(extra):
        agency = AgencyFactory(region=chart["dinkes"].region, name=f"Kelurahan {i}")
        user_with_role("head", agency=agency, username=f"lurah.kel{i}")
        running_original(agency, user_with_role("staff", agency=agency, username=f"staf.kel{i}"))
    client = as_user(people["staff"])
    client.get(reverse("catalogue:agency-autocomplete"))

    with django_assert_num_queries(7):
        response = client.get(reverse("catalogue:agency-autocomplete"))
    assert len(response.json()["results"]) == 1 + extra
