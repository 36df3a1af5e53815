"""The models' statistics page: counts by field, status and kind under a unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from danvan.core.errors import NotFound
from danvan.core.templatetags.danvan import localized_name
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import AdminUnit
from danvan.initiatives import selectors
from danvan.initiatives.forms_entry import (
    unit_key,
    unit_label,
    unit_options,
)
from danvan.initiatives.models import Field, Kind, Status
from danvan.org.access import Action, can, home_unit, is_national


def _default_stats_unit(user: Any, era: str | None) -> AdminUnit | None:
    """The user's own unit, on its own map (`era` None) or, on another map, their area's highest unit
    there (None: the whole country, for national users)."""
    return home_unit(user, era=era)


def _chart(choices: list[tuple[str, Any]], counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"key": key, "name": capfirst(str(label)), "value": counts.get(key, 0)} for key, label in choices]


@login_required
@require_safe
def model_stats(request: HttpRequest) -> HttpResponse:
    """Counts by field, status and kind for a unit's whole area, on either map; charts and tables."""
    user = request.user
    eras = list(geo_selectors.era_list())
    era_codes = [e.code for e in eras]
    errors: list[str] = []
    raw_unit = request.GET.get("unit", "").strip().strip("/")
    raw_year = request.GET.get("year", "").strip()
    year: int | None = None
    if raw_year:
        if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            errors.append(_("The year must be between 1990 and 2100."))
    unit: AdminUnit | None = None
    if raw_unit:
        era_code, _sep, code = raw_unit.partition("/")
        try:
            if not code:
                raise NotFound(_("Give the unit as era/code, e.g. 2025/22."))
            unit = geo_selectors.unit_get(user=user, era=era_code, code=code)
        except NotFound as exc:
            errors.append(exc.message)
    if unit is None and not raw_unit and not request.GET.get("era"):
        unit = _default_stats_unit(user, None)  # the user's home unit, on the map it is on
    if unit is not None:
        era = unit.era_id
    else:
        current = geo_selectors.current_era()
        era = request.GET.get("era") or (current.code if current else "")
        if era not in era_codes:
            errors.append(_("There is no map version “%(value)s”.") % {"value": era[:20]})
            era = current.code if current else ""
        if not raw_unit:
            unit = _default_stats_unit(user, era)
    stats = selectors.initiative_stats(user=user, unit=unit, year=year) if not errors else None
    # the picker: the unit, the units above and below it, and the user's scope on this map
    nearby: list[AdminUnit] = []
    ancestors: list[AdminUnit] = []
    if unit is not None:
        ancestors = list(geo_selectors.unit_ancestors(user=user, unit=unit).select_related("parent"))
        nearby = [unit, *geo_selectors.unit_list(user=user, parent=unit).select_related("parent")]
    scope_units = [u for u in unit_options(user=user, action=Action.VIEW) if u.era_id == era]
    picker = sorted({u.pk: u for u in [*ancestors, *nearby, *scope_units]}.values(), key=lambda u: u.path)
    chart: dict[str, Any] | None = None
    tables: list[tuple[str, Any, list[dict[str, Any]], bool]] = []
    if stats is not None:
        chart = {
            "field": _chart(Field.choices, stats.by_field),
            "kind": _chart(Kind.choices, stats.by_kind),
            "status": _chart(Status.choices, stats.by_status),
            "total": stats.total,
            "series": _("Models"),
        }
        tables = [
            ("field", _("By field"), chart["field"], True),
            ("kind", _("By kind"), chart["kind"], True),
            ("status", _("By status"), chart["status"], False),
        ]
    context = {
        "eras": [(e.code, localized_name(e)) for e in eras],
        "era": era,
        "unit": unit,
        # figures counted only over the part of the unit the user may see say so in their heading
        "within_scope": not is_national(user) and (unit is None or not can(user, Action.VIEW, unit)),
        "year": year,
        "raw_year": raw_year if raw_year.isdigit() else "",
        "ancestors": ancestors,
        "picker": [(unit_key(u), unit_label(u)) for u in picker],
        "unit_value": unit_key(unit) if unit else "",
        "stats": stats,
        "chart": chart,
        "tables": tables,
        "errors": errors,
        "this_year": timezone.localdate().year,
    }
    return render(request, "initiatives/stats.html", context, status=400 if errors else 200)
