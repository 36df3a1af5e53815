"""Shapes of what the story pages accept (back office and the public list's filters); services decide the rest."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import NotFound
from danvan.geo.forms import unit_key, unit_label
from danvan.geo.models import AdminUnit
from danvan.initiatives.forms_entry import TextField, UnitField
from danvan.initiatives.models import Field, Initiative
from danvan.org.access import Action, scope_filter, scope_roots, units_where
from danvan.portal.selectors.stories import StoryFilters, public_place

_IDS = re.compile(r"\d{1,18}")


class BaseForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def manage_units(user: Any) -> list[tuple[str, str]]:
    """Suggestions for the place: the highest units the user manages (a national user: the provinces)."""
    return [(unit_key(u), unit_label(u)) for u in scope_roots(user, Action.MANAGE)]


class StoryForm(BaseForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    lead = TextField(label=_("Lead"), help_text=_("One or two sentences shown under the title and in lists."))
    body = TextField(
        label=_("Text"),
        required=True,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paragraphs separated by an empty line."),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", "—"), *Field.choices])
    author = forms.CharField(label=_("Author"), max_length=150, required=False)
    source_name = forms.CharField(
        label=_("Source newspaper"),
        max_length=200,
        required=False,
        help_text=_("Where the story was first published, e.g. Báo Tuyên Quang."),
    )
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False, assume_scheme="https")
    initiatives = forms.CharField(
        label=_("Models in the story"),
        required=False,
        max_length=500,
        help_text=_(
            "Their numbers, separated by commas (the number is in the model's address). Only public models are shown."
        ),
    )
    consent_confirmed = forms.BooleanField(
        label=_("The people the story names agreed to be named"),
        required=False,
        help_text=_("Required to publish."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"] = UnitField(
            label=_("Place"),
            queryset=units_where(user, Action.MANAGE, with_organization=False),
            widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off", "placeholder": "2025/08"}),
            help_text=_("The place the story is about, as era/code (e.g. 2025/08); its managers may edit it."),
        )
        self.order_fields(["title", "lead", "body", "topic", "unit", "author", "source_name", "source_url"])

    def clean_initiatives(self) -> list[Initiative]:
        raw = self.cleaned_data.get("initiatives") or ""
        parts = [p for p in re.split(r"[\s,;]+", raw) if p]
        if any(not _IDS.fullmatch(p) for p in parts):
            raise forms.ValidationError(_("Write the models' numbers separated by commas."))
        ids = sorted({int(p) for p in parts})
        found = list(
            scope_filter(Initiative.objects.filter(pk__in=ids), self.user, org_field="organization").order_by("pk")
        )
        if len(found) != len(ids):
            raise forms.ValidationError(_("Some of these numbers are not models you can see."))
        return found

    def values(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d.pop("initiatives", None)
        return d


class PhotoForm(BaseForm):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 15 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    alt = forms.CharField(
        label=_("Text for readers who cannot see the photo"),
        max_length=300,
        required=False,
        help_text=_("What the photo shows, in a sentence."),
    )


class TranslationForm(BaseForm):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    lead = TextField(label=_("Lead"))
    body = TextField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args: Any, photos: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.photos = list(photos)
        for photo in self.photos:
            self.fields[f"caption_{photo.pk}"] = forms.CharField(
                label=_("Caption of photo %(n)s") % {"n": photo.position}, max_length=300, required=False
            )
            self.fields[f"alt_{photo.pk}"] = forms.CharField(
                label=_("Text for readers who cannot see photo %(n)s") % {"n": photo.position},
                max_length=300,
                required=False,
            )

    def captions(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {p.pk: (d.get(f"caption_{p.pk}", ""), d.get(f"alt_{p.pk}", "")) for p in self.photos}


def translation_languages() -> list[str]:
    return [c for c in settings.MODELTRANSLATION_LANGUAGES if c != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


class PublicStoryFilterForm(forms.Form):
    """The public list's filters: a topic and a province; anything else is a 400 in the visitor's language."""

    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All topics")), *Field.choices])
    place = forms.CharField(label=_("Place"), required=False, max_length=30)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def __init__(self, *args: Any, places: list[AdminUnit], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["place"].widget = forms.Select(
            choices=[("", _("All places")), *((unit_key(u), u.name) for u in places)]
        )

    def clean_place(self) -> AdminUnit | None:
        raw = self.cleaned_data.get("place") or ""
        if not raw:
            return None
        try:
            return public_place(raw)
        except NotFound:
            raise forms.ValidationError(_("No such place.")) from None

    def filters(self) -> StoryFilters:
        return StoryFilters(topic=self.cleaned_data.get("topic") or "", place=self.cleaned_data.get("place"))
