"""The panel and its reviews: evaluators on a round, their declared conflicts, scores and every change to them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from competition.models.entries import Entry
from competition.models.rounds import Criterion, Round, Stage
from core.models import HistoryRow, TransitionRow, transition_states


class Panelist(models.Model):
    """An evaluator on a round's panel, with the affiliation shown to the organiser."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    affiliation = models.CharField(gettext_lazy("affiliation"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "user__full_name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="panelist_once_per_round")]

    def __str__(self) -> str:
        return f"{self.user} ({self.affiliation})" if self.affiliation else str(self.user)


class DeclaredConflict(models.Model):
    """A conflict of interest declared for one evaluator and one entry, with its reason."""

    panelist = models.ForeignKey(Panelist, on_delete=models.CASCADE, related_name="declared_conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="declared_conflicts")
    reason = models.TextField(gettext_lazy("reason"))
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["declared_at", "id"]
        constraints = [models.UniqueConstraint(fields=["panelist", "entry"], name="conflict_once_per_pair")]

    def __str__(self) -> str:
        return f"{self.panelist} * {self.entry_id}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("review state", "Not submitted")
    SUBMITTED = "submitted", pgettext_lazy("review state", "Submitted")
    REOPENED = "reopened", pgettext_lazy("review state", "Reopened by the organiser")


class Review(models.Model):
    """One evaluator's scoring of one entry at one scored stage: created when the evaluator is assigned."""

    class Source(models.TextChoices):
        AUTO = "auto", gettext_lazy("Automatic")
        MANUAL = "manual", gettext_lazy("By hand")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="reviews")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="reviews")
    panelist = models.ForeignKey(Panelist, on_delete=models.PROTECT, related_name="reviews")
    state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTO)
    #: The weighted total (0 to the scale), set when the review is submitted; the raw figure of the ranking.
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(gettext_lazy("overall comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["entry", "id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "stage", "panelist"], name="review_once_per_evaluator_and_stage"),
            models.CheckConstraint(
                name="review_total_range", condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=1000)
            ),
            models.CheckConstraint(
                name="review_submitted_has_total",
                condition=~Q(state="submitted") | Q(total__isnull=False, submitted_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["stage", "state"], name="review_stage_state_idx")]

    def __str__(self) -> str:
        return f"{self.panelist} → {self.entry_id} ({self.stage_id})"

    @property
    def is_submitted(self) -> bool:
        return self.state == ReviewState.SUBMITTED


class Score(models.Model):
    """The score one review gives one criterion, with the evaluator's comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    comment = models.TextField(gettext_lazy("comment"), blank=True)

    class Meta:
        ordering = ["review", "criterion__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(name="score_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class ReviewTransition(TransitionRow):
    """Append-only: every change of a review's state (submitted, reopened, resubmitted)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="transitions")
    from_state, to_state = transition_states(ReviewState.choices)


class ScoreChange(HistoryRow):
    """A score changed after its review had been submitted once (only after the organiser reopened it)."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(max_digits=6, decimal_places=2)
    new_value = models.DecimalField(max_digits=6, decimal_places=2)
    old_comment = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.score_id}: {self.old_value} → {self.new_value}"
