"""Every page of the app, found from the URL resolver and filled with real ids of `seed_scale`'s data.

A page added later is picked up without touching this module: its pattern is enumerated, its `<pk>` is taken
from what the person may see (the view's own `get_scope`, the same visibility selector the page uses), and the
few other URL keywords (a stage, a role, a year, a download kind) have fillers below. What cannot be filled is
reported with the reason, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldError
from django.db.models import Model, QuerySet
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from agencies.models import Agency, Region, RoleAssignment, User

#: URL prefixes that are not pages of the app, with the reason the table gives.
EXCLUDED = {
    "admin/": "Django's admin (timed beside our pages by `make benchmark-admin`)",
    "i18n/": "the language switch (POST only)",
    "api/schema/": "the generated API schema document, not a page",
    "api/docs/": "the API's Swagger viewer, a static shell",
    "healthz/": "the health check: it waits up to 1 s for a Celery worker's reply, by design",
}


def _iid_year() -> int | None:
    from compliance.iid.models import Catalogue

    return Catalogue.objects.order_by("-year").values_list("year", flat=True).first()


#: The query a page cannot answer without (an API that asks "which year?"), by URL name.
REQUIRED_QUERY: dict[str, Callable[[Region], dict[str, Any]]] = {
    "iid-list": lambda region: {"year": _iid_year()},
    "iid-answers": lambda region: {"year": _iid_year(), "region": region.pk},
}


@dataclass(frozen=True)
class Persona:
    """Who requests the pages: `country` is the national administrator (300 ms target), the others one
    region (100 ms)."""

    label: str
    user: User
    country: bool = False


@dataclass(frozen=True)
class Route:
    """One URL pattern as the resolver holds it."""

    route: str
    name: str | None
    callback: Callable[..., Any]
    keywords: tuple[str, ...]

    @property
    def view_class(self) -> Any:
        return getattr(self.callback, "view_class", None) or getattr(self.callback, "cls", None)

    def allows_get(self) -> bool:
        actions = getattr(self.callback, "actions", None)  # a DRF viewset's routes name their methods
        if actions is not None:
            return "get" in actions
        view_class = self.view_class
        return view_class is None or hasattr(view_class, "get")


@dataclass(frozen=True)
class Case:
    """One request to time: a page as one persona, or the reason it is not timed."""

    page: str
    persona: Persona
    url: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    skipped: str = ""


def routes() -> list[Route]:
    """Every URL pattern of the project with its full route and namespaced name, in URLconf order."""
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), space)
            elif isinstance(entry, URLPattern):
                pattern = entry.pattern
                if isinstance(pattern, RoutePattern):
                    keywords = tuple(pattern.converters)
                else:
                    keywords = tuple(pattern.regex.groupindex)
                name = f"{namespace}{entry.name}" if entry.name else None
                yield Route(prefix + str(pattern), name, entry.callback, keywords)

    for route in walk(get_resolver().url_patterns, "", ""):
        if "format" not in route.keywords:  # DRF's `.json` suffix routes repeat the page without it
            found.append(route)
    return found


def excluded(route: Route) -> str:
    """Why this route is not timed as a page ("" when it is)."""
    plain = route.route.lstrip("^")
    return next((reason for prefix, reason in EXCLUDED.items() if plain.startswith(prefix)), "")


def _pick(queryset: QuerySet[Any], region: Region, agency: Agency) -> Model | None:
    """The object of the benchmark's own region and agency where the model reaches one (so every persona times
    the same record), else the first visible."""
    model = queryset.model
    preferences: list[dict[str, Any]] = [{"pk": agency.pk}] if model is Agency else []
    preferences += [
        {"agency": agency},
        {"agency__region": region},
        {"region": region},
        {"round__region": region},
        {"entry__round__region": region},
        {"assessment__agency__region": region},
    ]
    for lookup in preferences:
        try:
            obj = queryset.filter(**lookup).order_by("pk").first()
        except (FieldError, ValueError):
            continue
        if obj is not None:
            return obj
    return queryset.order_by("pk").first()


def _scope(route: Route, user: User) -> QuerySet[Any] | None:
    """What `user` may see through this view: its `get_scope` (ScopedObjectMixin) or a DRF `get_queryset`."""
    view_class = route.view_class
    request = RequestFactory().get("/")
    request.user = user
    if view_class is None:
        return None
    if hasattr(view_class, "lookup_kwarg") and hasattr(view_class, "get_scope"):
        return view_class().get_scope(request)
    if hasattr(view_class, "get_queryset") and hasattr(view_class, "action"):
        from rest_framework.request import Request

        view = view_class()
        view.request, view.action, view.kwargs, view.format_kwarg = Request(request), "retrieve", {}, None
        view.request.user = user
        return view.get_queryset()
    return None


def _fill_other(keyword: str, obj: Model | None, user: User) -> Any:
    """Values of the URL keywords that are not the looked-up object's."""
    if keyword == "year":
        return timezone.localdate().year
    if keyword == "stage_pk" and obj is not None and hasattr(obj, "stages"):
        stage = obj.stages.order_by("pk").first()
        return stage.pk if stage else None
    if keyword == "role_pk" and isinstance(obj, Agency):
        role = RoleAssignment.objects.filter(agency=obj).order_by("pk").first()
        return role.pk if role else None
    if keyword == "kind":
        from core.exports import TABLES

        return next(iter(TABLES), None)
    return None


def fill(route: Route, persona: Persona, region: Region, agency: Agency) -> tuple[str, str]:
    """The URL of `route` for `persona` with real ids, or ("", the reason it cannot be built)."""
    if route.name is None:
        return "", "no URL name to build it by"
    kwargs: dict[str, Any] = {}
    view_class = route.view_class
    lookup = getattr(view_class, "lookup_kwarg", None) or getattr(view_class, "lookup_url_kwarg", None) or "pk"
    obj: Model | None = None
    if lookup in route.keywords:
        scope = _scope(route, persona.user)
        if scope is None:
            return "", f"no visible {lookup} for this view (not a scoped view)"
        obj = _pick(scope, region, agency)
        if obj is None:
            return "", f"nothing of {scope.model.__name__} visible to this person in the seeded data"
        kwargs[lookup] = getattr(obj, getattr(view_class, "lookup_field", "pk") or "pk")
    for keyword in route.keywords:
        if keyword in kwargs:
            continue
        value = _fill_other(keyword, obj, persona.user)
        if value is None:
            return "", f"no value for <{keyword}> in the seeded data"
        kwargs[keyword] = value
    try:
        return reverse(route.name, kwargs=kwargs), ""
    except NoReverseMatch as exc:
        return "", f"cannot build the URL: {exc}"


def every_page(personas: list[Persona], region: Region, agency: Agency) -> Iterator[Case]:
    """A case per (route, persona): GET routes only; the actions behind POST are timed by the load test."""
    seen_excluded: set[str] = set()
    seen_pages: set[str] = set()
    for route in routes():
        page = route.name or route.route
        if page in seen_pages:  # a name given twice (our login and django.contrib.auth's): say which route
            page = f"{page} ({route.route})"
        seen_pages.add(page)
        if reason := excluded(route):
            if reason not in seen_excluded:  # one line per excluded part, not per admin page
                seen_excluded.add(reason)
                yield Case(route.route.lstrip("^").split("/")[0] + "/…", personas[0], skipped=reason)
            continue
        if not route.allows_get():
            yield Case(page, personas[0], skipped="POST only (an action, not a page)")
            continue
        query = REQUIRED_QUERY.get(route.name or "")
        for persona in personas:
            url, reason = fill(route, persona, region, agency)
            yield Case(page, persona, url=url, params=query(region) if query else {}, skipped=reason)
