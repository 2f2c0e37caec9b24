"""Pages of the public-satisfaction survey (SKM): the region's results and the units without one, each survey's
nine elements (weakest first), entering totals, and importing respondents' answers with a preview."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Agency
from compliance.shared import AgencyInScopeMixin, managed_region, own_agency_page, unit_filter, year_param
from compliance.skm import imports, selectors, services
from compliance.skm.forms import SurveyImportForm, SurveyTotalsForm
from compliance.skm.models import Survey
from compliance.standards.selectors import SERVICE_SEARCH_FIELDS, service_label, services_of_agencies
from core.autocomplete import autocomplete_response
from core.import_views import ImportPreviewView, ImportUploadView
from core.models import ImportBatch
from core.views import AuthedRequest, ScopedObjectMixin, submit_create_form


def _entry_setup(request: AuthedRequest) -> tuple[QuerySet[Agency], dict[str, Any]]:
    """The units offered in the entry forms (403 when none) and the first values: this year, the unit asked for."""
    units = selectors.recordable_units(request.user)
    if not units.exists():
        raise PermissionDenied
    initial: dict[str, Any] = {"year": timezone.localdate().year}
    if request.GET.get("agency", "").isdigit():
        initial["agency"] = request.GET["agency"]
    return units, initial


class SurveyOverviewView(LoginRequiredMixin, View):
    """The mayor's office: the year's surveys, lowest score first, and the units that have none yet."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        if not agency_selectors.regions_managed_by(request.user).exists():
            return own_agency_page(request, "compliance:agency-surveys")
        region = managed_region(request)
        if not request.user.has_perm("compliance.view_survey_overview", region):
            raise PermissionDenied
        year = year_param(request)
        rows = list(selectors.surveys_of_year(region, year=year).filter(unit_filter(request, prefix="agency__")))
        elements = {e.code: e for e in selectors.elements()}
        for survey in rows:
            weakest = min(survey.nrr.items(), key=lambda item: (float(item[1]), item[0]), default=None)
            survey.weakest = (elements.get(weakest[0]), weakest[1]) if weakest else None  # type: ignore[attr-defined]
        missing = list(selectors.units_without_survey(region, year=year).filter(unit_filter(request)))
        obliged = selectors.obliged_units(region, year=year).filter(unit_filter(request)).count()
        grades: dict[str, int] = {}
        for survey in rows:
            grades[survey.grade] = grades.get(survey.grade, 0) + 1
        return render(
            request,
            "skm/survey_overview.html",
            {
                "region": region,
                "year": year,
                "rows": rows,
                "missing": missing,
                "obliged": obliged,
                "surveyed": obliged - len(missing),
                "grades": sorted(grades.items()),
            },
        )


class AgencySurveysView(AgencyInScopeMixin, View):
    """One unit's surveys, newest first."""

    permission = "compliance.view_survey"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agency = self.agency
        rows = selectors.agency_surveys(agency)
        return render(
            request,
            "skm/agency_surveys.html",
            {"agency": agency, "rows": rows, "can_record": request.user.has_perm("compliance.record_survey", agency)},
        )


class SurveyDetailView(ScopedObjectMixin, View):
    """One survey: its score, grade and the nine elements, weakest first."""

    permission = "compliance.view_survey"
    context_name = "survey"
    survey: Survey
    scope = selectors.surveys_visible_to
    scope_related = ("agency__region", "created_by", "service")
    permission_on = "agency"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        survey = self.survey
        result = selectors.result_of(survey)
        chart = [{"code": e.code, "name": e.name, "nrr": float(e.nrr)} for e in result.weakest_first]
        return render(
            request,
            "skm/survey_detail.html",
            {"survey": survey, "result": result, "chart": chart},
        )


class SurveyServiceAutocompleteView(LoginRequiredMixin, View):
    """The services the survey forms offer: those of the units this person may enter a survey for."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        services = services_of_agencies(selectors.recordable_units(request.user))
        return autocomplete_response(request, services, fields=SERVICE_SEARCH_FIELDS, label=service_label)


class SurveyTotalsView(LoginRequiredMixin, View):
    """Enter the totals a unit reports: respondents and the sum of answers per element."""

    template_name = "skm/survey_totals.html"

    def _form(self, request: AuthedRequest, data: Any = None) -> SurveyTotalsForm:
        units, initial = _entry_setup(request)
        return SurveyTotalsForm(data, agencies=units, elements=selectors.elements(), initial=initial)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        return submit_create_form(
            request,
            form,
            lambda data: services.survey_record(
                agency=data["agency"],
                year=data["year"],
                period=data["period"],
                by=request.user,
                respondents=data["respondents"],
                totals={code: data[code] for code in form.element_codes},
                note=data["note"],
                replace=data["replace"],
                service=data["service"],
            ),
            url=lambda survey: reverse("compliance:survey", args=[survey.pk]),
            success=lambda survey: (
                _("Survey saved: score %(score)s, grade %(grade)s.") % {"score": survey.score, "grade": survey.grade}
            ),
            invalid=lambda: render(request, self.template_name, {"form": form}, status=400),
        )


class SurveyImportView(ImportUploadView):
    """Upload the respondents' answers; every row is checked and the result shown before anything is saved."""

    importer = imports.IMPORTER
    template_name = "skm/survey_import.html"
    preview_url_name = "compliance:survey-import-preview"
    scope_field = "agency"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> SurveyImportForm:
        units, initial = _entry_setup(request)
        return SurveyImportForm(data, files, agencies=units, initial=initial)

    def get_options(self, form: Any) -> dict[str, Any]:
        data = form.cleaned_data
        return {"year": data["year"], "period": data["period"], "replace": data["replace"]}


class SurveyImportPreviewView(ImportPreviewView):
    importer = imports.IMPORTER
    template_name = "skm/survey_import_preview.html"
    upload_url_name = "compliance:survey-import"

    def get_context_data(self, request: AuthedRequest, batch: ImportBatch, scope: Agency) -> dict[str, Any]:
        result = None
        if not batch.errors and batch.rows:
            codes = [e.code for e in selectors.elements()]
            totals = {code: sum(row["answers"][i] for row in batch.rows) for i, code in enumerate(codes)}
            result = selectors.survey_figures(totals=totals, respondents=len(batch.rows))
        context = super().get_context_data(request, batch, scope)
        return {**context, "agency": scope, "result": result, "errors": batch.errors[:200]}

    def success_url(self, saved: list[Survey]) -> str:
        return reverse("compliance:survey", args=[saved[0].pk])

    def success_text(self, saved: list[Survey]) -> str:
        survey = saved[0]
        return _("%(count)d respondents imported: score %(score)s, grade %(grade)s.") % {
            "count": survey.respondents,
            "score": survey.score,
            "grade": survey.grade,
        }
