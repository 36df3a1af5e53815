"""Reads for the public pages. Only published content, never personal data: every public page reads here."""
