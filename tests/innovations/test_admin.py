"""The Django admin shows workflow records but never changes them: a change there would skip the transition row."""

import pytest
from django.urls import reverse

from innovations.models import State
from tests.agencies.factories import UserFactory
from tests.conftest import client_for
from tests.innovations.factories import build_innovation

pytestmark = pytest.mark.django_db

WORKFLOW_ADMINS = [
    "innovations_innovation",
    "competition_entry",
    "competition_review",
    "quota_quotaexemption",
    "ombudsman_finding",
]


def test_superuser_cannot_change_an_accepted_innovation_in_the_admin(chart, people):
    innovation = build_innovation(chart["dinkes"], people["staff"], State.ACCEPTED)
    admin = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))
    url = reverse("admin:innovations_innovation_change", args=[innovation.pk])
    transitions = innovation.transitions.count()

    page = admin.get(url)
    posted = admin.post(url, {"title": "Diubah lewat admin", "state": State.DRAFT})
    deleted = admin.post(reverse("admin:innovations_innovation_delete", args=[innovation.pk]), {"post": "yes"})

    innovation.refresh_from_db()
    assert (page.status_code, posted.status_code, deleted.status_code) == (200, 403, 403)
    assert 'name="_save"' not in page.content.decode()
    assert (innovation.title, innovation.state, innovation.transitions.count()) == (
        "Inovasi Uji",
        State.ACCEPTED,
        transitions,
    )


@pytest.mark.parametrize("name", WORKFLOW_ADMINS)
def test_workflow_admins_list_but_refuse_adding(db, name):
    admin = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))

    listing = admin.get(reverse(f"admin:{name}_changelist"))
    adding = admin.get(reverse(f"admin:{name}_add"))

    assert (listing.status_code, adding.status_code) == (200, 403)
