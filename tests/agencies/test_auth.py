"""Login throttling (django-axes), password reset through Celery, sessions after a password change."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from agencies import tasks
from core.models import AuditEvent, OutboxMessage
from tests.agencies.factories import UserFactory
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LOCKED = "Terlalu banyak gagal masuk berturut-turut."


def log_in(client, username, password, address="10.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def test_eleventh_try_is_refused_even_with_the_right_password(client):
    UserFactory(username="staf.dinkes", password="benar-sekali-123")
    wrong = [log_in(client, "staf.dinkes", f"salah-{i}").status_code for i in range(10)]

    right = log_in(client, "staf.dinkes", "benar-sekali-123")

    assert wrong == [200] * 9 + [429]
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="lockout", username="staf.dinkes").count() == 2


def test_one_address_guessing_many_accounts_is_locked(client):
    UserFactory(username="kadinkes", password="benar-sekali-123")
    for i in range(10):
        log_in(client, f"tebakan{i}", "salah", address="10.0.0.99")

    from_there = log_in(client, "kadinkes", "benar-sekali-123", address="10.0.0.99")
    elsewhere = log_in(client, "kadinkes", "benar-sekali-123", address="10.0.0.5")

    assert (from_there.status_code, elsewhere.status_code) == (429, 302)


def test_a_success_clears_the_count_so_only_failures_in_a_row_lock(client):
    UserFactory(username="staf.dinkes", password="benar-sekali-123")
    for i in range(9):
        log_in(client, "staf.dinkes", f"salah-{i}")
    log_in(client, "staf.dinkes", "benar-sekali-123")
    client.logout()

    after = [log_in(client, "staf.dinkes", "salah").status_code for _ in range(3)]

    assert after == [200, 200, 200]


def test_administrator_unlocks_in_the_admin(client):
    UserFactory(username="staf.dinkes", password="benar-sekali-123")
    for i in range(10):
        log_in(client, "staf.dinkes", f"salah-{i}")
    root = client_for(UserFactory(username="root", is_superuser=True, is_staff=True))

    root.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )

    assert log_in(client, "staf.dinkes", "benar-sekali-123").status_code == 302


def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(client):
    UserFactory(username="kadinkes", email="kadinkes@ambon.go.id")

    known = client.post(reverse("password_reset"), {"email": "KADINKES@ambon.go.id"})
    unknown = client.post(reverse("password_reset"), {"email": "siapa@contoh.id"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url) == (302, reverse("password_reset_done"))
    # Both go to the outbox (core.outbox), which hands them to the worker once the broker takes them.
    queued = OutboxMessage.objects.filter(task="agencies.send_password_reset").order_by("pk")
    assert [m.kwargs["email"] for m in queued] == ["kadinkes@ambon.go.id", "siapa@contoh.id"]
    assert mail.outbox == []


def test_password_reset_task_mails_only_an_existing_account():
    UserFactory(username="kadinkes", email="kadinkes@ambon.go.id")

    tasks.send_password_reset(email="siapa@contoh.id", domain="inovasi.ambon.go.id", use_https=True)
    tasks.send_password_reset(email="kadinkes@ambon.go.id", domain="inovasi.ambon.go.id", use_https=True)

    assert [m.to for m in mail.outbox] == [["kadinkes@ambon.go.id"]]
    assert "https://inovasi.ambon.go.id/accounts/reset/" in mail.outbox[0].body


def test_password_reset_is_limited_per_address(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    statuses = [client.post(reverse("password_reset"), {"email": f"a{i}@contoh.id"}).status_code for i in range(3)]

    third = client.post(reverse("password_reset"), {"email": "b@contoh.id"})

    assert statuses == [302, 302, 200]
    assert "Terlalu banyak permintaan" in third.content.decode()


def test_password_change_ends_the_other_sessions(people):
    staff = people["staff"]
    staff.set_password("lama-sekali-123")
    staff.save()
    here, elsewhere = client_for(staff), client_for(staff)

    changed = here.post(
        reverse("password_change"),
        {"old_password": "lama-sekali-123", "new_password1": "Baru-sekali-456", "new_password2": "Baru-sekali-456"},
    )

    assert changed.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(kind="password_changed", user=staff).count() == 1
