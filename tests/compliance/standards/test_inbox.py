"""Service standards in the work inbox of the unit's staff and head: drafts, consultations with comments, and
standards due for review (a revision under way takes the place of its review)."""

import datetime

import pytest
from django.urls import reverse

from compliance.standards.models import StandardComment, State
from core.inbox import items_for, providers
from tests.compliance.standards.factories import ServiceFactory, StandardFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def standard_items(user):
    return [(i.kind, i.title, i.url, i.due) for i in items_for(user, today=TODAY) if i.kind.startswith("standard")]


def test_drafts_comments_and_reviews_wait_on_the_units_people(people, chart):
    draft = StandardFactory(service=ServiceFactory(agency=chart["dinkes"], name="Surat sehat"))
    consulted = StandardFactory(
        service=ServiceFactory(agency=chart["dinkes"], name="Izin praktik"),
        state=State.CONSULTATION,
        consultation_until=datetime.date(2026, 12, 10),
    )
    StandardComment.objects.create(standard=consulted, text="Biaya belum jelas.", by=people["staff"])
    StandardComment.objects.create(standard=consulted, text="Tambah kanal WA.", from_public=True)
    due = StandardFactory(
        service=ServiceFactory(agency=chart["dinkes"], name="Rujukan"),
        state=State.PUBLISHED,
        review_due_on=datetime.date(2026, 11, 1),
    )
    StandardFactory(service=ServiceFactory(agency=chart["disdik"]), state=State.REVIEW_DUE)

    expected = {
        ("standard-draft", "Surat sehat", reverse("compliance:standard-edit", args=[draft.pk]), None),
        (
            "standard-comments",
            "Izin praktik: 2 komentar konsultasi",
            reverse("compliance:service", args=[consulted.service_id]) + "#comments",
            datetime.date(2026, 12, 10),
        ),
        (
            "standard-review",
            "Rujukan",
            reverse("compliance:service", args=[due.service_id]),
            datetime.date(2026, 11, 1),
        ),
    }
    assert set(standard_items(people["staff"])) == set(standard_items(people["head"])) == expected
    assert standard_items(people["reviewer"]) == []


def test_a_revision_under_way_replaces_the_review_item(people, chart):
    service = ServiceFactory(agency=chart["dinkes"], name="Rujukan")
    StandardFactory(service=service, state=State.REVIEW_DUE, review_due_on=datetime.date(2026, 11, 1))
    revision = StandardFactory(service=service, version=2)

    assert standard_items(people["staff"]) == [
        ("standard-draft", "Rujukan", reverse("compliance:standard-edit", args=[revision.pk]), None)
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_the_standard_items_read_one_query_for_one_or_three(people, chart, n, django_assert_num_queries):
    for _ in range(n):
        StandardFactory(service=ServiceFactory(agency=chart["dinkes"]))
    provider = next(p for p in providers() if p.name == "standards")
    items_for(people["staff"], today=TODAY)

    with django_assert_num_queries(1):
        found = provider.items(people["staff"], TODAY)

    assert len(found) == n


def test_the_home_page_drops_the_draft_item_as_soon_as_it_goes_to_consultation(
    people, draft, django_capture_on_commit_callbacks
):
    """The home page keeps its items per data version (core.inbox.cached_items_for): a standard's change of state
    moves that version (reports.apps.COUNTED_MODELS), so the item acted on is gone on the next view, not five
    minutes later."""
    from compliance.standards import services
    from tests.compliance.standards.conftest import CONSULT_FROM, CONSULT_UNTIL
    from tests.compliance.standards.factories import COMPLETE
    from tests.conftest import client_for

    staff = client_for(people["staff"])

    def kinds():
        sections = staff.get(reverse("home")).context["sections"]
        return [(item.kind, item.title) for _section, items in sections for item in items]

    before = kinds()
    with django_capture_on_commit_callbacks(execute=True):
        services.standard_save(standard=draft, components=dict(COMPLETE), by=people["staff"])
        services.standard_consult(standard=draft, by=people["staff"], starts=CONSULT_FROM, ends=CONSULT_UNTIL)
    after = kinds()

    assert ("standard-draft", "Surat keterangan sehat") in before
    assert [kind for kind, _title in after if kind.startswith("standard")] == []
