"""Reads of the mayor's office dashboard: every figure is one aggregate query in the database, and each comes with
the address of the list that shows exactly the records it counts (the Scope and the addresses:
reports.dashboard_scope).

Scope: one region (or every region, for a national administrator), a year, optionally an agency type and a
kecamatan (the kecamatan and every unit under it).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from agencies.models import Agency, AgencyType
from compliance.ombudsman.models import FINDING_PENDING, Assessment, Finding
from compliance.quota.models import QuotaState, QuotaStatus, QuotaStatusChange
from compliance.skm.models import Survey
from compliance.skm.selectors import lacking_survey
from core import datacache
from innovations.catalogue.selectors import replication_summary
from innovations.models import Category, Innovation, State
from reports.dashboard_scope import (
    ATTENTION_LIMIT,
    COUNTED,
    HEATMAP_YEARS,
    QUOTA_COLOURS,
    QUOTA_SIGNS,
    TREND_YEARS,
    UNITS_SHOWN,
    Scope,
    _findings_url,
    _innovations_url,
    _quota_url,
    _region_query,
    _url,
)
from reports.selectors import assessment_points

# --- quota -------------------------------------------------------------------------------------------------------


def quota_section(scope: Scope, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    week_ago = now - datetime.timedelta(days=7)
    statuses = QuotaStatus.objects.filter(scope.agency_q(), year=scope.year)
    current = dict(statuses.values_list("status").annotate(n=Count("pk")).order_by())
    # Each agency's status a week ago: unchanged since, unless it changed in the last week; then it was the
    # `from_status` of its first change since ("" if it had none). Only the agencies that changed are looked up.
    recent = QuotaStatusChange.objects.filter(agency=OuterRef("agency_id"), year=scope.year, at__gt=week_ago)
    moved = (
        statuses.filter(Exists(recent))
        .annotate(then=Subquery(recent.order_by("at", "id").values("from_status")[:1]))
        .values_list("status", "then")
        .annotate(n=Count("pk"))
        .order_by()
    )
    before = dict(current)
    for now_status, then_status, n in moved:
        before[now_status] = before.get(now_status, 0) - n
        if then_status:
            before[then_status] = before.get(then_status, 0) + n
    rows = [
        {
            "status": state.value,
            "label": state.label,
            "count": current.get(state.value, 0),
            "change": current.get(state.value, 0) - before.get(state.value, 0),
            "colour": QUOTA_COLOURS[state],
            "url": _quota_url(scope, state.value),
        }
        for state in QuotaState
    ]
    return {
        "rows": rows,
        "total": sum(r["count"] for r in rows),
        "total_url": _quota_url(scope),
        "chart": {
            "type": "bar",
            "labels": [str(r["label"]) for r in rows],
            "datasets": [{"data": [r["count"] for r in rows], "colors": [r["colour"] for r in rows]}],
            "urls": [r["url"] for r in rows],
        },
    }


def _heat_cell(year: int, status: str, labels: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": year,
        "status": status,
        "label": labels.get(status, ""),
        "sign": QUOTA_SIGNS.get(status, ""),  # type: ignore[call-overload]
    }


def quota_heatmap(scope: Scope) -> dict[str, Any] | None:
    """Agencies (rows, grouped by type) by year (columns), coloured by status; only for one region, where the
    rows are a list a person can read."""
    if scope.region is None:
        return None
    years = list(range(scope.year - HEATMAP_YEARS + 1, scope.year + 1))
    cells: dict[int, dict[int, str]] = {}
    for agency_id, year, status in QuotaStatus.objects.filter(scope.agency_q(), year__in=years).values_list(
        "agency_id", "year", "status"
    ):
        cells.setdefault(agency_id, {})[year] = status
    agencies = (
        scope.agencies()
        .filter(pk__in=list(cells))
        .select_related("type")
        .order_by("type__sort_order", "type__name", "name")
        .only("id", "name", "type__name", "type__name_en", "type__sort_order")
    )
    labels = {s.value: s.label for s in QuotaState}
    groups: list[dict[str, Any]] = []
    for agency in agencies:
        if not groups or groups[-1]["type"] != agency.type_id:
            groups.append({"type": agency.type_id, "name": str(agency.type), "rows": []})
        groups[-1]["rows"].append(
            {
                "agency": agency,
                "url": reverse("compliance:agency-quota", args=[agency.pk]),
                "cells": [_heat_cell(year, cells[agency.pk].get(year, ""), labels) for year in years],
            }
        )
    # Colours by class (.heat-<status> in static/css/app.css, the same Okabe-Ito values as QUOTA_COLOURS): a
    # region's 110 agencies x 5 years made 550 inline styles, a sixth of the dashboard's HTML.
    legend = [{"label": s.label, "sign": QUOTA_SIGNS[s], "status": s.value} for s in QuotaState]
    return {"years": years, "groups": groups, "legend": legend}


# --- innovations ---------------------------------------------------------------------------------------------------


def _by_category(qs: QuerySet[Innovation], field: str, scope: Scope, param: str) -> list[dict[str, Any]]:
    rows = qs.values(f"{field}_id", f"{field}__name", f"{field}__name_en").annotate(n=Count("pk")).order_by("-n")
    result = []
    for row in rows:
        category_id = row[f"{field}_id"]
        if category_id is None:
            continue
        name = Category(name=row[f"{field}__name"], name_en=row[f"{field}__name_en"] or "")
        result.append(
            {
                "label": str(name),
                "count": row["n"],
                "url": _innovations_url(scope, year=scope.year, state=COUNTED, **{param: category_id}),
            }
        )
    return result


def innovations_section(scope: Scope) -> dict[str, Any]:
    base = Innovation.objects.filter(scope.agency_q())
    counted = base.filter(year=scope.year, state=COUNTED)
    first_year = scope.year - TREND_YEARS + 1
    per_year = dict(
        base.filter(state=COUNTED, year__gte=first_year, year__lte=scope.year)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    years = [
        {
            "label": str(year),
            "count": per_year.get(year, 0),
            "url": _innovations_url(scope, year=year, state=COUNTED),
        }
        for year in range(first_year, scope.year + 1)
    ]
    states = dict(base.filter(year=scope.year).values_list("state").annotate(n=Count("pk")).order_by())
    by_state = [
        {
            "label": state.label,
            "count": states.get(state.value, 0),
            "url": _innovations_url(scope, year=scope.year, state=state.value),
        }
        for state in State
    ]
    origin = counted.aggregate(
        new=Count("pk", filter=Q(continued_from__isnull=True)),
        continuing=Count("pk", filter=Q(continued_from__isnull=False)),
        replication=Count("pk", filter=Q(replication_of__isnull=False) | ~Q(replication_source_name="")),
    )
    origins = [
        {
            "key": key,
            "count": origin[key],
            "url": _innovations_url(scope, year=scope.year, state=COUNTED, origin=key),
        }
        for key in ("new", "continuing", "replication")
    ]
    sdg_rows = (
        Innovation.sdgs.through.objects.filter(innovation__in=counted.values("pk"))
        .values("category_id", "category__name", "category__name_en")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    sdgs = [
        {
            "label": str(Category(name=r["category__name"], name_en=r["category__name_en"] or "")),
            "count": r["n"],
            "url": _innovations_url(scope, year=scope.year, state=COUNTED, sdg=r["category_id"]),
        }
        for r in sdg_rows
    ]
    types = [
        {
            "label": str(AgencyType(name=r["agency__type__name"], name_en=r["agency__type__name_en"] or "")),
            "count": r["n"],
            "url": _innovations_url(
                Scope(scope.region, scope.year, None, scope.kecamatan),
                year=scope.year,
                state=COUNTED,
                agency_type=r["agency__type_id"],
            ),
        }
        for r in counted.values(
            "agency__type_id", "agency__type__name", "agency__type__name_en", "agency__type__sort_order"
        )
        .annotate(n=Count("pk"))
        .order_by("agency__type__sort_order")
    ]
    return {
        "total": sum(y["count"] for y in years if y["label"] == str(scope.year)),
        "years": years,
        "years_chart": {
            "type": "bar",
            "labels": [y["label"] for y in years],
            "datasets": [{"data": [y["count"] for y in years], "colors": "#0072B2"}],
            "urls": [y["url"] for y in years],
        },
        "states": by_state,
        "origins": origins,
        "bentuk": _by_category(counted, "bentuk", scope, "bentuk"),
        "jenis": _by_category(counted, "jenis", scope, "jenis"),
        "tahapan": _by_category(counted, "tahapan", scope, "tahapan"),
        "urusan": _by_category(counted, "urusan", scope, "urusan"),
        "sdgs": sdgs,
        "types": types,
        "kecamatan": kecamatan_counts(scope),
    }


def kecamatan_counts(scope: Scope) -> list[dict[str, Any]]:
    """Accepted innovations of the year of each kecamatan and every unit under it (one query)."""
    if scope.region is None:
        return []
    # The region condition lets the index on agencies narrow the path match to one region's rows.
    counted = Innovation.objects.filter(
        year=scope.year,
        state=COUNTED,
        agency__region=OuterRef("region_id"),
        agency__path__startswith=OuterRef("path"),
    )
    if scope.agency_type is not None:
        counted = counted.filter(agency__type=scope.agency_type)
    kecamatan = Agency.objects.filter(region=scope.region, type__slug="kecamatan")
    if scope.kecamatan is not None:
        kecamatan = kecamatan.filter(pk=scope.kecamatan.pk)
    rows = kecamatan.annotate(
        n=Coalesce(Subquery(counted.order_by().values("year").annotate(c=Count("pk")).values("c")[:1]), 0)
    ).order_by("name")
    return [
        {
            "label": k.name,
            "count": k.n,
            "url": _innovations_url(
                Scope(scope.region, scope.year, scope.agency_type, k), year=scope.year, state=COUNTED
            ),
        }
        for k in rows
    ]


# --- compliance ----------------------------------------------------------------------------------------------------


def compliance_section(scope: Scope, *, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    city = None
    trend: list[dict[str, Any]] = []
    if scope.region is not None:
        city = Agency.objects.filter(region=scope.region, parent__isnull=True).order_by("pk").first()
    if city is not None:
        # Newest first, as assessment_points (shared with the scorecard's chart) expects.
        rows = list(Assessment.objects.filter(agency=city).select_related("method").order_by("-year"))
        trend = assessment_points(rows)
    # The latest result of each assessed unit; the page lists the worst UNITS_SHOWN (red first, lowest score
    # first) and counts all of them per zone, so a whole country stays one screen.
    latest_ids = (
        Assessment.objects.filter(scope.agency_q())
        .exclude(agency=city)
        .order_by("agency_id", "-year", "-method__first_year")
        .distinct("agency_id")
        .values("pk")
    )
    latest = Assessment.objects.filter(pk__in=Subquery(latest_ids))
    zone_order = Case(When(zone="red", then=0), When(zone="yellow", then=1), default=2)
    units = list(latest.select_related("agency", "method").order_by(zone_order, "score", "pk")[:UNITS_SHOWN])
    zones = dict(latest.values_list("zone").annotate(n=Count("pk")).order_by())
    findings = Finding.objects.filter(scope.agency_q("responsible__"))
    notes = findings.aggregate(
        pending=Count("pk", filter=Q(state__in=FINDING_PENDING)),
        overdue=Count("pk", filter=Q(state__in=FINDING_PENDING, due__lt=today)),
        done=Count("pk", filter=Q(state="done")),
        verified=Count("pk", filter=Q(state="verified")),
    )
    surveys = Survey.objects.filter(scope.agency_q(), year=scope.year)
    grades = dict(surveys.values_list("grade").annotate(n=Count("pk")).order_by())
    return {
        "readiness": readiness_rows(scope),
        "city": city,
        "city_latest": trend[-1] if trend else None,
        "trend": trend,
        "units": units,
        "units_total": sum(zones.values()),
        "zones": [{"zone": z, "count": zones.get(z, 0)} for z in ("red", "yellow", "green")],
        "notes": notes,
        "notes_urls": {show: _findings_url(scope, show) for show in ("pending", "overdue", "done", "verified")},
        "grades": [{"grade": g, "count": grades.get(g, 0)} for g in ("A", "B", "C", "D")],
        "surveys_url": _url("compliance:surveys", _region_query(scope, year=scope.year)),
    }


def readiness_rows(scope: Scope) -> dict[str, Any] | None:
    """The region's Ombudsman readiness of the dashboard's year, least ready first (the worst UNITS_SHOWN), each
    unit linking to its checklist; None for a national view (readiness is a region's own)."""
    from compliance.readiness.selectors import region_overview

    if scope.region is None:
        return None
    rows = region_overview(scope.region, scope.year)
    return {
        "year": scope.year,
        "rows": rows[:UNITS_SHOWN],
        "total": len(rows),
        "url": f"{reverse('compliance:readiness')}?region={scope.region.pk}&year={scope.year}",
    }


# --- competition -------------------------------------------------------------------------------------------------


def competition_section(scope: Scope) -> dict[str, Any] | None:
    """The region's round of the year (or its latest): entries per stage and each evaluator's progress."""
    from competition.selectors.rounds import round_progress

    return None if scope.region is None else round_progress(region=scope.region, year=scope.year)


# --- needs attention -----------------------------------------------------------------------------------------------


def attention_section(scope: Scope, *, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    risky = (
        QuotaStatus.objects.filter(
            scope.agency_q(), year=scope.year, status__in=[QuotaState.MISSED, QuotaState.AT_RISK]
        )
        .select_related("agency")
        .order_by(F("status").desc(), "agency__name")
    )
    red = (
        Assessment.objects.filter(scope.agency_q(), zone="red")
        .filter(~Exists(Assessment.objects.filter(agency=OuterRef("agency_id"), year__gt=OuterRef("year"))))
        .select_related("agency")
        .order_by("agency__name")
    )
    overdue = (
        Finding.objects.filter(scope.agency_q("responsible__"), state__in=FINDING_PENDING, due__lt=today)
        .select_related("responsible")
        .order_by("due")
    )
    no_survey = lacking_survey(scope.agencies(), year=scope.year)
    return {
        "risky": list(risky[:ATTENTION_LIMIT]),
        "risky_count": risky.count(),
        "missed_url": _quota_url(scope, QuotaState.MISSED),
        "at_risk_url": _quota_url(scope, QuotaState.AT_RISK),
        "red": list(red[:ATTENTION_LIMIT]),
        # Counted on the whole query, not on the listed slice (which stops at ATTENTION_LIMIT).
        "red_count": red.count(),
        "overdue": list(overdue[:ATTENTION_LIMIT]),
        "overdue_count": overdue.count(),
        "overdue_url": _findings_url(scope, "overdue"),
        "no_survey_count": no_survey.count(),
        "no_survey_url": _url("compliance:surveys", _region_query(scope, year=scope.year)) + "#missing",
    }


def iid_section(scope: Scope) -> dict[str, Any] | None:
    """The region's innovation index of the year, claimed and verified (compliance.iid's cached scores)."""
    from django.http import Http404

    from compliance.iid import selectors as iid

    if scope.region is None:
        return None
    try:
        scores = iid.scores(scope.region, scope.year)
    except Http404:  # no catalogue for the year
        return None
    return {
        "claimed": scores.claimed,
        "verified": scores.verified,
        "url": f"{reverse('compliance:iid')}?region={scope.region.pk}&year={scope.year}",
    }


def cached_dashboard(scope: Scope) -> dict[str, Any]:
    """`dashboard(scope)`, kept in the cache under the data version (agencies.datacache), the language (labels
    are rendered into it) and the day (overdue depends on it)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if not seconds:
        return dashboard(scope)
    key = datacache.versioned_key(
        "dashboard",
        get_language(),
        timezone.localdate().isoformat(),
        *scope.key_parts(),
    )
    return datacache.cached(key, lambda: dashboard(scope), seconds)


BREAKDOWNS = ("bentuk", "jenis", "tahapan", "urusan", "sdgs", "types", "kecamatan")


def dashboard(scope: Scope) -> dict[str, Any]:
    innovations = innovations_section(scope)
    for key in BREAKDOWNS:  # the longest bar of each breakdown fills its column
        rows = innovations[key]
        innovations[key] = {"rows": rows, "max": max((r["count"] for r in rows), default=0)}
    return {
        "quota": quota_section(scope),
        "heatmap": quota_heatmap(scope),
        "innovations": innovations,
        "compliance": compliance_section(scope),
        "competition": competition_section(scope),
        "attention": attention_section(scope),
        # Replications made by the scope's agencies to date, and the originals most replicated (innovations.catalogue).
        "replications": replication_summary(Innovation.objects.filter(scope.agency_q())),
        "iid": iid_section(scope),
    }
