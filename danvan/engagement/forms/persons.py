"""Shapes of what the prestigious-person pages accept; sensitive fields only for who may see them."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.engagement.forms.common import DATE, BaseForm, unit_field
from danvan.engagement.models import EthnicGroup, PersonEngagement, PrestigiousPerson
from danvan.engagement.models.persons import SENSITIVE_STANDINGS
from danvan.engagement.selectors.persons import SENSITIVE_FIELDS, PersonFilters, may_see_sensitive_anywhere


def _standings(*, sensitive: bool) -> list[tuple[str, Any]]:
    """The standings offered: a religious dignitary (it reveals a religion) only to who may see sensitive data."""
    return [
        ("", "—"),
        *(
            (code, name)
            for code, name in PrestigiousPerson.Standing.choices
            if sensitive or code not in SENSITIVE_STANDINGS
        ),
    ]


class PersonForm(BaseForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900, max_value=2100)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", "—"), ("male", _("male")), ("female", _("female"))]
    )
    standing = forms.ChoiceField(label=_("Standing"), choices=[("", "—"), *PrestigiousPerson.Standing.choices])
    since = fields.DateField(label=_("Recognised since"), widget=DATE)
    until = fields.DateField(label=_("Until"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # sensitive: removed from the form for who may not see them
    ethnic_group = forms.ModelChoiceField(
        label=_("Ethnic group"), queryset=EthnicGroup.objects.all(), required=False, empty_label="—"
    )
    religion = forms.CharField(label=_("Religion"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, sensitive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sensitive = sensitive
        self.fields["village"] = unit_field(user, label=_("Village or commune"))
        if not sensitive:
            for name in SENSITIVE_FIELDS:
                del self.fields[name]
            cast(forms.ChoiceField, self.fields["standing"]).choices = _standings(sensitive=False)
        self.order_fields(["full_name", "birth_year", "gender", "village", "standing", "since", "until"])

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        since, until = d.get("since"), d.get("until")
        if since and until and until < since:
            self.add_error("until", _("“Until” cannot be before “since”."))
        return d


class EngagementForm(BaseForm):
    held_on = fields.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=PersonEngagement.Kind.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PersonFilterForm(BaseForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    standing = forms.ChoiceField(
        label=_("Standing"), required=False, choices=[("", "—"), *PrestigiousPerson.Standing.choices]
    )
    current = forms.BooleanField(label=_("Only those recognised today"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, label=_("Administrative unit"), required=False, help_text=" ")
        if not may_see_sensitive_anywhere(user):
            cast(forms.ChoiceField, self.fields["standing"]).choices = _standings(sensitive=False)

    def filters(self, today: Any) -> PersonFilters:
        d = self.cleaned_data
        return PersonFilters(
            q=d.get("q") or None,
            unit=d.get("unit"),
            standing=d.get("standing") or None,
            standing_on=today if d.get("current") else None,
        )
