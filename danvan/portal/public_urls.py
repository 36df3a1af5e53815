"""The portal's pages, under a language prefix (/vi/, /en/, /es/, /ja/, /de/, /nb/): see danvan/urls.py."""

from django.urls import path

from danvan.portal.views import home

app_name = "public"
urlpatterns = [
    path("", home.home, name="home"),
]
