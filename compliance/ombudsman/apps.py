from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanConfig(AppConfig):
    name = "compliance.ombudsman"
    label = "ombudsman"
    verbose_name = _("Ombudsman compliance")

    def ready(self) -> None:
        from compliance.ombudsman import exports  # noqa: F401 -- registers the assessments table in core.exports
        from compliance.ombudsman.panels import register_panels

        register_panels()
        from compliance.ombudsman.inbox import register_inbox

        register_inbox()
        from core.inbox import register_import_preview

        register_import_preview("ombudsman", "compliance:assessment-import-preview")
