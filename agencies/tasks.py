"""Celery tasks about accounts. Thin: keyword-only primitives, the work is Django's own."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation


@shared_task(name="agencies.send_password_reset", autoretry_for=(OSError,), retry_backoff=60, max_retries=24)
def send_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Look up the accounts of `email` and mail each a reset link (nothing when none matches: the requester
    learns the same either way). In Indonesian, the institution's language."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(settings.LANGUAGE_CODE):
        form.save(domain_override=domain, use_https=use_https)
