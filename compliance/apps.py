from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    """The parent of the compliance sub-apps (quota, ombudsman, skm). It keeps its label and migrations: the
    tables the sub-apps use were created here, and existing databases have these migrations applied."""

    name = "compliance"
    verbose_name = _("Compliance")
