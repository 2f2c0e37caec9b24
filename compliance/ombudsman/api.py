"""GET /api/v1/compliance/assessments/?year=Y&agency=CODE, with the visibility of the pages."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment, Finding, FindingSource


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
            .prefetch_related(selectors.SCORES)
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


class FindingSerializer(serializers.ModelSerializer):
    responsible = serializers.CharField(source="responsible.code")
    assessment_agency = serializers.CharField(source="assessment.agency.code")
    assessment_year = serializers.IntegerField(source="assessment.year")

    class Meta:
        model = Finding
        fields = ["id", "text", "source_type", "responsible", "assessment_agency", "assessment_year", "due", "state"]


class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    """GET /api/v1/compliance/findings/?source_type=S&year=Y: improvement notes with the visibility of the list."""

    serializer_class = FindingSerializer

    def get_queryset(self) -> QuerySet[Finding]:
        qs = (
            selectors.findings_visible_to(self.request.user)
            .select_related("responsible", "assessment__agency")
            .order_by("due", "id")
        )
        source, year = self.request.query_params.get("source_type"), self.request.query_params.get("year")
        if source:
            if source not in FindingSource.values:
                raise ValidationError(
                    {"source_type": [_("Use one of: %(choices)s.") % {"choices": ", ".join(FindingSource.values)}]}
                )
            qs = qs.filter(source_type=source)
        if year:
            if not year.isdigit():
                raise ValidationError({"year": [_("Give a year such as 2026.")]})
            qs = qs.filter(assessment__year=int(year))
        return qs
