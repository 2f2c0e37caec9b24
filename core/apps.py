from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The plumbing every domain uses, each piece once; it imports no app of the project."""

    name = "core"
    verbose_name = _("Shared plumbing")

    def ready(self) -> None:
        from core import audit, checks, limits  # noqa: F401  (checks registers the deploy check)

        audit.connect()
        limits.install()
