from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        from compliance import receivers  # noqa: F401 -- connects the innovation-state hook
        from compliance.panels import register_panels

        register_panels()
