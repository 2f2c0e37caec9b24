"""Pages of the competition: thin views over `competition.selectors` and `competition.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from agencies.models import Region
from agencies.views import AuthedRequest, _form_errors_from
from competition import exports, selectors, services
from competition.forms import (
    AdvanceForm,
    AttachmentForm,
    ConflictForm,
    CriteriaFormSet,
    EnterForm,
    EntryForm,
    ManualAssignForm,
    NoteForm,
    PanelistForm,
    ReviewForm,
    RoundForm,
    SelectionForm,
)
from competition.models import Entry, EntryState, Review, Round, Stage, section_label


class RoundMixin(LoginRequiredMixin):
    """Loads the round from those the user may see (404 otherwise), then checks `permission` (403)."""

    permission = "competition.view_round"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.round = get_object_or_404(
            selectors.rounds_visible_to(request.user).select_related("region"), pk=kwargs["pk"]
        )
        if not request.user.has_perm(self.permission, self.round):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def stage(self, stage_pk: int) -> Stage:
        return get_object_or_404(self.round.stages.all(), pk=stage_pk)


class EntryMixin(LoginRequiredMixin):
    permission = "competition.view_entry"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.entry = get_object_or_404(
            selectors.entries_visible_to(request.user).select_related(
                "round", "round__region", "agency", "innovation", "group", "category", "stage"
            ),
            pk=kwargs["pk"],
        )
        if not request.user.has_perm(self.permission, self.entry):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RoundListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        rounds = list(selectors.round_list(request.user))
        return render(
            request,
            "competition/round_list.html",
            {
                "rounds": rounds,
                "may_create": agency_selectors.regions_managed_by(request.user).exists(),
                "review_count": selectors.reviews_of_evaluator(request.user).exclude(state="submitted").count(),
            },
        )


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
        if form.is_valid():
            try:
                round_ = services.round_create(
                    region=form.cleaned_data["region"],
                    by=request.user,
                    stage_dates=form.stage_dates(),
                    categories=form.cleaned_data["categories"],
                    groups=form.cleaned_data["groups"],
                    allowed_agency_types=form.cleaned_data["allowed_agency_types"],
                    use_templates=form.cleaned_data["use_templates"],
                    **form.round_fields(),
                )
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                messages.success(request, _("Round created. Add evaluators to its panel, then open registration."))
                return redirect("competition:round", pk=round_.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class RoundUpdateView(RoundMixin, View):
    permission = "competition.manage_round"
    template_name = "competition/round_form.html"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = RoundForm(instance=self.round, regions=agency_selectors.regions_managed_by(request.user))
        return render(request, self.template_name, {"form": form, "round": self.round})

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = RoundForm(request.POST, instance=Round.objects.get(pk=self.round.pk), regions=Region.objects.none())
        if form.is_valid():
            try:
                services.round_update(
                    round_=self.round,
                    by=request.user,
                    stage_dates=form.stage_dates(),
                    categories=form.cleaned_data["categories"],
                    groups=form.cleaned_data["groups"],
                    allowed_agency_types=form.cleaned_data["allowed_agency_types"],
                    **form.round_fields(),
                )
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                messages.success(request, _("Round saved."))
                return redirect("competition:round", pk=self.round.pk)
        return render(request, self.template_name, {"form": form, "round": self.round}, status=400)


class RoundDetailView(RoundMixin, View):
    """The organiser's dashboard, or an agency's view of the round (its entries and, once published, results)."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        round_ = self.round
        stages = selectors.stages_of(round_)
        today = timezone.localdate()
        organiser = request.user.has_perm("competition.manage_round", round_)
        context: dict[str, Any] = {
            "round": round_,
            "stages": stages,
            "current": selectors.current_stage(stages, today),
            "organiser": organiser,
            "may_enter": request.user.has_perm("competition.enter_round", round_)
            and any(s.kind == "registration" and s.is_open_on(today) for s in stages),
            "my_entries": list(selectors.entries_of_agencies(request.user, round_)),
            "sees_results": request.user.has_perm("competition.view_results", round_),
        }
        if organiser:
            counts = selectors.entry_counts(round_)
            context.update(
                {
                    "stage_counts": [
                        (
                            s,
                            sum(
                                n
                                for (stage_id, state), n in counts.items()
                                if stage_id == s.pk and state != "withdrawn"
                            ),
                        )
                        for s in stages
                    ],
                    "state_counts": {
                        state: sum(n for (_s, st), n in counts.items() if st == state) for state in EntryState.values
                    },
                    "progress": selectors.panel_progress(round_),
                    "scored_stages": [s for s in stages if s.is_scored],
                    "entries": list(selectors.round_entries(round_)),
                    "events": list(round_.events.select_related("by", "stage").order_by("-at", "-id")[:10]),
                }
            )
        return render(request, "competition/round_detail.html", context)


class StageOverrideView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int, stage_pk: int, override: str) -> HttpResponse:
        value = {"open": "open", "close": "closed", "auto": ""}.get(override)
        if value is None:
            raise Http404
        stage = services.stage_set_override(stage=self.stage(stage_pk), by=request.user, override=value)
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
                services.criteria_replace(
                    stage=stage,
                    by=request.user,
                    criteria=[
                        services.CriterionData(
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


class PanelView(RoundMixin, View):
    """The panel, declared conflicts and the assignment of evaluators per scored stage."""

    permission = "competition.manage_round"
    template_name = "competition/panel.html"

    def _context(self, request: AuthedRequest, **forms: Any) -> dict[str, Any]:
        round_ = self.round
        panel = round_.panel.select_related("user")
        stages = selectors.scored_stages(round_)
        stage_pk = request.GET.get("stage") or request.POST.get("stage")
        stage = next((s for s in stages if str(s.pk) == stage_pk), stages[0])
        entries = list(selectors.entries_in_stage(stage))
        panel_list = list(panel)
        conflicts = services.conflicts_of(round_, entries, panel_list)
        reviews = Review.objects.filter(stage=stage).select_related("panelist__user")
        by_entry: dict[int, list[Review]] = {}
        for review in reviews:
            by_entry.setdefault(review.entry_id, []).append(review)
        k = round_.evaluators_per_entry
        rows = [
            {
                "entry": e,
                "reviews": by_entry.get(e.pk, []),
                "conflicted": [p for p in panel_list if (e.pk, p.pk) in conflicts],
                "short": len(by_entry.get(e.pk, [])) < k,
            }
            for e in entries
        ]
        load = {p.pk: 0 for p in panel_list}
        for review in reviews:
            load[review.panelist_id] = load.get(review.panelist_id, 0) + 1
        return {
            "round": round_,
            "stages": stages,
            "stage": stage,
            "rows": rows,
            "short": [r for r in rows if r["short"]],
            "panel": [(p, load.get(p.pk, 0)) for p in panel_list],
            "conflicts": round_.entries.none()
            if not panel_list
            else services.DeclaredConflict.objects.filter(panelist__round=round_).select_related(
                "panelist__user", "entry__innovation", "declared_by"
            ),
            "panelist_form": forms.get("panelist_form")
            or PanelistForm(candidates=selectors.evaluator_candidates(round_)),
            "conflict_form": forms.get("conflict_form") or ConflictForm(round_=round_),
            "assign_form": forms.get("assign_form")
            or ManualAssignForm(entries=selectors.entries_in_stage(stage), panel=panel),
        }

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self._context(request))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        action = request.POST.get("action")
        round_ = self.round
        back = redirect(f"{request.path}?stage={request.POST.get('stage', '')}")
        try:
            if action == "add_panelist":
                form: Any = PanelistForm(request.POST, candidates=selectors.evaluator_candidates(round_))
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, panelist_form=form), status=400)
                services.panelist_add(round_=round_, by=request.user, **form.cleaned_data)
                messages.success(request, _("Evaluator added to the panel."))
            elif action == "declare_conflict":
                form = ConflictForm(request.POST, round_=round_)
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, conflict_form=form), status=400)
                services.conflict_declare(by=request.user, **form.cleaned_data)
                messages.success(request, _("Conflict of interest recorded."))
            elif action == "auto_assign":
                stage = self.stage(int(request.POST.get("stage", "0") or 0))
                plan = services.assignment_run(stage=stage, by=request.user)
                messages.success(
                    request,
                    _("%(added)d assignments made; %(short)d entries have fewer than %(k)d evaluators.")
                    % {"added": len(plan.added), "short": len(plan.short), "k": round_.evaluators_per_entry},
                )
            elif action == "manual_add":
                stage = self.stage(int(request.POST.get("stage", "0") or 0))
                form = ManualAssignForm(
                    request.POST, entries=selectors.entries_in_stage(stage), panel=round_.panel.select_related("user")
                )
                if not form.is_valid():
                    return render(request, self.template_name, self._context(request, assign_form=form), status=400)
                services.assignment_add(stage=stage, by=request.user, **form.cleaned_data)
                messages.success(request, _("Evaluator assigned."))
            elif action == "manual_remove":
                review = get_object_or_404(Review, pk=request.POST.get("review"), stage__round=round_)
                services.assignment_remove(review=review, by=request.user)
                messages.success(request, _("Evaluator taken off the entry."))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return back


class EnterView(RoundMixin, View):
    """An agency enters one of its accepted innovations; each candidate's eligibility is shown first."""

    permission = "competition.enter_round"
    template_name = "competition/enter.html"

    def _context(self, request: AuthedRequest, form: EnterForm) -> dict[str, Any]:
        candidates = selectors.candidate_innovations(request.user, self.round)
        groups = list(self.round.groups.all())
        default_group = next((g for g in groups if not g.is_replication), groups[0] if groups else None)
        chosen_group = form.cleaned_data.get("group") if form.is_bound and hasattr(form, "cleaned_data") else None
        rows = []
        for innovation in candidates:
            group = chosen_group or (
                next((g for g in groups if g.is_replication), default_group)
                if innovation.replication_of_id or innovation.replication_source_name
                else default_group
            )
            checks = selectors.eligibility(round_=self.round, innovation=innovation, group=group)
            rows.append({"innovation": innovation, "checks": checks, "ok": all(c.ok for c in checks)})
        return {"round": self.round, "form": form, "rows": rows}

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EnterForm(
            round_=self.round,
            innovations=selectors.candidate_innovations(request.user, self.round),
            initial={"innovation": request.GET.get("innovation")},
        )
        return render(request, self.template_name, self._context(request, form))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EnterForm(
            request.POST, round_=self.round, innovations=selectors.candidate_innovations(request.user, self.round)
        )
        if form.is_valid():
            try:
                entry = services.entry_create(round_=self.round, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                messages.success(request, _("Entry created as a draft. Check the proposal, then submit it."))
                return redirect("competition:entry-edit", pk=entry.pk)
        return render(request, self.template_name, self._context(request, form), status=400)


class EntryDetailView(EntryMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request)

    def _render(
        self, request: AuthedRequest, selection: SelectionForm | None = None, status: int = 200
    ) -> HttpResponse:
        entry = get_object_or_404(selectors.entry_detail(request.user), pk=self.entry.pk)
        round_ = entry.round
        organiser = request.user.has_perm("competition.manage_round", round_)
        context: dict[str, Any] = {
            "entry": entry,
            "round": round_,
            "organiser": organiser,
            "checks": selectors.eligibility(round_=round_, innovation=entry.innovation, group=entry.group, entry=entry),
            "missing": selectors.missing_sections(entry) if entry.state == EntryState.DRAFT else [],
            "sections": [
                (section_label(name), getattr(entry, name))
                for name, _l, only in services.SECTIONS
                if not only or entry.group.is_replication
            ],
            "may_edit": request.user.has_perm("competition.change_entry", entry),
            "may_submit": request.user.has_perm("competition.submit_entry", entry),
            "may_withdraw": request.user.has_perm("competition.withdraw_entry", entry),
            "may_select": request.user.has_perm("competition.select_entry", entry),
            "sees_results": request.user.has_perm("competition.view_results", round_),
            "comments": selectors.published_comments(entry),
            "my_reviews": list(Review.objects.filter(entry=entry, panelist__user=request.user).select_related("stage")),
        }
        if context["may_select"]:
            context["selection"] = selection or SelectionForm()
        if organiser:
            context["reviews"] = list(
                Review.objects.filter(entry=entry)
                .select_related("panelist__user", "stage")
                .prefetch_related("scores__criterion", "scores__changes__by", "transitions__by")
                .order_by("stage__order", "id")
            )
            context["reopen_form"] = NoteForm()
        return render(request, "competition/entry_detail.html", context, status=status)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        """The organiser's administrative selection."""
        if not request.user.has_perm("competition.select_entry", self.entry):
            raise PermissionDenied
        form = SelectionForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "pass":
                    services.entry_pass(
                        entry=self.entry, by=request.user, checklist=form.checklist(), note=form.cleaned_data["note"]
                    )
                    messages.success(request, _("The entry passed administrative selection."))
                else:
                    services.entry_fail(
                        entry=self.entry, by=request.user, checklist=form.checklist(), note=form.cleaned_data["note"]
                    )
                    messages.success(request, _("The entry failed administrative selection; the agency sees why."))
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                return redirect("competition:entry", pk=self.entry.pk)
        return self._render(request, selection=form, status=400)


class EntryEditView(EntryMixin, View):
    permission = "competition.change_entry"
    template_name = "competition/entry_form.html"

    def _context(self, form: EntryForm, attachment: AttachmentForm) -> dict[str, Any]:
        entry = self.entry
        return {
            "entry": entry,
            "round": entry.round,
            "form": form,
            "attachment_form": attachment,
            "attachments": list(entry.attachments.all()),
            "checks": selectors.eligibility(
                round_=entry.round, innovation=entry.innovation, group=entry.group, entry=entry
            ),
            "missing": selectors.missing_sections(entry),
        }

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self._context(EntryForm(instance=self.entry), AttachmentForm()))

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        form = EntryForm(request.POST, instance=Entry.objects.select_related("group").get(pk=self.entry.pk))
        attachment = AttachmentForm(request.POST, request.FILES)
        if form.is_valid() and attachment.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields}
            try:
                self.entry = services.entry_update(entry=self.entry, by=request.user, **data)
                upload = attachment.cleaned_data.get("file")
                if upload:
                    services.attachment_add(
                        entry=self.entry,
                        by=request.user,
                        name=upload.name,
                        data=upload.read(),
                        caption=attachment.cleaned_data["caption"],
                    )
                if request.POST.get("submit"):
                    services.entry_submit(entry=self.entry, by=request.user)
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                if request.POST.get("submit"):
                    messages.success(request, _("Entry submitted to the organiser."))
                    return redirect("competition:entry", pk=self.entry.pk)
                messages.success(request, _("Proposal saved."))
                return redirect("competition:entry-edit", pk=self.entry.pk)
        self.entry.refresh_from_db()
        return render(request, self.template_name, self._context(form, attachment), status=400)


class EntryWithdrawView(EntryMixin, View):
    permission = "competition.withdraw_entry"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        services.entry_withdraw(entry=self.entry, by=request.user, note=request.POST.get("note", ""))
        messages.success(request, _("Entry withdrawn."))
        return redirect("competition:round", pk=self.entry.round_id)


class NominationView(EntryMixin, View):
    """The proposal as Markdown, in the national competition's section order, to paste into SINOVIK."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return exports.nomination_response(self.entry)


class MyReviewsView(LoginRequiredMixin, View):
    """ "Menunggu penilaian saya": an evaluator's assigned entries, those waiting on them first."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        reviews = list(selectors.reviews_of_evaluator(request.user))
        waiting = [r for r in reviews if not r.is_submitted]
        done = [r for r in reviews if r.is_submitted]
        return render(request, "competition/my_reviews.html", {"waiting": waiting, "done": done})


class ReviewView(EntryMixin, View):
    """An evaluator scores an entry at a stage. Others' scores appear only once their own is submitted."""

    permission = "competition.review_entry"
    template_name = "competition/review.html"

    def _review(self, request: AuthedRequest, stage_pk: int) -> Review:
        stage = get_object_or_404(Stage, pk=stage_pk, round_id=self.entry.round_id)
        review = selectors.review_for(request.user, entry=self.entry, stage=stage)
        if review is None:
            raise Http404
        return review

    def _render(self, request: AuthedRequest, review: Review, form: ReviewForm | None = None, status: int = 200) -> Any:
        criteria = list(review.stage.criteria.all())
        form = form or ReviewForm(review=review, criteria=criteria)
        if review.is_submitted:
            for field in form.fields.values():
                field.disabled = True
        entry = get_object_or_404(selectors.entry_detail(request.user), pk=self.entry.pk)
        context = {
            "entry": entry,
            "review": review,
            "stage": review.stage,
            "form": form,
            "others": selectors.other_reviews(review),
            "sections": [
                (section_label(name), getattr(entry, name))
                for name, _l, only in services.SECTIONS
                if not only or entry.group.is_replication
            ],
            "stage_open": review.stage.is_open,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        return self._render(request, self._review(request, stage_pk))

    def post(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        review = self._review(request, stage_pk)
        form = ReviewForm(request.POST, review=review, criteria=list(review.stage.criteria.all()))
        if form.is_valid():
            try:
                services.review_save(
                    review=review, by=request.user, scores=form.scores(), comment=form.cleaned_data["comment"]
                )
                if request.POST.get("submit"):
                    services.review_submit(review=review, by=request.user)
            except ValidationError as exc:
                _form_errors_from(exc, form)
            else:
                if request.POST.get("submit"):
                    messages.success(request, _("Scores submitted. You can now see the other evaluators' scores."))
                else:
                    messages.success(request, _("Scores saved. Submit them when you are done."))
                return redirect("competition:review", pk=self.entry.pk, stage_pk=stage_pk)
        return self._render(request, review, form, status=400)


class ReviewReopenView(LoginRequiredMixin, View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        review = get_object_or_404(
            Review.objects.filter(stage__round__in=selectors.rounds_visible_to(request.user)).select_related(
                "stage__round"
            ),
            pk=pk,
        )
        if not request.user.has_perm("competition.manage_round", review.stage.round):
            raise PermissionDenied
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the review is reopened."))
        else:
            try:
                services.review_reopen(review=review, by=request.user, note=form.cleaned_data["note"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Review reopened: the evaluator may change it and submit it again."))
        return redirect("competition:entry", pk=review.entry_id)


RANKING_PAGE_SIZE = 100


class RankingView(RoundMixin, View):
    """The organiser's ranking of a scored stage, with raw and normalised figures; export; move on; publish."""

    permission = "competition.manage_round"

    def get(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        stage = selectors.ranking_stage(self.round, request.GET.get("stage"))
        if stage is None:
            raise Http404
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            return exports.ranking_response(self.round, stage, selectors.ranking(stage), fmt=export)
        # The counts and "move the top N" cover every entry; the table shows them a page at a time.
        ranking = selectors.ranking_page(stage, page=request.GET.get("page") or 1, size=RANKING_PAGE_SIZE)
        page = Paginator(range(ranking.count), RANKING_PAGE_SIZE).get_page(ranking.number)
        return render(
            request,
            "competition/ranking.html",
            {
                "round": self.round,
                "stage": stage,
                "stages": selectors.scored_stages(self.round),
                "rows": ranking.rows,
                "page": page,
                "query": f"stage={stage.kind}",
                "flagged": ranking.flagged,
                "unscored": ranking.unscored,
                "advance_form": AdvanceForm(round_=self.round),
            },
        )


class AdvanceView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        stage = selectors.ranking_stage(self.round, request.POST.get("stage"))
        form = AdvanceForm(request.POST, round_=self.round)
        if stage is None:
            raise Http404
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or _("Check the form."))
        else:
            ids = [e.pk for e in form.cleaned_data["entries"]]
            if form.cleaned_data.get("top"):
                ids += services.top_entry_ids(stage, form.cleaned_data["top"])
            try:
                moved = services.entries_advance(round_=self.round, by=request.user, entry_ids=set(ids))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(count)d entries moved to the next stage.") % {"count": len(moved)})
        return redirect(f"{reverse('competition:ranking', args=[pk])}?stage={stage.kind}")


class PublishView(RoundMixin, View):
    permission = "competition.manage_round"

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        try:
            services.round_publish(round_=self.round, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Results published: agencies now see their rank."))
        return redirect("competition:round", pk=pk)
