"""Panels that higher apps put on the pages of lower ones, so that a lower app never names a higher one.

A page declares a slot by name (`{% panels "agency-detail" agency %}` in its template); an app higher in the
import order registers what goes there from its AppConfig.ready(): a template and a function that gives its
context for this person and object, or None to show nothing. The agency page does not know that quota,
Ombudsman results or a scorecard exist; they show up because their apps are installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

#: Where a panel may go: the agency page's main column and its row of buttons.
AGENCY_DETAIL = "agency-detail"
AGENCY_ACTIONS = "agency-actions"


@dataclass(frozen=True)
class Panel:
    slot: str
    name: str
    template: str
    #: context(request, obj, **page) -> the template's context, or None where this person should see nothing;
    #: `page` holds what the page passed to its slot (`{% panels "slot" obj has_units=children %}`).
    context: Callable[..., dict[str, Any] | None]
    #: Lower first.
    order: int = 100


_PANELS: dict[str, dict[str, Panel]] = {}


def register(panel: Panel) -> Panel:
    """Add (or replace, by name: a second ready() call changes nothing) a panel of a slot."""
    _PANELS.setdefault(panel.slot, {})[panel.name] = panel
    return panel


def panels_of(slot: str) -> list[Panel]:
    return sorted(_PANELS.get(slot, {}).values(), key=lambda p: (p.order, p.name))


def render_slot(slot: str, request: HttpRequest, obj: Any, **page: Any) -> SafeString:
    parts = []
    for panel in panels_of(slot):
        context = panel.context(request, obj, **page)
        if context is not None:
            parts.append(render_to_string(panel.template, {**context, "request": request}, request=request))
    # Each part is a rendered template, escaped by its own autoescaping.
    return mark_safe("".join(parts))
