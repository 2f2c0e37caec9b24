from django.utils.translation import gettext_lazy

from core.appconfig import DomainConfig


class CompetitionConfig(DomainConfig):
    """The Kompetisi Inovasi Pelayanan Publik: rounds, entries, judging and results. Its own app above
    `innovations`, so that the register does not depend on it; the label predates the move and keeps the tables."""

    name = "competition"
    label = "competition"
    verbose_name = gettext_lazy("Innovation competition")
    registers = ("inbox",)
