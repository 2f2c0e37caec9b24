from typing import Any

from django import template

register = template.Library()


@register.filter
def pair(mapping: dict[Any, Any], key: Any) -> Any:
    """mapping[key] in a template (Django's lookup cannot take a variable key)."""
    return mapping.get(key) if mapping else None
