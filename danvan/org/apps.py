from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        from danvan.org import signals  # noqa: F401  (connects the sign-in receivers)


class DanVanAdminConfig(admin_apps.AdminConfig):
    """`django.contrib.admin` with `org.admin_site.DanVanAdminSite` as `admin.site`: signed into only
    through the app's sign-in, with its one-time code."""

    default = False  # not OrgConfig's rival for "danvan.org"
    default_site = "danvan.org.admin_site.DanVanAdminSite"
