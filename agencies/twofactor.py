"""Two-factor authentication: a TOTP authenticator app plus one-time recovery codes (django-otp).

Required for superusers and for the mayor's office and administrator roles (they see and change every agency's
records); optional for everyone else. A person who has an authenticator is asked for a code after every
password login, whether or not it is required for them.
"""

from __future__ import annotations

import secrets
from base64 import b32encode
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.selectors import MANAGER_ROLES, active_roles

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def two_factor_required(user: Any) -> bool:
    """Superusers and people with a mayor's office or administrator role in force today."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or any(r.role in MANAGER_ROLES for r in active_roles(user)))


def has_authenticator(user: Any) -> bool:
    return user_has_device(user, confirmed=True)


def pending_authenticator(user: Any) -> TOTPDevice:
    """The not yet confirmed authenticator of an enrolment in progress (a new secret if there is none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG QR code to put inline: plain paths, no script, no style attribute."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for an app that cannot scan."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm an enrolment with the first code the app shows. Returns the new recovery codes (shown once), or
    None when the code is wrong.

    Side effects, in order: removes the person's other authenticators; marks this one confirmed; replaces the
    recovery codes.
    """
    if not device.verify_token(code.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user: Any) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Each works once (django-otp deletes a used one)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    # 10 characters of an alphabet without look-alikes (0/O, 1/l): about 50 bits each.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = ["".join(secrets.choice(alphabet) for _ in range(10)) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


@transaction.atomic
def two_factor_disable(*, user: Any) -> None:
    """Remove the authenticator and recovery codes (only offered to people for whom 2FA is optional)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def verify(request: HttpRequest, code: str) -> bool:
    """Check a six-digit code from the app, or else a recovery code, and mark the session verified. Each
    device slows down repeated wrong codes (django-otp doubles the wait after each one)."""
    code = "".join(code.split()).lower()
    if code.isdigit() and len(code) == 6:
        devices: list[Any] = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=request.user, confirmed=True))
    with transaction.atomic():
        device = next((d for d in devices if d.verify_token(code)), None)
    if device is None:
        return False
    otp_login(request, device)
    return True


class RequireTwoFactorMiddleware:
    """After the password, a person with an authenticator must give a code, and one for whom 2FA is required
    but who has none must enrol, before any other page (the admin included)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified() or self._exempt(request.path):
            return self.get_response(request)
        if has_authenticator(user):
            return self._to("two-factor-verify", request)
        if two_factor_required(user):
            return self._to("two-factor-enrol", request)
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        open_paths = [
            reverse("two-factor-verify"),
            reverse("two-factor-enrol"),
            reverse("logout"),
            reverse("login"),
            reverse("healthz"),
            "/i18n/",
            "/static/",
        ]
        return any(path.startswith(prefix) for prefix in open_paths)

    @staticmethod
    def _to(name: str, request: HttpRequest) -> HttpResponse:
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
