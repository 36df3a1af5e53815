"""The petitions list as CSV or Excel: never the sender's identity (read only on the detail page, audited)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.engagement.exports.tables import table_response
from danvan.engagement.petition_rules import deadlines

EXPORT_COLUMNS = [
    ("tracking_code", gettext_lazy("Tracking code")),
    ("kind", gettext_lazy("Kind")),
    ("topic", gettext_lazy("Topic")),
    ("place", gettext_lazy("Place")),
    ("subject", gettext_lazy("Subject")),
    ("status", gettext_lazy("Status")),
    ("organization", gettext_lazy("Responsible organisation")),
    ("received", gettext_lazy("Received")),
    ("accept_due", gettext_lazy("Accept by")),
    ("settle_due", gettext_lazy("Settle by")),
    ("answered", gettext_lazy("Answered")),
    ("overdue", gettext_lazy("Overdue")),
]


def _rows(petitions: Any) -> list[list[Any]]:
    today = deadlines.today()
    return [
        [
            p.tracking_code,
            p.get_kind_display(),
            p.topic.label,
            f"{p.unit.name} ({p.unit.era_id}/{p.unit.code})",
            p.subject,
            p.get_status_display(),
            p.organization.name if p.organization else "",
            deadlines.local_date(p.received_at),
            p.accept_due,
            p.settle_due,
            deadlines.local_date(p.answered_at) if p.answered_at else None,
            _("yes") if deadlines.is_overdue(p, today) else "",
        ]
        for p in petitions
    ]


def petitions_table(fmt: str, petitions: Any) -> HttpResponse:
    return table_response(fmt, "petitions", [label for _key, label in EXPORT_COLUMNS], _rows(petitions))
