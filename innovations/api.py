"""GET /api/v1/innovations/: the register, with the same visibility as the pages."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api import VisibleViewSet
from innovations import selectors
from innovations.models import Innovation, State


class InnovationSerializer(serializers.ModelSerializer):
    agency: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(source="state", read_only=True)
    bentuk: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    jenis: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    tahapan: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    urusan: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sdgs = serializers.SerializerMethodField()
    replication_of: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Innovation
        fields = [
            "id",
            "title",
            "agency",
            "year",
            "status",
            "bentuk",
            "jenis",
            "tahapan",
            "urusan",
            "sdgs",
            "trial_date",
            "launch_date",
            "replication_of",
            "created",
            "updated",
        ]

    def get_sdgs(self, innovation: Innovation) -> list[int]:
        return sorted(int(s.slug.removeprefix("sdg-")) for s in innovation.sdgs.all())


class InnovationApiFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    agency = django_filters.CharFilter(field_name="agency__code", lookup_expr="iexact", label=_("Agency code"))
    status = django_filters.ChoiceFilter(field_name="state", choices=State.choices, label=_("Status"))

    class Meta:
        model = Innovation
        fields: list[str] = []


class InnovationViewSet(VisibleViewSet):
    serializer_class = InnovationSerializer
    filterset_class = InnovationApiFilter
    visible = selectors.innovations_visible_to
    related = ("agency", "bentuk", "jenis", "tahapan", "urusan")
    prefetch = ("sdgs",)
    order_by = ("-year", "id")
