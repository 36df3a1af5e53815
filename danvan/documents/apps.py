from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from danvan.documents import inbox  # noqa: F401  registers its kind of work (org.inbox)
