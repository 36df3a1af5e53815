"""Reporting figures computed from engagement records (filled in with the records themselves)."""

import danvan.engagement.indicators_activities  # noqa: F401  dialogues, Three Together, persons
from danvan.engagement import indicators_petitions  # noqa: F401  petitions received and resolved
