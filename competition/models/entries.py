"""Entries: an agency's innovation in a round with its proposal, its attachments and every move it made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy, pgettext_lazy

from agencies.models import Agency
from competition.models.rounds import CompetitionCategory, CompetitionGroup, Round, Stage
from core.models import CaptionedUpload, TransitionRow, UploadPath, transition_states
from innovations.models import Innovation


class EntryState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("entry state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("entry state", "Submitted")
    PASSED = "passed", pgettext_lazy("entry state", "Passed administrative selection")
    FAILED = "failed", pgettext_lazy("entry state", "Failed administrative selection")
    WITHDRAWN = "withdrawn", pgettext_lazy("entry state", "Withdrawn")


#: The proposal's sections in the national (SINOVIK) order with their word limits; the last three only for a
#: replication group.
SECTIONS: list[tuple[str, int, bool]] = [
    ("summary", 200, False),
    ("background", 300, False),
    ("novelty", 200, False),
    ("implementation", 200, False),
    ("significance", 600, False),
    ("adaptability", 300, False),
    ("resources", 200, False),
    ("sustainability", 500, False),
    ("inspiration", 100, True),
    ("replication_process", 200, True),
    ("difference", 100, True),
]
SECTION_LIMITS = {name: limit for name, limit, _replication in SECTIONS}


class Entry(models.Model):
    """An agency's innovation entered in a round, with its proposal, administrative check and current stage."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="entries")
    innovation = models.ForeignKey(Innovation, on_delete=models.PROTECT, related_name="competition_entries")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="competition_entries")
    category = models.ForeignKey(
        CompetitionCategory, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("category")
    )
    group = models.ForeignKey(
        CompetitionGroup, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("group")
    )
    state = models.CharField(max_length=20, choices=EntryState.choices, default=EntryState.DRAFT)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="entries")

    summary = models.TextField(gettext_lazy("summary"), blank=True)
    background = models.TextField(gettext_lazy("background and aims"), blank=True)
    novelty = models.TextField(gettext_lazy("novelty (added value)"), blank=True)
    implementation = models.TextField(gettext_lazy("implementation of the innovation"), blank=True)
    significance = models.TextField(gettext_lazy("significance (impact before and after)"), blank=True)
    adaptability = models.TextField(gettext_lazy("adaptability (replicated or replicable)"), blank=True)
    resources = models.TextField(gettext_lazy("resources"), blank=True)
    sustainability = models.TextField(gettext_lazy("sustainability strategy"), blank=True)
    inspiration = models.TextField(gettext_lazy("inspiration (the original innovation)"), blank=True)
    replication_process = models.TextField(gettext_lazy("replication process"), blank=True)
    difference = models.TextField(gettext_lazy("what is different from the original"), blank=True)
    original_name = models.CharField(
        gettext_lazy("name of the original innovation replicated"), max_length=300, blank=True
    )
    video_url = models.URLField(gettext_lazy("video link"), blank=True)

    admin_checklist = models.JSONField(default=dict, blank=True)
    admin_reason = models.TextField(gettext_lazy("reason given to the agency"), blank=True)
    is_winner = models.BooleanField(default=False, editable=False)
    final_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)

    #: Not a field: the stage a move is taking the entry from, kept for its transition row (`competition.workflow`).
    stage_before: Stage | None = None

    class Meta:
        ordering = ["round", "agency__name", "id"]
        verbose_name = gettext_lazy("entry")
        verbose_name_plural = gettext_lazy("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "innovation"],
                condition=~Q(state="withdrawn"),
                name="entry_innovation_once_per_round",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "state"], name="entry_round_state_idx"),
            models.Index(fields=["round", "agency"], name="entry_round_agency_idx"),
        ]

    def __str__(self) -> str:
        return self.innovation.title if self.innovation_id else f"#{self.pk}"

    @property
    def title(self) -> str:
        return self.innovation.title

    @property
    def section_texts(self) -> dict[str, str]:
        """The proposal's sections by name, as `eligibility.missing_sections` reads them."""
        return {name: getattr(self, name) for name in SECTION_LIMITS}


def section_label(name: str) -> str:
    """The reader's-language label of a proposal section (an `Entry` field)."""
    return str(getattr(Entry._meta.get_field(name), "verbose_name", name))


class EntryTransition(TransitionRow):
    """Append-only: every change of an entry's state or stage, who made it, when, and why."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="transitions")
    from_state, to_state = transition_states(EntryState.choices)
    from_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    to_stage = models.ForeignKey(Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta(TransitionRow.Meta):
        indexes = [models.Index(fields=["entry", "at"], name="entrytransition_entry_idx")]


attachment_path = UploadPath("competition", by="entry_id")


class EntryAttachment(CaptionedUpload):
    """A document attached to an entry (statement of implementation, innovator identity, replication consent)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(gettext_lazy("file"), upload_to=attachment_path, max_length=300)
