"""{% panels "slot" obj %}: what higher apps registered for this slot of the page (core.panels)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from core.panels import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context: dict[str, Any], slot: str, obj: Any, **page: Any) -> SafeString:
    return render_slot(slot, context["request"], obj, **page)
