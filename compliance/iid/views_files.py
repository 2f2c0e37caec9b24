"""The catalogue's pages (the year's indicators, loading a new year's file) and the portal export's pages
(start, progress, the two files)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View

from agencies.selectors import active_roles
from compliance.iid import imports, portal, selectors
from compliance.iid.forms import CatalogueImportForm
from compliance.iid.models import PortalExport
from compliance.shared import year_param
from core.import_views import ImportPreviewView, ImportUploadView
from core.views import AuthedRequest, ScopedObjectMixin


class CatalogueView(LoginRequiredMixin, View):
    """The year's indicators with weights, parameters and evidence, its bands and counting rule; for everyone
    with a role (the people answering need to read it)."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        if not request.user.is_superuser and not active_roles(request.user):
            raise PermissionDenied
        year = year_param(request)
        catalogue = selectors.catalogue_for(year)
        return render(
            request,
            "iid/catalogue.html",
            {
                "catalogue": catalogue,
                "year": year,
                "years": selectors.years(),
                "can_load": request.user.has_perm("iid.load_catalogue"),
            },
        )


class CatalogueImportView(ImportUploadView):
    importer = imports.IMPORTER
    template_name = "iid/catalogue_import.html"
    preview_url_name = "compliance:iid-catalogue-preview"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> CatalogueImportForm:
        if not request.user.has_perm("iid.load_catalogue"):
            raise PermissionDenied
        return CatalogueImportForm(data, files, initial={"year": year_param(request)})

    def get_scope(self, request: AuthedRequest, form: Any) -> imports.Year:
        return imports.Year(form.cleaned_data["year"])


class CatalogueImportPreviewView(ImportPreviewView):
    importer = imports.IMPORTER
    template_name = "iid/catalogue_preview.html"
    upload_url_name = "compliance:iid-catalogue-import"
    success_url_name = "compliance:iid-catalogue"
    success_message = gettext_lazy("%(count)d indicators saved.")

    def success_url(self, saved: list[Any]) -> str:
        year = saved[0].catalogue.year if saved else ""
        return f"{reverse(self.success_url_name)}?year={year}"


class ExportStartView(LoginRequiredMixin, View):
    """POST from the index page: queue the workbook and the ZIP, then show their progress."""

    def post(self, request: AuthedRequest) -> HttpResponseBase:
        regions = selectors.regions_with_index(request.user)
        wanted = request.POST.get("region", "")
        region = regions.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        if region is None or not request.user.has_perm("iid.export_portal", region):
            raise PermissionDenied
        year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else timezone.localdate().year
        job = portal.export_start(owner=request.user, region=region, year=year)
        return redirect("compliance:iid-export", token=job.token)


class ExportObjectMixin(ScopedObjectMixin):
    """Only the person's own exports: anyone else's is 404."""

    context_name = "job"
    job: PortalExport
    lookup_kwarg = lookup_field = "token"

    def get_scope(self, request: HttpRequest) -> Any:
        return selectors.exports_of(request.user).select_related("region")


def _status(job: PortalExport) -> dict[str, Any]:
    ready = job.state == PortalExport.State.DONE and job.expires_at > timezone.now()
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "percent": job.percent,
        "finished": job.state in (PortalExport.State.DONE, PortalExport.State.FAILED),
        "workbook_url": reverse("compliance:iid-export-file", args=[job.token, "xlsx"]) if ready else None,
        "archive_url": reverse("compliance:iid-export-file", args=[job.token, "zip"]) if ready else None,
    }


class ExportDetailView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str) -> HttpResponse:
        return render(request, "iid/export.html", {"job": self.job, "status": _status(self.job)})


class ExportStatusView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str) -> JsonResponse:
        return JsonResponse(_status(self.job))


class ExportFileView(ExportObjectMixin, View):
    def get(self, request: AuthedRequest, token: str, which: str) -> FileResponse:
        job = self.job
        if job.state != PortalExport.State.DONE or job.expires_at <= timezone.now() or which not in ("xlsx", "zip"):
            raise Http404
        stored = job.workbook if which == "xlsx" else job.archive
        try:
            handle = stored.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        name = f"iid-{job.year}-{job.region.code}" + (".xlsx" if which == "xlsx" else "-bukti.zip")
        return FileResponse(handle, as_attachment=True, filename=name)
