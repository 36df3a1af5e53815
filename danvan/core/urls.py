from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path

from danvan.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # pages without our <link rel="icon"> (the vendored API docs) make browsers ask for /favicon.ico
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("core/favicon.svg"))),
]
