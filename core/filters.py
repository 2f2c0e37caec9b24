"""What every list's filter form shares (django-filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort menu with the "descending" half of its entries in the project's catalogue:
    django-filter has no Indonesian translation, so the menu read "Tahun (descending)"."""

    descending_fmt = _("%s (descending)")
