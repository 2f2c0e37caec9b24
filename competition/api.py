"""GET /api/v1/competitions/ and GET /api/v1/competitions/{id}/ranking/: the organiser always, everyone else in
the region once the results are published."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from competition.models import Entry, Round
from competition.selectors import entries, ranking, rounds
from core.api import VisibleViewSet


class RoundSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    published = serializers.BooleanField(source="is_published")

    class Meta:
        model = Round
        fields = ["id", "name", "year", "region", "organiser", "published", "published_at"]


class RankingRowSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    agency = serializers.CharField()
    innovation = serializers.CharField()
    category = serializers.CharField()
    group = serializers.CharField()
    stage = serializers.CharField()
    mean = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    median = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    normalised = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    spread = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)


class CompetitionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoundSerializer

    def get_queryset(self) -> QuerySet[Round]:
        user = self.request.user
        organised = rounds.rounds_organised_by(user).values("pk")
        published = rounds.rounds_visible_to(user).filter(published_at__isnull=False).values("pk")
        return (
            (Round.objects.filter(pk__in=organised) | Round.objects.filter(pk__in=published))
            .select_related("region")
            .order_by("-year", "name")
        )

    @extend_schema(
        responses=RankingRowSerializer(many=True),
        parameters=[
            OpenApiParameter("stage", str, description="proposal or presentation; the final scored stage if omitted")
        ],
    )
    @action(detail=True, methods=["get"])
    def ranking(self, request: Request, pk: Any = None) -> Response:
        round_ = self.get_object()
        stage = ranking.ranking_stage(round_, request.query_params.get("stage"))
        if stage is None:
            raise NotFound
        rows = [
            {
                "entry": row.entry.pk,
                "agency": row.entry.agency.code,
                "innovation": row.entry.innovation.title,
                "category": row.entry.category.slug,
                "group": row.entry.group.slug,
                "stage": row.entry.stage.kind,
                "mean": row.result.mean,
                "median": row.result.median,
                "normalised": row.result.normalised,
                "spread": row.result.spread,
                "rank": row.result.rank,
            }
            for row in ranking.cached_ranking(stage)
        ]
        return Response(RankingRowSerializer(rows, many=True).data)


class EntrySerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="round_id")
    agency = serializers.CharField(source="agency.code")
    innovation = serializers.CharField(source="innovation.title")
    category = serializers.CharField(source="category.slug")
    group = serializers.CharField(source="group.slug")
    stage = serializers.CharField(source="stage.kind")

    class Meta:
        model = Entry
        fields = ["id", "round", "agency", "innovation", "category", "group", "state", "stage", "summary"]


class CompetitionEntryViewSet(VisibleViewSet):
    """GET /api/v1/competition-entries/: the entries the user may see (an evaluator only those assigned)."""

    serializer_class = EntrySerializer
    visible = entries.entries_visible_to
    related = ("agency", "innovation", "category", "group", "stage")
    order_by = ("round_id", "id")
