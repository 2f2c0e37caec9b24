"""What every actor of the competition shares: the loading mixins (visible queryset → 404, named permission →
403), and the pages all of them open: the rounds, a round, an entry and its nomination download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from agencies import selectors as agency_selectors
from competition import exports
from competition.forms import NoteForm, SelectionForm
from competition.models import SECTIONS, Entry, EntryState, Round, Stage, section_label
from competition.selectors import entries, reviews, rounds
from competition.services.organiser import entry_fail, entry_pass
from competition.workflow import ENTRY_WORKFLOW
from core.views import AuthedRequest, ScopedObjectMixin, submit_form


class RoundMixin(ScopedObjectMixin):
    """A round the user may see (404 otherwise) in `self.round`, then `permission` on it (403)."""

    permission = "competition.view_round"
    context_name = "round"
    round: Round
    scope = rounds.rounds_visible_to
    scope_related = ("region",)

    def stage(self, stage_pk: int) -> Stage:
        return get_object_or_404(self.round.stages.all(), pk=stage_pk)


class EntryMixin(ScopedObjectMixin):
    """An entry the user may see (404 otherwise) in `self.entry`, then `permission` on it (403)."""

    permission = "competition.view_entry"
    context_name = "entry"
    entry: Entry
    scope = entries.entries_visible_to
    scope_related = ("round", "round__region", "agency", "innovation", "group", "category", "stage")


def proposal_sections(entry: Entry) -> list[tuple[str, str]]:
    """(label, text) of each section the entry's group asks for, in the national order."""
    return [
        (section_label(name), getattr(entry, name))
        for name, _l, only in SECTIONS
        if not only or entry.group.is_replication
    ]


class RoundListView(LoginRequiredMixin, View):
    def get(self, request: AuthedRequest) -> HttpResponse:
        visible = list(rounds.round_list(request.user))
        return render(
            request,
            "competition/round_list.html",
            {
                "rounds": visible,
                "may_create": agency_selectors.regions_managed_by(request.user).exists(),
                "review_count": reviews.reviews_of_evaluator(request.user).exclude(state="submitted").count(),
            },
        )


class RoundDetailView(RoundMixin, View):
    """The organiser's dashboard, or an agency's view of the round (its entries and, once published, results)."""

    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        round_ = self.round
        stages = rounds.stages_of(round_)
        today = timezone.localdate()
        organiser = request.user.has_perm("competition.manage_round", round_)
        context: dict[str, Any] = {
            "round": round_,
            "stages": stages,
            "current": rounds.current_stage(stages, today),
            "organiser": organiser,
            "may_enter": request.user.has_perm("competition.enter_round", round_)
            and any(s.kind == "registration" and s.is_open_on(today) for s in stages),
            "my_entries": list(entries.entries_of_agencies(request.user, round_)),
            "sees_results": request.user.has_perm("competition.view_results", round_),
        }
        if organiser:
            totals = rounds.entry_totals(round_, stages)
            context.update(
                {
                    "stage_counts": totals.by_stage,
                    "state_counts": totals.by_state,
                    "progress": rounds.panel_progress(round_),
                    "scored_stages": [s for s in stages if s.is_scored],
                    "entries": list(rounds.round_entries(round_)),
                    "events": list(round_.events.select_related("by", "stage").order_by("-at", "-id")[:10]),
                }
            )
        return render(request, "competition/round_detail.html", context)


class EntryDetailView(EntryMixin, View):
    def get(self, request: AuthedRequest, pk: int) -> HttpResponse:
        return self._render(request)

    def _render(
        self, request: AuthedRequest, selection: SelectionForm | None = None, status: int = 200
    ) -> HttpResponse:
        entry = get_object_or_404(entries.entry_detail(request.user), pk=self.entry.pk)
        round_ = entry.round
        organiser = request.user.has_perm("competition.manage_round", round_)
        moves = ENTRY_WORKFLOW.allowed(entry, request.user)
        context: dict[str, Any] = {
            "entry": entry,
            "round": round_,
            "organiser": organiser,
            "checks": entries.eligibility_of(
                round_=round_, innovation=entry.innovation, group=entry.group, entry=entry
            ).checks,
            "missing": entries.missing_sections(entry) if entry.state == EntryState.DRAFT else [],
            "sections": proposal_sections(entry),
            "may_edit": request.user.has_perm("competition.change_entry", entry),
            "may_submit": "submit" in moves,
            "may_withdraw": "withdraw" in moves,
            "may_select": "pass" in moves,
            "sees_results": request.user.has_perm("competition.view_results", round_),
            "comments": reviews.published_comments(entry),
            "my_reviews": reviews.reviews_of_user(request.user, entry),
        }
        if context["may_select"]:
            context["selection"] = selection or SelectionForm()
        if organiser:
            context["reviews"] = reviews.reviews_of_entry(entry)
            context["reopen_form"] = NoteForm()
        return render(request, "competition/entry_detail.html", context, status=status)

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        """The organiser's administrative selection."""
        if not ENTRY_WORKFLOW.can(self.entry, request.user, "pass"):
            raise PermissionDenied
        form = SelectionForm(request.POST)

        def decide(data: dict[str, Any]) -> bool:
            passed = data["decision"] == "pass"
            move = entry_pass if passed else entry_fail
            move(entry=self.entry, by=request.user, checklist=form.checklist(), note=data["note"])
            return passed

        return submit_form(
            request,
            form,
            decide,
            success=lambda passed: (
                _("The entry passed administrative selection.")
                if passed
                else _("The entry failed administrative selection; the agency sees why.")
            ),
            then=lambda _passed: redirect("competition:entry", pk=self.entry.pk),
            invalid=lambda: self._render(request, selection=form, status=400),
        )


class NominationView(EntryMixin, View):
    """The nomination dossier (identity, proposal in SINOVIK's order, the innovator's SK, the files) as
    Markdown, DOCX or PDF."""

    def get(self, request: AuthedRequest, pk: int, fmt: str = "md") -> HttpResponse:
        return exports.nomination_response(self.entry, fmt=fmt, request=request)
