"""{% form_fields form "q year state" as fields %}: the named fields of a form, in that order, for a shared
include to render (the filter panels of the list pages name theirs, templates/includes/filter_form.html)."""

from django import forms, template

register = template.Library()


@register.simple_tag
def form_fields(form: forms.Form, names: str) -> list[forms.BoundField]:
    return [form[name] for name in names.split()]
