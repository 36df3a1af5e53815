from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"

    def ready(self) -> None:
        from danvan.core import checks  # noqa: F401 - registers the deployment checks
