"""Pages of readiness: the region overview (least ready first, with download), one unit's checklist of a year
(on paper, on the ground, field checks and their improvement notes), the field-check form and the files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import selectors as agency_selectors
from compliance.readiness import domain, selectors, services
from compliance.readiness.forms import FieldCheckForm, GroundForm, PaperForm
from compliance.readiness.models import Checklist, CheckResult, EntryFile, FieldCheckPhoto
from compliance.shared import AgencyInScopeMixin, managed_region, page_download, year_param
from compliance.standards.models import Service
from core.uploads import file_response, upload_arguments
from core.views import AuthedRequest, ScopedObjectMixin, flash_service, submit_create_form, submit_form


class ReadinessOverviewView(LoginRequiredMixin, View):
    """The mayor's office: every unit's readiness of a year, least ready first; late units marked."""

    def _context(self, request: AuthedRequest) -> dict[str, Any]:
        region = managed_region(request)
        if not request.user.has_perm("readiness.view_overview", region):
            raise PermissionDenied
        year = year_param(request)
        deadline = selectors.deadline_for(region, year)
        today = timezone.localdate()
        return {
            "region": region,
            "year": year,
            "years": selectors.years_with_items(),
            "deadline": deadline,
            "late": domain.is_late(today, deadline),
            "days_left": (deadline - today).days,
            "rows": selectors.region_overview(region, year),
        }

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        context = self._context(request)
        fmt = request.GET.get("export", "")
        if fmt:
            return page_download(request, "readiness", fmt, region=context["region"], year=context["year"])
        return render(request, "readiness/overview.html", context)

    def post(self, request: AuthedRequest) -> HttpResponseBase:
        context = self._context(request)
        region, year = context["region"], context["year"]
        units = list(
            region.agencies.filter(agency_selectors.active_q())
            .filter(pk__in=Service.objects.filter(active=True).values("agency_id"))
            .order_by("name")
        )
        flash_service(
            request,
            lambda: services.checklists_open_region(region=region, year=year, by=request.user, agencies=units),
            success=lambda created: _("%(count)d checklists opened.") % {"count": created},
        )
        return redirect(f"{request.path}?region={region.pk}&year={year}")


class ChecklistView(AgencyInScopeMixin, View):
    """One unit's checklist of a year: every item on paper and on the ground, the field checks and their notes."""

    permission = "readiness.view_checklist"

    def _render(self, request: AuthedRequest, year: int, status: int = 200, **forms: Any) -> HttpResponse:
        agency, user = self.agency, request.user
        checklist = selectors.checklist_of(agency, year)
        entries = selectors.entries_of(checklist) if checklist else []
        deadline = selectors.deadline_for(agency.region_id, year)
        context = {
            "agency": agency,
            "year": year,
            "checklist": checklist,
            "entries": entries,
            "score": selectors.checklist_score(checklist) if checklist else None,
            "deadline": deadline,
            "late": domain.is_late(timezone.localdate(), deadline),
            "field_checks": selectors.field_checks_of(checklist) if checklist else [],
            "can_open": user.has_perm("readiness.open_checklist", agency),
            "can_paper": user.has_perm("readiness.record_paper", agency),
            "can_ground": user.has_perm("readiness.record_ground", agency),
            "can_finding": user.has_perm("compliance.import_assessments", agency.region),
            "paper_form": forms.get("paper_form") or PaperForm(),
            "ground_form": forms.get("ground_form") or GroundForm(),
            "form_entry": forms.get("entry_id"),
        }
        return render(request, "readiness/checklist.html", context, status=status)

    def get(self, request: AuthedRequest, pk: int, year: int) -> HttpResponse:
        return self._render(request, year)

    def post(self, request: AuthedRequest, pk: int, year: int) -> HttpResponseBase:
        action = request.POST.get("action", "")
        try:
            if action == "open":
                services.checklist_open(agency=self.agency, year=year, by=request.user)
                messages.success(request, _("Checklist opened."))
                return redirect("compliance:readiness-checklist", pk=pk, year=year)
            if action == "finding":
                result = get_object_or_404(
                    CheckResult, pk=request.POST.get("result", "0") or 0, field_check__checklist__agency=self.agency
                )
                finding = services.check_result_open_finding(result=result, by=request.user)
                messages.success(request, _("Improvement note opened; the unit's head was notified."))
                return redirect("compliance:finding", pk=finding.pk)
            checklist = selectors.checklist_of(self.agency, year)
            entry = checklist.entries.filter(pk=request.POST.get("entry", "0") or 0).first() if checklist else None
            if entry is None:
                raise Http404
            if action in _RECORDS:
                return self._record(request, year, entry, action)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self._render(request, year, status=400)
        messages.error(request, _("Unknown action."))
        return self._render(request, year, status=400)

    def _record(self, request: AuthedRequest, year: int, entry: Any, action: str) -> HttpResponse:
        """An item shown ready on paper or on the ground: the one form, its file and its service per action."""
        form_class, upload_field, record, done = _RECORDS[action]
        form = form_class(request.POST, request.FILES)
        return submit_form(
            request,
            form,
            lambda data: record(entry=entry, by=request.user, **upload_arguments(data, upload_field)),
            success=lambda _entry: done % {"item": entry.item.label},
            then=lambda _entry: redirect("compliance:readiness-checklist", pk=self.agency.pk, year=year),
            invalid=lambda: self._render(request, year, status=400, entry_id=entry.pk, **{f"{action}_form": form}),
        )


# action -> (form, its file field, the service that records it, the message once recorded)
_RECORDS: dict[str, tuple[Any, str, Any, Any]] = {
    "paper": (PaperForm, "file", services.entry_record_paper, gettext_lazy("Recorded on paper: %(item)s.")),
    "ground": (GroundForm, "photo", services.entry_record_ground, gettext_lazy("Confirmed on the ground: %(item)s.")),
}


class FieldCheckView(AgencyInScopeMixin, View):
    """The mayor's office records an unannounced visit to the unit."""

    permission = "readiness.record_ground"

    def _checklist(self, year: int) -> Checklist:
        checklist = selectors.checklist_of(self.agency, year)
        if checklist is None:
            raise Http404
        return checklist

    def _render(self, request: AuthedRequest, year: int, form: FieldCheckForm, status: int = 200) -> HttpResponse:
        context = {"agency": self.agency, "year": year, "form": form}
        return render(request, "readiness/field_check_form.html", context, status=status)

    def get(self, request: AuthedRequest, pk: int, year: int) -> HttpResponse:
        entries = selectors.entries_of(self._checklist(year))
        return self._render(request, year, FieldCheckForm(entries=entries))

    def post(self, request: AuthedRequest, pk: int, year: int) -> HttpResponse:
        checklist = self._checklist(year)
        form = FieldCheckForm(request.POST, request.FILES, entries=selectors.entries_of(checklist))
        return submit_create_form(
            request,
            form,
            lambda data: services.field_check_record(
                checklist=checklist,
                by=request.user,
                visited_on=data["visited_on"],
                team=data["team"],
                findings=data["findings"],
                results=form.results(),
                photos=[(f.name, f.read()) for f in data["photos"]],
            ),
            # A retried POST goes to the checklist the first one updated.
            url=lambda _check: reverse("compliance:readiness-checklist", kwargs={"pk": pk, "year": year}),
            success=lambda check: (
                _("Field check recorded: %(failed)d items failed and are not ready.")
                % {"failed": sum(1 for r in check.results.all() if not r.passed)}
            ),
            invalid=lambda: self._render(request, year, form, status=400),
        )


class _FileView(ScopedObjectMixin):
    permission = "readiness.view_checklist"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        upload = self.object  # type: ignore[attr-defined]
        return file_response(upload.file, content_type=upload.content_type, name=upload.original_name)


class EntryFileView(_FileView, View):
    permission_on = "entry.checklist.agency"

    def get_scope(self, request: HttpRequest) -> QuerySet[EntryFile]:
        visible = selectors.checklists_visible_to(request.user)
        return EntryFile.objects.filter(entry__checklist__in=visible).select_related("entry__checklist__agency")


class FieldCheckPhotoView(_FileView, View):
    permission_on = "field_check.checklist.agency"

    def get_scope(self, request: HttpRequest) -> QuerySet[FieldCheckPhoto]:
        visible = selectors.checklists_visible_to(request.user)
        return FieldCheckPhoto.objects.filter(field_check__checklist__in=visible).select_related(
            "field_check__checklist__agency"
        )
