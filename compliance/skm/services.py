"""Writes of the satisfaction surveys: recording one unit's survey for a period, from respondents' answers or
from the totals the unit reports, all or nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, User
from compliance.skm.domain import check_totals, compute
from compliance.skm.models import Survey, SurveyElement, SurveyGrade, SurveyResponse
from compliance.standards.models import Service


def _check_period(agency: Agency, year: int, period: str, replace: bool) -> Survey | None:
    existing = Survey.objects.filter(agency=agency, year=year, period__iexact=period.strip()).first()
    if existing and not replace:
        raise ValidationError(
            {
                "period": _(
                    "%(agency)s already has a survey for %(period)s %(year)d. Choose 'replace' to record it again."
                )
                % {"agency": agency.name, "period": period, "year": year}
            }
        )
    return existing


@transaction.atomic
def survey_record(
    *,
    agency: Agency,
    year: int,
    period: str,
    by: User,
    totals: dict[str, int] | None = None,
    respondents: int | None = None,
    answers: list[list[int]] | None = None,
    profiles: list[dict[str, str]] | None = None,
    note: str = "",
    replace: bool = False,
    service: Service | None = None,
) -> Survey:
    """Record one unit's survey for a period, from respondents' answers or from totals; all or nothing.

    Side effects, in order: with `replace`, deletes the period's earlier survey (and its answers); creates the
    survey with its figures; creates one response row per respondent (from answers)."""
    if not by.has_perm("compliance.record_survey", agency):
        raise PermissionDenied
    if service is not None and service.agency_id != agency.pk:
        raise ValidationError({"service": _("The service must be one of the unit's own.")})
    elements = list(SurveyElement.objects.all())
    codes = [e.code for e in elements]
    existing = _check_period(agency, year, period, replace)
    if answers is not None:
        source = Survey.Source.RESPONDENTS
        respondents = len(answers)
        totals = {code: sum(a[i] for a in answers) for i, code in enumerate(codes)}
    else:
        source = Survey.Source.TOTALS
        if totals is None or respondents is None:
            raise ValueError("survey_record needs answers, or totals and respondents")
        errors = check_totals(totals=totals, respondents=respondents)
        if errors:
            raise ValidationError(errors)
    result = compute(totals=totals, respondents=respondents, elements=elements, grades=SurveyGrade.objects.all())
    if existing:
        existing.delete()
    survey = Survey.objects.create(
        agency=agency,
        year=year,
        period=period.strip(),
        source=source,
        respondents=respondents,
        totals=totals,
        nrr={e.code: str(e.nrr) for e in result.elements},
        ikm=result.ikm,
        score=result.score,
        grade=result.grade,
        note=note.strip(),
        created_by=by,
        service=service,
    )
    if answers is not None:
        profiles = profiles or [{} for _ in answers]
        SurveyResponse.objects.bulk_create(
            [SurveyResponse(survey=survey, answers=a, profile=p) for a, p in zip(answers, profiles, strict=True)],
            batch_size=1000,
        )
    return survey
