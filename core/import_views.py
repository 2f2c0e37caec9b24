"""The two pages of every import: upload a file (with the importer's scope choice), then its preview with a
confirm button. Each app subclasses both with its importer, templates and URL names."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views import View

from core import audit
from core.imports import Importer, batch_commit, batch_upload, importer_for
from core.models import ImportBatch
from core.tabular import TableError, rows_with_errors
from core.views import AuthedRequest


class ImportUploadView(LoginRequiredMixin, View):
    """GET: the upload form. POST: check the file into a batch (core.imports.batch_upload: a large one is read by
    a worker while the preview page shows progress), and go to its preview; a file refused before reading is
    shown on the file field (400)."""

    importer: ClassVar[Importer]
    template_name: ClassVar[str]
    #: The URL name of the preview page (it takes the batch's pk).
    preview_url_name: ClassVar[str]
    #: The form field that holds the scope (region or agency), where the form has one.
    scope_field: ClassVar[str] = "region"

    def get_form(self, request: AuthedRequest, data: Any = None, files: Any = None) -> forms.Form:
        """The upload form with its `file` field; raises PermissionDenied when this person may import nowhere."""
        raise ImproperlyConfigured(f"{type(self).__name__} must define get_form()")

    def get_scope(self, request: AuthedRequest, form: forms.Form) -> Any:
        return form.cleaned_data[self.scope_field]

    def get_options(self, form: forms.Form) -> dict[str, Any]:
        """What else the importer needs from the form (kept with the batch, as JSON)."""
        return {}

    def get_context_data(self, request: AuthedRequest, form: forms.Form) -> dict[str, Any]:
        return {"form": form}

    def get(self, request: AuthedRequest) -> HttpResponse:
        form = self.get_form(request)
        return render(request, self.template_name, self.get_context_data(request, form))

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = self.get_form(request, request.POST, request.FILES)
        if form.is_valid():
            scope = self.get_scope(request, form)
            if not self.importer.may_import(request.user, scope):
                raise PermissionDenied
            upload = form.cleaned_data["file"]
            try:
                batch = batch_upload(
                    importer=self.importer,
                    scope_id=scope.pk,
                    upload=upload,
                    filename=upload.name,
                    by=request.user,
                    options=self.get_options(form),
                )
            except TableError as exc:
                form.add_error("file", str(exc))
            else:
                return redirect(self.preview_url_name, pk=batch.pk)
        return render(request, self.template_name, self.get_context_data(request, form), status=400)


class ImportPreviewView(LoginRequiredMixin, View):
    """GET: the checked rows with their errors. POST: confirm, which saves every row or none.

    A batch is private to the person who uploaded it (404 for anyone else); its uploader still needs the
    importer's permission on its scope (403)."""

    importer: ClassVar[Importer]
    template_name: ClassVar[str]
    #: The URL name of the upload page, for the "upload a corrected file" form.
    upload_url_name: ClassVar[str]
    #: Where a saved import goes, and what it says there (with %(count)d, the number of things saved).
    success_url_name: ClassVar[str]
    success_message: ClassVar[Any]

    def get_batch(self, request: AuthedRequest, pk: int) -> tuple[ImportBatch, Any]:
        batch = get_object_or_404(ImportBatch, pk=pk, kind=self.importer.kind, created_by=request.user)
        scope = self.importer.scope_for(batch)
        if not self.importer.may_import(request.user, scope):
            raise PermissionDenied
        return batch, scope

    def get_context_data(self, request: AuthedRequest, batch: ImportBatch, scope: Any) -> dict[str, Any]:
        labels = self.importer.labels
        for error in batch.errors:
            label = labels.get(error["column"], error["column"])
            error["label"] = f"{label} ({error['column']})" if str(label) != error["column"] else error["column"]
        return {
            "batch": batch,
            "status": import_status(batch),
            "scope": scope,
            "rows": rows_with_errors(batch.rows, batch.errors),
            "labels": labels,
            "upload_url": reverse(self.upload_url_name),
        }

    def render_batch(self, request: AuthedRequest, batch: ImportBatch, scope: Any, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, self.get_context_data(request, batch, scope), status=status)

    def success_url(self, saved: list[Any]) -> str:
        return reverse(self.success_url_name)

    def success_text(self, saved: list[Any]) -> str:
        return str(self.success_message) % {"count": len(saved)}

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        batch, scope = self.get_batch(request, pk)
        if batch.status in (ImportBatch.Status.READING, ImportBatch.Status.UNREADABLE):
            # The same page for every import while a worker reads the file, or when it could not be read.
            context = {"batch": batch, "scope": scope, "status": import_status(batch)}
            return render(request, "core/import_reading.html", {**context, "upload_url": reverse(self.upload_url_name)})
        return self.render_batch(request, batch, scope)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        batch, scope = self.get_batch(request, pk)
        try:
            saved = batch_commit(batch=batch, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            batch.refresh_from_db()
            return self.render_batch(request, batch, scope, status=400)
        audit.record(
            audit.Kind.IMPORT, request=request, summary=f"{batch.kind} · {len(saved)}", detail={"batch": batch.pk}
        )
        messages.success(request, self.success_text(saved))
        return redirect(self.success_url(saved))


def import_status(batch: ImportBatch) -> dict[str, Any]:
    stopped = batch.stalled
    return {
        "status": "stopped" if stopped else batch.status,
        "label": str(pgettext("import status", "Stopped")) if stopped else str(batch.get_status_display()),
        "finished": stopped or batch.status != ImportBatch.Status.READING,
    }


class ImportStatusView(LoginRequiredMixin, View):
    """What the preview page polls while a worker reads the file: the uploader's own batch only (404 otherwise),
    with the importer's permission on its scope (403)."""

    def get(self, request: AuthedRequest, pk: int) -> JsonResponse:
        batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
        importer = importer_for(batch.kind)
        if not importer.may_import(request.user, importer.scope_for(batch)):
            raise PermissionDenied
        return JsonResponse(import_status(batch))
