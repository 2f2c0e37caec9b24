"""The one-innovation-a-year quota: its rule per region and year (data), each agency's status, and the
history of every change; exemptions decided by the mayor's office."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, AgencyType, Region
from core.models import StoredUpload


def default_counting_states() -> list[str]:
    return ["head_approved", "accepted"]


def default_reminder_days() -> list[int]:
    return [60, 30, 7]


class QuotaRule(models.Model):
    """The quota of a region for a year. Rules that change by year are rows, edited by the mayor's office."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="quota_rules")
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(
        _("deadline"), help_text=_("31 December by default; set an earlier date such as the competition's close.")
    )
    minimum = models.PositiveSmallIntegerField(_("minimum number of innovations"), default=1)
    counting_states = ArrayField(
        models.CharField(max_length=20), default=default_counting_states, verbose_name=_("states that count")
    )
    replications_count = models.BooleanField(_("replications count"), default=True)
    continuing_count = models.BooleanField(
        _("continuing innovations count"),
        default=False,
        help_text=_("Off by default: the quota asks for a new innovation each year."),
    )
    reminder_days = ArrayField(
        models.PositiveSmallIntegerField(),
        default=default_reminder_days,
        verbose_name=_("reminders, days before the deadline"),
    )
    subject_types = models.ManyToManyField(
        AgencyType, related_name="+", verbose_name=_("agency types subject to the quota")
    )
    #: Closed years are no longer swept (their statuses stay as the record).
    open = models.BooleanField(_("swept daily"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="quota_rule_one_per_region_year"),
            models.CheckConstraint(name="quota_rule_minimum_positive", condition=Q(minimum__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    @property
    def risk_window_start(self) -> datetime.date:
        """From this day on, an agency without a counting innovation is at risk."""
        return self.deadline - datetime.timedelta(days=max(self.reminder_days or [0]))


class QuotaRuleChange(models.Model):
    """Who changed a rule, when, and what from and to."""

    rule = models.ForeignKey(QuotaRule, on_delete=models.CASCADE, related_name="changes")
    changes = models.JSONField(default=dict)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.at:%Y-%m-%d}"


class QuotaState(models.TextChoices):
    FULFILLED = "fulfilled", pgettext_lazy("quota status", "Fulfilled")
    FULFILLED_LATE = "fulfilled_late", pgettext_lazy("quota status", "Fulfilled late")
    AT_RISK = "at_risk", pgettext_lazy("quota status", "At risk")
    MISSED = "missed", pgettext_lazy("quota status", "Missed")
    EXEMPT = "exempt", pgettext_lazy("quota status", "Exempt")
    NOT_SUBJECT = "not_subject", pgettext_lazy("quota status", "Not subject")
    PENDING = "pending", pgettext_lazy("quota status", "Pending")


class QuotaStatus(models.Model):
    """The current status of an agency for a year, written by the sweep; readable without recomputing."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_statuses")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=QuotaState.choices)
    count = models.PositiveIntegerField(default=0)
    since = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agency__name"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="quota_status_one_per_agency_year")]
        indexes = [models.Index(fields=["year", "status"], name="quota_status_year_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.status}"


class QuotaStatusChange(models.Model):
    """Append-only history: every change of an agency's quota status (written only by the sweep)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_changes")
    year = models.PositiveSmallIntegerField()
    from_status = models.CharField(max_length=20, choices=QuotaState.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=QuotaState.choices)
    count = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency", "year", "-at"], name="quota_change_agency_idx"),
            models.Index(fields=["year", "-at"], name="quota_change_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.from_status or '-'} → {self.to_status}"


class QuotaExemption(models.Model):
    """An agency head's request to be exempted for a year, and the mayor's office's decision."""

    class Decision(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("exemption", "Requested")
        ACCEPTED = "accepted", pgettext_lazy("exemption", "Accepted")
        REJECTED = "rejected", pgettext_lazy("exemption", "Rejected")

    class Reason(models.TextChoices):
        CREATED_LATE = "created_late", _("Created after mid-year")
        MERGED = "merged", _("Merged")
        DISSOLVED = "dissolved", _("Dissolved")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="quota_exemptions")
    year = models.PositiveSmallIntegerField(_("year"))
    reason_kind = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("explanation"))
    state = models.CharField(max_length=20, choices=Decision.choices, default=Decision.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One open request at a time per agency and year; decided ones stay as history.
            models.UniqueConstraint(
                fields=["agency", "year"], condition=Q(state="requested"), name="quota_exemption_one_open_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.state}"


# --- Ombudsman compliance assessments -------------------------------------------------------------------------


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
    has_dimensions = models.BooleanField(
        _("scores per dimension"), default=False, help_text=_("Input, proses, output and pengaduan (2022 onward).")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
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
        ordering = ["method", "lower"]
        constraints = [
            models.UniqueConstraint(fields=["method", "lower"], name="band_lower_unique_per_method"),
            models.CheckConstraint(name="band_bounds_ordered", condition=Q(upper__gte=models.F("lower"))),
        ]

    def __str__(self) -> str:
        return f"{self.method.slug}: {self.lower}–{self.upper} {self.zone} {self.grade}"  # noqa: RUF001 -- en dash


class Assessment(models.Model):
    """The Ombudsman's result for one assessed unit (the whole city is its root agency), year and method."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("agency"))
    year = models.PositiveSmallIntegerField(_("year"))
    method = models.ForeignKey(AssessmentMethod, on_delete=models.PROTECT, related_name="assessments")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    zone = models.CharField(_("zone"), max_length=10, choices=Zone.choices)
    grade = models.CharField(_("grade"), max_length=2, blank=True)
    dim_input = models.DecimalField(_("input"), max_digits=6, decimal_places=2, null=True, blank=True)
    dim_proses = models.DecimalField(_("proses"), max_digits=6, decimal_places=2, null=True, blank=True)
    dim_output = models.DecimalField(_("output"), max_digits=6, decimal_places=2, null=True, blank=True)
    dim_pengaduan = models.DecimalField(_("pengaduan"), max_digits=6, decimal_places=2, null=True, blank=True)
    published = models.DateField(_("date published"), null=True, blank=True)
    source_url = models.URLField(_("source document link"), blank=True)
    note = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
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

    DIMENSIONS = ("dim_input", "dim_proses", "dim_output", "dim_pengaduan")

    @property
    def dimensions(self) -> dict[str, str]:
        return {
            name.removeprefix("dim_"): str(getattr(self, name))
            for name in self.DIMENSIONS
            if getattr(self, name) is not None
        }


class AssessmentCorrection(models.Model):
    """Append-only: who corrected what on an assessment, from what, to what, and why."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="corrections")
    changes = models.JSONField(default=dict)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.at:%Y-%m-%d}"


def stored_name(folder: str, instance: AssessmentSource | FindingEvidence) -> str:
    # Never the uploaded name (it may hold anything); the original is kept in a field.
    return f"{folder}/{timezone.now():%Y/%Y%m%d%H%M%S}-{instance.sha256[:16]}.{instance.extension}"


def source_path(instance: AssessmentSource, filename: str) -> str:
    return stored_name("ombudsman", instance)


def finding_evidence_path(instance: FindingEvidence, filename: str) -> str:
    return stored_name("findings", instance)


class AssessmentSource(StoredUpload):
    """The document the Ombudsman published (report, rapor, letter): checked by content, served only to those
    who may see the assessment."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="source")
    file = models.FileField(upload_to=source_path, max_length=300)

    def __str__(self) -> str:
        return self.original_name


# --- The Ombudsman's improvement notes ("rapor") ---------------------------------------------------------------


class FindingState(models.TextChoices):
    OPEN = "open", pgettext_lazy("finding", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("finding", "In progress")
    DONE = "done", pgettext_lazy("finding", "Done, awaiting verification")
    VERIFIED = "verified", pgettext_lazy("finding", "Verified")


#: States in which an item still waits on its responsible agency (and can become overdue).
FINDING_PENDING = (FindingState.OPEN, FindingState.IN_PROGRESS)


class Finding(models.Model):
    """One item of the Ombudsman's report card: what to fix, who fixes it, by when, and how far it got."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("what to fix"))
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

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("improvement note")
        verbose_name_plural = _("improvement notes")
        indexes = [
            models.Index(fields=["state", "due"], name="finding_state_due_idx"),
            models.Index(fields=["responsible", "state"], name="finding_responsible_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state in FINDING_PENDING and self.due < today


class FindingEvent(models.Model):
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
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.finding_id} {self.kind}"


class FindingEvidence(StoredUpload):
    """A file showing the fix (photo of the posted service standard, a decree...), checked by content."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    file = models.FileField(upload_to=finding_evidence_path, max_length=300)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.original_name


# --- Public-satisfaction survey (SKM, PermenPAN-RB 14/2017) ------------------------------------------------------


class SurveyElement(models.Model):
    """One of the survey's elements (unsur): data, so a new regulation can change them."""

    code = models.SlugField(_("column"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("survey element")
        verbose_name_plural = _("survey elements")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SurveyGrade(models.Model):
    """A row of the conversion table: a converted score (25-100) from `lower` up gets this grade."""

    lower = models.DecimalField(_("from score"), max_digits=5, decimal_places=2, unique=True)
    upper = models.DecimalField(_("to score"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=2)
    label = models.CharField(_("performance"), max_length=60)

    class Meta:
        ordering = ["lower"]
        verbose_name = _("survey grade")
        verbose_name_plural = _("survey grades")

    def __str__(self) -> str:
        return f"{self.grade} {self.lower}–{self.upper}"  # noqa: RUF001 -- en dash


class SurveyObligation(models.Model):
    """Kinds of agency that serve the public and must run the survey at least once a year (data)."""

    agency_type = models.OneToOneField(AgencyType, on_delete=models.CASCADE, related_name="survey_obligation")
    since_year = models.PositiveSmallIntegerField(_("since year"), default=2017)

    class Meta:
        verbose_name = _("survey obligation")
        verbose_name_plural = _("survey obligations")

    def __str__(self) -> str:
        return f"{self.agency_type.slug} ≥ {self.since_year}"


class Survey(models.Model):
    """One unit's survey for one period: the element means (NRR), the index (IKM), the converted score and grade.

    From respondents' answers (one `SurveyResponse` each) or from the totals the unit reports."""

    class Source(models.TextChoices):
        RESPONDENTS = "respondents", _("respondents' answers")
        TOTALS = "totals", _("totals")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=40, help_text=_("For example 'Semester I' or 'Triwulan 3'; one survey per period.")
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    respondents = models.PositiveIntegerField(_("respondents"))
    #: Sum of the answers per element code ({"u1": 312, ...}); NRR = total / respondents.
    totals = models.JSONField(default=dict)
    #: Mean per element code, four places ({"u1": "3.1200", ...}).
    nrr = models.JSONField(default=dict)
    ikm = models.DecimalField(_("index (IKM)"), max_digits=6, decimal_places=4)
    score = models.DecimalField(_("converted score"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("grade"), max_length=2)
    note = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "agency__name", "period"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "period"], name="survey_one_per_unit_period"),
            models.CheckConstraint(name="survey_has_respondents", condition=Q(respondents__gt=0)),
        ]
        indexes = [models.Index(fields=["year", "agency"], name="survey_year_agency_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.period}"


class SurveyResponse(models.Model):
    """One respondent's answers (1-4 per element, in element order) and optional profile."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = ArrayField(models.PositiveSmallIntegerField())
    profile = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.answers}"
