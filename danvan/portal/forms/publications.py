"""Publishing a model (back office) and the directory's filters (public)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan.initiatives.models import Evidence, Field, Initiative, Kind, TargetGroup
from danvan.portal.services.publications import TITLE_MAX, TRANSLATED_LANGUAGES

TEXT_MAX = 20_000


class PhotoChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Evidence) -> str:
        return obj.caption or obj.original_name


class PublishForm(forms.Form):
    title = forms.CharField(label=_("Title for readers"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    story = forms.CharField(
        label=_("Story for readers"), widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=TEXT_MAX
    )
    photos = PhotoChoice(
        label=_("Photos shown on the portal"),
        queryset=Evidence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    featured = forms.BooleanField(label=_("Feature on the portal's home page"), required=False)
    names_person = forms.BooleanField(
        label=_("The person agreed to be named on the portal"),
        required=False,
        help_text=_("Without this consent the portal never shows the person's name."),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photos"].queryset = initiative.evidence.filter(content_type__startswith="image/")  # type: ignore[attr-defined]
        if initiative.kind != Kind.INDIVIDUAL:
            del self.fields["names_person"]


def publish_initial(initiative: Initiative) -> dict[str, Any]:
    """The form's first values: what is published, else the model's name and texts."""
    publication = getattr(initiative, "publication", None)
    if publication is not None:
        return {
            "title": publication.title_vi,
            "summary": publication.summary_vi,
            "story": publication.story_vi,
            "photos": list(publication.photos.all()),
            "featured": publication.featured,
            "names_person": publication.names_person,
        }
    summary = initiative.outputs or initiative.objectives
    story = "\n\n".join(t for t in (initiative.situation, initiative.content, initiative.sustainability) if t)
    return {"title": initiative.name, "summary": summary[:2000], "story": story[:TEXT_MAX]}


class TranslateForm(forms.Form):
    language = forms.ChoiceField(choices=[(c, c) for c in TRANSLATED_LANGUAGES], widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    story = forms.CharField(
        label=_("Story for readers"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=TEXT_MAX
    )


def language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


class DirectoryForm(forms.Form):
    """The directory's filters from the query string; any malformed value makes the page answer 400."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    province = forms.CharField(label=_("Province or city"), max_length=10, required=False)
    field = forms.ChoiceField(label=_("Field"), choices=[("", _("All fields")), *Field.choices], required=False)
    target_group = forms.CharField(label=_("Target group"), max_length=40, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)

    def clean_target_group(self) -> str:
        code: str = self.cleaned_data["target_group"]
        if code and not TargetGroup.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Unknown target group."))
        return code
