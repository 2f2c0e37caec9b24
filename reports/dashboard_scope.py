"""What the dashboard's figures are counted over and where each one leads: the Scope (a region or the whole
country, a year, an agency type, a kecamatan), the lists' addresses for it, and the colours and limits the sections
share (reports.dashboard reads the figures)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from agencies.models import Agency, AgencyType, Region
from compliance.quota.models import QuotaState
from innovations.models import State

#: Okabe-Ito colours (readable with every common colour-vision deficiency), one per quota status.
QUOTA_COLOURS = {
    QuotaState.FULFILLED: "#009E73",
    QuotaState.FULFILLED_LATE: "#56B4E9",
    QuotaState.AT_RISK: "#E69F00",
    QuotaState.MISSED: "#D55E00",
    QuotaState.EXEMPT: "#CC79A7",
    QuotaState.NOT_SUBJECT: "#BBBBBB",
    QuotaState.PENDING: "#0072B2",
    QuotaState.IN_PROGRESS: "#F0E442",
}
#: A letter per status inside each heat-map cell, so that the colour is never the only sign.
QUOTA_SIGNS = {
    QuotaState.FULFILLED: "✓",
    QuotaState.FULFILLED_LATE: "T",
    QuotaState.AT_RISK: "!",
    QuotaState.MISSED: "✗",
    QuotaState.EXEMPT: "K",
    QuotaState.NOT_SUBJECT: "·",
    QuotaState.PENDING: "…",
    QuotaState.IN_PROGRESS: "~",
}
HEATMAP_YEARS = 5
TREND_YEARS = 6
UNITS_SHOWN = 20
ATTENTION_LIMIT = 10
#: The innovations the dashboard counts: the city's register of accepted innovations.
COUNTED = State.ACCEPTED


@dataclass(frozen=True)
class Scope:
    region: Region | None  # None: every region (national administrators)
    year: int
    agency_type: AgencyType | None = None
    kecamatan: Agency | None = None

    def key_parts(self) -> tuple[Any, ...]:
        """What tells this scope's figures apart in a cache key."""
        return (
            self.region.pk if self.region else "all",
            self.year,
            self.agency_type.pk if self.agency_type else "",
            self.kecamatan.pk if self.kecamatan else "",
        )

    def agencies(self) -> QuerySet[Agency]:
        qs = Agency.objects.all()
        if self.region is not None:
            qs = qs.filter(region=self.region)
        if self.agency_type is not None:
            qs = qs.filter(type=self.agency_type)
        if self.kecamatan is not None:
            qs = qs.filter(path__startswith=self.kecamatan.path)
        return qs

    def agency_q(self, prefix: str = "agency__") -> Q:
        q = Q()
        if self.region is not None:
            q &= Q(**{f"{prefix}region": self.region})
        if self.agency_type is not None:
            q &= Q(**{f"{prefix}type": self.agency_type})
        if self.kecamatan is not None:
            q &= Q(**{f"{prefix}path__startswith": self.kecamatan.path})
        return q

    def query(self, **extra: Any) -> str:
        """The filters of this scope as the lists understand them, plus `extra`."""
        params: dict[str, Any] = {}
        if self.agency_type is not None:
            params["agency_type"] = self.agency_type.pk
        if self.kecamatan is not None:
            params["kecamatan"] = self.kecamatan.pk
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)


def _url(name: str, query: str) -> str:
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _quota_url(scope: Scope, status: str = "") -> str:
    params: dict[str, Any] = {"year": scope.year, "status": status}
    if scope.region is not None:
        params["region"] = scope.region.pk
    if scope.agency_type is not None:
        params["type"] = scope.agency_type.pk
    if scope.kecamatan is not None:
        params["kecamatan"] = scope.kecamatan.pk
    return _url("compliance:quota", urlencode({k: v for k, v in params.items() if v not in (None, "")}))


def _region_query(scope: Scope, **extra: Any) -> str:
    """The scope's filters for the compliance pages, which take the region as `?region=`."""
    return scope.query(region=scope.region.pk if scope.region else None, **extra)


def _findings_url(scope: Scope, show: str) -> str:
    """The improvement notes list, filtered as the dashboard (region, agency type, kecamatan) and by state."""
    return _url("compliance:findings", _region_query(scope, show=show))


def _innovations_url(scope: Scope, **extra: Any) -> str:
    region = scope.region.pk if scope.region is not None else None
    return _url("innovations:list", scope.query(region=region, **extra))
