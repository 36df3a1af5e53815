"""Fields the engagement forms share: a unit typed as era/code, an organisation in scope, dates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.geo.selectors import unit_list
from danvan.initiatives.forms_entry import UnitField, unit_key, unit_label, unit_options
from danvan.org.access import Action
from danvan.org.selectors import organization_list

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BaseForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def unit_field(user: Any, *, label: Any, required: bool = True, help_text: Any = "") -> UnitField:
    """A unit typed as era/code, with the user's nearby units offered in a <datalist>."""
    return UnitField(
        label=label,
        required=required,
        queryset=unit_list(user=user),
        widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off", "placeholder": "2024/06823"}),
        help_text=help_text or _("Write it as era/code (e.g. 2024/06823) or pick one of the suggestions."),
    )


def unit_datalist(user: Any, action: Action = Action.REPORT) -> list[tuple[str, str]]:
    return [(unit_key(u), unit_label(u)) for u in unit_options(user=user, action=action)]


def organization_field(
    user: Any, *, label: Any, required: bool = True, action: Action = Action.VIEW
) -> forms.ModelChoiceField:
    """Organisations the user may do `action` on: REPORT where a record is made for it, VIEW in filters."""
    field = forms.ModelChoiceField(
        label=label,
        required=required,
        queryset=organization_list(user=user, action=action),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose an organisation in your scope.")},
    )
    field.label_from_instance = lambda org: f"{org.name} · {org.unit.name}"
    return field
