from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danvan.portal"
    label = "portal"

    def ready(self) -> None:
        from danvan.portal.views import publishing  # noqa: F401  registers the model page's "Publish" section (core.panels)
