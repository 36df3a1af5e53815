"""Pages of award decisions, their certificates, the review conference and the awards register."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
