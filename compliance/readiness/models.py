"""Readiness for the Ombudsman's assessment: the method's dimensions and items per year (data, with what counts as
proof and the dimension weights), the deadline per region and year, each unit's checklist of the year with every
item on paper and on the ground, and the mayor's office's unannounced field checks."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Region
from compliance.ombudsman.models import Finding
from core.models import CreatedBy, NamedInTwoLanguages, StoredUpload, UploadPath


class Dimension(NamedInTwoLanguages, models.Model):
    """A dimension of the Ombudsman's method in one year (input, proses, output, pengaduan, tindak lanjut) and
    its weight in the weighted score."""

    year = models.PositiveSmallIntegerField(_("year"))
    slug = models.SlugField(_("identifier"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["year", "position"]
        verbose_name = _("readiness dimension")
        verbose_name_plural = _("readiness dimensions")
        constraints = [
            models.UniqueConstraint(fields=["year", "slug"], name="readiness_dimension_unique_per_year"),
            models.CheckConstraint(name="readiness_weight_positive", condition=Q(weight__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class Item(NamedInTwoLanguages, models.Model):
    """One thing the assessors check, and what counts as proof of it."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    slug = models.SlugField(_("identifier"), max_length=60)
    name = models.CharField(_("what is checked"), max_length=200)
    name_en = models.CharField(_("in English"), max_length=200, blank=True)
    proof = models.CharField(_("what counts as proof"), max_length=300)
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["dimension__position", "position"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = [models.UniqueConstraint(fields=["dimension", "slug"], name="readiness_item_unique")]

    def __str__(self) -> str:
        return self.name


class Deadline(models.Model):
    """The day a region wants every unit ready by in a year; without a row it is 31 January of that year."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="readiness_deadlines")
    year = models.PositiveSmallIntegerField(_("year"))
    due = models.DateField(_("ready by"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("readiness deadline")
        verbose_name_plural = _("readiness deadlines")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="readiness_deadline_unique")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.due}"


def default_deadline(year: int) -> datetime.date:
    return datetime.date(year, 1, 31)


class Checklist(CreatedBy):
    """One unit's readiness checklist for one year, built from that year's items."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="readiness_checklists")
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["-year", "agency__name"]
        verbose_name = _("readiness checklist")
        verbose_name_plural = _("readiness checklists")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="readiness_checklist_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"


class Entry(models.Model):
    """One item of a checklist. On paper: the document exists (a file or a link). On the ground: someone from the
    mayor's office or the inspectorate saw it in place (who, when, a photo, a note). Ready only when both."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    paper_link = models.URLField(_("link to the document"), blank=True)
    paper_note = models.CharField(_("note"), max_length=300, blank=True)
    paper_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paper_at = models.DateTimeField(null=True, blank=True)
    ground_seen_by = models.CharField(_("seen by"), max_length=200, blank=True)
    ground_on = models.DateField(_("seen on"), null=True, blank=True)
    ground_note = models.CharField(_("what was seen"), max_length=500, blank=True)
    ground_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["item__dimension__position", "item__position"]
        constraints = [models.UniqueConstraint(fields=["checklist", "item"], name="readiness_entry_unique")]

    def __str__(self) -> str:
        return f"{self.checklist_id}: {self.item_id}"

    @property
    def on_paper(self) -> bool:
        return self.paper_at is not None

    @property
    def on_ground(self) -> bool:
        return self.ground_on is not None

    @property
    def ready(self) -> bool:
        return self.on_paper and self.on_ground


entry_file_path = UploadPath("readiness")
check_photo_path = UploadPath("fieldchecks")


class EntryFile(StoredUpload):
    """The document on paper, or the photo of it in place, checked by content."""

    class Purpose(models.TextChoices):
        PAPER = "paper", _("document")
        GROUND = "ground", _("photo in place")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    file = models.FileField(upload_to=entry_file_path, max_length=300)

    class Meta:
        ordering = ["uploaded_at", "id"]


class FieldCheck(models.Model):
    """An unannounced visit of the mayor's office to a unit: who went, when, what they found."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="field_checks")
    visited_on = models.DateField(_("visited on"))
    team = models.CharField(_("who visited"), max_length=300)
    findings = models.TextField(_("what was found"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("field check")
        verbose_name_plural = _("field checks")

    def __str__(self) -> str:
        return f"{self.checklist_id} {self.visited_on}"


class CheckResult(models.Model):
    """What a field check found for one item; a failed item can open an improvement note (`finding`)."""

    field_check = models.ForeignKey(FieldCheck, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="check_results")
    passed = models.BooleanField(_("as it should be"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    finding = models.ForeignKey(Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["entry__item__dimension__position", "entry__item__position"]
        constraints = [models.UniqueConstraint(fields=["field_check", "entry"], name="check_result_once_per_item")]

    def __str__(self) -> str:
        return f"{self.field_check_id}: {self.entry_id} {self.passed}"


class FieldCheckPhoto(StoredUpload):
    field_check = models.ForeignKey(FieldCheck, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=check_photo_path, max_length=300)
