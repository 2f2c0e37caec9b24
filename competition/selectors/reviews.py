"""Reads of reviews: an evaluator's list and scoring page, the organiser's view of an entry's reviews, and what
an agency sees of them once the results are published."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from competition.models import DeclaredConflict, Entry, Review, ReviewState, Round, Score, Stage
from competition.selectors.entries import seated_reviews
from competition.selectors.rounds import rounds_visible_to


def reviews_of_evaluator(user: Any) -> QuerySet[Review]:
    """An evaluator's assigned reviews, waiting on them first (not submitted, stage closing soonest)."""
    return (
        seated_reviews(user)
        .exclude(Exists(DeclaredConflict.objects.filter(entry=OuterRef("entry_id"), panelist=OuterRef("panelist_id"))))
        .select_related("entry", "entry__innovation", "entry__agency", "entry__category", "entry__group", "stage")
        .select_related("stage__round")
        .order_by(
            # "draft" and "reopened" sort before "submitted": the ones waiting on the evaluator come first.
            "state",
            "stage__closes_on",
            "entry__agency__name",
        )
    )


def review_for(user: Any, *, entry: Entry, stage: Stage) -> Review | None:
    return (
        seated_reviews(user)
        .filter(entry=entry, stage=stage)
        .select_related("panelist", "stage")
        .prefetch_related("scores")
        .first()
    )


def other_reviews(review: Review) -> list[Review]:
    """The other evaluators' reviews of the same entry and stage, for an evaluator who has submitted their own
    (never before, never when the round hides them)."""
    if not review.is_submitted or review.stage.round.reviews_visible == Round.Visibility.NEVER:
        return []
    return list(
        Review.objects.filter(entry_id=review.entry_id, stage_id=review.stage_id, state=ReviewState.SUBMITTED)
        .exclude(pk=review.pk)
        .select_related("panelist__user")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )


def reviews_of_user(user: Any, entry: Entry) -> list[Review]:
    """The user's own reviews of the entry (an evaluator's links to score it)."""
    return list(seated_reviews(user).filter(entry=entry).select_related("stage"))


def reviews_of_entry(entry: Entry) -> list[Review]:
    """Every review of the entry with its scores, their changes and transitions, for the organiser."""
    return list(
        Review.objects.filter(entry=entry)
        .select_related("panelist__user", "stage")
        .prefetch_related("scores__criterion", "scores__changes__by", "transitions__by")
        .order_by("stage__order", "id")
    )


def reviews_reopenable_by(user: Any) -> QuerySet[Review]:
    """Reviews of the rounds the user sees: where the organiser's reopen request starts (404 otherwise)."""
    return Review.objects.filter(stage__round__in=rounds_visible_to(user)).select_related("stage__round")


def published_comments(entry: Entry) -> list[str]:
    """Evaluators' comments of an entry for its agency, without names, once the round is published."""
    round_ = entry.round
    if not round_.is_published or not round_.show_comments_to_agencies:
        return []
    reviews = Review.objects.filter(entry=entry, state=ReviewState.SUBMITTED).exclude(comment="").order_by("id")
    return [r.comment for r in reviews]
