"""How the standards pages load their one object: from what the person may see (404), then a named permission on
the service's unit (403)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from compliance.standards import selectors
from compliance.standards.models import Service, Standard
from core.views import ScopedObjectMixin


class ServiceMixin(ScopedObjectMixin):
    permission = "standards.view_service"
    context_name = "service"
    service: Service
    scope = selectors.services_visible_to
    scope_related = ("agency__region",)
    permission_on = "agency"


class StandardMixin(ScopedObjectMixin):
    permission = "standards.view_service"
    context_name = "standard"
    standard: Standard
    permission_on = "service.agency"

    def get_scope(self, request: HttpRequest) -> QuerySet[Standard]:
        return Standard.objects.filter(service__in=selectors.services_visible_to(request.user)).select_related(
            "service__agency__region", "regulation"
        )
