"""Pages of the Ombudsman's improvement notes ("rapor"): adding items to an assessment, the list of open and
overdue items, one item from entry to verification, and its evidence files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from compliance.ombudsman import selectors, services
from compliance.ombudsman.forms import (
    FindingCommentForm,
    FindingEvidenceForm,
    FindingFilter,
    FindingForm,
    FindingMoveForm,
    FindingRescheduleForm,
)
from compliance.ombudsman.models import FINDING_PENDING, Finding, FindingEvidence, FindingState
from compliance.ombudsman.views.mixins import AssessmentMixin, FindingMixin
from compliance.ombudsman.workflow import FINDING_WORKFLOW
from compliance.shared import PAGE_SIZE, managed_region, unit_filter
from compliance.standards.selectors import SERVICE_SEARCH_FIELDS, service_label, services_of_agencies
from core.autocomplete import autocomplete_response
from core.idempotency import create_once
from core.uploads import file_response
from core.views import AuthedRequest, ScopedObjectMixin, submit_form


class FindingCreateView(AssessmentMixin, View):
    """The mayor's office adds an item of the report card to an assessment."""

    permission = "compliance.import_assessments"
    template_name = "ombudsman/finding_form.html"

    def _form(self, data: Any = None) -> FindingForm:
        region = self.assessment.agency.region
        agencies = region.agencies.filter(agency_selectors.active_q()).order_by("depth", "name")
        return FindingForm(
            data,
            agencies=agencies,
            assessment_id=self.assessment.pk,
            initial={"responsible": self.assessment.agency_id},
        )

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"assessment": self.assessment, "form": self._form()})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        assessment = self.assessment
        form = self._form(request.POST)
        return submit_form(
            request,
            form,
            # Once per rendered form, like submit_create_form; but "save and add another" leads to a new form.
            lambda data: create_once(
                request,
                lambda: services.finding_create(assessment=assessment, by=request.user, **data),
                url=lambda _made: reverse("compliance:agency-assessments", args=[assessment.agency_id]),
            ),
            success=_("Improvement note added; the responsible head was notified."),
            then=lambda _finding: (
                redirect("compliance:finding-create", pk=assessment.pk)
                if "another" in request.POST
                else redirect("compliance:agency-assessments", pk=assessment.agency_id)
            ),
            invalid=lambda: render(request, self.template_name, {"assessment": assessment, "form": form}, status=400),
        )


class FindingServiceAutocompleteView(AssessmentMixin, View):
    """The services offered by an assessment's note form: those of the active units of its region."""

    permission = "compliance.import_assessments"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        agencies = self.assessment.agency.region.agencies.filter(agency_selectors.active_q())
        return autocomplete_response(
            request, services_of_agencies(agencies), fields=SERVICE_SEARCH_FIELDS, label=service_label
        )


class FindingListView(LoginRequiredMixin, View):
    """Open and overdue items: the region for the mayor's office, a head's units, staff's own agency."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        managed = agency_selectors.regions_managed_by(request.user)
        region = managed_region(request) if managed.exists() else None
        qs = selectors.finding_list(request.user, region_id=region.pk if region else None)
        qs = qs.filter(unit_filter(request, prefix="responsible__"))
        counts = selectors.finding_counts(qs)
        form = FindingFilter(request.GET or None)
        today = timezone.localdate()
        show = "pending"
        if form.is_valid():
            show = form.cleaned_data["show"] or "pending"
            if form.cleaned_data["year"]:
                qs = qs.filter(assessment__year=form.cleaned_data["year"])
            if form.cleaned_data["source"]:
                qs = qs.filter(source_type=form.cleaned_data["source"])
            if form.cleaned_data["q"]:
                qs = qs.filter(responsible__name__icontains=form.cleaned_data["q"])
        qs = {
            "pending": qs.filter(state__in=FINDING_PENDING),
            "overdue": qs.filter(state__in=FINDING_PENDING, due__lt=today),
            "done": qs.filter(state=FindingState.DONE),
            "verified": qs.filter(state=FindingState.VERIFIED),
        }.get(show, qs)
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "ombudsman/finding_list.html",
            {
                "region": region,
                "page": page,
                "form": form,
                "counts": counts,
                "today": today,
                "show": show,
                "query": query.urlencode(),
            },
        )


class FindingDetailView(FindingMixin, View):
    """One item: its history, evidence and comments, and the moves this person may make."""

    template_name = "ombudsman/finding_detail.html"

    def _render(self, request: AuthedRequest, finding: Finding, status: int = 200, **forms: Any) -> HttpResponse:
        user = request.user
        context = {
            "finding": finding,
            "overdue": finding.is_overdue(),
            "events": finding.events.select_related("by"),
            "evidence": finding.evidence.all(),
            "moves": [(to, FindingState(to).label) for to in self._targets(finding, user)],
            "can_work": user.has_perm("compliance.work_on_finding", finding.responsible)
            and finding.state != FindingState.VERIFIED,
            "can_verify": user.has_perm("compliance.verify_finding", finding.responsible.region),
            "evidence_form": forms.get("evidence_form") or FindingEvidenceForm(),
            "comment_form": forms.get("comment_form") or FindingCommentForm(),
            "move_form": forms.get("move_form") or FindingMoveForm(),
            "reschedule_form": forms.get("reschedule_form") or FindingRescheduleForm(initial={"due": finding.due}),
        }
        return render(request, self.template_name, context, status=status)

    def _targets(self, finding: Finding, user: Any) -> list[str]:
        """The states this person may move the item to now (the buttons post the state, not the move)."""
        return [FINDING_WORKFLOW.map[action].target for action in FINDING_WORKFLOW.allowed(finding, user)]

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request, self.finding)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        finding = self.finding
        action = request.POST.get("action", "")
        handler = {
            "move": self._move,
            "evidence": self._evidence,
            "comment": self._comment,
            "reschedule": self._reschedule,
        }.get(action)
        if handler is None:
            messages.error(request, _("Unknown action."))
            return self._render(request, finding, status=400)
        return handler(request, finding)

    def _move(self, request: AuthedRequest, finding: Finding) -> HttpResponse:
        form = FindingMoveForm(request.POST)
        # A file sent with "mark done" is saved first, so evidence and the move are one step for the head.
        evidence_form = FindingEvidenceForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Choose what to do with the item."))
            return self._render(request, finding, status=400, move_form=form)
        try:
            if request.FILES.get("file") and evidence_form.is_valid():
                self._save_evidence(request, finding, evidence_form)
            services.finding_move(
                finding=finding, to=form.cleaned_data["to"], by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self._render(request, finding, status=400, move_form=form)
        messages.success(
            request, _("The item is now: %(state)s.") % {"state": FindingState(form.cleaned_data["to"]).label}
        )
        return redirect("compliance:finding", pk=finding.pk)

    def _save_evidence(self, request: AuthedRequest, finding: Finding, form: FindingEvidenceForm) -> None:
        upload = form.cleaned_data["file"]
        services.finding_add_evidence(
            finding=finding,
            by=request.user,
            name=upload.name,
            data=upload.read(settings.EVIDENCE_MAX_BYTES + 1),
            caption=form.cleaned_data["caption"],
            max_bytes=settings.EVIDENCE_MAX_BYTES,
        )

    def _evidence(self, request: AuthedRequest, finding: Finding) -> HttpResponse:
        form = FindingEvidenceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                self._save_evidence(request, finding, form)
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                messages.success(request, _("Evidence added."))
                return redirect("compliance:finding", pk=finding.pk)
        return self._render(request, finding, status=400, evidence_form=form)

    def _comment(self, request: AuthedRequest, finding: Finding) -> HttpResponse:
        form = FindingCommentForm(request.POST)
        if form.is_valid():
            services.finding_comment(finding=finding, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Comment added."))
            return redirect("compliance:finding", pk=finding.pk)
        return self._render(request, finding, status=400, comment_form=form)

    def _reschedule(self, request: AuthedRequest, finding: Finding) -> HttpResponse:
        form = FindingRescheduleForm(request.POST)
        return submit_form(
            request,
            form,
            lambda data: services.finding_reschedule(finding=finding, by=request.user, **data),
            success=_("Due date changed."),
            then=lambda _finding: redirect("compliance:finding", pk=finding.pk),
            invalid=lambda: self._render(request, finding, status=400, reschedule_form=form),
        )


class FindingEvidenceView(ScopedObjectMixin, View):
    """A file of an item, to those who may see the item."""

    permission = "compliance.view_finding"
    context_name = "evidence"
    evidence: FindingEvidence
    permission_on = "finding.responsible"

    def get_scope(self, request: HttpRequest) -> QuerySet[FindingEvidence]:
        return FindingEvidence.objects.select_related("finding__responsible").filter(
            finding__in=selectors.findings_visible_to(request.user)
        )

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = self.evidence
        return file_response(evidence.file, content_type=evidence.content_type, name=evidence.original_name)
