"""Shapes of what the dialogue and Three Together pages accept; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.engagement.activity_selectors import ActivityFilters
from danvan.engagement.dialogue_selectors import DialogueFilters
from danvan.engagement.models import Dialogue, GrassrootsActivity, PetitionKind, Topic
from danvan.geo.selectors import unit_list
from danvan.initiatives.forms_entry import UnitField, unit_key, unit_label, unit_options
from danvan.org.access import Action
from danvan.org.selectors import organization_list

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _Form(forms.Form):
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


def organization_field(user: Any, *, label: Any, required: bool = True) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label,
        required=required,
        queryset=organization_list(user=user),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose an organisation in your scope.")},
    )
    field.label_from_instance = lambda org: f"{org.name} · {org.unit.name}"
    return field


# --- dialogues ----------------------------------------------------------------------------------


class DialogueForm(_Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    format = forms.ChoiceField(label=_("Format"), choices=[("", "—"), *Dialogue.Format.choices])
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place_detail = forms.CharField(label=_("Venue"), max_length=255, required=False)
    participants_count = forms.IntegerField(label=_("Participants"), min_value=0, max_value=10_000_000, initial=0)
    participants = forms.CharField(label=_("Who took part"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    minutes = forms.FileField(
        label=_("Minutes"),
        required=False,
        help_text=_("PDF, Word (.docx) or a photo, at most 10 MB."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, label=_("Place"))
        self.fields["host"] = organization_field(user, label=_("Host organisation"))
        self.order_fields(["title", "format", "held_on", "unit", "place_detail", "host"])

    def values(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d.pop("minutes", None)
        return d


class IssueForm(_Form):
    subject = forms.CharField(label=_("Issue raised"), max_length=200)
    text = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Kind"), choices=PetitionKind.choices, initial=PetitionKind.RECOMMENDATION)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), required=False)
    deadline = forms.DateField(label=_("Promised by"), widget=DATE)

    def __init__(self, *args: Any, user: Any, handlers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = organization_field(user, label=_("Owner organisation"))
        from django.contrib.auth import get_user_model

        self.fields["handler"] = forms.ModelChoiceField(
            label=_("Handler"),
            required=False,
            queryset=handlers if handlers is not None else get_user_model().objects.filter(is_active=True),
            empty_label="—",
        )
        self.order_fields(["subject", "text", "owner", "handler", "deadline", "kind", "topic"])


class SettleForm(_Form):
    answer = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DialogueFilterForm(_Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[("", "—"), *Dialogue.Format.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, label=_("Administrative unit"), required=False, help_text=" ")
        self.fields["host"] = organization_field(user, label=_("Host organisation"), required=False)

    def filters(self) -> DialogueFilters:
        d = self.cleaned_data
        return DialogueFilters(
            q=d.get("q") or None,
            format=d.get("format") or None,
            unit=d.get("unit"),
            host=d.get("host"),
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
        )


# --- Three Together -----------------------------------------------------------------------------


class ActivityForm(_Form):
    start_date = forms.DateField(label=_("From"), widget=DATE)
    end_date = forms.DateField(label=_("To"), widget=DATE)
    cadres_count = forms.IntegerField(label=_("Cadres and Party members"), min_value=0, max_value=10_000_000)
    people_count = forms.IntegerField(label=_("People taking part"), min_value=0, max_value=10_000_000, initial=0)
    activities = forms.MultipleChoiceField(
        label=_("What was done"),
        choices=[(v, capfirst(label)) for v, label in GrassrootsActivity.Activity.choices],
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    houses_built = forms.IntegerField(label=_("Houses built"), min_value=0, max_value=10_000_000, initial=0)
    houses_repaired = forms.IntegerField(label=_("Houses repaired"), min_value=0, max_value=10_000_000, initial=0)
    money = forms.DecimalField(label=_("Money given (VND)"), min_value=0, max_value=10**15, decimal_places=0, initial=0)
    workdays = forms.IntegerField(label=_("Workdays"), min_value=0, max_value=2_147_483_647, initial=0)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = organization_field(user, label=_("Party cell or organisation"))
        self.fields["unit"] = unit_field(user, label=_("Village or commune"))
        self.order_fields(["organization", "unit", "start_date", "end_date", "cadres_count", "people_count"])

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        start, end = d.get("start_date"), d.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return d


class ActivityFilterForm(_Form):
    activity = forms.ChoiceField(
        label=_("What was done"), required=False, choices=[("", "—"), *GrassrootsActivity.Activity.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

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
