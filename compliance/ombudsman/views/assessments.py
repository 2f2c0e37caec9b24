"""Pages of Ombudsman assessments: the region overview and its download, importing a results file with a
preview, entering and correcting one result, each unit's results by year, and the source documents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Region
from compliance.ombudsman import imports, selectors, services
from compliance.ombudsman.domain import parse_score, zone_label
from compliance.ombudsman.forms import AssessmentForm, AssessmentImportForm, CorrectionForm, SourceUploadForm
from compliance.ombudsman.models import Assessment, AssessmentSource
from compliance.ombudsman.views.mixins import AssessmentMixin
from compliance.shared import (
    AgencyInScopeMixin,
    managed_region,
    own_agency_page,
    page_download,
    page_filters,
    year_param,
)
from core.exports import FORMATS
from core.idempotency import create_once
from core.import_views import ImportPreviewView, ImportUploadView
from core.models import ImportBatch
from core.uploads import file_response
from core.views import AuthedRequest, flash_service, form_errors_from


class AssessmentImportView(ImportUploadView):
    """Upload an Ombudsman results file; every row is checked and previewed before anything is saved."""

    importer = imports.IMPORTER
    template_name = "ombudsman/assessment_import.html"
    preview_url_name = "compliance:assessment-import-preview"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> AssessmentImportForm:
        self.region = managed_region(request)
        if not request.user.has_perm("compliance.import_assessments", self.region):
            raise PermissionDenied
        return AssessmentImportForm(data, files)

    def get_scope(self, request: AuthedRequest, form: Any) -> Region:
        return self.region

    def get_options(self, form: Any) -> dict[str, Any]:
        return {"update_existing": form.cleaned_data["update_existing"]}

    def get_context_data(self, request: AuthedRequest, form: Any) -> dict[str, Any]:
        return {"form": form, "region": self.region}


class AssessmentImportPreviewView(ImportPreviewView):
    importer = imports.IMPORTER
    template_name = "ombudsman/assessment_import_preview.html"
    upload_url_name = "compliance:assessment-import"
    success_url_name = "compliance:assessment-import"
    success_message = gettext_lazy("%(count)d assessments were imported.")

    def get_context_data(self, request: AuthedRequest, batch: ImportBatch, scope: Region) -> dict[str, Any]:
        return {**super().get_context_data(request, batch, scope), "form": AssessmentImportForm()}


class AgencyAssessmentsView(AgencyInScopeMixin, View):
    """One unit's Ombudsman results by year: a chart and a table, corrections, and forms for the mayor's office."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agency = self.agency
        rows = selectors.agency_assessments(agency)
        graded = selectors.methods_with_grade_a()
        chart = [
            {
                "year": a.year,
                "score": float(a.score),
                "percent": round(float(a.score / a.method.scale_max * 100), 2),
                "zone": a.zone,
                "grade": a.grade,
                "dark": bool(a.grade == "A" and a.method_id in graded),
                "method": a.method.slug,
            }
            for a in rows
        ]
        can_manage = request.user.has_perm("compliance.import_assessments", agency.region)
        return render(
            request,
            "ombudsman/agency_assessments.html",
            {
                "agency": agency,
                "rows": list(reversed(rows)),
                "chart": chart,
                "can_manage": can_manage,
                "correction_form": CorrectionForm() if can_manage else None,
                "source_form": SourceUploadForm() if can_manage else None,
                "today": timezone.localdate(),
            },
        )


def attach_source(request: AuthedRequest, assessment: Assessment, upload: Any) -> None:
    """The uploaded source document, read up to one byte over the limit (so that a larger file is refused)."""
    services.assessment_attach_source(
        assessment=assessment,
        by=request.user,
        name=upload.name,
        data=upload.read(settings.EVIDENCE_MAX_BYTES + 1),
        max_bytes=settings.EVIDENCE_MAX_BYTES,
    )


class AssessmentCreateView(LoginRequiredMixin, View):
    template_name = "ombudsman/assessment_form.html"

    def _form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> AssessmentForm:
        region = managed_region(request)
        if not request.user.has_perm("compliance.import_assessments", region):
            raise PermissionDenied
        initial = {"agency": request.GET.get("agency")} if request.GET.get("agency", "").isdigit() else {}
        agencies = region.agencies.order_by("depth", "name")
        return AssessmentForm(
            data, files, agencies=agencies, dimensions=selectors.dimensions_by_method(), initial=initial
        )

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request, request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("source_file", None)

            def record() -> Assessment:
                data["score"] = parse_score(data["score"])
                assessment = services.assessment_record(by=request.user, **data)
                if upload:
                    try:
                        attach_source(request, assessment, upload)
                    except ValidationError as exc:
                        raise ValidationError({"source_file": exc.messages}) from None
                return assessment

            try:
                # One transaction: a refused source file saves no assessment; a resent form saves none again.
                assessment = create_once(
                    request, record, url=lambda made: reverse("compliance:agency-assessments", args=[made.agency_id])
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form_errors_from(exc, form)
                else:
                    form.add_error("score" if "score" not in form.errors else None, exc.messages)
            else:
                messages.success(request, _("Assessment saved: zone %(zone)s.") % {"zone": zone_label(assessment.zone)})
                return redirect("compliance:agency-assessments", pk=assessment.agency_id)
        return render(request, self.template_name, {"form": form}, status=400)


class AssessmentCorrectView(AssessmentMixin, View):
    permission = "compliance.import_assessments"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        assessment = self.assessment
        form = CorrectionForm(request.POST)
        if form.is_valid():
            flash_service(
                request,
                lambda: services.assessment_correct(
                    assessment=assessment,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    score=parse_score(form.cleaned_data["score"]),
                ),
                success=_("Correction saved."),
            )
        else:
            messages.error(request, _("Give the correct score and the reason."))
        return redirect("compliance:agency-assessments", pk=assessment.agency_id)


class OmbudsmanOverviewView(LoginRequiredMixin, View):
    """The mayor's office: every unit's result of a year, the city's trend, open notes; download of the table."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        regions = agency_selectors.regions_managed_by(request.user)
        if not regions.exists():
            return own_agency_page(request, "compliance:agency-assessments")
        region = managed_region(request)
        years = selectors.assessment_years(region)
        year = year_param(request) if "year" in request.GET else (years[0] if years else timezone.localdate().year)
        fmt = request.GET.get("format", "")
        if fmt in FORMATS:
            # Links made for the page's former own download: the registered table, as from the Download buttons.
            return page_download(request, "assessments", fmt, region=region, year=year)
        rows = selectors.region_assessments(region, year=year)
        counts = selectors.finding_counts(
            selectors.findings_visible_to(request.user).filter(responsible__region=region)
        )
        return render(
            request,
            "ombudsman/ombudsman_overview.html",
            {
                "region": region,
                "year": year,
                "years": years,
                "rows": rows,
                "counts": counts,
                "export_query": page_filters(request, region=region, year=year).urlencode(),
            },
        )


class AssessmentSourceView(AssessmentMixin, View):
    """GET: the Ombudsman's document, to those who may see the assessment. POST: the mayor's office uploads it.
    (Each method checks its own permission: seeing and uploading are different people's rights.)"""

    def get(self, request: AuthedRequest, pk: int) -> FileResponse:
        assessment = self.assessment
        if not request.user.has_perm("compliance.view_assessments", assessment.agency):
            raise PermissionDenied
        source = get_object_or_404(AssessmentSource, assessment=assessment)
        return file_response(source.file, content_type=source.content_type, name=source.original_name)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        assessment = self.assessment
        if not request.user.has_perm("compliance.import_assessments", assessment.agency.region):
            raise PermissionDenied
        form = SourceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            flash_service(
                request,
                lambda: attach_source(request, assessment, form.cleaned_data["file"]),
                success=_("Source document saved."),
            )
        else:
            messages.error(request, _("Choose a file to upload."))
        return redirect("compliance:agency-assessments", pk=assessment.agency_id)
