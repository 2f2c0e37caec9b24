from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotaConfig(AppConfig):
    name = "compliance.quota"
    label = "quota"
    verbose_name = _("Innovation quota")

    def ready(self) -> None:
        from compliance.quota import (
            exports,  # noqa: F401 -- registers the quota table in core.exports
            receivers,  # noqa: F401 -- connects the innovation-state hook
        )
        from compliance.quota.panels import register_panels

        register_panels()
        from compliance.quota.inbox import register_inbox

        register_inbox()
