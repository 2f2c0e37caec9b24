"""Emails about accounts."""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agencies.models import User


def send_password_setup(*, user: User, domain: str, use_https: bool) -> None:
    """Mail a new person the link to set their first password.

    Django's password-reset form skips accounts without a usable password, which is exactly what a new
    account is, so the same templates are sent here directly.
    """
    if not user.email:
        return
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if use_https else "http",
    }
    PasswordResetForm().send_mail(
        "registration/password_reset_subject.txt",
        "registration/password_reset_email.html",
        context,
        from_email=None,
        to_email=user.email,
    )
