"""Create forms that make their row once, however often they are sent.

Every create form carries a token issued when the form is rendered (`{% form_token %}` (load form_token): a hidden
field with a new UUID). The view runs its service through `create_once`: the token is inserted as a
FormSubmission, unique per person, in the same transaction as the row it makes. A second POST of the same form
(the browser retried after a timeout, a double click, Back and Send again) cannot insert it again: it waits for
the first one's transaction, then is sent to what the first one made (RepeatedSubmissionMiddleware), with a
notice instead of a duplicate. A form sent without a token (an old page still open) works as before.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import FormSubmission

FIELD = "form_token"
T = TypeVar("T")


class AlreadySubmitted(Exception):
    """This form was sent before; `url` is what the first submission made (empty while it had no page)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def new_token() -> str:
    return str(uuid.uuid4())


def token_of(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def create_once(request: HttpRequest, create: Callable[[], T], *, url: Callable[[T], str]) -> T:
    """`create()` (a service that makes a row), once per form token of this person.

    Side effects, in order, in one transaction: records the token (a retry of the same form waits here for the
    first one and then raises AlreadySubmitted with the first one's `url`); calls `create`; keeps `url(result)`
    for the retries. When `create` raises, nothing is kept and the form can be corrected and sent again.
    """
    token = token_of(request)
    if token is None or not request.user.is_authenticated:
        with transaction.atomic():
            return create()
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(user=request.user, token=token)
        except IntegrityError:
            earlier = FormSubmission.objects.filter(user=request.user, token=token).first()
            raise AlreadySubmitted(earlier.result_url if earlier else "") from None
        result = create()
        submission.result_url = url(result)[:300]
        submission.save(update_fields=["result_url"])
    return result


class RepeatedSubmissionMiddleware:
    """Sends a create form that was sent before to what its first submission made, with a notice: before the view
    runs when the first one has finished (its form would now fail validation, e.g. "this code exists"), and when
    the view's `create_once` finds it while the first one was still running (AlreadySubmitted)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if request.method != "POST" or FIELD not in request.POST or not request.user.is_authenticated:
            return None
        token = token_of(request)
        if token is None:
            return None
        earlier = FormSubmission.objects.filter(user=request.user, token=token).exclude(result_url="").first()
        return _repeated(request, earlier.result_url) if earlier is not None else None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AlreadySubmitted):
            return None
        return _repeated(request, exception.url or request.path)


def _repeated(request: HttpRequest, url: str) -> HttpResponse:
    messages.info(request, _("This form had already been sent; nothing was created twice. Here is the result."))
    return redirect(url)


def forget_old(*, days: int = 7) -> int:
    """Tokens older than a week: no browser resends a form that late (a new render issues a new token anyway)."""
    return FormSubmission.objects.filter(created__lt=timezone.now() - datetime.timedelta(days=days)).delete()[0]
