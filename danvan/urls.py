from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from danvan.org import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),  # "my work" and the signed-in user's scope (org.inbox, memberships)
    path("my-work/badge/", org_views.inbox_badge, name="inbox_badge"),  # the menu's count of work waiting
    path("", include("danvan.core.urls")),
    path("", include("danvan.portal.urls")),
    path("accounts/", include("danvan.org.urls")),
    path("map/", include("danvan.geo.urls")),
    path("models/", include("danvan.initiatives.urls")),
    path("reports/", include("danvan.reporting.urls")),
    path("engagement/", include("danvan.engagement.urls")),
    path("documents/", include("danvan.documents.urls")),
    path("recognition/", include("danvan.recognition.urls")),
    path("api/", include("danvan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# The public portal, its language in the URL (/vi/, /en/, /es/, /ja/, /de/, /nb/); `/` sends a
# visitor who is not signed in to it, in the language their browser asks for (org.views.home).
# First in the list: its pages are the most read, and a back-office address leaves it at once
# (its prefix is the active language's, "vi/", which no back-office path starts with); last, a
# portal page was resolved only after every app's patterns had been tried (bench/portal.py).
urlpatterns[:0] = i18n_patterns(path("", include("danvan.portal.public_urls")), prefix_default_language=True)

# a missing page under a portal prefix answers the portal's own 404 page; elsewhere the back office's
handler404 = "danvan.portal.views.models.not_found"
