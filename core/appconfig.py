"""The AppConfig of a domain app: what it registers in core's registries when Django is ready, declared as data.

A domain fills the registries of the lower apps from its `ready()` (core.exports tables, core.panels slots,
core.inbox providers and import previews), so that no lower app imports it. Every domain did this with the same
lines; here it is written once and each app lists only what it registers.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import AppConfig


class DomainConfig(AppConfig):
    """Imports the app's registering modules in order and calls their `register_<module>()` where there is one."""

    # Imported into an apps.py, this base would be a second AppConfig there and Django would take neither (it
    # picks the one subclass that does not say `default = False`); each subclass is the default again below.
    default = False

    #: Modules of this app that register something: `exports` (its tables, on import), `rules` (named
    #: permissions, on import), `receivers` (signal hooks, on import), `panels` (register_panels()) and `inbox`
    #: (register_inbox()).
    registers: tuple[str, ...] = ()
    #: (import kind, URL name of its preview page): where the inbox sends a person back to an unfinished import.
    import_preview: tuple[str, str] | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = cls.__dict__.get("default", True)

    def ready(self) -> None:
        for name in self.registers:
            module = import_module(f"{self.name}.{name}")
            register = getattr(module, f"register_{name}", None)
            if register is not None:
                register()
        if self.import_preview is not None:
            from core.inbox import register_import_preview

            register_import_preview(*self.import_preview)
