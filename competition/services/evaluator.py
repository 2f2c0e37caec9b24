"""The evaluator's writes: scoring a review, submitting it, and the moves around it that others make (the
organiser reopening a submitted review; a conflict of interest declared by the evaluator, or for them).

Reviews: draft → submitted → reopened → submitted (`competition.workflow.REVIEW_WORKFLOW`); a score changed after
the first submission is kept in `ScoreChange` with who, when and the old value.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import User
from competition import scoring
from competition.models import (
    DeclaredConflict,
    Entry,
    Panelist,
    Review,
    ReviewState,
    RoundEvent,
    Score,
    ScoreChange,
)
from competition.selectors.entries import seated_reviews
from competition.services.shared import organiser_check
from competition.workflow import REVIEW_WORKFLOW
from core.notifications import notify
from core.workflow import Done, Move


@transaction.atomic
def conflict_declare(*, panelist: Panelist, entry: Entry, reason: str, by: User) -> DeclaredConflict:
    """Record a declared conflict; the evaluator's unsubmitted reviews of the entry are withdrawn.

    Side effects, in order: refuses if the evaluator already submitted a review of the entry, inserts the
    conflict, deletes their unsubmitted reviews of it, records a `conflict` round event.
    """
    round_ = panelist.round
    if by.pk != panelist.user_id:
        organiser_check(by, round_)
    if entry.round_id != round_.pk:
        raise ValidationError(_("The entry is not in this round."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why there is a conflict of interest.")})
    reviews = Review.objects.filter(entry=entry, panelist=panelist)
    if reviews.filter(state=ReviewState.SUBMITTED).exists():
        raise ValidationError(
            _("This evaluator has already submitted a review of this entry: reopen and remove it first.")
        )
    conflict, _created = DeclaredConflict.objects.update_or_create(
        panelist=panelist, entry=entry, defaults={"reason": reason.strip(), "declared_by": by}
    )
    reviews.delete()
    RoundEvent.objects.create(
        round=round_, action="conflict", to_value=str(entry.pk), by=by, note=f"{panelist.user}: {reason.strip()}"
    )
    return conflict


def _refuse_conflicted(review: Review) -> None:
    if DeclaredConflict.objects.filter(entry_id=review.entry_id, panelist_id=review.panelist_id).exists():
        raise PermissionDenied(_("You declared a conflict of interest with this entry."))


def _review_for_evaluator(review: Review, by: User) -> Review:
    review = (
        Review.objects.select_for_update()
        .select_related("stage", "stage__round", "panelist", "entry")
        .get(pk=review.pk)
    )
    if not seated_reviews(by).filter(pk=review.pk).exists():
        raise PermissionDenied(_("This review is not assigned to you."))
    _refuse_conflicted(review)
    return review


@transaction.atomic
def review_save(*, review: Review, by: User, scores: Mapping[int, tuple[Decimal, str]], comment: str = "") -> Review:
    """Save an evaluator's scores (criterion id → (score, comment)) without submitting.

    Refused once submitted (until the organiser reopens it) and outside the stage's dates. After a reopening,
    each changed score keeps its old value in `ScoreChange`.
    """
    review = _review_for_evaluator(review, by)
    if review.state == ReviewState.SUBMITTED:
        raise ValidationError(_("You have submitted this review; ask the organiser to reopen it to change it."))
    if not review.stage.is_open:
        raise ValidationError(_("This stage is closed: scores can no longer be changed."))
    criteria = {c.pk: c for c in review.stage.criteria.all()}
    errors = {}
    for criterion_id, (value, _comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Unknown criterion."))
        if value is not None and not Decimal(0) <= value <= criterion.scale_max:
            errors[f"score_{criterion_id}"] = _("Give a score from 0 to %(max)d.") % {"max": criterion.scale_max}
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion_id: s for s in review.scores.all()}
    was_submitted = review.transitions.filter(action="submit").exists()
    for criterion_id, (value, text) in scores.items():
        score = existing.get(criterion_id)
        if value is None:
            continue
        if score is None:
            Score.objects.create(review=review, criterion_id=criterion_id, value=value, comment=text)
            continue
        if score.value != value or score.comment != text:
            if was_submitted:
                ScoreChange.objects.create(
                    score=score, old_value=score.value, new_value=value, old_comment=score.comment, by=by
                )
            score.value, score.comment = value, text
            score.save(update_fields=["value", "comment"])
    review.comment = comment
    review.save(update_fields=["comment"])
    return review


def _guard_submit(review: Review) -> None:
    _refuse_conflicted(review)
    if not review.stage.is_open:
        raise ValidationError(_("This stage is closed: scores can no longer be submitted."))
    scored = set(review.scores.values_list("criterion_id", flat=True))
    missing = [c.name for c in review.stage.criteria.all() if c.pk not in scored]
    if missing:
        raise ValidationError(_("Score every criterion first: %(names)s.") % {"names": ", ".join(missing)})


def _total(review: Review, move: Move) -> list[str]:
    criteria = list(review.stage.criteria.all())
    scores = {s.criterion_id: s.value for s in review.scores.all()}
    # Each criterion on its own scale counts as a share of it; the total is on the stage's scale (0 to 100).
    scale = max(c.scale_max for c in criteria)
    scaled = {c.pk: scores[c.pk] * scale / c.scale_max for c in criteria}
    review.total = scoring.weighted_total(scaled, {c.pk: c.weight for c in criteria})
    review.submitted_at = timezone.now()
    return ["total", "submitted_at"]


def review_submit(*, review: Review, by: User) -> Review:
    """Submit a review: every criterion scored; its weighted total is computed and kept.

    Side effects, in order (`REVIEW_WORKFLOW`): locks the review; refuses one already submitted or a person it
    is not assigned to; checks for a declared conflict, the stage's dates and that every criterion has a score;
    sets the total, the time and the state; records the `submit` transition.
    """
    return REVIEW_WORKFLOW.move(review, "submit", by=by, guard=_guard_submit, apply=_total).obj


def review_reopen(*, review: Review, by: User, note: str) -> Review:
    """The organiser reopens a submitted review so that its evaluator may change it; the reason is kept.

    Side effects, in order (`REVIEW_WORKFLOW`): locks the review; refuses one not submitted, a person who is not
    the organiser, or no reason; sets the state; records the `reopen` transition with the reason; notifies the
    evaluator on commit.
    """
    reason = note.strip()

    def tell(done: Done[Review]) -> None:
        review = done.obj
        transaction.on_commit(
            lambda: notify(
                users=[review.panelist.user],
                kind="competition.reopened",
                key=f"competition.reopened.{review.pk}.{timezone.now():%Y%m%d%H%M%S%f}",
                title=_("A review was reopened for you: %(title)s") % {"title": review.entry},
                body=reason,
                url=reverse("competition:review", args=[review.entry_id, review.stage_id]),
            )
        )

    return REVIEW_WORKFLOW.move(review, "reopen", by=by, note=reason, after=tell).obj
