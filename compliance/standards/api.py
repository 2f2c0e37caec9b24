"""GET /api/v1/services/ with the visibility of the pages: each service, its standard's state and components."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from rest_framework import serializers

from compliance.standards import selectors
from compliance.standards.models import IN_FORCE, OPEN_STATES, Service, Standard
from core.api import VisibleViewSet


def _latest(service: Service) -> Standard | None:
    """The version that tells the service's state: one being prepared, else the newest."""
    versions = list(service.standards.all())  # prefetched, newest first
    return next((v for v in versions if v.state in OPEN_STATES), None) or next(iter(versions), None)


def _in_force(service: Service) -> Standard | None:
    return next((v for v in service.standards.all() if v.state in IN_FORCE), None)


class ServiceSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    standard_state = serializers.SerializerMethodField()
    published_version = serializers.SerializerMethodField()
    review_due_on = serializers.SerializerMethodField()
    components = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = ["id", "slug", "name", "agency", "standard_state", "published_version", "review_due_on", "components"]

    def get_standard_state(self, service: Service) -> str | None:
        latest = _latest(service)
        return latest.state if latest else None

    def get_published_version(self, service: Service) -> int | None:
        standard = _in_force(service)
        return standard.version if standard else None

    def get_review_due_on(self, service: Service) -> str | None:
        standard = _in_force(service)
        return standard.review_due_on.isoformat() if standard and standard.review_due_on else None

    def get_components(self, service: Service) -> dict[str, Any]:
        """The version in force's components, else the one being prepared (keyed by component slug)."""
        standard = _in_force(service) or _latest(service)
        return dict(standard.components) if standard else {}


class ServiceViewSet(VisibleViewSet):
    serializer_class = ServiceSerializer
    visible = selectors.services_visible_to
    related = ("agency",)
    prefetch = (Prefetch("standards", queryset=Standard.objects.order_by("-version")),)
    order_by = ("agency__code", "slug")
