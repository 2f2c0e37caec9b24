from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IidConfig(AppConfig):
    name = "compliance.iid"
    label = "iid"
    verbose_name = _("Regional innovation index (IID)")

    def ready(self) -> None:
        from compliance.iid import rules  # noqa: F401 -- registers the named permissions
        from compliance.iid.inbox import register_inbox

        register_inbox()
