"""Ombudsman compliance assessments: the methods and their band tables (data), each unit's result and its
corrections and source document, and the improvement notes ("rapor") with their history and evidence.

The tables keep the names they had in the flat `compliance` app (`db_table`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency
from core.models import CaptionedUpload, HistoryRow, StoredUpload, UploadPath


class Zone(models.TextChoices):
    RED = "red", pgettext_lazy("zone", "Red")
    YELLOW = "yellow", pgettext_lazy("zone", "Yellow")
    GREEN = "green", pgettext_lazy("zone", "Green")


class AssessmentMethod(models.Model):
    """A version of the Ombudsman's method: the years it applies to, its scale, and (rows) its band table."""

    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    scale_min = models.DecimalField(_("lowest score"), max_digits=7, decimal_places=2, default=0)
    scale_max = models.DecimalField(_("highest score"), max_digits=7, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        db_table = "compliance_assessmentmethod"
        ordering = ["first_year"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.CheckConstraint(name="method_scale_ordered", condition=Q(scale_max__gt=models.F("scale_min"))),
            models.CheckConstraint(
                name="method_years_ordered",
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class Band(models.Model):
    """One row of a method's band table. A score belongs to the band with the highest lower bound not above
    it, so a score exactly on a lower bound belongs to that band (88.00 is A, 87.99 is B)."""

    method = models.ForeignKey(AssessmentMethod, on_delete=models.CASCADE, related_name="bands")
    lower = models.DecimalField(_("from score"), max_digits=7, decimal_places=2)
    upper = models.DecimalField(_("to score"), max_digits=7, decimal_places=2)
    zone = models.CharField(_("zone"), max_length=10, choices=Zone.choices)
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    label = models.CharField(_("label"), max_length=80, blank=True)
    #: Shown as "hijau tua" (dark green), the term the city uses for grade A.
    dark = models.BooleanField(_("dark shade"), default=False)

    class Meta:
        db_table = "compliance_band"
        ordering = ["method", "lower"]
        constraints = [
            models.UniqueConstraint(fields=["method", "lower"], name="band_lower_unique_per_method"),
            models.CheckConstraint(name="band_bounds_ordered", condition=Q(upper__gte=models.F("lower"))),
        ]

    def __str__(self) -> str:
        return f"{self.method.slug}: {self.lower}–{self.upper} {self.zone} {self.grade}"  # noqa: RUF001 -- en dash


class Dimension(models.Model):
    """One dimension a method scores (2022-2024: input, proses, output, pengaduan), with the range of its score.
    Data, so that a method with other dimensions (2025) is rows, not columns."""

    method = models.ForeignKey(AssessmentMethod, on_delete=models.CASCADE, related_name="dimensions")
    slug = models.SlugField(_("identifier"), max_length=40, help_text=_("The column name in an import file."))
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    lowest = models.DecimalField(_("lowest score"), max_digits=6, decimal_places=2, default=0)
    highest = models.DecimalField(_("highest score"), max_digits=6, decimal_places=2)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["method", "order", "slug"]
        verbose_name = _("assessment dimension")
        verbose_name_plural = _("assessment dimensions")
        constraints = [
            models.UniqueConstraint(fields=["method", "slug"], name="dimension_slug_unique_per_method"),
            models.CheckConstraint(name="dimension_bounds_ordered", condition=Q(highest__gt=models.F("lowest"))),
        ]

    def __str__(self) -> str:
        return f"{self.method.slug}: {self.name}"


class Assessment(models.Model):
    """The Ombudsman's result for one assessed unit (the whole city is its root agency), year and method."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("year"))
    method = models.ForeignKey(AssessmentMethod, on_delete=models.PROTECT, related_name="assessments")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    zone = models.CharField(_("zone"), max_length=10, choices=Zone.choices)
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    published = models.DateField(_("date published"), null=True, blank=True)
    source_url = models.URLField(_("source document link"), blank=True)
    note = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "compliance_assessment"
        ordering = ["-year", "agency__name"]
        verbose_name = _("Ombudsman assessment")
        verbose_name_plural = _("Ombudsman assessments")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "method"], name="assessment_one_per_agency_year_method"),
            models.CheckConstraint(name="assessment_score_not_negative", condition=Q(score__gte=0)),
        ]
        indexes = [models.Index(fields=["year", "zone"], name="assessment_year_zone_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.score}"

    @property
    def dimensions(self) -> dict[str, str]:
        """Slug -> score of each dimension scored, in the method's order (the API's shape since the four fixed
        columns). Callers listing many assessments prefetch `dimension_scores__dimension`."""
        rows = sorted(self.dimension_scores.all(), key=lambda s: (s.dimension.order, s.dimension.slug))
        return {row.dimension.slug: str(row.score) for row in rows}


class DimensionScore(models.Model):
    """An assessment's score in one dimension of its method. The range against the dimension's bounds is checked
    by the services (`domain.check_dimension_score`): a check constraint cannot read another table."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="dimension_scores")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["dimension__order", "dimension__slug"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="dimension_score_one_per_assessment"),
            models.CheckConstraint(name="dimension_score_not_negative", condition=Q(score__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.dimension_id} {self.score}"


class AssessmentCorrection(HistoryRow):
    """Append-only: who corrected what on an assessment, from what, to what, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="corrections")
    changes = models.JSONField(default=dict)
    reason = models.TextField()

    class Meta(HistoryRow.Meta):
        db_table = "compliance_assessmentcorrection"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.at:%Y-%m-%d}"


source_path = UploadPath("ombudsman")
finding_evidence_path = UploadPath("findings")


class AssessmentSource(StoredUpload):
    """The document the Ombudsman published (report, rapor, letter): checked by content, served only to those
    who may see the assessment."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="source")
    file = models.FileField(upload_to=source_path, max_length=300)

    class Meta:
        db_table = "compliance_assessmentsource"


# --- The Ombudsman's improvement notes ("rapor") ---------------------------------------------------------------


class FindingState(models.TextChoices):
    OPEN = "open", pgettext_lazy("finding", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("finding", "In progress")
    DONE = "done", pgettext_lazy("finding", "Done, awaiting verification")
    VERIFIED = "verified", pgettext_lazy("finding", "Verified")


#: States in which an item still waits on its responsible agency (and can become overdue).
FINDING_PENDING = (FindingState.OPEN, FindingState.IN_PROGRESS)


class FindingSource(models.TextChoices):
    """Where an improvement note comes from. Since 2023 the Ombudsman also scores whether its corrective actions
    (tindakan korektif in the LAHP of a complaint) were followed, so those notes are told apart."""

    REPORT_CARD = "report_card", pgettext_lazy("finding source", "Assessment report card")
    CORRECTIVE_ACTION = "corrective_action", pgettext_lazy("finding source", "Corrective action (LAHP) of a complaint")
    FIELD_CHECK = "field_check", pgettext_lazy("finding source", "Own field check")


class Finding(models.Model):
    """One item of the Ombudsman's report card: what to fix, who fixes it, by when, and how far it got."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("what to fix"))
    source_type = models.CharField(
        _("source"), max_length=20, choices=FindingSource.choices, default=FindingSource.REPORT_CARD
    )
    responsible = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="findings", verbose_name=_("responsible agency")
    )
    due = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=20, choices=FindingState.choices, default=FindingState.OPEN)
    #: Set by the daily job the first time the item is found past its due date while still pending.
    overdue_since = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    #: The service the note concerns, where it is about one service.
    service = models.ForeignKey(
        "standards.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("service"),
    )

    class Meta:
        db_table = "compliance_finding"
        ordering = ["due", "id"]
        verbose_name = _("improvement note")
        verbose_name_plural = _("improvement notes")
        constraints = [
            models.CheckConstraint(name="finding_source_type_known", condition=Q(source_type__in=FindingSource.values))
        ]
        indexes = [
            models.Index(fields=["state", "due"], name="finding_state_due_idx"),
            models.Index(fields=["responsible", "state"], name="finding_responsible_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state in FINDING_PENDING and self.due < today


class FindingEvent(HistoryRow):
    """Append-only history of an improvement note: every state change, comment, piece of evidence and the day
    it became overdue."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        STATE = "state", _("state changed")
        COMMENT = "comment", _("comment")
        EVIDENCE = "evidence", _("evidence added")
        OVERDUE = "overdue", _("became overdue")
        EDITED = "edited", _("edited")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_state = models.CharField(max_length=20, choices=FindingState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=FindingState.choices, blank=True)
    text = models.TextField(blank=True)

    class Meta(HistoryRow.Meta):
        db_table = "compliance_findingevent"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.finding_id} {self.kind}"


class FindingEvidence(CaptionedUpload):
    """A file showing the fix (photo of the posted service standard, a decree...), checked by content."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=finding_evidence_path, max_length=300)

    class Meta(CaptionedUpload.Meta):
        db_table = "compliance_findingevidence"
