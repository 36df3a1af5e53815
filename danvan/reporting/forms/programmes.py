"""Shape checks for the programme and target pages; what may be set is `services.programmes`' to decide.

The choices (units, organisations, indicators) come from the selectors, so a form never offers
what the user may not see; a unit posted from outside the list is read back through the same
selectors and refused as missing.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.core.errors import DomainError, NotFound
from danvan.documents.workbook import workbook_check
from danvan.geo.forms import unit_key, unit_label
from danvan.geo.models import AdminUnit, Level
from danvan.geo.selectors import unit_get
from danvan.org.models import Organization
from danvan.org.selectors import organization_list
from danvan.reporting import selectors
from danvan.reporting.models import Indicator, Period, Programme, Target
from danvan.reporting.models.reports import VALUE_PLACES
from danvan.reporting.periods import period_get

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _blank(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class _UnitChoice(forms.Form):
    """A unit chosen as "era/code" from the offered list, read back through the geo selector."""

    units: list[AdminUnit]
    user: Any

    def _offer_units(self, units: list[AdminUnit]) -> None:
        self.units = units
        cast(forms.ChoiceField, self.fields["unit"]).choices = _blank([(unit_key(u), unit_label(u)) for u in units])

    def clean_unit(self) -> AdminUnit:
        era, _sep, code = str(self.cleaned_data.get("unit", "")).partition("/")
        try:
            return unit_get(user=self.user, era=era, code=code)
        except NotFound as exc:
            raise forms.ValidationError(exc.message) from exc


class ProgrammeForm(_UnitChoice):
    name = forms.CharField(label=_("Name"), max_length=255)
    document_number = forms.CharField(
        label=_("Document number"), max_length=60, required=False, help_text=_("e.g. 02-ĐA/TU")
    )
    document_title = forms.CharField(label=_("Document title"), max_length=500, required=False)
    issuer: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Issued by"), queryset=None, required=False, empty_label="—"
    )
    unit = forms.ChoiceField(label=_("Administrative unit it covers"))
    start = fields.DateField(label=_("Start"), widget=DATE_WIDGET)
    end = fields.DateField(label=_("End"), widget=DATE_WIDGET)
    rule = forms.ChoiceField(label=_("Status rule"), choices=Programme.Rule.choices, initial=Programme.Rule.LINEAR)
    on_track_percent = fields.NumberField(
        label=_("On track from (% of expected)"), whole=True, required=True, min_value=1, max_value=100, initial=100
    )
    at_risk_percent = fields.NumberField(
        label=_("At risk from (% of expected)"),
        whole=True,
        required=True,
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("Below it, the target is behind."),
    )

    def __init__(self, *args: Any, user: Any, programme: Programme | None = None, **kwargs: Any) -> None:
        if programme is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "name": programme.name,
                "document_number": programme.document_number,
                "document_title": programme.document_title,
                "issuer": programme.issuer_id,
                "unit": unit_key(programme.unit),
                "start": programme.start,
                "end": programme.end,
                "rule": programme.rule,
                "on_track_percent": programme.on_track_percent,
                "at_risk_percent": programme.at_risk_percent,
            }
        super().__init__(*args, **kwargs)
        self.user = user
        units = selectors.programme_units(user=user)
        if programme is not None and programme.unit not in units:
            units.insert(0, programme.unit)
        self._offer_units(units)
        cast("forms.ModelChoiceField[Organization]", self.fields["issuer"]).queryset = organization_list(
            user=user
        ).order_by("unit__path", "name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The programme cannot end before it starts."))
        return data


class TargetForm(_UnitChoice):
    kind = forms.ChoiceField(label=_("Kind"), choices=Target.Kind.choices, initial=Target.Kind.ABSOLUTE)
    indicator: forms.ModelChoiceField[Indicator] = forms.ModelChoiceField(
        label=_("Indicator"), queryset=None, to_field_name="code", empty_label="—"
    )
    unit = forms.ChoiceField(label=_("Administrative unit"), help_text=_("The programme's unit or a unit below it."))
    value = fields.NumberField(
        label=_("Target value"),
        required=True,
        places=VALUE_PLACES,
        help_text=_("A total, the minimum for every unit below, or a percent, by kind."),
    )
    level = forms.ChoiceField(
        label=_("Every unit of level"),
        required=False,
        choices=_blank([(v, str(label)) for v, label in Level.choices if v != Level.PROVINCE]),
        help_text=_("Only for a target per unit below."),
    )
    denominator: forms.ModelChoiceField[Indicator] = forms.ModelChoiceField(
        label=_("Out of (indicator)"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label="—",
        help_text=_("Only for a share: the indicator the share is taken of."),
    )
    due_period = forms.CharField(
        label=_("Due by the end of"),
        max_length=16,
        required=False,
        help_text=_("A period such as 2024 or 2025-H1; empty: due at the programme's end."),
    )

    def __init__(
        self, *args: Any, user: Any, programme: Programme, target: Target | None = None, **kwargs: Any
    ) -> None:
        if target is not None and not kwargs.get("data") and not args:
            kwargs["initial"] = {
                "kind": target.kind,
                "indicator": target.indicator.code,
                "unit": unit_key(target.unit),
                "value": target.value.normalize(),
                "level": target.level,
                "denominator": target.denominator.code if target.denominator is not None else "",
                "due_period": target.due_period.code if target.due_period is not None else "",
            }
        super().__init__(*args, **kwargs)
        self.user = user
        self.programme = programme
        if target is None and not self.is_bound:
            self.initial.setdefault("unit", unit_key(programme.unit))
        self._offer_units(selectors.target_units(user=user, programme=programme))
        indicators = selectors.indicator_list(user=user)
        for name in ("indicator", "denominator"):
            cast("forms.ModelChoiceField[Indicator]", self.fields[name]).queryset = indicators

    def clean_due_period(self) -> Period | None:
        code = self.cleaned_data.get("due_period", "").strip()
        if not code:
            return None
        try:
            return period_get(code)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc


class TargetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("The targets template, filled in; every cell is checked before anything is saved."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            workbook_check(upload)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload
