"""The prestigious persons list as CSV or Excel; sensitive columns only for those who may see them."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from danvan.engagement.exports.tables import table_response
from danvan.engagement.models import PrestigiousPerson
from danvan.engagement.selectors import persons as person_selectors
from danvan.initiatives.forms_entry import unit_key


def persons_table(user: Any, fmt: str, persons: list[PrestigiousPerson]) -> HttpResponse:
    """Sensitive columns only for a user who may see them somewhere; each person's read audited."""
    headers = [_("Full name"), _("Year of birth"), _("Gender"), _("Village or commune"), _("Unit code")]
    headers += [_("Standing"), _("Recognised since"), _("Until")]
    with_sensitive = person_selectors.may_see_sensitive_anywhere(user)
    sensitive = (
        person_selectors.person_sensitive(user=user, persons=persons, purpose="export") if with_sensitive else {}
    )
    if with_sensitive:
        headers += [_("Ethnic group"), _("Religion"), _("Phone"), _("Address")]
    rows = []
    for p in persons:
        row = [p.full_name, p.birth_year, p.get_gender_display(), p.village.name, unit_key(p.village)]
        row += [p.visible_standing_label, p.since, p.until]
        if with_sensitive:
            s = sensitive.get(p.pk)
            row += [str(s["ethnic_group"] or ""), s["religion"], s["phone"], s["address"]] if s else ["", "", "", ""]
        rows.append(row)
    return table_response(fmt, "prestigious-persons", headers, rows)
