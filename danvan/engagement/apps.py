from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "danvan.engagement"
    label = "engagement"
    verbose_name = _("Listening to the people")

    def ready(self) -> None:
        from danvan.engagement import (
            inbox,  # noqa: F401  registers its kinds of work (org.inbox)
            indicators,  # noqa: F401  registers the reporting figures it computes
            notifications,  # noqa: F401  registers petition deadlines for the reminders
        )
