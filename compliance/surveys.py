"""The public-satisfaction survey (SKM, PermenPAN-RB 14/2017): compute, check a respondents' file, record.

For each element the mean of the answers is its NRR; IKM = sum of NRR / 9; the converted score = IKM * 25, and the
grade is the row of the conversion table (data) whose lower bound is the highest not above the score. The
elements and the table are rows (`SurveyElement`, `SurveyGrade`), so a new regulation is a data change.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from agencies.models import Agency, Region, User
from agencies.selectors import active_q
from compliance.models import Survey, SurveyElement, SurveyGrade, SurveyObligation, SurveyResponse

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")
MIN_ANSWER, MAX_ANSWER = 1, 4
#: Profile columns kept with each respondent when present (anything else is ignored).
PROFILE_COLUMNS = ("umur", "jenis_kelamin", "pendidikan", "pekerjaan", "layanan", "tanggal")


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    total: int
    nrr: Decimal


@dataclass(frozen=True)
class SurveyResult:
    respondents: int
    elements: list[ElementResult]
    ikm: Decimal
    score: Decimal
    grade: str
    label: str

    @property
    def weakest_first(self) -> list[ElementResult]:
        return sorted(self.elements, key=lambda e: (e.nrr, e.code))


def compute(*, totals: dict[str, int], respondents: int, elements: list[SurveyElement] | None = None) -> SurveyResult:
    """The survey's figures from the sum of answers per element and the number of respondents."""
    elements = elements if elements is not None else list(SurveyElement.objects.all())
    if respondents <= 0:
        raise ValidationError(_("A survey needs at least one respondent."))
    n = Decimal(respondents)
    results = [ElementResult(e.code, e.name, totals[e.code], Decimal(totals[e.code]) / n) for e in elements]
    ikm = sum((r.nrr for r in results), Decimal(0)) / Decimal(len(results))
    score = (ikm * 25).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    grade = grade_for(score)
    return SurveyResult(
        respondents=respondents,
        elements=[
            ElementResult(r.code, r.name, r.total, r.nrr.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)) for r in results
        ],
        ikm=ikm.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP),
        score=score,
        grade=grade.grade if grade else "",
        label=grade.label if grade else "",
    )


def grade_for(score: Decimal) -> SurveyGrade | None:
    return SurveyGrade.objects.filter(lower__lte=score).order_by("-lower").first()


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


# --- checking a respondents' file -------------------------------------------------------------------------------


@dataclass
class CheckedAnswers:
    answers: list[list[int]] = field(default_factory=list)
    profiles: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def totals(self, codes: list[str]) -> dict[str, int]:
        return {code: sum(a[i] for a in self.answers) for i, code in enumerate(codes)}


def check_answers(table_rows: list[tuple[int, dict[str, str]]], *, codes: list[str]) -> CheckedAnswers:
    """Every row's answers must be whole numbers 1-4 in every element column; errors carry the row number."""
    checked = CheckedAnswers()
    if not table_rows:
        checked.errors.append({"row": 1, "column": "", "message": _("The file has no respondents.")})
        return checked
    missing = [c for c in codes if c not in table_rows[0][1]]
    if missing:
        checked.errors.append(
            {
                "row": 1,
                "column": ", ".join(missing),
                "message": _("Missing columns: %(columns)s. The header must have %(all)s.")
                % {"columns": ", ".join(missing), "all": ", ".join(codes)},
            }
        )
        return checked
    for line, values in table_rows:
        row: list[int] = []
        for code in codes:
            raw = (values.get(code) or "").strip()
            try:
                number = int(Decimal(raw.replace(",", ".")))
                if Decimal(raw.replace(",", ".")) != number:
                    raise ValueError
            except (ArithmeticError, ValueError):
                number = 0
            if not MIN_ANSWER <= number <= MAX_ANSWER:
                checked.errors.append(
                    {
                        "row": line,
                        "column": code,
                        "message": _("'%(value)s' is not an answer: use a whole number from 1 to 4.") % {"value": raw}
                        if raw
                        else _("This column must be filled."),
                    }
                )
            row.append(number)
        checked.answers.append(row)
        checked.profiles.append({k: (values.get(k) or "").strip()[:100] for k in PROFILE_COLUMNS if values.get(k)})
    return checked


def check_totals(*, totals: dict[str, int], respondents: int) -> dict[str, str]:
    """Each element's total must lie between 1 and 4 times the respondents; returns {code: message}."""
    errors = {}
    for code, total in totals.items():
        if not MIN_ANSWER * respondents <= total <= MAX_ANSWER * respondents:
            errors[code] = _("With %(n)d respondents the total must be between %(low)d and %(high)d.") % {
                "n": respondents,
                "low": MIN_ANSWER * respondents,
                "high": MAX_ANSWER * respondents,
            }
    return errors


# --- recording --------------------------------------------------------------------------------------------------


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
) -> Survey:
    """Record one unit's survey for a period, from respondents' answers or from totals; all or nothing.

    Side effects: with `replace`, deletes the period's earlier survey (and its answers) first."""
    if not by.has_perm("compliance.record_survey", agency):
        raise PermissionDenied
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
    result = compute(totals=totals, respondents=respondents, elements=elements)
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
    )
    if answers is not None:
        profiles = profiles or [{} for _ in answers]
        SurveyResponse.objects.bulk_create(
            [SurveyResponse(survey=survey, answers=a, profile=p) for a, p in zip(answers, profiles, strict=True)],
            batch_size=1000,
        )
    return survey


# --- reads ------------------------------------------------------------------------------------------------------


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
