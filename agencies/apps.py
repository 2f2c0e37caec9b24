from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class AgenciesConfig(DomainConfig):
    name = "agencies"
    verbose_name = _("Organisation chart")
    # `exports` puts the agency directory in core.exports.TABLES, so that every download and job finds it.
    registers = ("exports",)
    import_preview = ("agencies", "agencies:import-preview")
