"""REST API of the organisation chart: GET /api/v1/agencies/ with the same visibility as the pages."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencies import selectors
from agencies.models import Agency
from core.api import VisibleViewSet


class AgencySerializer(serializers.ModelSerializer):
    type: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["id", "code", "name", "type", "parent", "region", "kemendagri_code", "active"]

    def get_parent(self, agency: Agency) -> str | None:
        return agency.parent.code if agency.parent_id and agency.parent else None

    def get_active(self, agency: Agency) -> bool:
        return agency.is_active


class AgencyApiFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", label=_("Region code"))
    type = django_filters.CharFilter(field_name="type__slug", label=_("Agency type slug"))
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent code"))
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact", label=_("Code"))
    active = django_filters.ChoiceFilter(
        method="filter_active", choices=[("true", "true"), ("false", "false")], label=_("Active")
    )
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name contains"))

    class Meta:
        model = Agency
        fields: list[str] = []

    def filter_active(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        if value == "true":
            return queryset.filter(selectors.active_q())
        return queryset.exclude(selectors.active_q())


class AgencyViewSet(VisibleViewSet):
    serializer_class = AgencySerializer
    filterset_class = AgencyApiFilter
    visible = selectors.agencies_visible_to
    related = ("type", "parent", "region")
    order_by = ("region__code", "code")
