"""The evaluator's pages: the entries waiting on their scores, and scoring one entry at a stage."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from competition.forms import ReviewForm
from competition.models import Review, Stage
from competition.selectors import entries, reviews
from competition.services import evaluator
from competition.views.shared import EntryMixin, proposal_sections
from core.views import AuthedRequest, submit_form


class MyReviewsView(LoginRequiredMixin, View):
    """ "Menunggu penilaian saya": an evaluator's assigned entries, those waiting on them first."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        assigned = list(reviews.reviews_of_evaluator(request.user))
        waiting = [r for r in assigned if not r.is_submitted]
        done = [r for r in assigned if r.is_submitted]
        return render(request, "competition/my_reviews.html", {"waiting": waiting, "done": done})


class ReviewView(EntryMixin, View):
    """An evaluator scores an entry at a stage. Others' scores appear only once their own is submitted."""

    permission = "competition.review_entry"
    template_name = "competition/review.html"

    def _review(self, request: AuthedRequest, stage_pk: int) -> Review:
        stage = get_object_or_404(Stage, pk=stage_pk, round_id=self.entry.round_id)
        review = reviews.review_for(request.user, entry=self.entry, stage=stage)
        if review is None:
            raise Http404
        return review

    def _render(self, request: AuthedRequest, review: Review, form: ReviewForm | None = None, status: int = 200) -> Any:
        criteria = list(review.stage.criteria.all())
        form = form or ReviewForm(review=review, criteria=criteria)
        if review.is_submitted:
            for field in form.fields.values():
                field.disabled = True
        entry = get_object_or_404(entries.entry_detail(request.user), pk=self.entry.pk)
        context = {
            "entry": entry,
            "review": review,
            "stage": review.stage,
            "form": form,
            "others": reviews.other_reviews(review),
            "sections": proposal_sections(entry),
            "stage_open": review.stage.is_open,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        return self._render(request, self._review(request, stage_pk))

    def post(self, request: AuthedRequest, pk: int, stage_pk: int) -> HttpResponse:
        review = self._review(request, stage_pk)
        form = ReviewForm(request.POST, review=review, criteria=list(review.stage.criteria.all()))
        submit = bool(request.POST.get("submit"))

        def save(data: dict[str, Any]) -> None:
            evaluator.review_save(review=review, by=request.user, scores=form.scores(), comment=data["comment"])
            if submit:
                evaluator.review_submit(review=review, by=request.user)

        return submit_form(
            request,
            form,
            save,
            success=(
                _("Scores submitted. You can now see the other evaluators' scores.")
                if submit
                else _("Scores saved. Submit them when you are done.")
            ),
            then=lambda _saved: redirect("competition:review", pk=self.entry.pk, stage_pk=stage_pk),
            invalid=lambda: self._render(request, review, form, status=400),
        )
