"""Selects of things that may number in the thousands (agencies, people, innovations): the page carries only
the chosen option, and Tom Select (static/js/autocomplete.js) asks a small JSON endpoint for the rest as the
person types. The endpoint answers from the same visibility selector as the page, so a search shows nothing the
person could not open.

Without JavaScript the field is a plain select of its current value (and "all"), so a filter or form that
arrives with a value still submits it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext

#: How many matches one answer carries: enough to pick from, small enough to stay one index scan.
LIMIT = 20
#: Words of a search that count (the rest are ignored, so a pasted paragraph stays one cheap query).
MAX_WORDS = 6


class AutocompleteSelect(forms.Select):
    """A model select that renders only its chosen option(s) and searches `url_name` for the others.

    `params` are added to the endpoint's query string (e.g. {"type": "kecamatan"}); `args` fill the endpoint's
    path (an endpoint scoped to one object, such as a round or an assessment).
    """

    def __init__(
        self,
        url_name: str,
        params: dict[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
        args: tuple[Any, ...] = (),
    ):
        super().__init__(attrs)
        self.url_name = url_name
        self.params = params or {}
        self.args = args

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        url = reverse(self.url_name, args=self.args)
        if self.params:
            url = f"{url}?{urlencode(self.params)}"
        extra = {"data-autocomplete-url": url, "data-autocomplete-none": gettext("Nothing matches")}
        return super().get_context(name, value, {**(attrs or {}), **extra})

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        field = getattr(self.choices, "field", None)
        if field is None:
            return super().optgroups(name, value, attrs)
        chosen = [v for v in value if str(v).isdigit()]
        queryset = field.queryset.filter(pk__in=chosen) if chosen else field.queryset.none()
        everything = self.choices
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        self.choices = [*empty, *((obj.pk, field.label_from_instance(obj)) for obj in queryset)]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything


def use_autocomplete(
    field: forms.Field, url_name: str, params: dict[str, str] | None = None, *, args: tuple[Any, ...] = ()
) -> None:
    """Make a model choice field (its queryset already set: it still validates the choice) an autocomplete."""
    widget = AutocompleteSelect(url_name, params, attrs=field.widget.attrs, args=args)
    widget.choices = cast(Any, field).choices  # the field's ModelChoiceIterator (stubs type it as a list)
    field.widget = widget


def search(queryset: QuerySet[Any], text: str, fields: Iterable[str]) -> QuerySet[Any]:
    """Rows where every word of `text` is in one of `fields` (case-insensitive)."""
    for word in text.split()[:MAX_WORDS]:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def autocomplete_response(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    fields: Iterable[str],
    label: Callable[[Any], str] = str,
) -> JsonResponse:
    """The JSON Tom Select reads: {"results": [{"value": pk, "text": label}]}, at most LIMIT, of `queryset`
    (already scoped to what the person may see and ordered) matching `q`."""
    text = request.GET.get("q", "").strip()
    rows = search(queryset, text, fields)[:LIMIT] if text else queryset[:LIMIT]
    return JsonResponse({"results": [{"value": obj.pk, "text": label(obj)} for obj in rows]})
