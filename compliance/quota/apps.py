from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class QuotaConfig(DomainConfig):
    name = "compliance.quota"
    label = "quota"
    verbose_name = _("Innovation quota")
    registers = ("exports", "receivers", "panels", "inbox")
