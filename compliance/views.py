"""Pages of the quota: the mayor's office overview, the rule of a year, each agency's quota and exemptions."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import ImportBatch, Region
from compliance import assessments, exports, quota, selectors, services
from compliance.bands import parse_score, zone_label
from compliance.forms import (
    AssessmentForm,
    AssessmentImportForm,
    CorrectionForm,
    DecisionForm,
    ExemptionRequestForm,
    QuotaFilter,
    QuotaRuleForm,
    SourceUploadForm,
)
from compliance.models import (
    Assessment,
    AssessmentCorrection,
    Band,
    Finding,
    QuotaExemption,
    QuotaRule,
    QuotaState,
)
from core.tabular import TableError, read_table, rows_with_errors
from core.views import AuthedRequest, form_errors_from

PAGE_SIZE = 100
#: How far back the mayor's office may open a year's rule (older years are the record, not to be re-ruled).
RULE_YEARS_BACK = 10


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _managed_region(request: AuthedRequest) -> Region:
    regions = agency_selectors.regions_managed_by(request.user)
    wanted = request.GET.get("region", "")
    region = regions.filter(pk=int(wanted)).first() if wanted.isdigit() else regions.first()
    if region is None:
        raise PermissionDenied
    return region


class QuotaOverviewView(LoginRequiredMixin, View):
    """The mayor's office: every agency of the region for a year, by status."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        region = _managed_region(request)
        year = _year(request)
        quota_filter = QuotaFilter(
            request.GET or None,
            queryset=selectors.quota_table(region_id=region.pk, year=year),
            kecamatan=agency_selectors.kecamatan_choices(request.user, {region.pk}),
        )
        rows = quota_filter.qs if request.GET else quota_filter.queryset
        if not rows.query.order_by:
            rows = rows.order_by("agency__name")
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return exports.quota_export(rows, fmt=export, name=f"kuota-{region.code}-{year}")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        counts = selectors.status_counts(region_id=region.pk, year=year)
        return render(
            request,
            "compliance/quota_overview.html",
            {
                "region": region,
                "year": year,
                "filter": quota_filter,
                "page": page,
                "query": query.urlencode(),
                "counts": [(state, counts[state.value]) for state in QuotaState],
                "total": sum(counts.values()),
                "rule": selectors.rule_for(region_id=region.pk, year=year),
                "changes": list(selectors.recent_changes(region_id=region.pk, year=year)),
                "exemptions": list(selectors.open_exemptions(region_id=region.pk)),
                "decision_form": DecisionForm(),
                "years": list(range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1)),
            },
        )


class QuotaRuleView(LoginRequiredMixin, View):
    template_name = "compliance/quota_rule.html"

    def _rule(self, request: AuthedRequest, year: int, *, create: bool) -> Any:
        """The year's rule; an unsaved one with the defaults until the form is saved (a visit creates nothing)."""
        this_year = timezone.localdate().year
        if not this_year - RULE_YEARS_BACK <= year <= this_year + 1:
            raise Http404
        region = _managed_region(request)
        if not request.user.has_perm("compliance.change_quota_rule", region):
            raise PermissionDenied
        if create:
            quota.ensure_rules(year, region_ids=[region.pk])
        rule = selectors.rule_for(region_id=region.pk, year=year)
        return rule or QuotaRule(region=region, year=year, deadline=datetime.date(year, 12, 31))

    def _changes(self, rule: QuotaRule) -> Any:
        return rule.changes.select_related("by") if rule.pk else []

    def get(self, request: AuthedRequest, year: int) -> HttpResponse:
        rule = self._rule(request, year, create=False)
        form = QuotaRuleForm(instance=rule)
        return render(request, self.template_name, {"rule": rule, "form": form, "changes": self._changes(rule)})

    def post(self, request: AuthedRequest, year: int) -> HttpResponse:
        rule = self._rule(request, year, create=True)
        if rule.pk is None:  # a region with no agency has nothing to sweep
            raise Http404
        form = QuotaRuleForm(request.POST, instance=type(rule).objects.get(pk=rule.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "subject_types"}
            try:
                services.rule_update(
                    rule=rule,
                    by=request.user,
                    subject_type_ids=[t.pk for t in form.cleaned_data["subject_types"]],
                    **data,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Rule saved. Statuses are being recomputed."))
                return redirect(f"{reverse('compliance:quota')}?year={year}")
        context = {"rule": rule, "form": form, "changes": self._changes(rule)}
        return render(request, self.template_name, context, status=400)


class AgencyQuotaView(LoginRequiredMixin, View):
    """One agency's quota: status per year, the history of changes, exemption requests."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.agency = get_object_or_404(
            selectors.quota_agencies_visible_to(request.user).select_related("region", "type"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def _years(self) -> list[int]:
        this_year = timezone.localdate().year
        return [this_year, this_year - 1]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request, ExemptionRequestForm(years=self._years()))

    def _render(self, request: AuthedRequest, form: ExemptionRequestForm, status: int = 200) -> HttpResponse:
        statuses, changes, exemptions = selectors.agency_quota_history(self.agency)
        waiting = any(e.state == QuotaExemption.Decision.REQUESTED for e in exemptions)
        may_ask = request.user.has_perm("compliance.request_exemption", self.agency) and not waiting
        context = {
            "agency": self.agency,
            "statuses": statuses,
            "changes": changes,
            "exemptions": exemptions,
            # A refused request keeps its form, so that the reason shows beside what was typed.
            "form": form if may_ask or form.errors else None,
            "waiting": waiting,
        }
        return render(request, "compliance/agency_quota.html", context, status=status)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("compliance.request_exemption", self.agency):
            raise PermissionDenied
        form = ExemptionRequestForm(request.POST, years=self._years())
        if form.is_valid():
            try:
                services.exemption_request(agency=self.agency, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Your request was sent to the mayor's office."))
                return redirect("compliance:agency-quota", pk=self.agency.pk)
        return self._render(request, form, status=400)


class MyQuotaView(LoginRequiredMixin, View):
    """Where quota notifications lead: the quota of the person's own agency."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        from innovations.selectors import agencies_user_works_for

        agency_ids = agencies_user_works_for(request.user)
        if agency_ids:
            return redirect("compliance:agency-quota", pk=agency_ids[0])
        if agency_selectors.regions_managed_by(request.user).exists():
            return redirect("compliance:quota")
        raise PermissionDenied


class ExemptionDecideView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        exemption = get_object_or_404(
            QuotaExemption.objects.select_related("agency"),
            pk=pk,
            agency__in=selectors.quota_agencies_visible_to(request.user),
        )
        form = DecisionForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.exemption_decide(exemption=exemption, accept="accept" in request.POST, note=note, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded for %(agency)s.") % {"agency": exemption.agency.name})
        return redirect(f"{reverse('compliance:quota')}?year={exemption.year}#exemptions")


class AssessmentImportView(LoginRequiredMixin, View):
    """Upload an Ombudsman results file; every row is checked and previewed before anything is saved."""

    template_name = "compliance/assessment_import.html"

    def get(self, request: AuthedRequest) -> HttpResponse:
        region = _managed_region(request)
        if not request.user.has_perm("compliance.import_assessments", region):
            raise PermissionDenied
        return render(request, self.template_name, {"form": AssessmentImportForm(), "region": region})

    def post(self, request: AuthedRequest) -> HttpResponse:
        region = _managed_region(request)
        if not request.user.has_perm("compliance.import_assessments", region):
            raise PermissionDenied
        form = AssessmentImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = read_table(upload, max_bytes=settings.IMPORT_MAX_BYTES, max_rows=settings.IMPORT_MAX_ROWS)
            except TableError as exc:
                form.add_error("file", str(exc))
            else:
                update = form.cleaned_data["update_existing"]
                rows, errors = assessments.validate_rows(region=region, table_rows=table.rows, update_existing=update)
                batch = ImportBatch.objects.create(
                    kind=ASSESSMENT_IMPORT,
                    region=region,
                    filename=upload.name[:255],
                    rows=rows,
                    errors=errors,
                    options={"update_existing": update},
                    created_by=request.user,
                    status=ImportBatch.Status.INVALID if errors else ImportBatch.Status.READY,
                )
                return redirect("compliance:assessment-import-preview", pk=batch.pk)
        return render(request, self.template_name, {"form": form, "region": region}, status=400)


ASSESSMENT_IMPORT = "ombudsman"


class AssessmentImportPreviewView(LoginRequiredMixin, View):
    template_name = "compliance/assessment_import_preview.html"

    def _batch(self, request: AuthedRequest, pk: int) -> ImportBatch:
        batch = get_object_or_404(ImportBatch, pk=pk, kind=ASSESSMENT_IMPORT, created_by=request.user)
        if not request.user.has_perm("compliance.import_assessments", batch.region):
            raise PermissionDenied
        return batch

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request, self._batch(request, pk))

    def _render(self, request: AuthedRequest, batch: ImportBatch, status: int = 200) -> HttpResponse:
        rows = rows_with_errors(batch.rows, batch.errors)
        return render(
            request, self.template_name, {"batch": batch, "rows": rows, "form": AssessmentImportForm()}, status=status
        )

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        batch = self._batch(request, pk)
        if batch.status != ImportBatch.Status.READY:
            messages.error(request, _("This import cannot be saved (it has errors or was saved already)."))
            return self._render(request, batch, status=400)
        table_rows = [(row["line"], {c: row[c] for c in assessments.COLUMNS}) for row in batch.rows]
        try:
            saved = assessments.import_rows(
                region=batch.region,
                table_rows=table_rows,
                by=request.user,
                update_existing=batch.options.get("update_existing", False),
            )
        except ValidationError:
            # The database changed since the preview: show the new errors, save nothing.
            _rows, errors = assessments.validate_rows(
                region=batch.region, table_rows=table_rows, update_existing=batch.options.get("update_existing", False)
            )
            ImportBatch.objects.filter(pk=batch.pk).update(errors=errors, status=ImportBatch.Status.INVALID)
            batch.refresh_from_db()
            messages.error(request, _("The data changed since the preview; see the errors below."))
            return self._render(request, batch, status=400)
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.SAVED, saved_at=timezone.now())
        messages.success(request, _("%(count)d assessments were imported.") % {"count": len(saved)})
        return redirect("compliance:assessment-import")


class AgencyAssessmentsView(LoginRequiredMixin, View):
    """One unit's Ombudsman results by year: a chart and a table, corrections, and forms for the mayor's office."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agency = get_object_or_404(selectors.quota_agencies_visible_to(request.user).select_related("region"), pk=pk)
        rows = list(
            Assessment.objects.filter(agency=agency)
            .select_related("method")
            .select_related("source")
            .prefetch_related(
                Prefetch("corrections", queryset=AssessmentCorrection.objects.select_related("by")),
                Prefetch("findings", queryset=Finding.objects.select_related("responsible").order_by("due", "id")),
            )
            .order_by("year", "method__first_year")
        )
        bands = {b.method_id: b for b in Band.objects.filter(grade="A")}
        chart = [
            {
                "year": a.year,
                "score": float(a.score),
                "percent": round(float(a.score / a.method.scale_max * 100), 2),
                "zone": a.zone,
                "grade": a.grade,
                "dark": bool(a.grade == "A" and a.method_id in bands),
                "method": a.method.slug,
            }
            for a in rows
        ]
        can_manage = request.user.has_perm("compliance.import_assessments", agency.region)
        return render(
            request,
            "compliance/agency_assessments.html",
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
    assessments.assessment_attach_source(
        assessment=assessment,
        by=request.user,
        name=upload.name,
        data=upload.read(settings.EVIDENCE_MAX_BYTES + 1),
        max_bytes=settings.EVIDENCE_MAX_BYTES,
    )


class AssessmentCreateView(LoginRequiredMixin, View):
    template_name = "compliance/assessment_form.html"

    def _form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> AssessmentForm:
        region = _managed_region(request)
        if not request.user.has_perm("compliance.import_assessments", region):
            raise PermissionDenied
        initial = {"agency": request.GET.get("agency")} if request.GET.get("agency", "").isdigit() else {}
        agencies = region.agencies.order_by("depth", "name")
        return AssessmentForm(data, files, agencies=agencies, initial=initial)

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self._form(request, request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            upload = data.pop("source_file", None)
            try:
                with transaction.atomic():
                    data["score"] = parse_score(data["score"])
                    assessment = assessments.assessment_record(by=request.user, **data)
                    if upload:
                        try:
                            attach_source(request, assessment, upload)
                        except ValidationError as exc:
                            raise ValidationError({"source_file": exc.messages}) from None
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form_errors_from(exc, form)
                else:
                    form.add_error("score" if "score" not in form.errors else None, exc.messages)
            else:
                messages.success(request, _("Assessment saved: zone %(zone)s.") % {"zone": zone_label(assessment.zone)})
                return redirect("compliance:agency-assessments", pk=assessment.agency_id)
        return render(request, self.template_name, {"form": form}, status=400)


class AssessmentCorrectView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        assessment = get_object_or_404(
            Assessment.objects.select_related("agency__region"),
            pk=pk,
            agency__in=selectors.quota_agencies_visible_to(request.user),
        )
        if not request.user.has_perm("compliance.import_assessments", assessment.agency.region):
            raise PermissionDenied
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                assessments.assessment_correct(
                    assessment=assessment,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    score=parse_score(form.cleaned_data["score"]),
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Correction saved."))
        else:
            messages.error(request, _("Give the correct score and the reason."))
        return redirect("compliance:agency-assessments", pk=assessment.agency_id)
