"""{% form_token %}: the hidden idempotency token of a create form (core.idempotency), beside {% csrf_token %}."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core import idempotency

register = template.Library()


@register.simple_tag(takes_context=True)
def form_token(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    # A form shown again with its errors keeps the token it was sent with: that attempt saved nothing.
    sent = idempotency.token_of(request) if request is not None and request.method == "POST" else None
    return format_html('<input type="hidden" name="{}" value="{}">', idempotency.FIELD, sent or idempotency.new_token())
