"""GET /api/v1/readiness/?year=Y: one row per unit with a checklist that year, with the visibility of the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from compliance.readiness import selectors
from compliance.readiness.models import Checklist


class ReadinessSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    deadline = serializers.SerializerMethodField()
    items = serializers.IntegerField(source="n_items")
    ready_on_paper = serializers.IntegerField(source="n_paper")
    ready_on_ground = serializers.IntegerField(source="n_ground")
    ready = serializers.IntegerField(source="n_ready")
    score = serializers.SerializerMethodField()

    class Meta:
        model = Checklist
        fields = ["agency", "year", "deadline", "items", "ready_on_paper", "ready_on_ground", "ready", "score"]

    def get_deadline(self, checklist: Checklist) -> str:
        return self.context["deadlines"](checklist.agency.region_id, checklist.year).isoformat()

    def get_score(self, checklist: Checklist) -> dict[str, str]:
        score = self.context["scores"].get(checklist.pk) or selectors.checklist_score(checklist)
        return {"share": str(score.share), "weighted": str(score.weighted)}


class ReadinessViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReadinessSerializer

    def _year(self) -> int:
        year = self.request.query_params.get("year", "")
        if not year:
            return timezone.localdate().year
        if not year.isdigit():
            raise ValidationError({"year": [_("Give a year such as 2027.")]})
        return int(year)

    def get_queryset(self) -> QuerySet[Checklist]:
        return (
            selectors.checklists_visible_to(self.request.user)
            .filter(year=self._year())
            .select_related("agency")
            .annotate(
                n_items=Count("entries"),
                n_paper=Count("entries", filter=Q(entries__paper_at__isnull=False)),
                n_ground=Count("entries", filter=Q(entries__ground_on__isnull=False)),
                n_ready=Count("entries", filter=Q(entries__paper_at__isnull=False, entries__ground_on__isnull=False)),
            )
            .order_by("agency__code")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if getattr(self, "swagger_fake_view", False):
            return context
        context["scores"] = selectors.scores_of(self.get_queryset())
        cache: dict[tuple[int, int], Any] = {}

        def deadline(region_id: int, year: int) -> Any:
            if (region_id, year) not in cache:
                cache[region_id, year] = selectors.deadline_for(region_id, year)
            return cache[region_id, year]

        context["deadlines"] = deadline
        return context
