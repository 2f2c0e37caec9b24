"""Readiness in the work inbox: the unit's staff and head see the checklist's items not ready with the region's
deadline, and the field checks that found items not as they should be."""

import datetime

import pytest
from django.urls import reverse

from compliance.readiness import services
from compliance.readiness.models import Deadline, Entry
from core.inbox import items_for, providers
from tests.agencies.factories import role, user_with_role

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def readiness_items(user):
    return [
        (i.kind, i.title, i.url, i.due, i.context, i.count)
        for i in items_for(user, today=TODAY)
        if i.kind.startswith("readiness")
    ]


def test_the_units_staff_and_head_see_the_items_not_ready_with_the_regions_deadline(people, chart, checklist):
    Deadline.objects.create(region=chart["dinkes"].region, year=2027, due=datetime.date(2027, 2, 15))
    Entry.objects.filter(checklist=checklist).exclude(pk=checklist.entries.order_by("pk")[0].pk).update(
        paper_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC), ground_on=datetime.date(2026, 11, 2)
    )
    url = reverse("compliance:readiness-checklist", args=[chart["dinkes"].pk, 2027])
    expected = [
        (
            "readiness-not-ready",
            "Kesiapan 2027: 1 butir belum siap",
            url,
            datetime.date(2027, 2, 15),
            "Dinas Kesehatan",
            1,
        )
    ]

    assert readiness_items(people["staff"]) == readiness_items(people["head"]) == expected
    assert readiness_items(people["other_staff"]) == readiness_items(people["reviewer"]) == []


def test_a_field_check_that_found_items_wrong_stays_until_they_are_seen_in_place_again(
    people, chart, checklist, entries
):
    first, second = list(entries.values())[:2]
    check = services.field_check_record(
        checklist=checklist,
        visited_on=datetime.date(2026, 11, 20),
        team="Bagian Organisasi",
        findings="Maklumat tidak dipajang di ruang tunggu.",
        results={first.pk: (False, "Tidak dipajang"), second.pk: (True, "")},
        by=people["reviewer"],
        photos=[],
    )
    items = [i for i in items_for(people["staff"], today=TODAY) if i.kind == "readiness-field-check"]

    assert [(i.title, i.note, i.url) for i in items] == [
        (
            "Cek lapangan 20-11-2026: 1 butir tidak sesuai",
            "Maklumat tidak dipajang di ruang tunggu.",
            reverse("compliance:readiness-checklist", args=[chart["dinkes"].pk, 2027]),
        )
    ]
    Entry.objects.filter(pk=first.pk).update(ground_on=datetime.date(2026, 11, 25))
    assert [i for i in items_for(people["staff"], today=TODAY) if i.kind == "readiness-field-check"] == []
    assert check.pk


@pytest.mark.parametrize("n", [1, 3])
def test_the_readiness_items_read_the_same_number_of_queries_for_one_or_three_checklists(
    people, chart, n, django_assert_num_queries
):
    staff = user_with_role("staff", agency=chart["pkm"], username="staf.pkm")
    role(staff, "staff", agency=chart["disdik"])
    role(staff, "staff", agency=chart["dinkes"])
    for agency in [chart["pkm"], chart["disdik"], chart["dinkes"]][:n]:
        services.checklist_open(agency=agency, year=2027, by=people["reviewer"])
    provider = next(p for p in providers() if p.name == "readiness")
    items_for(staff, today=TODAY)  # the roles, read once per request

    with django_assert_num_queries(3):  # checklists with their counts, the deadlines, the field checks
        found = [i for i in provider.items(staff, TODAY) if i.kind == "readiness-not-ready"]

    assert len(found) == n
