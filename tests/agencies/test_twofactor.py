"""Two-factor authentication: required for the mayor's office, administrators and superusers; optional else."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies import twofactor
from core.models import AuditEvent
from tests.agencies.factories import UserFactory
from tests.conftest import verified_session

pytestmark = pytest.mark.django_db


def password_login(user) -> Client:
    if not user.check_password("benar-sekali-123"):
        user.set_password("benar-sekali-123")  # once: a new password would end the sessions opened before
        user.save()
    client = Client()
    assert client.post(reverse("login"), {"username": user.username, "password": "benar-sekali-123"}).status_code == 302
    return client


def a_moment_later(device: TOTPDevice) -> None:
    """django-otp makes a person wait a second after a wrong code (doubling each time); a person typing the
    next code takes longer than that."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))


def code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


@pytest.mark.parametrize(
    ("who", "goes_to"),
    [("reviewer", "two-factor-enrol"), ("admin", "two-factor-enrol"), ("staff", None), ("evaluator", None)],
)
def test_who_must_enrol_after_the_password(people, who, goes_to):
    client = password_login(people[who])

    response = client.get(reverse("agencies:list"))

    expected = f"{reverse(goes_to)}?next=%2Fagencies%2F" if goes_to else None
    assert (response.status_code, response.get("Location")) == ((302, expected) if goes_to else (200, None))


def test_superuser_must_enrol_before_the_admin():
    client = password_login(UserFactory(username="root", is_superuser=True, is_staff=True))

    response = client.get("/admin/")

    assert response.url == f"{reverse('two-factor-enrol')}?next=%2Fadmin%2F"


def test_enrolment_confirms_with_a_code_and_shows_recovery_codes_once(people):
    reviewer = people["reviewer"]
    client = password_login(reviewer)
    page = client.get(reverse("two-factor-enrol")).content.decode()
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)

    wrong = client.post(reverse("two-factor-enrol"), {"code": "000000"})
    a_moment_later(device)
    right = client.post(reverse("two-factor-enrol"), {"code": code(device), "next": "/agencies/"})

    codes = right.context["codes"]
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert ("<script" in svg, "style=" in svg, "otpauth" in svg) == (False, False, False)
    assert wrong.status_code == 400 and "Kode itu salah" in wrong.content.decode()
    assert (right.status_code, len(codes), len(set(codes))) == (200, 10, 10)
    assert client.get(reverse("agencies:list")).status_code == 200
    assert TOTPDevice.objects.filter(user=reviewer).values_list("confirmed", flat=True).get() is True
    assert AuditEvent.objects.filter(kind="two_factor", user=reviewer).count() == 1


def test_verification_after_password_with_app_code_or_recovery_code_once(people):
    staff = people["staff"]  # optional for staff, but once set up it is asked for
    device = TOTPDevice.objects.create(user=staff, name="authenticator", confirmed=True)
    recovery = twofactor.recovery_codes_renew(user=staff)
    first = password_login(staff)

    asked = first.get(reverse("home"))
    refused = first.post(reverse("two-factor-verify"), {"code": "123456", "next": "/agencies/"})
    a_moment_later(device)
    accepted = first.post(reverse("two-factor-verify"), {"code": code(device), "next": "/agencies/"})
    second, third = password_login(staff), password_login(staff)
    by_recovery = second.post(reverse("two-factor-verify"), {"code": recovery[0], "next": "/"})
    reused = third.post(reverse("two-factor-verify"), {"code": recovery[0], "next": "/"})

    assert asked.url == f"{reverse('two-factor-verify')}?next=%2F"
    assert refused.status_code == 400 and "Kode itu salah atau sudah kedaluwarsa" in refused.content.decode()
    assert (accepted.status_code, accepted.url) == (302, "/agencies/")
    assert (by_recovery.status_code, reused.status_code) == (302, 400)
    assert twofactor.recovery_codes_left(staff) == 9


def test_new_authenticator_needs_the_current_one_first(people):
    staff = people["staff"]
    TOTPDevice.objects.create(user=staff, name="authenticator", confirmed=True)
    client = password_login(staff)

    response = client.get(reverse("two-factor-enrol"))

    assert response.url == f"{reverse('two-factor-verify')}?next={reverse('two-factor-enrol')}"


def test_only_optional_users_can_turn_it_off(people):
    for who in ("staff", "reviewer"):
        TOTPDevice.objects.create(user=people[who], name="authenticator", confirmed=True)
    clients = {}
    for who in ("staff", "reviewer"):
        clients[who] = password_login(people[who])
        verified_session(clients[who], people[who])
        clients[who].post(reverse("two-factor"), {"action": "disable"})

    left = {who: TOTPDevice.objects.filter(user=people[who]).count() for who in ("staff", "reviewer")}
    assert left == {"staff": 0, "reviewer": 1}


@pytest.mark.parametrize("page", ["two-factor", "two-factor-enrol", "two-factor-verify"])
def test_two_factor_pages_need_a_login(client, page):
    response = client.get(reverse(page))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))
