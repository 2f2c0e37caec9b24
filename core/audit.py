"""The audit trail: `record()` writes one AuditEvent; `connect()` (from CoreConfig.ready) hooks the login
signals of Django and django-axes. Exports, imports and role changes call `record()` where they happen."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.http import HttpRequest
from django.utils.module_loading import import_string

from core.models import AuditEvent

Kind = AuditEvent.Kind


def record(
    kind: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. The actor defaults to the request's user; the address is the one login throttling
    uses (settings.AXES_CLIENT_IP_CALLABLE), so the audit page and a lockout name the same address."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    ip = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) if request is not None else None
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip=ip or None,
        summary=summary[:300],
        detail=detail or {},
    )


def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(Kind.LOGIN, request=request, user=user)


def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(Kind.LOGOUT, request=request, user=user)


def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Django passes the credentials with the password already masked; only the typed name is kept.
    record(Kind.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


def _locked_out(sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any) -> None:
    # django-axes signals once per locked parameter (account, address): one event per refused request.
    if getattr(request, "_audit_locked_out", False):
        return
    request._audit_locked_out = True  # type: ignore[attr-defined]
    record(Kind.LOCKOUT, request=request, username=username or "", summary=ip_address or "")


def connect() -> None:
    from axes.signals import user_locked_out

    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit-lockout")
