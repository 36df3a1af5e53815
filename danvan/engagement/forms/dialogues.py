"""Shapes of what the dialogue pages accept; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.engagement.forms.common import DATE, BaseForm, organization_field, unit_field
from danvan.engagement.models import Dialogue, PetitionKind, Topic
from danvan.engagement.selectors.dialogues import DialogueFilters
from danvan.org.access import Action


class DialogueForm(BaseForm):
    title = forms.CharField(label=_("Title"), max_length=255)
    format = forms.ChoiceField(label=_("Format"), choices=[("", "—"), *Dialogue.Format.choices])
    held_on = fields.DateField(label=_("Date"), widget=DATE)
    place_detail = forms.CharField(label=_("Venue"), max_length=255, required=False)
    participants_count = fields.NumberField(
        label=_("Participants"), min_value=0, max_value=10_000_000, initial=0, whole=True, required=True
    )
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
        self.fields["host"] = organization_field(user, label=_("Host organisation"), action=Action.REPORT)
        self.order_fields(["title", "format", "held_on", "unit", "place_detail", "host"])

    def values(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d.pop("minutes", None)
        return d


class IssueForm(BaseForm):
    subject = forms.CharField(label=_("Issue raised"), max_length=200)
    text = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("Kind"), choices=PetitionKind.choices, initial=PetitionKind.RECOMMENDATION)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), required=False)
    deadline = fields.DateField(label=_("Promised by"), widget=DATE)

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


class SettleForm(BaseForm):
    answer = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DialogueFilterForm(BaseForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[("", "—"), *Dialogue.Format.choices])
    date_from = fields.DateField(label=_("From"), required=False, widget=DATE)
    date_to = fields.DateField(label=_("To"), required=False, widget=DATE)

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
