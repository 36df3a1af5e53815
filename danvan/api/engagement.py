"""Placeholder until its endpoints land."""

urlpatterns: list = []
