from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    label = "initiatives"
    verbose_name = _("Skillful mass mobilization models")

    def ready(self) -> None:
        from danvan.initiatives import (
            inbox,  # noqa: F401  registers its kind of work (org.inbox)
            indicators,  # noqa: F401  registers the reporting figures it computes
        )
        from danvan.initiatives.sheets import runner  # noqa: F401  registers the import of models workbooks
