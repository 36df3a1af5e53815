"""Reporting figures computed from engagement records (filled in with the records themselves)."""
