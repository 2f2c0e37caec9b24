"""GET /api/v1/compliance/assessments/?year=Y&agency=CODE, with the visibility of the pages."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment


class AssessmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    name = serializers.CharField(source="agency.name")
    method = serializers.CharField(source="method.slug")
    dimensions = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Assessment
        fields = ["agency", "name", "year", "method", "score", "zone", "grade", "dimensions", "published"]


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """GET /api/v1/compliance/assessments/?year=Y&agency=CODE, with the visibility of the quota pages."""

    serializer_class = AssessmentSerializer

    def get_queryset(self) -> QuerySet[Assessment]:
        qs = (
            selectors.assessments_visible_to(self.request.user)
            .select_related("agency", "method")
            .order_by("-year", "agency__code")
        )
        year, agency = self.request.query_params.get("year"), self.request.query_params.get("agency")
        if year:
            if not year.isdigit():
                raise ValidationError({"year": [_("Give a year such as 2026.")]})
            qs = qs.filter(year=int(year))
        if agency:
            qs = qs.filter(agency__code__iexact=agency)
        return qs
