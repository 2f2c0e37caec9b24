"""Timing helpers the scale benchmarks share."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import User
from agencies.twofactor import two_factor_required


def signed_in_client(user: User, **defaults: Any) -> Client:
    """A test Client logged in as `user` and, for a person who must use two-factor authentication (the mayor's
    office, administrators), past the code step as after a real login: otherwise every page of theirs would be
    the redirect to the code page. The authenticator is made for the benchmark's account in its scratch database."""
    client = Client(HTTP_HOST="localhost", **defaults)
    client.force_login(user)
    if two_factor_required(user):
        device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "benchmark"})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def timed(call: Callable[[], Any], runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
