"""The read API's one shape of endpoint: the rows a person's pages show them, read only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import QuerySet
from rest_framework import viewsets


class VisibleViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint over `visible(user)`, the `<things>_visible_to` selector the pages start from, so the
    API shows nobody what their pages would not; with `related` joined and `prefetch` prefetched for the
    serializer, in `order_by` (the pager needs a stable order). `get_queryset` narrows it further where the
    endpoint takes query parameters."""

    visible: ClassVar[Callable[[Any], QuerySet[Any]]]
    related: ClassVar[tuple[str, ...]] = ()
    prefetch: ClassVar[tuple[Any, ...]] = ()
    order_by: ClassVar[tuple[str, ...]]

    def get_queryset(self) -> QuerySet[Any]:
        # Read from the class: a function kept on it is not bound to the view.
        rows = type(self).visible(self.request.user)
        if self.related:
            rows = rows.select_related(*self.related)
        if self.prefetch:
            rows = rows.prefetch_related(*self.prefetch)
        return rows.order_by(*self.order_by)
