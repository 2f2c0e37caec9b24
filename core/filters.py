"""What every list's filter form shares (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _descending(label: Any) -> str:
    return gettext("%s (descending)") % label


descending = lazy(_descending, str)


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort menu, its "descending" entries in the reader's language.

    django-filter formats "%s (descending)" once, when the filter class is defined, and has no Indonesian
    catalogue: the menu read "Tahun (descending)". Here each label is formatted when the menu is shown, from the
    project's catalogue."""

    def build_choices(self, fields: Any, labels: Any) -> list[tuple[str, Any]]:
        ascending = [(param, labels.get(field, _(pretty_name(param)))) for field, param in fields.items()]
        descending_ = [(f"-{param}", labels.get(f"-{param}", descending(label))) for param, label in ascending]
        return [choice for pair in zip(ascending, descending_, strict=True) for choice in pair]
