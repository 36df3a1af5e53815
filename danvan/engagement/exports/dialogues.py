"""The dialogues list as CSV or Excel, in the user's language."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from danvan.engagement.exports.tables import table_response


def dialogues_table(fmt: str, qs: Any) -> HttpResponse:
    headers = [_("Date"), _("Title"), _("Format"), _("Place"), _("Host organisation"), _("Participants")]
    headers += [_("Issues"), _("Open issues")]
    rows = (
        (
            d.held_on,
            d.title,
            d.get_format_display(),
            d.unit.name,
            d.host.name,
            d.participants_count,
            d.issue_count,
            d.open_count,
        )
        for d in qs
    )
    return table_response(fmt, "dialogues", headers, rows)
