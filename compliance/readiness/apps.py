from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class ReadinessConfig(DomainConfig):
    name = "compliance.readiness"
    label = "readiness"
    verbose_name = _("Ombudsman readiness")
    registers = ("exports", "panels", "inbox")
