"""Reads of the satisfaction surveys: who must run one, who has none, the stored results; every list and detail
view starts here."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from agencies.models import Agency, Region
from agencies.selectors import active_q
from compliance.shared import agencies_in_scope
from compliance.skm.domain import ElementResult, SurveyResult, compute
from compliance.skm.models import Survey, SurveyElement, SurveyGrade, SurveyObligation


def elements() -> list[SurveyElement]:
    return list(SurveyElement.objects.all())


def survey_figures(*, totals: dict[str, int], respondents: int) -> SurveyResult:
    """`domain.compute` with the elements and the conversion table in force (two queries)."""
    return compute(totals=totals, respondents=respondents, elements=elements(), grades=SurveyGrade.objects.all())


def result_of(survey: Survey, elements: list[SurveyElement] | None = None) -> SurveyResult:
    """The stored survey as a result (elements named, weakest first available)."""
    elements = elements if elements is not None else list(SurveyElement.objects.all())
    label = {g.grade: g.label for g in SurveyGrade.objects.all()}.get(survey.grade, "")
    return SurveyResult(
        respondents=survey.respondents,
        elements=[
            ElementResult(e.code, e.name, int(survey.totals.get(e.code, 0)), Decimal(survey.nrr.get(e.code, "0")))
            for e in elements
        ],
        ikm=survey.ikm,
        score=survey.score,
        grade=survey.grade,
        label=label,
    )


def surveys_visible_to(user: Any) -> QuerySet[Survey]:
    """Surveys of the units a person may see (the region for the mayor's office, a head's units, own agency)."""
    return Survey.objects.filter(agency__in=agencies_in_scope(user))


def recordable_units(user: Any) -> QuerySet[Agency]:
    """Units this person may enter a survey for: the region for the mayor's office, a head's units, own agency."""
    return agencies_in_scope(user).filter(active_q()).order_by("depth", "name")


def agency_surveys(agency: Agency) -> QuerySet[Survey]:
    return Survey.objects.filter(agency=agency).select_related("service").order_by("-year", "-created")


def service_surveys(service: Any) -> list[Survey]:
    """The surveys recorded for one service, newest first (the service page's panel)."""
    return list(Survey.objects.filter(service=service).order_by("-year", "-created"))


def latest_survey(agency: Agency) -> Survey | None:
    return agency_surveys(agency).first()


def obliged(agencies: QuerySet[Agency], *, year: int) -> QuerySet[Agency]:
    """Those of `agencies` active at the end of `year` whose kind must run the survey that year."""
    day = datetime.date(year, 12, 31)
    obligation = SurveyObligation.objects.filter(agency_type=OuterRef("type_id"), since_year__lte=year)
    return agencies.filter(active_q(day), Exists(obligation))


def lacking_survey(agencies: QuerySet[Agency], *, year: int) -> QuerySet[Agency]:
    """Those of `agencies` that must run the survey in `year` and have none recorded for it."""
    return obliged(agencies, year=year).filter(~Exists(Survey.objects.filter(agency=OuterRef("pk"), year=year)))


def obliged_units(region: Region, *, year: int) -> QuerySet[Agency]:
    return obliged(Agency.objects.filter(region=region), year=year)


def units_without_survey(region: Region, *, year: int) -> QuerySet[Agency]:
    return (
        lacking_survey(Agency.objects.filter(region=region), year=year)
        .select_related("type", "parent")
        .order_by("type__sort_order", "name")
    )


def surveys_of_year(region: Region, *, year: int) -> QuerySet[Survey]:
    return Survey.objects.filter(agency__region=region, year=year).select_related("agency").order_by("score", "pk")


def latest_surveys_of(*, agency_ids: list[int], year: int) -> dict[int, Survey]:
    """Each unit's last survey of the year, by agency id (one query)."""
    rows = Survey.objects.filter(agency_id__in=agency_ids, year=year).order_by("agency_id", "-created", "-id")
    return {s.agency_id: s for s in reversed(list(rows))}
