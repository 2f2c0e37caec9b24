"""Pages of the reports: the home page, exports (direct or through Celery) and the agency scorecard."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from agencies.models import Agency
from agencies.selectors import role_assignments_of
from core import tabular
from core.views import AuthedRequest, ScopedObjectMixin
from reports import exports, pdf, scorecard, selectors, services
from reports.models import ExportJob


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = list(role_assignments_of(request.user))
    # The scorecard of each agency the person works in (a head and a staff role in one agency: one link).
    scorecards = list({r.agency_id: r.agency for r in roles if r.agency is not None}.values())
    return render(request, "reports/home.html", {"roles": roles, "scorecards": scorecards})


# --- exports ------------------------------------------------------------------------------------------------------


class ExportStartView(LoginRequiredMixin, View):
    """POST from a page's "Download" buttons; the page's filters come in the query string.

    Up to EXPORT_DIRECT_MAX_ROWS rows the file is the response; above that a background job is queued and
    the person is taken to its progress page.
    """

    def post(self, request: AuthedRequest, kind: str) -> HttpResponseBase:
        table = exports.TABLES.get(kind)
        if table is None:
            raise Http404
        fmt = request.POST.get("format", "")
        if fmt not in ExportJob.Format.values:
            return self._invalid(request, [])
        try:
            queryset = table.build(request.user, request.GET)
        except exports.InvalidExport as exc:
            return self._invalid(request, exc.messages)
        total = queryset.count()
        if total <= settings.EXPORT_DIRECT_MAX_ROWS:
            name = f"{table.filename}-{timezone.localdate():%Y%m%d}"
            if fmt == ExportJob.Format.CSV:
                return tabular.csv_response(table.headers, table.rows(queryset), name)
            return tabular.xlsx_response(table.headers, table.rows(queryset), name, sheet=str(table.sheet))
        job = services.export_start(
            owner=request.user,
            table=table,
            fmt=fmt,
            parameters=exports.parameters_from(request.GET),
            estimate=total,
        )
        return redirect("reports:export-detail", token=job.token)

    def _invalid(self, request: AuthedRequest, errors: list[str]) -> HttpResponse:
        referer = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure())
        return render(
            request, "reports/export_invalid.html", {"errors": errors, "back": referer if safe else ""}, status=400
        )


class ExportObjectMixin(ScopedObjectMixin):
    """The job, from the person's own exports only: anyone else gets 404, whatever their role."""

    context_name = "job"
    job: ExportJob
    lookup_kwarg = lookup_field = "token"

    def get_scope(self, request: HttpRequest) -> Any:
        return selectors.export_of(request.user)


def _status(job: ExportJob) -> dict[str, Any]:
    ready = job.state == ExportJob.State.DONE and not job.is_expired
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "finished": job.finished_state,
        "download_url": reverse("reports:export-download", args=[job.token]) if ready else None,
    }


class ExportDetailView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str) -> HttpResponse:
        table = exports.TABLES.get(self.job.kind)
        return render(
            request,
            "reports/export_detail.html",
            {"job": self.job, "table": table, "status": _status(self.job), "filters": self.job.parameters},
        )


class ExportStatusView(ExportObjectMixin, View):
    """What the progress page polls (a few fields, one query)."""

    def get(self, request: AuthedRequest, token: str) -> JsonResponse:
        return JsonResponse(_status(self.job))


class ExportDownloadView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str) -> FileResponse:
        job = self.job
        if job.state != ExportJob.State.DONE or job.is_expired or not job.file:
            raise Http404
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=job.download_name)


class ExportRetryView(ExportObjectMixin, View):
    def post(self, request: AuthedRequest, token: str) -> HttpResponse:
        try:
            services.export_retry(job=self.job, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("reports:export-detail", token=self.job.token)


class ExportListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        jobs = list(selectors.exports_of(request.user))
        return render(
            request,
            "reports/export_list.html",
            {"jobs": [(job, exports.TABLES.get(job.kind)) for job in jobs], "now": timezone.now()},
        )


# --- the agency scorecard -------------------------------------------------------------------------------------


class ScorecardMixin(ScopedObjectMixin):
    """The agency, from those whose scorecard the person may open (404 otherwise), then the rule (403)."""

    permission = "reports.view_scorecard"
    context_name = "agency"
    agency: Agency

    def get_scope(self, request: HttpRequest) -> Any:
        return selectors.scorecard_agencies_visible_to(request.user).select_related("region", "type", "parent")

    def context(self) -> dict[str, Any]:
        sections = scorecard.build(self.agency)
        return {
            "agency": self.agency,
            "sections": sections,
            "summary": scorecard.summary(sections),
            "printed": timezone.localtime(),
        }


class ScorecardView(ScorecardMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, "reports/scorecard.html", self.context())


class ScorecardPdfView(ScorecardMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        data = pdf.render_pdf("reports/scorecard_pdf.html", {**self.context(), "pdf": True}, request=request)
        response = HttpResponse(data, content_type="application/pdf")
        filename = f"rapor-{self.agency.code}-{timezone.localdate():%Y%m%d}.pdf".replace('"', "")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
