from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from danvan.org import signals  # noqa: F401  (connects the sign-in receivers)
