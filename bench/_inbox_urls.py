"""The URLs of `bench/inbox.py`: DanVan's own, plus the reference, a minimal signed-in view."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from danvan.urls import urlpatterns as danvan_urls


@login_required
def minimal(request: HttpRequest) -> HttpResponse:
    """Signed in, the base template with its menu and nothing else (the menu's badge loads on its own request)."""
    return render(request, "core/base.html", {})


urlpatterns = [path("bench/minimal/", minimal), *danvan_urls]
