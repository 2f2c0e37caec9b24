from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Organisation chart")

    def ready(self) -> None:
        # Registers the agency directory in core.exports.TABLES, so that every download and job finds it.
        from agencies import exports  # noqa: F401
        from core.inbox import register_import_preview

        register_import_preview("agencies", "agencies:import-preview")
