from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "compliance.standards"
    label = "standards"
    verbose_name = _("Service standards")

    def ready(self) -> None:
        from compliance.standards import exports  # noqa: F401 -- registers the services register in core.exports
        from compliance.standards.panels import register_panels

        register_panels()
        from compliance.standards.inbox import register_inbox

        register_inbox()
