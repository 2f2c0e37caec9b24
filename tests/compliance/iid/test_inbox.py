"""The innovation index in the work inbox: answers sent back and mandatory indicators to answer for the agency's
people, the answers waiting for the verifier, each due when the national window closes (2026: 23 August)."""

import datetime

import pytest
from django.urls import reverse

from compliance.iid import services
from core.inbox import items_for, providers
from innovations.models import State
from tests.compliance.iid.factories import answer
from tests.innovations.factories import build_innovation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)
WINDOW_CLOSES = datetime.date(2026, 8, 23)


def iid_items(user):
    return [(i.kind, i.title, i.url, i.due, i.note) for i in items_for(user, today=TODAY) if i.kind.startswith("iid")]


def test_an_answer_sent_back_waits_on_the_agencys_people_with_the_note(accepted, people, verifier):
    sent = answer(by=people["staff"], innovation=accepted, number=16, parameter=2, year=2026)
    services.answer_return(answer=sent, by=verifier, note="SK tidak terbaca, unggah ulang.")
    url = reverse("compliance:iid-innovation", args=[accepted.pk])

    staff = iid_items(people["staff"])

    assert [item for item in staff if item[0] == "iid-returned"] == [
        (
            "iid-returned",
            "Indikator 16 dikembalikan: Sehat Keliling",
            url,
            WINDOW_CLOSES,
            "SK tidak terbaca, unggah ulang.",
        )
    ]
    # The innovation still misses other mandatory indicators: it is listed to answer as well, oldest first.
    assert [kind for kind, *_rest in staff] == ["iid-to-answer", "iid-returned"]
    assert iid_items(people["other_staff"]) == []


def test_the_verifier_sees_one_line_for_the_answers_waiting(accepted, people, verifier, region):
    answer(by=people["staff"], innovation=accepted, number=16, parameter=2, year=2026)
    answer(by=people["staff"], innovation=accepted, number=17, parameter=1, year=2026)

    assert iid_items(verifier) == [
        (
            "iid-to-verify",
            "2 jawaban menunggu verifikasi (2026)",
            f"{reverse('compliance:iid-verify')}?region={region.pk}&year=2026",
            WINDOW_CLOSES,
            "",
        )
    ]


def test_innovations_with_mandatory_indicators_unanswered_are_listed_for_their_agency(accepted, people):
    items = [i for i in items_for(people["staff"], today=TODAY) if i.kind == "iid-to-answer"]

    assert [(i.url, i.due, i.urgent) for i in items] == [
        (reverse("compliance:iid-innovation", args=[accepted.pk]), WINDOW_CLOSES, True)
    ]
    assert items[0].title.startswith("Sehat Keliling: ")


@pytest.mark.parametrize("n", [1, 3])
def test_the_iid_items_read_the_same_number_of_queries_for_one_or_three_answers(
    people, chart, verifier, n, django_assert_num_queries
):
    for i in range(n):
        innovation = build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED, year=2026, title=f"Inovasi {i}")
        sent = answer(by=people["staff"], innovation=innovation, number=16, parameter=2, year=2026)
        services.answer_return(answer=sent, by=verifier, note="Lengkapi bukti.")
    provider = next(p for p in providers() if p.name == "iid")
    items_for(people["staff"], today=TODAY)  # the roles, read once per request

    # The open catalogues, the answers sent back, the mandatory indicators, the innovations with their answers.
    with django_assert_num_queries(4):
        found = [i for i in provider.items(people["staff"], TODAY) if i.kind == "iid-returned"]

    assert len(found) == n
