from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class IidConfig(DomainConfig):
    name = "compliance.iid"
    label = "iid"
    verbose_name = _("Regional innovation index (IID)")
    registers = ("rules", "inbox")
