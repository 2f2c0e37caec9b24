"""GET /api/v1/compliance/assessments/?year=Y&agency=CODE, with the visibility of the pages."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from compliance.ombudsman import selectors
from compliance.ombudsman.models import Assessment, Finding, FindingSource
from core.api import VisibleViewSet


class AssessmentSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    name = serializers.CharField(source="agency.name")
    method = serializers.CharField(source="method.slug")
    dimensions = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Assessment
        fields = ["agency", "name", "year", "method", "score", "zone", "grade", "dimensions", "published"]


def _year(request: Request) -> int | None:
    """`?year=`, where given: a number, or a 400 that says what to give."""
    year = request.query_params.get("year")
    if not year:
        return None
    if not year.isdigit():
        raise ValidationError({"year": [_("Give a year such as 2026.")]})
    return int(year)


class AssessmentViewSet(VisibleViewSet):
    """GET /api/v1/compliance/assessments/?year=Y&agency=CODE, with the visibility of the quota pages."""

    serializer_class = AssessmentSerializer
    visible = selectors.assessments_visible_to
    related = ("agency", "method")
    prefetch = (selectors.SCORES,)
    order_by = ("-year", "agency__code")

    def get_queryset(self) -> QuerySet[Assessment]:
        qs = super().get_queryset()
        year, agency = _year(self.request), self.request.query_params.get("agency")
        if year is not None:
            qs = qs.filter(year=year)
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


class FindingViewSet(VisibleViewSet):
    """GET /api/v1/compliance/findings/?source_type=S&year=Y: improvement notes with the visibility of the list."""

    serializer_class = FindingSerializer
    visible = selectors.findings_visible_to
    related = ("responsible", "assessment__agency")
    order_by = ("due", "id")

    def get_queryset(self) -> QuerySet[Finding]:
        qs = super().get_queryset()
        source = self.request.query_params.get("source_type")
        if source:
            if source not in FindingSource.values:
                raise ValidationError(
                    {"source_type": [_("Use one of: %(choices)s.") % {"choices": ", ".join(FindingSource.values)}]}
                )
            qs = qs.filter(source_type=source)
        year = _year(self.request)
        if year is not None:
            qs = qs.filter(assessment__year=year)
        return qs
