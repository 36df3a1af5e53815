"""Shapes of what the Three Together pages accept; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.engagement.forms.common import DATE, BaseForm, organization_field, unit_field
from danvan.engagement.models import GrassrootsActivity
from danvan.engagement.selectors.activities import ActivityFilters
from danvan.org.access import Action


class ActivityForm(BaseForm):
    start_date = fields.DateField(label=_("From"), widget=DATE)
    end_date = fields.DateField(label=_("To"), widget=DATE)
    cadres_count = fields.NumberField(
        label=_("Cadres and Party members"), min_value=0, max_value=10_000_000, whole=True, required=True
    )
    people_count = fields.NumberField(
        label=_("People taking part"), min_value=0, max_value=10_000_000, initial=0, whole=True, required=True
    )
    activities = forms.MultipleChoiceField(
        label=_("What was done"),
        choices=[(v, capfirst(label)) for v, label in GrassrootsActivity.Activity.choices],
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    houses_built = fields.NumberField(
        label=_("Houses built"), min_value=0, max_value=10_000_000, initial=0, whole=True, required=True
    )
    houses_repaired = fields.NumberField(
        label=_("Houses repaired"), min_value=0, max_value=10_000_000, initial=0, whole=True, required=True
    )
    money = fields.NumberField(
        label=_("Money given (VND)"), min_value=0, max_value=10**15, initial=0, whole=True, required=True
    )
    workdays = fields.NumberField(
        label=_("Workdays"), min_value=0, max_value=2_147_483_647, initial=0, whole=True, required=True
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = organization_field(
            user, label=_("Party cell or organisation"), action=Action.REPORT
        )
        self.fields["unit"] = unit_field(user, label=_("Village or commune"))
        self.order_fields(["organization", "unit", "start_date", "end_date", "cadres_count", "people_count"])

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        start, end = d.get("start_date"), d.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return d


class ActivityFilterForm(BaseForm):
    activity = forms.ChoiceField(
        label=_("What was done"), required=False, choices=[("", "—"), *GrassrootsActivity.Activity.choices]
    )
    date_from = fields.DateField(label=_("From"), required=False, widget=DATE)
    date_to = fields.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, label=_("Administrative unit"), required=False, help_text=" ")
        self.fields["organization"] = organization_field(user, label=_("Party cell or organisation"), required=False)

    def filters(self) -> ActivityFilters:
        d = self.cleaned_data
        return ActivityFilters(
            unit=d.get("unit"),
            organization=d.get("organization"),
            activity=d.get("activity") or None,
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
        )
