"""The still-running check in the work inbox: the agency's people see its running innovations not answered yet
in the open round, due on the round's date, until each is answered."""

import datetime

import pytest
from django.urls import reverse

from core.inbox import items_for, providers
from innovations.catalogue import running
from tests.innovations.catalogue.factories import round_of, running_original

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 20)


def running_items(user):
    return [
        (i.title, i.url, i.due, i.context, i.count) for i in items_for(user, today=TODAY) if i.kind == "still-running"
    ]


def test_unanswered_running_innovations_wait_on_their_agency_until_answered(people, chart, original, disdik_head):
    round_ = round_of(chart["disdik"].region, people["reviewer"])
    expected = [
        (
            "1 inovasi perlu dikonfirmasi masih berjalan (2026)",
            reverse("catalogue:running"),
            datetime.date(2026, 1, 31),
            "Dinas Pendidikan",
            1,
        )
    ]

    assert running_items(people["other_staff"]) == running_items(disdik_head) == expected
    assert running_items(people["staff"]) == []
    running.confirmation_record(round=round_, innovation=original, answer="running", by=people["other_staff"])
    assert running_items(people["other_staff"]) == []


@pytest.mark.parametrize("n", [1, 3])
def test_the_still_running_items_read_the_same_queries_for_one_or_three(
    people, chart, disdik_head, _media_root, n, django_assert_num_queries
):
    for i in range(n):
        running_original(chart["disdik"], people["other_staff"], title=f"Inovasi {i}")
    round_of(chart["disdik"].region, people["reviewer"])
    provider = next(p for p in providers() if p.name == "still-running")
    items_for(people["other_staff"], today=TODAY)

    with django_assert_num_queries(2):  # the open rounds, the unanswered innovations counted per agency
        found = provider.items(people["other_staff"], TODAY)

    assert [i.count for i in found] == [n]
