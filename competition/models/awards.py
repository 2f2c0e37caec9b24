"""Awards an innovation already received, as data the eligibility check reads: the region's own competition and the
national KIPP (Top 99, Top 45, Top 40, ...). Entered by the organiser (admin) and seeded for the demo."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AwardLevel(models.TextChoices):
    REGIONAL = "regional", pgettext_lazy("award level", "The region's own competition")
    NATIONAL = "national", pgettext_lazy("award level", "National KIPP")


#: The one national title that does not by itself bar a new entry: KIPP refuses an innovation named Top 99 twice,
#: not once (KIPP 2021 group rules, domain.md §1.3).
TOP_99 = "top 99"


class Award(models.Model):
    innovation = models.ForeignKey(
        "innovations.Innovation", on_delete=models.CASCADE, related_name="awards", verbose_name=_("innovation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=AwardLevel.choices)
    title = models.CharField(
        _("title"), max_length=100, help_text=_('As awarded, e.g. "Top 99", "Top 45", "Terbaik I".')
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("The decree or source, if known."))

    class Meta:
        ordering = ["-year", "level", "title"]
        verbose_name = _("earlier award")
        verbose_name_plural = _("earlier awards")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "year", "level", "title"], name="award_unique_per_innovation"
            ),
            models.CheckConstraint(name="award_year_plausible", condition=Q(year__gte=2000, year__lte=2100)),
            models.CheckConstraint(name="award_level_known", condition=Q(level__in=AwardLevel.values)),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year} ({self.get_level_display()})"
