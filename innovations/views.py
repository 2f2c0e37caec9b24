"""Pages of the innovation register."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Agency, User
from core.autocomplete import autocomplete_response
from core.datacache import filter_fragment, form_fragment
from core.exports import FORMATS, download
from core.idempotency import create_once
from core.uploads import file_response
from core.views import AuthedRequest, ScopedObjectMixin, flash_service, form_errors_from, paginate
from innovations import selectors, services
from innovations.catalogue.lineage import lineage
from innovations.catalogue.selectors import catalogue_visible_to
from innovations.forms import EvidenceFormSet, InnovationFilter, InnovationForm, InnovationStartForm, NoteForm, StopForm
from innovations.models import Evidence, Innovation

PAGE_SIZE = 50


class InnovationObjectMixin(ScopedObjectMixin):
    """The innovation, from what the person may see (404 otherwise); `permission` checked on it (403)."""

    permission = "innovations.view_innovation"
    context_name = "innovation"
    innovation: Innovation
    scope = selectors.innovations_visible_to
    scope_related = ("agency", "agency__region")


def _list_order(user: Any) -> tuple[str, ...]:
    """One region's few hundred innovations read best by agency; across regions the first page comes straight
    from `innovation_year_id_idx` (newest year, newest record) instead of sorting every innovation of the
    country by a name in another table."""
    regions = agency_selectors.region_ids_for(user)
    if regions is None or len(regions) > 1:
        return ("-year", "-pk")
    return ("-year", "agency__name", "title")


class InnovationListView(LoginRequiredMixin, View):
    """Heads (their agency and the units under it) and the mayor's office (every agency of the region)."""

    def get(self, request: AuthedRequest) -> HttpResponseBase:
        export = request.GET.get("export", "")
        if export in FORMATS:
            # Links made for the list's former own download: the registered table, as from the Download buttons.
            return download(request, "innovations", export)
        user = request.user
        innovation_filter = InnovationFilter(
            request.GET or None,
            queryset=selectors.innovation_list(user),
            # Only checks a chosen agency now (the select searches as typed); the list itself is scoped above.
            agencies=agency_selectors.agencies_visible_to(user),
            kecamatan=agency_selectors.kecamatan_choices(user),
            units=agency_selectors.agencies_visible_to(user),
            compact=agency_selectors.is_global_admin(user),
        )
        results = innovation_filter.qs if request.GET else innovation_filter.queryset
        page, query = paginate(request, results, ordering=_list_order(user))
        return render(
            request,
            "innovations/innovation_list.html",
            {
                "filter": innovation_filter,
                "page": page,
                "query": query,
                # Rendering the filter's fields through crispy was half of this page's time (pyinstrument).
                **filter_fragment(request, query),
            },
        )


class InnovationAutocompleteView(LoginRequiredMixin, View):
    """Innovations for the innovation selects of forms (core/autocomplete.py), read from the queryset the form
    checks the choice against: `replicating` (an agency the person may see) gives what that agency may name as
    its original; `region` the innovations of that region the person may see."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        agency_id, region_id = request.GET.get("replicating", ""), request.GET.get("region", "")
        if agency_id.isdigit():
            agency = agency_selectors.agencies_visible_to(request.user).filter(pk=int(agency_id)).first()
            found = selectors.replication_candidates(agency) if agency else Innovation.objects.none()
        else:
            found = selectors.innovations_visible_to(request.user).select_related("agency")
            # Before anything is typed, the newest first (read backwards from innovation_year_id_idx); sorting the
            # whole country's 200,000 titles for the first 20 took 0.8 s. Matches of a search are few: by title.
            typed = request.GET.get("q", "").strip()
            found = found.order_by("title", "pk") if typed else found.order_by("-year", "-pk")
            if region_id.isdigit():
                found = found.filter(agency__region_id=int(region_id))
        return autocomplete_response(request, found, fields=("title",), label=selectors.innovation_label)


class MyInnovationsView(LoginRequiredMixin, View):
    """ "Inovasi saya": the innovations of the agencies the user works for, by year, with who acts next."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        agency_ids = selectors.agencies_user_works_for(request.user)
        innovations = (
            Innovation.objects.filter(agency_id__in=agency_ids)
            .select_related("agency", "tahapan", "continued_from")
            .order_by("-year", "agency__name", "title")
        )
        by_year: dict[int, list[Innovation]] = defaultdict(list)
        for innovation in innovations:
            innovation.waiting_on = selectors.waiting_on(innovation)  # type: ignore[attr-defined]
            # A head reads "you" where the record waits on the head: the roles are cached, no query per row.
            innovation.your_turn = selectors.is_turn_of(request.user, innovation)  # type: ignore[attr-defined]
            by_year[innovation.year].append(innovation)
        agencies = Agency.objects.filter(pk__in=agency_ids).order_by("name")
        return render(
            request,
            "innovations/my_innovations.html",
            {
                "by_year": sorted(by_year.items(), reverse=True),
                "agencies": agencies,
                "this_year": timezone.localdate().year,
                "has_this_year": timezone.localdate().year in by_year,
            },
        )


def _evidence_formset(request: HttpRequest) -> Any:
    return EvidenceFormSet(request.POST or None, request.FILES or None, prefix="evidence")


def _ask_again(request: HttpRequest, formset: Any) -> list[str]:
    """After a refused form, the files chosen in each row that were fine but not kept (a browser never fills a
    file field again): each row names its file and asks for it again. Returns the names."""
    names = []
    for form in formset.forms:
        upload = request.FILES.get(f"{form.prefix}-file")
        if upload is not None and not form.errors.get("file"):
            form.dropped_name = upload.name or ""
            names.append(upload.name or "")
    return names


def _save_evidence(formset: Any, innovation: Innovation, by: User) -> list[str]:
    """Attach each uploaded file; return the reasons for those refused (the rest of the form is kept)."""
    refused = []
    for form in formset.forms:
        upload = form.cleaned_data.get("file") if form.is_valid() else None
        if not upload:
            continue
        try:
            services.evidence_add(
                innovation=innovation,
                by=by,
                name=upload.name,
                data=upload.read(),
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
            refused.extend(exc.messages)
    return refused


class InnovationCreateView(LoginRequiredMixin, View):
    template_name = "innovations/innovation_form.html"

    def _agencies(self, request: AuthedRequest) -> Any:
        agencies = Agency.objects.filter(pk__in=selectors.agencies_user_works_for(request.user)).order_by("name")
        if not agencies.exists():
            raise PermissionDenied
        return agencies

    def _context(self, request: AuthedRequest, start: Any, form: Any, formset: Any) -> dict[str, Any]:
        return {
            "start": start,
            "form": form,
            "formset": formset,
            "progress": form.section_progress(),
            "max_mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
            # The replication choices are the agency's region's: the fields differ by agency.
            **form_fragment(request, form, "innovation-new", form.agency.pk),
        }

    def get(self, request: AuthedRequest) -> HttpResponse:
        agencies = self._agencies(request)
        initial = {"agency": request.GET["agency"]} if request.GET.get("agency") else {}
        start = InnovationStartForm(agencies=agencies, initial=initial)
        form = InnovationForm(agency=agencies.first())
        return render(request, self.template_name, self._context(request, start, form, _evidence_formset(request)))

    def post(self, request: AuthedRequest) -> HttpResponse:
        agencies = self._agencies(request)
        start = InnovationStartForm(request.POST, agencies=agencies)
        agency = start.cleaned_data["agency"] if start.is_valid() else agencies.first()
        form = InnovationForm(request.POST, agency=agency)
        formset = _evidence_formset(request)
        if start.is_valid() and form.is_valid() and formset.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "sdgs"}

            def create() -> tuple[Innovation, list[str]]:
                innovation = services.innovation_create(
                    agency=agency,
                    year=start.cleaned_data["year"],
                    by=request.user,
                    sdgs=form.cleaned_data["sdgs"],
                    **data,
                )
                return innovation, _save_evidence(formset, innovation, request.user)

            try:
                # Once per rendered form: a retried POST goes to the draft the first one saved.
                innovation, refused = create_once(
                    request, create, url=lambda made: reverse("innovations:update", args=[made[0].pk])
                )
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                return _after_save(request, innovation, refused)
        context = self._context(request, start, form, formset)
        context["dropped"] = _ask_again(request, formset)
        return render(request, self.template_name, context, status=400)


def _after_save(request: AuthedRequest, innovation: Innovation, refused: list[str]) -> HttpResponse:
    """Save, then submit when asked; a refused file or a failed submit brings the person back to the form."""
    for reason in refused:
        messages.error(request, reason)
    if "submit" in request.POST and not refused:
        try:
            services.innovation_submit(innovation=innovation, by=request.user)
        except ValidationError as exc:
            messages.warning(
                request,
                _("Saved as a draft. Before it can be submitted: %(missing)s") % {"missing": " ".join(exc.messages)},
            )
            return redirect("innovations:update", pk=innovation.pk)
        messages.success(request, _("Saved and submitted to the head of the agency."))
        return redirect("innovations:detail", pk=innovation.pk)
    messages.success(request, _("Draft saved."))
    return redirect("innovations:update", pk=innovation.pk)


class InnovationUpdateView(InnovationObjectMixin, View):
    permission = "innovations.change_innovation"
    template_name = "innovations/innovation_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            innovation = getattr(self, "innovation", None)
            if (
                innovation is not None
                and not innovation.is_editable
                and request.user.has_perm("innovations.add_innovation", innovation.agency)
            ):
                raise PermissionDenied(
                    _("This innovation is %(state)s: it can be edited again once the mayor's office reopens it.")
                    % {"state": innovation.get_state_display().lower()}
                ) from None
            raise

    def _context(self, form: Any, formset: Any) -> dict[str, Any]:
        return {
            "innovation": self.innovation,
            "form": form,
            "formset": formset,
            "progress": form.section_progress(),
            "evidence": list(self.innovation.evidence.all()),
            "missing": services.missing_for_submission(self.innovation),
            "max_mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
            "transitions": [t for t in self.innovation.transitions.select_related("by") if t.note][-1:],
            **form_fragment(self.request, form, "innovation-edit", self.innovation.pk),
        }

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = InnovationForm(instance=self.innovation, agency=self.innovation.agency)
        return render(request, self.template_name, self._context(form, _evidence_formset(request)))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = InnovationForm(request.POST, instance=self.innovation, agency=self.innovation.agency)
        formset = _evidence_formset(request)
        if form.is_valid() and formset.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "sdgs"}
            try:
                with transaction.atomic():
                    innovation = services.innovation_update(
                        innovation=self.innovation, by=request.user, sdgs=form.cleaned_data["sdgs"], **data
                    )
                    for evidence in self.innovation.evidence.filter(pk__in=request.POST.getlist("remove_evidence")):
                        services.evidence_remove(evidence=evidence, by=request.user)
                    refused = _save_evidence(formset, innovation, request.user)
            except ValidationError as exc:
                form_errors_from(exc, form)
            else:
                if refused:
                    for reason in refused:
                        messages.error(request, reason)
                    return render(request, self.template_name, self._context(form, formset), status=400)
                return _after_save(request, innovation, refused)
        self.innovation.refresh_from_db()
        context = self._context(form, formset)
        context["dropped"] = _ask_again(request, formset)
        return render(request, self.template_name, context, status=400)


class InnovationDetailView(InnovationObjectMixin, View):
    def get_scope(self, request: HttpRequest) -> Any:
        return selectors.innovation_detail(request.user)

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        innovation = self.innovation
        user = request.user
        # Seen is read: the bell should not keep pointing at what the person has opened.
        user.notifications.filter(read_at__isnull=True, url=request.path).update(read_at=timezone.now())
        actions = [
            {"slug": slug, "note_required": services.WORKFLOW.map[slug].note_required}
            for slug in services.WORKFLOW.allowed(innovation, user)
        ]
        return render(
            request,
            "innovations/innovation_detail.html",
            {
                "innovation": innovation,
                "actions": actions,
                "can_edit": user.has_perm("innovations.change_innovation", innovation),
                "can_continue": user.has_perm("innovations.continue_innovation", innovation)
                and innovation.running == Innovation.Running.RUNNING
                and not innovation.continuations.all(),
                "can_stop": user.has_perm("innovations.stop_innovation", innovation)
                and innovation.running == Innovation.Running.RUNNING,
                "missing": services.missing_for_submission(innovation) if innovation.is_editable else [],
                "waiting_on": selectors.waiting_on(innovation),
                "note_form": NoteForm(),
                "stop_form": StopForm(),
                "years_implemented": innovation.years_implemented_on(timezone.localdate()),
                **catalogue_context(innovation, user),
                "returned_by": selectors.last_return(innovation),
            },
        )


def catalogue_context(innovation: Innovation, user: Any) -> dict[str, Any]:
    """The catalogue's part of the register page: lineage, publication choices, unpublishing."""
    catalogue = catalogue_visible_to(user)
    return {
        "tree": lineage(innovation, shown=catalogue, register=selectors.innovations_visible_to(user)),
        "in_catalogue": catalogue.filter(pk=innovation.pk).exists(),
        "can_publish": user.has_perm("innovations.publish_innovation", innovation),
        "can_unpublish": user.has_perm("innovations.unpublish_innovation", innovation),
    }


class InnovationTransitionView(InnovationObjectMixin, View):
    def post(self, request: AuthedRequest, pk: int, action: str) -> HttpResponse:
        if action not in services.TRANSITION_SERVICES:
            raise Http404
        form = NoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.TRANSITION_SERVICES[action](innovation=self.innovation, by=request.user, note=note)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("You may not do this."))
            return render(request, "403.html", status=403)
        else:
            messages.success(request, DONE_MESSAGES[action])
        return redirect("innovations:detail", pk=self.innovation.pk)


DONE_MESSAGES = {
    "submit": gettext_lazy("Submitted. The head of the agency has been notified."),
    "approve": gettext_lazy("Approved. The mayor's office has been notified."),
    "accept": gettext_lazy("Accepted into the city's register."),
    "return": gettext_lazy("Returned to the agency with your note."),
    "withdraw": gettext_lazy("Withdrawn."),
    "reopen": gettext_lazy("Reopened: the agency can edit it again."),
    "redraft": gettext_lazy("It is a draft again."),
}


class InnovationContinueView(InnovationObjectMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        try:
            copy = services.innovation_continue(innovation=self.innovation, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("innovations:detail", pk=self.innovation.pk)
        messages.success(
            request, _("Continued into %(year)d as a draft: check it and submit it.") % {"year": copy.year}
        )
        return redirect("innovations:update", pk=copy.pk)


class InnovationStopView(InnovationObjectMixin, View):
    permission = "innovations.stop_innovation"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = StopForm(request.POST)
        flash_service(
            request,
            lambda: services.innovation_stop(
                innovation=self.innovation,
                by=request.user,
                reason=form.cleaned_data["reason"] if form.is_valid() else "",
            ),
            success=_("Recorded as stopped."),
        )
        return redirect("innovations:detail", pk=self.innovation.pk)


class EvidenceDownloadView(LoginRequiredMixin, View):
    """Serves a file only to people who may see its innovation; never from a public folder."""

    def get(self, request: AuthedRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(
            Evidence.objects.select_related("innovation__agency"),
            pk=pk,
            innovation__in=selectors.innovations_visible_to(request.user),
        )
        if not request.user.has_perm("innovations.view_evidence", evidence.innovation):
            raise PermissionDenied
        return file_response(evidence.file, content_type=evidence.content_type, name=evidence.original_name)
