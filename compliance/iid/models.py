"""Kemendagri's regional innovation index (Indeks Inovasi Daerah, IID): the yearly catalogue of indicators and
bands (data, loaded by an administrator), the answers with their evidence, their verification, and the
background export of the national portal's workbook and evidence ZIP.

A region answers SPD indicators (1-15) once per year; each accepted innovation answers SID indicators (16-35).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Region
from core.models import ExportJob, StoredUpload, TransitionRow, UploadPath, progress_percent, transition_states
from innovations.models import Innovation


class Aspect(models.TextChoices):
    SPD = "spd", _("Region (SPD)")
    SID = "sid", _("Innovation (SID)")


class Predicate(models.TextChoices):
    SANGAT_INOVATIF = "sangat_inovatif", pgettext_lazy("iid predicate", "Very innovative")
    INOVATIF = "inovatif", pgettext_lazy("iid predicate", "Innovative")
    KURANG_INOVATIF = "kurang_inovatif", pgettext_lazy("iid predicate", "Less innovative")
    TIDAK_DAPAT_DINILAI = "tidak_dapat_dinilai", pgettext_lazy("iid predicate", "Cannot be assessed (disclaimer)")


class Catalogue(models.Model):
    """One year's guideline: its count-of-innovations rule, the basic-service urusan it requires, the national
    window, and (related) its indicators and predicate bands."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    guideline = models.CharField(_("guideline"), max_length=300, blank=True)
    #: True where names or weights come from third-party implementations, or the year copies an earlier one.
    provisional = models.BooleanField(_("provisional (not yet confirmed by the guideline)"), default=True)
    note = models.TextField(_("note"), blank=True)
    count_points = models.DecimalField(_("points per innovation counted"), max_digits=5, decimal_places=2)
    count_cap = models.PositiveSmallIntegerField(_("innovations counted at most"))
    #: Slugs of innovations.Category(kind="urusan"); the count scores only when `basic_urusan_min` are covered.
    basic_urusan = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    basic_urusan_min = models.PositiveSmallIntegerField(_("basic-service urusan to cover"), default=0)
    window_opens = models.DateField(_("national window opens"), null=True, blank=True)
    window_closes = models.DateField(_("national window closes"), null=True, blank=True)
    #: Days before the window opens on which the responsible people are reminded of what is missing.
    reminder_days = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("IID catalogue")
        verbose_name_plural = _("IID catalogues")
        constraints = [
            models.CheckConstraint(name="iid_catalogue_count_points_positive", condition=Q(count_points__gte=0)),
            models.CheckConstraint(
                name="iid_catalogue_window_in_order",
                condition=Q(window_opens__isnull=True)
                | Q(window_closes__isnull=True)
                | Q(window_closes__gte=models.F("window_opens")),
            ),
        ]

    def __str__(self) -> str:
        return f"IID {self.year}"


class Indicator(models.Model):
    """One numbered indicator: answered by choosing parameter 1, 2 or 3; its score is weight x parameter."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("number"))
    aspect = models.CharField(_("aspect"), max_length=3, choices=Aspect.choices)
    variable = models.CharField(_("variable"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    parameter_1 = models.CharField(_("parameter 1"), max_length=300)
    parameter_2 = models.CharField(_("parameter 2"), max_length=300)
    parameter_3 = models.CharField(_("parameter 3"), max_length=300)
    evidence = models.CharField(_("evidence that proves it"), max_length=300, blank=True)
    #: Name or weight from third-party implementations rather than the official guideline.
    provisional = models.BooleanField(_("provisional"), default=False)

    class Meta:
        ordering = ["catalogue", "number"]
        verbose_name = _("IID indicator")
        verbose_name_plural = _("IID indicators")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="iid_indicator_number_unique_per_year"),
            models.CheckConstraint(name="iid_indicator_weight_positive", condition=Q(weight__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def parameters(self) -> list[tuple[int, str]]:
        return [(1, self.parameter_1), (2, self.parameter_2), (3, self.parameter_3)]


class PredicateBand(models.Model):
    """Indexes (rounded to two places) from `lower` to `upper`, both included, get this predicate in this year."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="bands")
    predicate = models.CharField(_("predicate"), max_length=20, choices=Predicate.choices)
    lower = models.DecimalField(_("from index"), max_digits=5, decimal_places=2)
    upper = models.DecimalField(_("to index"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["catalogue", "-lower"]
        verbose_name = _("IID predicate band")
        verbose_name_plural = _("IID predicate bands")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "predicate"], name="iid_band_one_per_predicate"),
            models.CheckConstraint(name="iid_band_in_order", condition=Q(upper__gte=models.F("lower"))),
        ]

    def __str__(self) -> str:
        return f"{self.predicate} {self.lower}-{self.upper}"


class AnswerState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("iid answer state", "Waiting for verification")
    ACCEPTED = "accepted", pgettext_lazy("iid answer state", "Verified")
    RETURNED = "returned", pgettext_lazy("iid answer state", "Sent back")


class Answer(models.Model):
    """The parameter chosen for one indicator, for the region (SPD, no innovation) or one innovation (SID), with
    its evidence: a checked file (`AnswerFile`) and/or a link."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="iid_answers")
    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, null=True, blank=True, related_name="iid_answers"
    )
    parameter = models.PositiveSmallIntegerField(_("parameter"))
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    #: What the system knew (e.g. "2 replications: ..."), kept when the person chose the suggested parameter.
    explanation = models.TextField(_("how the system filled this in"), blank=True)
    #: The parameter the system suggested, where it knew one; a different choice needs `override_reason`.
    suggested = models.PositiveSmallIntegerField(null=True, blank=True)
    override_reason = models.TextField(_("why another parameter than the suggested one"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=AnswerState.choices, default=AnswerState.SUBMITTED)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator__number", "id"]
        verbose_name = _("IID answer")
        verbose_name_plural = _("IID answers")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "innovation"], nulls_distinct=False, name="iid_answer_one_per_subject"
            ),
            models.CheckConstraint(name="iid_answer_parameter_1_to_3", condition=Q(parameter__gte=1, parameter__lte=3)),
        ]
        indexes = [models.Index(fields=["region", "state"], name="iid_answer_region_state_idx")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.parameter}"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url) or hasattr(self, "file")


answer_file_path = UploadPath("iid", by="answer_id")


class AnswerFile(StoredUpload):
    """The evidence file of an answer, checked by its content; a new upload replaces it."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="file")
    file = models.FileField(_("file"), upload_to=answer_file_path, max_length=300)

    class Meta:
        verbose_name = _("IID evidence file")
        verbose_name_plural = _("IID evidence files")


class AnswerTransition(TransitionRow):
    """A move of an answer: answered, verified or sent back (with the verifier's note)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="transitions")
    from_state, to_state = transition_states(AnswerState.choices)

    class Meta(TransitionRow.Meta):
        indexes = [models.Index(fields=["answer", "at"], name="iid_transition_answer_idx")]


def portal_export_path(instance: PortalExport, filename: str) -> str:
    return f"iid-exports/{instance.owner_id}/{instance.token.hex}-{filename}"


class PortalExport(models.Model):
    """The workbook (in the national portal's order) and the ZIP of evidence files of a region's year, written by
    Celery for its owner (the same life as core's ExportJob: queued, running, done or failed, then expired)."""

    #: The same states as core's ExportJob (queued, running, done, failed).
    State = ExportJob.State

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    steps_done = models.PositiveIntegerField(default=0)
    steps_total = models.PositiveIntegerField(default=0)
    workbook = models.FileField(upload_to=portal_export_path, max_length=200, blank=True)
    archive = models.FileField(upload_to=portal_export_path, max_length=200, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                name="iid_export_done_has_files", condition=~Q(state="done") | (~Q(workbook="") & ~Q(archive=""))
            ),
        ]

    def __str__(self) -> str:
        return f"IID {self.region_id} {self.year} ({self.state})"

    @property
    def percent(self) -> int:
        return 100 if self.state == self.State.DONE else progress_percent(self.steps_done, self.steps_total)
