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
from django.views import View

from agencies import selectors as agency_selectors
from compliance.readiness import domain, selectors, services
from compliance.readiness.forms import FieldCheckForm, GroundForm, PaperForm
from compliance.readiness.models import Checklist, CheckResult, EntryFile, FieldCheckPhoto
from compliance.shared import AgencyInScopeMixin, managed_region, page_download, year_param
from compliance.standards.models import Service
from core.idempotency import create_once
from core.uploads import file_response
from core.views import AuthedRequest, ScopedObjectMixin, form_errors_from


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
        try:
            created = services.checklists_open_region(region=region, year=year, by=request.user, agencies=units)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(count)d checklists opened.") % {"count": created})
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
        here = redirect("compliance:readiness-checklist", pk=pk, year=year)
        try:
            if action == "open":
                services.checklist_open(agency=self.agency, year=year, by=request.user)
                messages.success(request, _("Checklist opened."))
                return here
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
            if action == "paper":
                return self._paper(request, year, entry) or here
            if action == "ground":
                return self._ground(request, year, entry) or here
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self._render(request, year, status=400)
        messages.error(request, _("Unknown action."))
        return self._render(request, year, status=400)

    def _paper(self, request: AuthedRequest, year: int, entry: Any) -> HttpResponse | None:
        form = PaperForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.entry_record_paper(
                    entry=entry,
                    by=request.user,
                    link=form.cleaned_data["link"],
                    note=form.cleaned_data["note"],
                    name=upload.name if upload else "",
                    data=upload.read() if upload else None,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Recorded on paper: %(item)s.") % {"item": entry.item.label})
                return None
        return self._render(request, year, status=400, paper_form=form, entry_id=entry.pk)

    def _ground(self, request: AuthedRequest, year: int, entry: Any) -> HttpResponse | None:
        form = GroundForm(request.POST, request.FILES)
        if form.is_valid():
            photo = form.cleaned_data["photo"]
            try:
                services.entry_record_ground(
                    entry=entry,
                    by=request.user,
                    seen_by=form.cleaned_data["seen_by"],
                    seen_on=form.cleaned_data["seen_on"],
                    note=form.cleaned_data["note"],
                    name=photo.name if photo else "",
                    data=photo.read() if photo else None,
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                messages.success(request, _("Confirmed on the ground: %(item)s.") % {"item": entry.item.label})
                return None
        return self._render(request, year, status=400, ground_form=form, entry_id=entry.pk)


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
        if form.is_valid():
            try:
                # Once per rendered form: a retried POST goes to the checklist the first one updated.
                check = create_once(
                    request,
                    lambda: services.field_check_record(
                        checklist=checklist,
                        by=request.user,
                        visited_on=form.cleaned_data["visited_on"],
                        team=form.cleaned_data["team"],
                        findings=form.cleaned_data["findings"],
                        results=form.results(),
                        photos=[(f.name, f.read()) for f in form.cleaned_data["photos"]],
                    ),
                    url=lambda made: reverse("compliance:readiness-checklist", kwargs={"pk": pk, "year": year}),
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                failed = sum(1 for r in check.results.all() if not r.passed)
                messages.success(
                    request,
                    _("Field check recorded: %(failed)d items failed and are not ready.") % {"failed": failed},
                )
                return redirect("compliance:readiness-checklist", pk=pk, year=year)
        return self._render(request, year, form, status=400)


class _FileView(ScopedObjectMixin):
    permission = "readiness.view_checklist"
    path_to_agency = ""

    def get_permission_object(self, obj: Any) -> Any:
        for part in self.path_to_agency.split("."):
            obj = getattr(obj, part)
        return obj

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        upload = self.object  # type: ignore[attr-defined]
        return file_response(upload.file, content_type=upload.content_type, name=upload.original_name)


class EntryFileView(_FileView, View):
    path_to_agency = "entry.checklist.agency"

    def get_scope(self, request: HttpRequest) -> QuerySet[EntryFile]:
        visible = selectors.checklists_visible_to(request.user)
        return EntryFile.objects.filter(entry__checklist__in=visible).select_related("entry__checklist__agency")


class FieldCheckPhotoView(_FileView, View):
    path_to_agency = "field_check.checklist.agency"

    def get_scope(self, request: HttpRequest) -> QuerySet[FieldCheckPhoto]:
        visible = selectors.checklists_visible_to(request.user)
        return FieldCheckPhoto.objects.filter(field_check__checklist__in=visible).select_related(
            "field_check__checklist__agency"
        )
