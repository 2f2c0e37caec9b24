"""The administrators' audit page and what writes to it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.services import role_assign, role_end
from core.audit import record
from core.models import AuditEvent
from tests.agencies.factories import UserFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.mark.parametrize(
    ("who", "status"),
    [("root", 200), ("admin", 403), ("reviewer", 403), ("staff", 403), ("outsider", 403), (None, 302)],
)
def test_audit_page_permission_matrix(people, root, who, status):
    user = root if who == "root" else people.get(who)

    assert client_for(user).get(reverse("audit")).status_code == status


@pytest.mark.parametrize("extra", [0, 2])
def test_audit_page_query_count_does_not_grow(root, django_assert_num_queries, extra):
    client = client_for(root)
    AuditEvent.objects.all().delete()  # the login just made
    for i in range(1 + extra):
        record(AuditEvent.Kind.LOGIN_FAILED, username=f"tebak{i}")

    # session, user, the verified device, the navigation's notices, then the page's count and rows
    with django_assert_num_queries(8):
        response = client.get(reverse("audit"))

    assert len(response.context["page"].object_list) == 1 + extra


def test_audit_page_filters_by_kind_person_address_and_day(root):
    record(AuditEvent.Kind.LOGIN_FAILED, username="staf.dinkes")
    record(AuditEvent.Kind.LOGIN, username="kadinkes")
    old = record(AuditEvent.Kind.LOGIN_FAILED, username="staf.disdik")
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=3), ip="10.1.2.3")
    client = client_for(root)
    today = timezone.localdate().isoformat()

    def names(**query):
        page = client.get(reverse("audit"), query).context["page"]
        return [e.username for e in page.object_list if e.username != "root"]

    assert names(kind="login_failed") == ["staf.dinkes", "staf.disdik"]
    assert names(kind="login_failed", since=today) == ["staf.dinkes"]
    assert names(q="disdik") == ["staf.disdik"]
    assert names(ip="10.1.2.3") == ["staf.disdik"]
    assert names(ip="bukan-alamat") == []


def test_login_failure_lockout_and_role_changes_are_recorded(client, people, region):
    AuditEvent.objects.all().delete()  # the fixture's own role grants
    client.post(reverse("login"), {"username": "staf.dinkes", "password": "salah"}, REMOTE_ADDR="10.9.8.7")
    granted = role_assign(user=people["staff"], role="evaluator", region_id=region.pk, by=people["admin"])
    role_end(assignment=granted, by=people["admin"])

    events = list(AuditEvent.objects.order_by("id").values_list("kind", "username", "ip"))

    assert events == [
        ("login_failed", "staf.dinkes", "10.9.8.7"),
        ("role", "admin", None),
        ("role", "admin", None),
    ]
    assert [e.detail["change"] for e in AuditEvent.objects.filter(kind="role").order_by("id")] == ["granted", "ended"]
