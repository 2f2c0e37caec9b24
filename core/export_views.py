"""Pages of the export layer: the Download buttons' target, and a person's background exports (progress, file,
retry, list). Every job page shows only the person's own jobs: anyone else gets 404, whatever their role."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from core import export_jobs, exports
from core.models import ExportJob
from core.views import AuthedRequest, ScopedObjectMixin


class ExportStartView(LoginRequiredMixin, View):
    """POST from a page's Download buttons (core/includes/export_buttons.html); the page's filters come in the query
    string, the format in the form."""

    def post(self, request: AuthedRequest, kind: str) -> HttpResponseBase:
        return exports.download(request, kind, request.POST.get("format", ""))


class ExportObjectMixin(ScopedObjectMixin):
    """The job, from the person's own exports only."""

    context_name = "job"
    job: ExportJob
    lookup_kwarg = lookup_field = "token"

    def get_scope(self, request: HttpRequest) -> Any:
        return export_jobs.export_of(request.user)


def _status(job: ExportJob) -> dict[str, Any]:
    ready = job.state == ExportJob.State.DONE and not job.is_expired
    return {
        "state": job.shown_state,
        "state_label": job.shown_state_label,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "finished": job.finished_state,
        "download_url": reverse("exports:download", args=[job.token]) if ready else None,
    }


class ExportDetailView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str) -> HttpResponse:
        table = exports.TABLES.get(self.job.kind)
        return render(
            request,
            "core/export_detail.html",
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
            export_jobs.export_retry(job=self.job, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("exports:detail", token=self.job.token)


class ExportListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        jobs = list(export_jobs.exports_of(request.user))
        return render(
            request,
            "core/export_list.html",
            {"jobs": [(job, exports.TABLES.get(job.kind)) for job in jobs], "now": timezone.now()},
        )
