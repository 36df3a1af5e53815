"""What a report sheet is for — a form, an era's map, a period and their columns — and where things sit.

The rows and sheet names here are the template's contract with the import: the template writes
them, the import reads them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import DomainError, NotFound
from danvan.geo.models import AdminUnit, Era, Level
from danvan.geo.selectors import unit_get
from danvan.org.access import Action, units_where
from danvan.reporting.models import Indicator, Period, ReportForm
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import expected_reporters, form_get, form_indicators
from danvan.reporting.services import cell_name

REPORT_SHEET = "Báo cáo"
META_SHEET = "Thông tin"  # hidden: which form, era and period the file is for
META_MARK = "danvan-report-sheet/1"
HEADER_ROW = 4
KEY_ROW = 5  # hidden
FIRST_DATA_ROW = 6
FIXED_KEYS = ("unit", "name", "status")
CHUNK = 500  # ids per query: SQLite caps the parameters of one query
CODE_WIDTHS = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}  # the statistics office's codes
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")


@dataclass(frozen=True)
class SheetColumn:
    """One typed figure: an indicator, or one category of an indicator with a breakdown."""

    indicator: Indicator
    category: str = ""
    category_label: str = ""

    @property
    def key(self) -> str:
        return cell_name(self.indicator.code, self.category)

    @property
    def header(self) -> str:
        text = self.indicator.label
        if self.category:
            text = f"{text} — {self.category_label}"
        return f"{text} ({self.indicator.uom})" if self.indicator.uom else text

    @property
    def integer(self) -> bool:
        return self.indicator.value_type == Indicator.ValueType.INTEGER


@dataclass
class SheetTarget:
    """A form, an era's map and a period: what one template or one import is about."""

    form: ReportForm
    era: str
    period: Period
    columns: list[SheetColumn]


def sheet_columns(form: ReportForm) -> list[SheetColumn]:
    """The entered indicators of `form`, one column per category where there is a breakdown."""
    cols: list[SheetColumn] = []
    for indicator in form_indicators(form):
        if not indicator.entered:
            continue
        categories = indicator.categories
        if categories:
            cols += [SheetColumn(indicator, code, str(label)) for code, label in categories]
        else:
            cols.append(SheetColumn(indicator))
    return cols


def _code(value: Any, what: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise DomainError(_("Choose %(what)s.") % {"what": what}, code="missing")
    if not _CODE.match(text):
        raise DomainError(_("“%(value)s” is not a valid code.") % {"value": text[:40]}, code="bad_code")
    return text


def sheet_target(*, user: Any, form: Any, era: Any, period: Any) -> SheetTarget:
    """Check the form, era and period a template is asked for (or a file says it is for)."""
    code = _code(form, _("a report form"))
    try:
        report_form = form_get(user=user, code=code)
    except NotFound as exc:
        raise DomainError(exc.message, code="bad_form") from None
    if not report_form.active:
        raise DomainError(_("This report form is no longer in use."), code="inactive_form")
    if report_form.organization_kinds.exists():
        raise DomainError(
            _("“%(form)s” is reported by each organisation separately; enter it on the report pages.")
            % {"form": report_form.label},
            code="per_organization",
        )
    era_code = _code(era, _("a map era"))
    if not Era.objects.filter(code=era_code).exists():
        raise DomainError(_("There is no map era “%(era)s”.") % {"era": era_code}, code="bad_era")
    period_text = str(period or "").strip()
    if not period_text:
        raise DomainError(_("Choose %(what)s.") % {"what": _("a reporting period")}, code="missing")
    period_obj = period_get(period_text[:40])
    if period_obj.type != report_form.period_type:
        raise DomainError(
            _("“%(form)s” is reported per %(type)s, not for %(period)s.")
            % {"form": report_form.label, "type": report_form.get_period_type_display(), "period": period_obj.code},
            code="bad_period",
        )
    return SheetTarget(report_form, era_code, period_obj, sheet_columns(report_form))


def reporting_units(*, user: Any, target: SheetTarget, unit: AdminUnit) -> list[AdminUnit]:
    """The units at the form's levels inside `unit` that `user` may report for, in map order."""
    expected = expected_reporters(form=target.form, unit=unit, era=target.era, period=target.period)
    if not expected.exists():
        raise DomainError(
            _("No unit inside %(unit)s reports on “%(form)s”.") % {"unit": unit.name, "form": target.form.label},
            code="no_reporters",
        )
    # a unit's own report belongs to no organisation: a grant narrowed to one is not enough
    allowed = units_where(user, Action.REPORT, with_organization=False).values("pk")
    units = list(expected.filter(pk__in=allowed).select_related("parent"))
    if not units:
        raise NotFound(_("You cannot report for any unit inside %(unit)s on this form.") % {"unit": unit.name})
    return units


def template_units(*, user: Any, form: Any, era: Any, unit: Any, period: Any) -> tuple[SheetTarget, AdminUnit, list]:
    """Everything a template needs, or a DomainError (400) / NotFound (404) saying what is wrong."""
    target = sheet_target(user=user, form=form, era=era, period=period)
    code = _code(unit, _("a unit"))
    place = unit_get(user=user, era=target.era, code=code)
    return target, place, reporting_units(user=user, target=target, unit=place)
