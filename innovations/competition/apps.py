from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CompetitionConfig(AppConfig):
    """The Kompetisi Inovasi Pelayanan Publik: rounds, entries, judging and results (its own app inside
    `innovations`, so that the register does not depend on it)."""

    name = "innovations.competition"
    label = "competition"
    verbose_name = gettext_lazy("Innovation competition")
