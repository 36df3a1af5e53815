"""Shape checks for the report entry pages (my reports, open a report, reasons); rules are the services'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError, NotFound
from danvan.geo.forms import unit_key, unit_label
from danvan.geo.selectors import unit_get
from danvan.org.access import Action
from danvan.org.selectors import organization_list
from danvan.reporting import selectors
from danvan.reporting.entry import report_units
from danvan.reporting.models import PERIOD_TYPE_ORDER, Period, PeriodType, Submission
from danvan.reporting.periods import period_era, period_get, period_parse, periods_open


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class TaggedSelect(forms.Select):
    """A <select> whose options carry data attributes (by option value), for a page script to filter them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option_attrs: dict[str, dict[str, str]] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> TaggedSelect:
        obj = super().__deepcopy__(memo)
        obj.option_attrs = dict(self.option_attrs)
        return obj

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"].update(self.option_attrs.get(str(option["value"]), {}))
        return option


class SubmissionFilterForm(forms.Form):
    """The filters of "My reports"."""

    form = forms.ModelChoiceField(label=_("Report form"), required=False, queryset=None, to_field_name="code")
    period = forms.CharField(label=_("Period"), required=False, max_length=16, help_text=_("e.g. 2024"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(Submission.Status.choices))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = selectors.form_list(user=user, active=False)
        self.fields["form"].empty_label = "—"
        self.user = user

    def clean_period(self) -> Period | None:
        code = self.cleaned_data.get("period", "")
        if not code:
            return None
        try:
            norm = period_parse(code)[0]
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        # a period nobody reported yet exists nowhere: filtering by it finds nothing, it creates nothing
        return selectors.period_list(user=self.user).filter(code=norm).first() or Period(code=norm)


class OpenForm(forms.Form):
    """Which report to open: a unit where the user reports, a form, a period and maybe an organisation."""

    field_order = ["unit", "form", "period", "organization"]  # the unit first: it decides the forms and periods

    form = forms.ModelChoiceField(label=_("Report form"), queryset=None, to_field_name="code", widget=TaggedSelect)
    unit = forms.CharField(label=_("Administrative unit"), max_length=40, widget=TaggedSelect)
    # chosen from the open periods, not typed; any valid code posted is still read (and checked by the service)
    period = forms.CharField(
        label=_("Period"),
        max_length=16,
        widget=TaggedSelect,
        help_text=_("The periods open for reporting, the latest first."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        help_text=_("Only for forms that each organisation reports on."),
    )

    def __init__(self, *args: Any, user: Any, q: str = "", today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("unit", "period"):  # a <select> has no maxlength: the field still checks it
            self.fields[name].widget.attrs.pop("maxlength", None)
        forms_qs = selectors.form_list(user=user)
        self.report_forms = list(forms_qs)
        levels = sorted({level for f in self.report_forms for level in (f.levels or [])})
        units = report_units(user=user, levels=levels, q=q)
        self.units = units
        self.fields["unit"].widget.choices = _blank([(unit_key(u), unit_label(u)) for u in units])
        self.fields["unit"].widget.option_attrs = {
            unit_key(u): {"data-level": u.level, "data-era": u.era_id} for u in units
        }
        if len(units) == 1 and not self.is_bound:
            self.initial.setdefault("unit", unit_key(units[0]))
        # the unit already known (the only one, chosen in the address, with "Show the forms of this
        # unit" without JavaScript, or posted): only the forms its level fills and the periods on its
        # map, by `ReportForm.is_reported_by` as the service checks it; otherwise reporting/open.js
        # narrows both from the same levels (data-levels) as the unit is chosen
        chosen = self._chosen_unit(str(self.data.get("unit", "") if self.is_bound else self.initial.get("unit", "")))
        offered = [f for f in self.report_forms if chosen is None or f.is_reported_by(chosen)]
        self.fields["form"].queryset = forms_qs  # every active form is still read back: `clean` explains a wrong one
        self.fields["form"].empty_label = "—"
        if chosen is not None:
            self.fields["form"].widget.choices = _blank([(f.code, str(f)) for f in offered])  # str: the field's label
        self.fields["form"].widget.option_attrs = {
            f.code: {"data-levels": " ".join(f.levels or []), "data-period-type": f.period_type}
            for f in self.report_forms
        }
        if len(offered) == 1 and not self.is_bound:
            self.initial.setdefault("form", offered[0].code)
        self._offer_periods(offered, chosen, today or timezone.localdate())
        kinds = {k.pk for f in self.report_forms for k in f.organization_kinds.all()}
        usable = organization_list(user=user, action=Action.REPORT)  # where the user may report for it
        orgs = usable.filter(kind_id__in=kinds) if kinds else usable.none()
        self.fields["organization"].queryset = orgs
        self.fields["organization"].empty_label = "—"
        self.has_organizations = bool(kinds)

    def _chosen_unit(self, key: str) -> Any:
        """The unit of `key` if the user may see it: from the list offered, or (past the list's 200, or
        found with another search) read and added to it, so a unit once chosen stays chosen."""
        found = next((u for u in self.units if unit_key(u) == key), None)
        era, _sep, code = key.partition("/")
        if found is not None or not (era and code):
            return found
        try:
            found = unit_get(user=self.user, era=era, code=code)
        except NotFound:
            return None
        self.units.append(found)
        self.fields["unit"].widget.choices = [*self.fields["unit"].widget.choices, (key, unit_label(found))]
        self.fields["unit"].widget.option_attrs[key] = {"data-level": found.level, "data-era": found.era_id}
        return found

    def _offer_periods(self, offered: list[Any], unit: Any, today: date) -> None:
        """The open periods of the offered forms' types, by type when there are several, newest first."""
        kinds = sorted({f.period_type for f in offered}, key=lambda k: PERIOD_TYPE_ORDER[k])
        eras: dict[date, str | None] = {}
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        attrs: dict[str, dict[str, str]] = {}
        latest_closed = ""
        for kind in kinds:
            options = []
            for period in periods_open(kind, today=today):
                if period.end not in eras:
                    eras[period.end] = period_era(period)
                era = eras[period.end] or ""
                if unit is not None and era != unit.era_id:
                    continue  # a unit reports only on the map in force at the period's end
                options.append((period.code, period.code))
                attrs[period.code] = {"data-type": kind, "data-era": era}
                if not latest_closed and period.end < today:
                    latest_closed = period.code
            if options:
                groups.append((str(PeriodType(kind).label).capitalize(), options))
        if len(groups) == 1:
            choices: list[Any] = _blank(groups[0][1])
        else:
            choices = [("", "—"), *groups]
        self.fields["period"].widget.choices = choices
        self.fields["period"].widget.option_attrs = attrs
        if not self.is_bound and len(kinds) == 1 and latest_closed:
            self.initial.setdefault("period", latest_closed)  # the period being reported now

    def clean_unit(self) -> Any:
        """Any unit the user sees, even one the list did not show (it offers at most 200)."""
        raw = self.cleaned_data.get("unit", "")
        era, _sep, code = raw.partition("/")
        try:
            unit = unit_get(user=self.user, era=era, code=code)
        except NotFound as exc:
            raise forms.ValidationError(exc.message) from exc
        return unit  # whether the user may report there (for which organisation) is the service's to say

    def clean_period(self) -> Period:
        try:
            return period_get(self.cleaned_data.get("period", ""))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean(self) -> dict[str, Any]:
        """A form the unit does not report on, said on the form's field (the choices shown again are
        then that unit's); and the organisation asked for before the service says "you cannot report
        here" without one."""
        super().clean()
        data = self.cleaned_data
        form = data.get("form")
        unit = data.get("unit")
        if form is not None and unit is not None and not form.is_reported_by(unit):
            values = {"form": form.label, "unit": unit.name, "level": unit.get_level_display()}
            if any(f.is_reported_by(unit) for f in self.report_forms):
                message = _(
                    "“%(form)s” is not reported by %(unit)s (a %(level)s): choose one of this unit's forms below."
                )
            else:
                message = _("No report form is reported by %(unit)s (a %(level)s): choose another unit.")
            self.add_error("form", message % values)
            return data
        if form is not None and not data.get("organization") and form.organization_kinds.all():
            self.add_error("organization", _("Choose the organisation this report is for."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
