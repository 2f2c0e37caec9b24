"""The public-satisfaction survey (SKM, PermenPAN-RB 14/2017): its elements, conversion table and obligations
(data), and each unit's surveys with the respondents' answers.

The tables keep the names they had in the flat `compliance` app (`db_table`)."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, AgencyType
from compliance.standards.models import Service
from core.models import CreatedBy


class SurveyElement(models.Model):
    """One of the survey's elements (unsur): data, so a new regulation can change them."""

    code = models.SlugField(_("column"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        db_table = "compliance_surveyelement"
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
        db_table = "compliance_surveygrade"
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
        db_table = "compliance_surveyobligation"
        verbose_name = _("survey obligation")
        verbose_name_plural = _("survey obligations")

    def __str__(self) -> str:
        return f"{self.agency_type.slug} ≥ {self.since_year}"


class Survey(CreatedBy):
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
    #: The service surveyed, where the survey is of one service (its `layanan` column); empty for the whole unit.
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("service"),
    )

    class Meta:
        db_table = "compliance_survey"
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

    class Meta:
        db_table = "compliance_surveyresponse"

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.answers}"
