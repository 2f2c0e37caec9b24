from django.utils.translation import gettext_lazy as _

from core.appconfig import DomainConfig


class SkmConfig(DomainConfig):
    name = "compliance.skm"
    label = "skm"
    verbose_name = _("Satisfaction surveys (SKM)")
    registers = ("panels",)
    import_preview = ("skm", "compliance:survey-import-preview")
