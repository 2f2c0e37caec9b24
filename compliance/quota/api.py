"""GET /api/v1/quota/?year=Y: one row per agency, with the same visibility as the pages."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from compliance.quota import selectors
from compliance.quota.models import QuotaRule, QuotaStatus


class QuotaStatusSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    name = serializers.CharField(source="agency.name")
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = QuotaStatus
        fields = ["agency", "name", "year", "status", "count", "deadline", "since"]

    def get_deadline(self, row: QuotaStatus) -> str | None:
        deadlines: dict[tuple[int, int], Any] = self.context["deadlines"]
        deadline = deadlines.get((row.agency.region_id, row.year))
        return deadline.isoformat() if deadline else None


class QuotaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = QuotaStatusSerializer

    def _year(self) -> int:
        raw = self.request.query_params.get("year") or str(timezone.localdate().year)
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise ValidationError({"year": [_("Give a year such as 2026.")]})
        return int(raw)

    def get_queryset(self) -> QuerySet[QuotaStatus]:
        return (
            selectors.quota_statuses_visible_to(self.request.user, year=self._year())
            .select_related("agency")
            .order_by("agency__code")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["deadlines"] = {(r.region_id, r.year): r.deadline for r in QuotaRule.objects.filter(year=self._year())}
        return context
