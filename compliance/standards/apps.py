from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class StandardsConfig(DomainConfig):
    name = "compliance.standards"
    label = "standards"
    verbose_name = _("Service standards")
    registers = ("exports", "panels", "inbox")
