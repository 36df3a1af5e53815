"""The notification choices: which kinds come by e-mail, and whether as one daily digest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.org.models.notifications import Kind


class NotificationPreferencesForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digest = forms.BooleanField(
        label=_("One daily digest instead of one e-mail each time"),
        required=False,
        help_text=_("The digest is sent once a day with everything you have not read yet."),
    )

    def __init__(self, *args: Any, preference: Any = None, **kwargs: Any) -> None:
        if preference is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "email_kinds": [k for k in Kind.values if preference.wants_email(k)],
                "digest": preference.digest,
            }
        super().__init__(*args, **kwargs)
