"""The inbox registry: providers from any app, items oldest first, the count cached under the data version."""

import datetime

import pytest
from django.utils import timezone

from core import datacache, inbox
from tests.agencies.factories import UserFactory

pytestmark = pytest.mark.django_db

MAY = timezone.make_aware(datetime.datetime(2026, 5, 1, 9))


def item(title, days, *, section="Satu", count=1):
    return inbox.Item(
        kind="test",
        section=section,
        title=title,
        url="/x/",
        action="Buka",
        since=MAY + datetime.timedelta(days=days),
        count=count,
    )


@pytest.fixture
def fake_providers(monkeypatch):
    """Only the providers of the test, so that the apps' own providers do not add items."""
    monkeypatch.setattr(inbox, "_PROVIDERS", {})
    calls = []

    def first(user, today):
        calls.append(user.pk)
        return [item("Baru", 5), item("Lama", 1, section="Dua")]

    def second(user, today):
        return [item("Tengah", 3, count=4)]

    inbox.register(inbox.Provider("b", second, order=20))
    inbox.register(inbox.Provider("a", first, order=10))
    return calls


def test_items_come_oldest_first_from_every_provider(fake_providers):
    items = inbox.items_for(UserFactory())

    assert [i.title for i in items] == ["Lama", "Tengah", "Baru"]
    assert [(str(s), [i.title for i in its]) for s, its in inbox.sections(items)] == [
        ("Dua", ["Lama"]),
        ("Satu", ["Tengah", "Baru"]),
    ]


def test_registering_a_provider_twice_keeps_one(fake_providers):
    inbox.register(inbox.Provider("a", lambda user, today: [], order=10))

    assert [p.name for p in inbox.providers()] == ["a", "b"]


def test_the_count_adds_summary_items_and_is_cached_until_the_data_changes(
    fake_providers, django_capture_on_commit_callbacks
):
    user = UserFactory()

    first = inbox.open_count(user)
    again = inbox.open_count(user)
    with django_capture_on_commit_callbacks(execute=True):
        datacache.bump()
    after_a_change = inbox.open_count(user)

    assert (first, again, after_a_change) == (6, 6, 6)
    assert fake_providers == [user.pk, user.pk]


def test_an_anonymous_visitor_has_nothing_waiting(fake_providers):
    from django.contrib.auth.models import AnonymousUser

    assert (inbox.items_for(AnonymousUser()), inbox.open_count(AnonymousUser()), fake_providers) == ([], 0, [])


def test_a_checked_import_left_unsaved_waits_on_its_uploader(people):
    from core.models import ImportBatch

    def batch(filename, status=ImportBatch.Status.READY, days_ago=1, by=people["reviewer"]):
        return ImportBatch.objects.create(
            kind="agencies",
            scope_id=1,
            filename=filename,
            status=status,
            created_by=by,
            created=timezone.now() - datetime.timedelta(days=days_ago),
        )

    waiting = batch("instansi-baru.xlsx")
    batch("tersimpan.xlsx", status=ImportBatch.Status.SAVED)
    batch("salah.xlsx", status=ImportBatch.Status.INVALID)
    batch("lama.xlsx", days_ago=30)
    batch("orang-lain.xlsx", by=people["admin"])

    items = [i for i in inbox.items_for(people["reviewer"]) if i.kind == "import-waiting"]

    assert [(i.title, i.url, str(i.action)) for i in items] == [
        ("instansi-baru.xlsx", f"/agencies/import/{waiting.pk}/", "Periksa dan simpan")
    ]
