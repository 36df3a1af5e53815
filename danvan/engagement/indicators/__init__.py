"""Reporting figures computed from engagement records (filled in with the records themselves)."""

from danvan.engagement.indicators import activities, petitions  # noqa: F401  registered on import
