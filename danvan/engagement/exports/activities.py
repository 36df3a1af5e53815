"""The Three Together list as CSV or Excel, in the user's language."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from danvan.engagement.exports.tables import table_response
from danvan.initiatives.forms_entry import unit_key


def activities_table(fmt: str, qs: Any) -> HttpResponse:
    headers = [_("From"), _("To"), _("Party cell or organisation"), _("Village or commune"), _("Province code")]
    headers += [_("Cadres and Party members"), _("People taking part"), _("What was done")]
    headers += [_("Houses built"), _("Houses repaired"), _("Money given (VND)"), _("Workdays"), _("Description")]
    rows = (
        (
            a.start_date,
            a.end_date,
            a.organization.name,
            a.unit.name,
            unit_key(a.unit),
            a.cadres_count,
            a.people_count,
            a.activities_display(),
            a.houses_built,
            a.houses_repaired,
            int(a.money),
            a.workdays,
            a.description,
        )
        for a in qs
    )
    return table_response(fmt, "three-together", headers, rows)
