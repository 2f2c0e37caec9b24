from django.apps import AppConfig


class InnovationsConfig(AppConfig):
    name = "innovations"

    def ready(self) -> None:
        from innovations.panels import register_panels

        register_panels()
        from innovations.inbox import register_inbox

        register_inbox()
        from innovations.catalogue.inbox import register_inbox as register_running_inbox

        register_running_inbox()
        # Registers the innovation register in core.exports.TABLES, so that every download and job finds it.
        from innovations import exports  # noqa: F401
