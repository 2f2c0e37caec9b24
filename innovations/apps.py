from django.apps import AppConfig


class InnovationsConfig(AppConfig):
    name = "innovations"

    def ready(self) -> None:
        from innovations.panels import register_panels

        register_panels()
