"""The URLs of `bench/portal.py`: DanVan's own, plus the reference, a minimal anonymous Django view."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from danvan.urls import urlpatterns as danvan_urls

PAGE = "<!doctype html><html lang=vi><meta charset=utf-8><title>DanVan</title><p>Dân vận khéo</p></html>"


def minimal(request: HttpRequest) -> HttpResponse:
    """Through the same middleware and server as the portal, and nothing else: no template, no query."""
    return HttpResponse(PAGE)


urlpatterns = [path("bench/minimal/", minimal), *danvan_urls]
