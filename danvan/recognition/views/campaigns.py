"""Pages of campaigns, their standards, council, registrations and evaluations."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
