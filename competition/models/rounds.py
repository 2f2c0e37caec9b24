"""Rounds and their stages and criteria, the lists they draw on (categories, groups, criteria templates: rows
seeded by data migrations), and the organiser's history of each round."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from agencies.models import AgencyType, Region
from core.models import HistoryRow, ListEntry


class CompetitionCategory(ListEntry):
    """A category of the competition (e.g. health services, digital transformation), kept as data."""

    class Meta(ListEntry.Meta):
        verbose_name = gettext_lazy("competition category")
        verbose_name_plural = gettext_lazy("competition categories")


class CompetitionGroup(ListEntry):
    """A group (kelompok) of the competition: umum, replikasi... A replication group asks for the original."""

    is_replication = models.BooleanField(gettext_lazy("replication group"), default=False)
    #: KIPP sets the age per group (2021: umum and khusus 2 years, replikasi 1), so a group may ask for its own.
    min_years = models.PositiveSmallIntegerField(
        gettext_lazy("minimum whole years implemented"),
        null=True,
        blank=True,
        help_text=gettext_lazy("By the close of registration; empty: the round's minimum applies."),
    )

    class Meta(ListEntry.Meta):
        verbose_name = gettext_lazy("competition group")
        verbose_name_plural = gettext_lazy("competition groups")


class CriterionTemplate(models.Model):
    """One criterion of a named template (proposal, presentation) that a new round's stage starts from."""

    template = models.SlugField(max_length=40)
    slug = models.SlugField(max_length=60)
    name = models.CharField(gettext_lazy("name"), max_length=150)
    description = models.TextField(gettext_lazy("what the evaluator looks at"), blank=True)
    weight = models.PositiveSmallIntegerField(gettext_lazy("weight (%)"))
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["template", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "slug"], name="criterion_template_slug_unique"),
            models.CheckConstraint(name="criterion_template_weight_range", condition=Q(weight__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.template}: {self.name} ({self.weight}%)"


class Round(models.Model):
    """A competition round of a region (the organiser is its mayor's office), with its rules and stages."""

    class Visibility(models.TextChoices):
        AFTER_OWN = "after_own", gettext_lazy("After submitting their own review")
        NEVER = "never", gettext_lazy("Never")

    name = models.CharField(gettext_lazy("name"), max_length=200)
    year = models.PositiveSmallIntegerField(gettext_lazy("year"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=gettext_lazy("region"))
    organiser = models.CharField(
        gettext_lazy("organiser"),
        max_length=200,
        help_text=gettext_lazy("The mayor's office, or the committee it names."),
    )
    categories = models.ManyToManyField(CompetitionCategory, related_name="+", verbose_name=gettext_lazy("categories"))
    groups = models.ManyToManyField(CompetitionGroup, related_name="+", verbose_name=gettext_lazy("groups"))

    # Eligibility
    min_years_implemented = models.DecimalField(
        gettext_lazy("minimum years implemented at registration close"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    max_entries_per_agency = models.PositiveSmallIntegerField(
        gettext_lazy("maximum entries per agency"), default=2, validators=[MinValueValidator(1)]
    )
    allowed_agency_types = models.ManyToManyField(
        AgencyType,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("agency types allowed"),
        help_text=gettext_lazy("Leave empty to allow every kind of agency."),
    )

    # Judging
    evaluators_per_entry = models.PositiveSmallIntegerField(
        gettext_lazy("evaluators per entry"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reviews_visible = models.CharField(
        gettext_lazy("evaluators see the other reviews of an entry"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.AFTER_OWN,
    )
    normalise = models.BooleanField(
        gettext_lazy("rank by normalised scores"),
        default=False,
        help_text=gettext_lazy(
            "Each evaluator's totals are turned into z-scores and put back on the scale, so that a harsh or a "
            "generous evaluator does not decide the ranking. Raw scores are always kept and shown."
        ),
    )
    spread_threshold = models.DecimalField(
        gettext_lazy("flag a spread above"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15.00"),
        help_text=gettext_lazy("Entries whose evaluators' totals differ by more than this are flagged for discussion."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        gettext_lazy("remind evaluators this many days before a stage closes"), default=3
    )
    show_comments_to_agencies = models.BooleanField(
        gettext_lazy("agencies see the evaluators' comments (without names) once published"), default=True
    )

    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = gettext_lazy("competition round")
        verbose_name_plural = gettext_lazy("competition rounds")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "name"], name="round_name_unique_per_region_year"),
            models.CheckConstraint(name="round_year_plausible", condition=Q(year__gte=2000, year__lte=2100)),
            models.CheckConstraint(name="round_evaluators_per_entry_range", condition=Q(evaluators_per_entry__gte=1)),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class StageKind(models.TextChoices):
    REGISTRATION = "registration", pgettext_lazy("competition stage", "Registration")
    ADMIN_SELECTION = "admin_selection", pgettext_lazy("competition stage", "Administrative selection")
    PROPOSAL = "proposal", pgettext_lazy("competition stage", "Proposal evaluation")
    PRESENTATION = "presentation", pgettext_lazy("competition stage", "Presentation and interview")
    FIELD_VERIFICATION = "field_verification", pgettext_lazy("competition stage", "Field verification")
    ANNOUNCEMENT = "announcement", pgettext_lazy("competition stage", "Announcement")


#: The stages of every round, in order; the scored ones have criteria and evaluators.
STAGE_ORDER = [kind.value for kind in StageKind]
SCORED_STAGES = (StageKind.PROPOSAL.value, StageKind.PRESENTATION.value)


class Stage(models.Model):
    """A stage of a round, open between its dates unless the organiser opened or closed it by hand."""

    class Override(models.TextChoices):
        BY_DATE = "", gettext_lazy("By its dates")
        OPEN = "open", gettext_lazy("Opened by hand")
        CLOSED = "closed", gettext_lazy("Closed by hand")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=30, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField()
    opens_on = models.DateField(gettext_lazy("opens on"))
    closes_on = models.DateField(gettext_lazy("closes on"))
    override = models.CharField(max_length=10, choices=Override.choices, default=Override.BY_DATE, blank=True)
    #: The lowest final score (0-100) with which an entry may go on from this stage; taken from `PassingGrade`
    #: when the round is created, changeable per round in the admin.
    passing_grade = models.DecimalField(
        gettext_lazy("passing grade"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["round", "order"]
        constraints = [
            models.CheckConstraint(
                name="stage_passing_grade_in_range",
                condition=Q(passing_grade__isnull=True) | Q(passing_grade__gte=0, passing_grade__lte=100),
            ),
            models.UniqueConstraint(fields=["round", "kind"], name="stage_kind_unique_per_round"),
            models.CheckConstraint(name="stage_closes_after_opening", condition=Q(closes_on__gte=models.F("opens_on"))),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def is_scored(self) -> bool:
        return self.kind in SCORED_STAGES

    def is_open_on(self, day: datetime.date) -> bool:
        if self.override == self.Override.OPEN:
            return True
        if self.override == self.Override.CLOSED:
            return False
        return self.opens_on <= day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())


class Criterion(models.Model):
    """A scored criterion of a stage. The weights of a stage sum to 100 (checked by the service)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="criteria")
    slug = models.SlugField(max_length=60)
    name = models.CharField(gettext_lazy("name"), max_length=150)
    description = models.TextField(gettext_lazy("what the evaluator looks at"), blank=True)
    weight = models.PositiveSmallIntegerField(gettext_lazy("weight (%)"), validators=[MaxValueValidator(100)])
    scale_max = models.PositiveSmallIntegerField(gettext_lazy("highest score"), default=100)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["stage", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "slug"], name="criterion_slug_unique_per_stage"),
            models.CheckConstraint(name="criterion_weight_range", condition=Q(weight__gte=1, weight__lte=100)),
            models.CheckConstraint(name="criterion_scale_positive", condition=Q(scale_max__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class RoundEvent(HistoryRow):
    """Append-only: the organiser's changes to a round (a stage opened or closed by hand, assignment run,
    results published)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=30)
    from_value = models.CharField(max_length=30, blank=True)
    to_value = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.round_id}: {self.action}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def change(self) -> str:
        """ "from → to" in words (a stage's override values), or the figure alone (entries assigned)."""
        to = str(EVENT_VALUES.get(self.to_value, self.to_value))
        if not self.from_value:
            return to
        return f"{EVENT_VALUES.get(self.from_value, self.from_value)} → {to}"


#: The organiser's actions as people read them in the round's history.
EVENT_LABELS = {
    "advance": gettext_lazy("entries moved to the next stage"),
    "assign": gettext_lazy("automatic assignment (reviews added)"),
    "assign_add": gettext_lazy("evaluator assigned"),
    "assign_remove": gettext_lazy("assignment removed"),
    "conflict": gettext_lazy("conflict of interest declared"),
    "create": gettext_lazy("round created"),
    "criteria": gettext_lazy("criteria changed"),
    "fail": gettext_lazy("failed administrative selection"),
    "panel_add": gettext_lazy("evaluator added to the panel"),
    "pass": gettext_lazy("passed administrative selection"),
    "publish": gettext_lazy("results published"),
    "reopen": gettext_lazy("review reopened"),
    "stage_override": gettext_lazy("stage opened or closed by hand"),
    "submit": gettext_lazy("entry submitted"),
    "update": gettext_lazy("settings changed"),
    "withdraw": gettext_lazy("entry withdrawn"),
}
EVENT_VALUES = {
    "open": gettext_lazy("open"),
    "closed": gettext_lazy("closed"),
    "by_date": gettext_lazy("by its dates"),
}


class PassingGrade(models.Model):
    """The passing grade of a scored stage from a year on (data: KIPP 2025 used 85 for the proposal stage), which a
    new round's stage takes."""

    kind = models.CharField(max_length=30, choices=StageKind.choices)
    from_year = models.PositiveSmallIntegerField(gettext_lazy("from year"))
    grade = models.DecimalField(gettext_lazy("passing grade"), max_digits=5, decimal_places=2)
    source = models.CharField(gettext_lazy("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "-from_year"]
        verbose_name = gettext_lazy("passing grade")
        verbose_name_plural = gettext_lazy("passing grades")
        constraints = [
            models.UniqueConstraint(fields=["kind", "from_year"], name="passing_grade_one_per_kind_year"),
            models.CheckConstraint(name="passing_grade_in_range", condition=Q(grade__gte=0, grade__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.from_year}: {self.grade}"
