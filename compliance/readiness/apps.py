from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "compliance.readiness"
    label = "readiness"
    verbose_name = _("Ombudsman readiness")

    def ready(self) -> None:
        from compliance.readiness import exports  # noqa: F401 -- registers the readiness overview in core.exports
        from compliance.readiness.panels import register_panels

        register_panels()
        from compliance.readiness.inbox import register_inbox

        register_inbox()
