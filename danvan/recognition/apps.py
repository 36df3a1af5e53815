from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "danvan.recognition"
    label = "recognition"
    verbose_name = _("Emulation and commendation")

    def ready(self) -> None:
        from danvan.recognition import (
            inbox,  # noqa: F401  registers its kind of work (org.inbox): nominations to score
            indicators,  # noqa: F401  registers the computed figures
        )
