"""Login lockouts, password reset through Celery, and the two-factor pages (enrol, verify, manage)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import twofactor
from agencies.forms import LoginForm
from config.middleware import client_ip
from core import audit, outbox
from core.ratelimit import within_hourly_limit


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' answer to a locked account or address: the login page with the reason (429)."""
    form = LoginForm(request, data=request.POST or None)
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    message = _(
        "Too many failed logins in a row. Logging in to this account, or from this address, is locked for "
        "%(minutes)d minutes, even with the right password. Try again later, or ask an administrator to unlock "
        "it."
    ) % {"minutes": minutes}
    return render(request, "registration/login.html", {"form": form, "locked_message": message}, status=429)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the lookup and the mail happen in a Celery task: the page does the same work
    (one queued task) whether or not the address belongs to an account, so its timing tells nothing."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        address = client_ip(self.request) if self.request else None
        # Per address the limit is said openly (it reveals nothing about accounts); per e-mail it is silent in
        # save(), so that the answer stays the same for known and unknown addresses.
        if address and not _within_limit(f"reset-ip:{address}"):
            raise forms.ValidationError(_("Too many reset requests from this address. Try again in an hour."))
        return email

    def save(self, *args: Any, domain_override: str | None = None, use_https: bool = False, **kwargs: Any) -> None:
        email = self.cleaned_data["email"]
        if _within_limit(f"reset-email:{email}"):
            domain = domain_override or (self.request.get_host() if self.request else "")
            # Through the outbox: the same work for a known and an unknown address, and no error while Redis is down.
            with transaction.atomic():
                outbox.enqueue("agencies.send_password_reset", email=email, domain=domain, use_https=use_https)


def _within_limit(key: str) -> bool:
    """Count one request against the hourly limit of password-reset mails; False once the limit is passed."""
    return within_hourly_limit(key, settings.PASSWORD_RESET_LIMIT_PER_HOUR)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's: the person's other sessions end (their session hash no longer matches), this one stays."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(audit.Kind.PASSWORD_CHANGED, request=self.request)
        return response


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class EnrolCodeForm(CodeForm):
    """At set-up only the app's code counts: there are no recovery codes yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits your authenticator app shows now.")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """The step after the password for a person with an authenticator."""

    template_name = "agencies/twofactor_verify.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if not twofactor.has_authenticator(request.user):
            return redirect(_next_url(request))
        return render(request, self.template_name, {"form": CodeForm(), "next": _next_url(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid() and twofactor.verify(request, form.cleaned_data["code"]):
            left = twofactor.recovery_codes_left(request.user)
            if left <= 3:
                messages.warning(
                    request,
                    _("Only %(left)d recovery codes are left: make new ones on the two-factor page.") % {"left": left},
                )
            return redirect(_next_url(request))
        if form.is_valid():
            form.add_error("code", _("That code is not right, or it has expired. Wait for a new code and try again."))
        return render(request, self.template_name, {"form": form, "next": _next_url(request)}, status=400)


class TwoFactorEnrolView(LoginRequiredMixin, View):
    """Scan the QR code, type the first code: the authenticator is confirmed and recovery codes are shown once."""

    template_name = "agencies/twofactor_enrol.html"

    def _context(self, request: HttpRequest, form: forms.Form) -> dict[str, Any]:
        device = twofactor.pending_authenticator(request.user)
        return {
            "form": form,
            "qr_svg": twofactor.qr_svg(device),
            "secret": twofactor.secret_for_typing(device),
            "required": twofactor.two_factor_required(request.user),
            "next": _next_url(request),
        }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Replacing the authenticator needs the current one first, or a stolen password could swap it.
        user: Any = request.user
        if user.is_authenticated and twofactor.has_authenticator(user) and not user.is_verified():
            return redirect(f"{reverse('two-factor-verify')}?next={reverse('two-factor-enrol')}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, self._context(request, EnrolCodeForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = EnrolCodeForm(request.POST)
        if form.is_valid():
            device = twofactor.pending_authenticator(request.user)
            codes = twofactor.authenticator_confirm(device=device, code=form.cleaned_data["code"])
            if codes is not None:
                twofactor.otp_login(request, device)
                audit.record(audit.Kind.TWO_FACTOR, request=request, summary="authenticator set up")
                return render(request, "agencies/twofactor_codes.html", {"codes": codes, "next": _next_url(request)})
            form.add_error("code", _("That code is not right. Check the phone's clock and type the code shown now."))
        return render(request, self.template_name, self._context(request, form), status=400)


class TwoFactorSettingsView(LoginRequiredMixin, View):
    """The person's two-factor page: status, new recovery codes, switching it off where it is optional."""

    template_name = "agencies/twofactor_settings.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            self.template_name,
            {
                "enrolled": twofactor.has_authenticator(request.user),
                "required": twofactor.two_factor_required(request.user),
                "codes_left": twofactor.recovery_codes_left(request.user),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action")
        if action == "renew" and twofactor.has_authenticator(request.user):
            codes = twofactor.recovery_codes_renew(user=request.user)
            audit.record(audit.Kind.TWO_FACTOR, request=request, summary="new recovery codes")
            return render(request, "agencies/twofactor_codes.html", {"codes": codes, "next": reverse("two-factor")})
        if action == "disable" and not twofactor.two_factor_required(request.user):
            twofactor.two_factor_disable(user=request.user)
            audit.record(audit.Kind.TWO_FACTOR, request=request, summary="turned off")
            messages.success(request, _("Two-factor authentication is off for your account."))
        return redirect("two-factor")
