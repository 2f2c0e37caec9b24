"""View plumbing every app uses: the logged-in request type, the scoped-object mixin, service errors on forms,
and the person's notification pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from core.idempotency import create_once
from core.models import Notification

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 50
T = TypeVar("T")


class AuthedRequest(HttpRequest):
    """A request behind LoginRequiredMixin: its user is a real, logged-in person."""

    user: Any


def form_errors_from(exc: ValidationError, form: Any) -> None:
    """Show a service's ValidationError on the form, field by field where it names fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def submit_form(
    request: HttpRequest,
    form: Any,
    service: Callable[[dict[str, Any]], T],
    *,
    success: StrOrPromise | Callable[[T], StrOrPromise],
    then: Callable[[T], HttpResponse],
    invalid: Callable[[], HttpResponse],
) -> HttpResponse:
    """The one way a form that a service answers is handled: a valid form's `cleaned_data` goes to `service`; the
    service's ValidationError lands on the form (form_errors_from) and, like an invalid form, gives `invalid()`
    (the page again, status 400, nothing typed lost); otherwise the `success` message (a text, or made from the
    service's result) and `then(result)`, usually a redirect."""
    if form.is_valid():
        try:
            result = service(form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(exc, form)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return then(result)
    return invalid()


def submit_create_form(
    request: HttpRequest,
    form: Any,
    create: Callable[[dict[str, Any]], T],
    *,
    url: Callable[[T], str],
    success: StrOrPromise | Callable[[T], StrOrPromise],
    invalid: Callable[[], HttpResponse],
) -> HttpResponse:
    """submit_form for a form that makes something: made once per rendered form (core.idempotency.create_once,
    so a retried POST leads to what the first one made), then to `url(made)`."""
    return submit_form(
        request,
        form,
        lambda data: create_once(request, lambda: create(data), url=url),
        success=success,
        then=lambda made: redirect(url(made)),
        invalid=invalid,
    )


def flash_service(
    request: HttpRequest,
    service: Callable[[], T],
    *,
    success: StrOrPromise | Callable[[T], StrOrPromise],
) -> T | None:
    """A button's service, with no form to show again: its ValidationError becomes the error message of the page
    the view redirects to, otherwise the `success` message (a text, or made from the result). Returns the
    service's result, or None where it refused."""
    try:
        result = service()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result


def paginate(request: HttpRequest, results: QuerySet[Any], *, ordering: tuple[str, ...]) -> tuple[Any, str]:
    """The page of `results` the request asks for (in `ordering` unless the filter already ordered them), and the
    query string of the page's filters without the page number, for the pager's and the downloads' links."""
    if not results.query.order_by:
        results = results.order_by(*ordering)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


class ScopedObjectMixin(LoginRequiredMixin):
    """Loads one object from what the person may see, then checks a named permission on it.

    Outside the visible queryset the object does not exist for them (404, so its existence leaks nothing); inside
    it, a person without `permission` gets 403. Subclasses name the queryset (`get_scope`, or just `scope`, the
    `<things>_visible_to(user)` selector, where the queryset is nothing more), the URL keyword
    (`lookup_kwarg`, matched against `lookup_field`), the relations the page reads loaded with it
    (`scope_related`, for the `scope` selector), the attribute the object is kept in (`context_name`), and
    the permission (None: seeing it is enough), checked on `get_permission_object(obj)`: the object itself, or
    what it belongs to where the permission is about that, named by the dotted path `permission_on` ("agency",
    "service.agency": the agency or region of a record).
    """

    permission: ClassVar[str | None] = None
    context_name: ClassVar[str] = "object"
    lookup_kwarg: ClassVar[str] = "pk"
    lookup_field: ClassVar[str] = "pk"
    scope: ClassVar[Callable[[Any], QuerySet[Any]] | None] = None
    scope_related: ClassVar[tuple[str, ...]] = ()
    permission_on: ClassVar[str] = ""

    def get_scope(self, request: HttpRequest) -> QuerySet[Any]:
        # Read from the class: a function kept on it is not bound to the view.
        selector = type(self).scope
        if selector is None:
            raise ImproperlyConfigured(f"{type(self).__name__} must define scope or get_scope()")
        visible = selector(request.user)
        # select_related() with no names would follow every foreign key: only what the page names.
        return visible.select_related(*self.scope_related) if self.scope_related else visible

    def get_permission_object(self, obj: Any) -> Any:
        for name in self.permission_on.split(".") if self.permission_on else ():
            obj = getattr(obj, name)
        return obj

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        obj: Model = get_object_or_404(self.get_scope(request), **{self.lookup_field: kwargs[self.lookup_kwarg]})
        setattr(self, self.context_name, obj)
        if self.permission is not None and not request.user.has_perm(self.permission, self.get_permission_object(obj)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NotificationListView(LoginRequiredMixin, View):
    """The person's notifications, newest first; opening one marks it read and follows its link."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        page = Paginator(request.user.notifications.all(), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "core/notifications.html", {"page": page, "query": ""})

    def post(self, request: AuthedRequest) -> HttpResponse:
        request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(Notification, pk=pk, user=request.user)
        Notification.objects.filter(pk=pk, read_at__isnull=True).update(read_at=timezone.now())
        target = notification.url
        # Only ever our own paths: a stored URL is not a way to send people elsewhere.
        if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith("/"):
            target = reverse("notifications")
        return redirect(target)
