from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CompetitionConfig(AppConfig):
    """The Kompetisi Inovasi Pelayanan Publik: rounds, entries, judging and results. Its own app above
    `innovations`, so that the register does not depend on it; the label predates the move and keeps the tables."""

    name = "competition"
    label = "competition"
    verbose_name = gettext_lazy("Innovation competition")

    def ready(self) -> None:
        from competition.inbox import register_inbox

        register_inbox()
