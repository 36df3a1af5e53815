from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from danvan.reporting import (
            inbox,  # noqa: F401  registers its kinds of work (org.inbox)
            notifications,  # noqa: F401  registers report deadlines for the reminders
            receivers,  # noqa: F401  re-map history when the map changes
        )
        from danvan.reporting.sheets import runner  # noqa: F401  registers the import of report files
