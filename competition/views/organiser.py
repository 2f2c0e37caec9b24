"""The organiser's pages: creating and setting a round, its stages and criteria, the panel and the assignment,
the ranking with its export, moving entries on, publishing, and reopening a review."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Region
from competition import exports
from competition.forms import (
    AdvanceForm,
    ConflictForm,
    CriteriaFormSet,
    ManualAssignForm,
    NoteForm,
    PanelistForm,
    RoundForm,
)
from competition.models import DeclaredConflict, Review, Round
from competition.selectors import ranking, reviews, rounds
from competition.selectors.entries import entries_in_stage, entry_label
from competition.services import evaluator, organiser, organiser_panel
from competition.views.shared import RoundMixin
from core.autocomplete import autocomplete_response
from core.views import AuthedRequest, ScopedObjectMixin, flash_service, submit_create_form, submit_form


class RoundCreateView(LoginRequiredMixin, View):
    template_name = "competition/round_form.html"

    def _regions(self, request: AuthedRequest) -> Any:
        regions = agency_selectors.regions_managed_by(request.user)
        if not regions.exists():
            raise PermissionDenied
        return regions

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": RoundForm(regions=self._regions(request))})

    def post(self, request: AuthedRequest) -> HttpResponse:
        form = RoundForm(request.POST, regions=self._regions(request))
        return submit_create_form(
            request,
            form,
            lambda data: organiser.round_create(
                region=data["region"], by=request.user, use_templates=data["use_templates"], **form.round_settings()
            ),
            url=lambda round_: reverse("competition:round", args=[round_.pk]),
            success=_("Round created. Add evaluators to its panel, then open registration."),
            invalid=lambda: render(request, self.template_name, {"form": form}, status=400),
        )


class RoundUpdateView(RoundMixin, View):
    permission = "competition.manage_round"
    template_name = "competition/round_form.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = RoundForm(instance=self.round, regions=agency_selectors.regions_managed_by(request.user))
        return render(request, self.template_name, {"form": form, "round": self.round})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = RoundForm(request.POST, instance=Round.objects.get(pk=self.round.pk), regions=Region.objects.none())
        return submit_form(
            request,
            form,
            lambda _data: organiser.round_update(round_=self.round, by=request.user, **form.round_settings()),
            success=_("Round saved."),
            then=lambda _round: redirect("competition:round", pk=self.round.pk),
            invalid=lambda: render(request, self.template_name, {"form": form, "round": self.round}, status=400),
        )


class StageOverrideView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int, stage_pk: int, override: str) -> HttpResponse:
        value = {"open": "open", "close": "closed", "auto": ""}.get(override)
        if value is None:
            raise Http404
        stage = organiser.stage_set_override(stage=self.stage(stage_pk), by=request.user, override=value)
        messages.success(request, _("%(stage)s: %(state)s.") % {"stage": stage, "state": stage.get_override_display()})
        return redirect("competition:round", pk=pk)


class CriteriaView(RoundMixin, View):
    permission = "competition.manage_round"
    template_name = "competition/criteria_form.html"

    def get(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        stage = self.stage(stage_pk)
        if not stage.is_scored:
            raise Http404
        initial = [
            {"name": c.name, "description": c.description, "weight": c.weight, "scale_max": c.scale_max}
            for c in stage.criteria.all()
        ]
        formset = CriteriaFormSet(initial=initial, prefix="criteria")
        return render(request, self.template_name, {"round": self.round, "stage": stage, "formset": formset})

    def post(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        stage = self.stage(stage_pk)
        if not stage.is_scored:
            raise Http404
        formset = CriteriaFormSet(request.POST, prefix="criteria")
        if formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            try:
                organiser.criteria_replace(
                    stage=stage,
                    by=request.user,
                    criteria=[
                        organiser.CriterionData(
                            name=r["name"], weight=r["weight"], description=r["description"], scale_max=r["scale_max"]
                        )
                        for r in rows
                    ],
                )
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)  # type: ignore[attr-defined]
            else:
                messages.success(request, _("Criteria saved."))
                return redirect("competition:round", pk=pk)
        context = {"round": self.round, "stage": stage, "formset": formset}
        return render(request, self.template_name, context, status=400)


#: Entries per page of the panel's assignment table (a province round holds thousands).
PANEL_PAGE_SIZE = 100


class EvaluatorAutocompleteView(RoundMixin, View):
    """The people the organiser may add to the round's panel (its region's evaluators not on it yet)."""

    permission = "competition.manage_round"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        candidates = rounds.evaluator_candidates(self.round)
        return autocomplete_response(
            request, candidates, fields=("full_name", "username"), label=rounds.evaluator_label
        )


class EntryAutocompleteView(RoundMixin, View):
    """The round's entries for the panel page's selects, searched by innovation or agency (a province round holds
    thousands, too many for a select): `stage` (a scored stage) narrows them to the entries at that stage, for
    assigning an evaluator by hand; without it, every entry not withdrawn, for declaring a conflict."""

    permission = "competition.manage_round"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        wanted = request.GET.get("stage", "")
        if wanted:
            stage = next((s for s in rounds.scored_stages(self.round) if str(s.pk) == wanted), None)
            if stage is None:
                raise Http404
            entries = entries_in_stage(stage)
        else:
            entries = rounds.conflict_entries(self.round)
        return autocomplete_response(request, entries, fields=("innovation__title", "agency__name"), label=entry_label)


class PanelView(RoundMixin, View):
    """The panel, declared conflicts and the assignment of evaluators per scored stage."""

    permission = "competition.manage_round"
    template_name = "competition/panel.html"

    def _context(self, request: AuthedRequest, **forms: Any) -> dict[str, Any]:
        round_ = self.round
        stages = rounds.scored_stages(round_)
        stage_pk = request.GET.get("stage") or request.POST.get("stage")
        stage = next((s for s in stages if str(s.pk) == stage_pk), stages[0])
        overview = rounds.panel_overview(round_, stage)
        page = Paginator(overview.rows, PANEL_PAGE_SIZE).get_page(request.GET.get("page"))
        return {
            "round": round_,
            "stages": stages,
            "stage": stage,
            "rows": page.object_list,
            "page": page,
            "query": urlencode({"stage": stage.pk}),
            "short": overview.short,
            "panel": overview.load,
            "conflicts": rounds.declared_conflicts(round_) if overview.load else DeclaredConflict.objects.none(),
            "panelist_form": forms.get("panelist_form")
            or PanelistForm(candidates=rounds.evaluator_candidates(round_), round_id=round_.pk),
            "conflict_form": forms.get("conflict_form") or ConflictForm(round_=round_),
            "assign_form": forms.get("assign_form")
            or ManualAssignForm(stage=stage, panel=round_.panel.select_related("user")),
        }

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        action = request.POST.get("action")
        round_ = self.round
        back = redirect(f"{request.path}?stage={request.POST.get('stage', '')}")
        try:
            if action == "add_panelist":
                form: Any = PanelistForm(
                    request.POST, candidates=rounds.evaluator_candidates(round_), round_id=round_.pk
                )
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, panelist_form=form), status=400)
                organiser_panel.panelist_add(round_=round_, by=request.user, **form.cleaned_data)
                messages.success(request, _("Evaluator added to the panel."))
            elif action == "declare_conflict":
                form = ConflictForm(request.POST, round_=round_)
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, conflict_form=form), status=400)
                evaluator.conflict_declare(by=request.user, **form.cleaned_data)
                messages.success(request, _("Conflict of interest recorded."))
            elif action == "auto_assign":
                stage = self.stage(int(request.POST.get("stage", "0") or 0))
                plan = organiser_panel.assignment_run(stage=stage, by=request.user)
                messages.success(
                    request,
                    _("%(added)d assignments made; %(short)d entries have fewer than %(k)d evaluators.")
                    % {"added": len(plan.added), "short": len(plan.short), "k": round_.evaluators_per_entry},
                )
            elif action == "manual_add":
                stage = self.stage(int(request.POST.get("stage", "0") or 0))
                form = ManualAssignForm(request.POST, stage=stage, panel=round_.panel.select_related("user"))
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, assign_form=form), status=400)
                organiser_panel.assignment_add(stage=stage, by=request.user, **form.cleaned_data)
                messages.success(request, _("Evaluator assigned."))
            elif action == "manual_remove":
                review = get_object_or_404(Review, pk=request.POST.get("review"), stage__round=round_)
                organiser_panel.assignment_remove(review=review, by=request.user)
                messages.success(request, _("Evaluator taken off the entry."))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return back


class ReviewReopenView(ScopedObjectMixin, View):
    """The organiser reopens a review of a round they see (404 otherwise) and organise (403 otherwise)."""

    permission = "competition.manage_round"
    context_name = "review"
    review: Review
    scope = reviews.reviews_reopenable_by

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        review = self.review
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the review is reopened."))
        else:
            flash_service(
                request,
                lambda: evaluator.review_reopen(review=review, by=request.user, note=form.cleaned_data["note"]),
                success=_("Review reopened: the evaluator may change it and submit it again."),
            )
        return redirect("competition:entry", pk=review.entry_id)


RANKING_PAGE_SIZE = 100


class RankingView(RoundMixin, View):
    """The organiser's ranking of a scored stage, with raw and normalised figures; export; move on; publish."""

    permission = "competition.manage_round"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        stage = ranking.ranking_stage(self.round, request.GET.get("stage"))
        if stage is None:
            raise Http404
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return exports.ranking_response(self.round, stage, ranking.ranking(stage), fmt=export)
        # The counts and "move the top N" cover every entry; the table shows them a page at a time.
        shown = ranking.ranking_page(stage, page=request.GET.get("page") or 1, size=RANKING_PAGE_SIZE)
        page = Paginator(range(shown.count), RANKING_PAGE_SIZE).get_page(shown.number)
        return render(
            request,
            "competition/ranking.html",
            {
                "round": self.round,
                "stage": stage,
                "stages": rounds.scored_stages(self.round),
                "rows": shown.rows,
                "page": page,
                "query": f"stage={stage.kind}",
                "flagged": shown.flagged,
                "unscored": shown.unscored,
                "advance_form": AdvanceForm(round_=self.round),
            },
        )


class AdvanceView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        stage = ranking.ranking_stage(self.round, request.POST.get("stage"))
        form = AdvanceForm(request.POST, round_=self.round)
        if stage is None:
            raise Http404
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or _("Check the form."))
        else:
            ids = [e.pk for e in form.cleaned_data["entries"]]
            if form.cleaned_data.get("top"):
                ids += ranking.top_entry_ids(stage, form.cleaned_data["top"])
            flash_service(
                request,
                lambda: organiser.entries_advance(round_=self.round, by=request.user, entry_ids=set(ids)),
                success=lambda moved: _("%(count)d entries moved to the next stage.") % {"count": len(moved)},
            )
        return redirect(f"{reverse('competition:ranking', args=[pk])}?stage={stage.kind}")


class PublishView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        try:
            organiser.round_publish(round_=self.round, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Results published: agencies now see their rank."))
        return redirect("competition:round", pk=pk)
