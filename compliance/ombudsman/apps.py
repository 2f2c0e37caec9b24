from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class OmbudsmanConfig(DomainConfig):
    name = "compliance.ombudsman"
    label = "ombudsman"
    verbose_name = _("Ombudsman compliance")
    registers = ("exports", "panels", "inbox")
    import_preview = ("ombudsman", "compliance:assessment-import-preview")
