"""Forms of the account pages: they check the shape of the input; services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.geo.models import AdminUnit
from danvan.org.models import Role, User

LANGUAGE_CHOICES = [("", _("The site's default (Vietnamese)")), *settings.BACKOFFICE_LANGUAGES]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=30,
        required=False,
        regex=r"^\+?[0-9 .()-]{6,30}$",
        error_messages={"invalid": _("Enter a phone number: digits, spaces, and an optional + in front.")},
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"),
        max_length=20,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.REPORTER)
    unit = forms.CharField(label=_("Administrative unit"), max_length=40, help_text=_("era/code, e.g. 2025/22"))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)

    def clean_unit(self) -> AdminUnit:
        raw = (self.cleaned_data.get("unit") or "").strip().strip("/")
        era, _sep, code = raw.partition("/")
        unit = AdminUnit.objects.filter(era_id=era, code=code).first() if code and "\x00" not in raw else None
        if unit is None:
            raise forms.ValidationError(_("Give the unit as era/code, e.g. 2025/22."))
        return unit


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form, writing each message in its user's language.

    Invited accounts that have not set a password yet may use it too (Django skips accounts
    without a usable password, for accounts managed elsewhere; DanVan has none).
    """

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        user = args[2].get("user") if len(args) > 2 else None
        with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
            super().send_mail(*args, **kwargs)
