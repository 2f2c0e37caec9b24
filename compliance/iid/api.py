"""GET /api/v1/iid/?year=Y: one row per region whose index the caller sees; GET /api/v1/iid/answers/?year=Y&
innovation=ID (or &region=ID for the region's own SPD answers): the answers with their state and evidence."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from compliance.iid import selectors
from compliance.iid.models import Answer


class IndexRowSerializer(serializers.Serializer):
    region = serializers.CharField()
    year = serializers.IntegerField()
    spd = serializers.DecimalField(max_digits=8, decimal_places=2)
    sid = serializers.DecimalField(max_digits=8, decimal_places=2)
    count_score = serializers.DecimalField(max_digits=8, decimal_places=2)
    total = serializers.DecimalField(max_digits=8, decimal_places=2)
    index = serializers.DecimalField(max_digits=6, decimal_places=2)
    predicate = serializers.CharField()
    claimed_index = serializers.DecimalField(max_digits=6, decimal_places=2)
    verified_index = serializers.DecimalField(max_digits=6, decimal_places=2)


class AnswerSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator.number")
    name = serializers.CharField(source="indicator.name")
    score = serializers.SerializerMethodField()
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "indicator",
            "name",
            "parameter",
            "score",
            "state",
            "evidence_url",
            "has_file",
            "suggested",
            "explanation",
            "override_reason",
            "updated",
        ]

    def get_score(self, answer: Answer) -> str:
        return str(answer.indicator.weight * answer.parameter)

    def get_has_file(self, answer: Answer) -> bool:
        return hasattr(answer, "file")


def _year(request: Request) -> int:
    wanted = request.query_params.get("year", "")
    if not wanted.isdigit() or not 2000 <= int(wanted) <= 2100:
        raise ValidationError({"year": ["Give the year, e.g. ?year=2026."]})
    return int(wanted)


class IidViewSet(viewsets.ViewSet):
    """The index per region (`index` and `predicate` are the verified ones: only verified answers count)."""

    serializer_class = IndexRowSerializer

    def list(self, request: Request) -> Response:
        year = _year(request)
        selectors.catalogue_for(year)
        rows: list[dict[str, Any]] = []
        regions = list(selectors.regions_with_index(request.user))
        for region, scores in zip(regions, selectors.scores_of_regions(regions, year), strict=True):
            verified = scores.verified
            rows.append(
                {
                    "region": region.code,
                    "year": year,
                    "spd": verified.spd,
                    "sid": verified.sid,
                    "count_score": verified.count_score,
                    "total": verified.total,
                    "index": verified.index,
                    "predicate": verified.predicate,
                    "claimed_index": scores.claimed.index,
                    "verified_index": verified.index,
                }
            )
        return Response(IndexRowSerializer(rows, many=True).data)

    @action(detail=False, methods=["get"], url_path="answers", serializer_class=AnswerSerializer)
    def answers(self, request: Request) -> Response:
        year = _year(request)
        catalogue = selectors.catalogue_for(year)
        innovation_id = request.query_params.get("innovation", "")
        region_id = request.query_params.get("region", "")
        if innovation_id.isdigit():
            innovation = get_object_or_404(selectors.innovations_in_reach(request.user), pk=int(innovation_id))
            if not request.user.has_perm("iid.view_innovation_answers", innovation):
                raise PermissionDenied
            answers = Answer.objects.filter(innovation=innovation, indicator__catalogue=catalogue)
        elif region_id.isdigit():
            region = get_object_or_404(selectors.regions_in_reach(request.user), pk=int(region_id))
            if not request.user.has_perm("iid.view_region_index", region):
                raise PermissionDenied
            answers = Answer.objects.filter(region=region, innovation__isnull=True, indicator__catalogue=catalogue)
        else:
            raise ValidationError({"innovation": ["Give ?innovation=ID (or ?region=ID for the region's answers)."]})
        answers = answers.select_related("indicator", "file").order_by("indicator__number")
        return Response(AnswerSerializer(answers, many=True).data)
