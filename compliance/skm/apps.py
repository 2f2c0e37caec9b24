from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkmConfig(AppConfig):
    name = "compliance.skm"
    label = "skm"
    verbose_name = _("Satisfaction surveys (SKM)")

    def ready(self) -> None:
        from core.inbox import register_import_preview

        register_import_preview("skm", "compliance:survey-import-preview")

        from compliance.skm.panels import register_panels

        register_panels()
