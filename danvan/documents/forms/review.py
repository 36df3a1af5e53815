"""Shape checks for the review report's pages; who may write what is the services' to decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.documents.models import ReviewReport
from danvan.documents.services.review import HEADER_FIELDS, MAX_NARRATIVE


class ReviewHeaderForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ReviewReport
        fields = list(HEADER_FIELDS)
        widgets = {
            "layout": forms.RadioSelect,
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "signed_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }
        help_texts = {
            "superior": _("Party layout: e.g. “ĐẢNG BỘ TỈNH TUYÊN QUANG”; State layout: the body above the issuer."),
            "number": _("e.g. “Số 125-BC/BDVTU”"),
            "signer_title": _("e.g. “T/M BAN THƯỜNG VỤ” then “TRƯỞNG BAN” on the next line."),
        }


class ReviewReportForm(ReviewHeaderForm):
    """A new report: its unit and period from the user's choices, then its header."""

    unit = forms.TypedChoiceField(label=_("Administrative unit"), coerce=int)
    period = forms.ChoiceField(label=_("Period"))

    field_order = ["unit", "period", *HEADER_FIELDS]

    def __init__(self, *args: Any, units: list[Any], periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit, period = cast(forms.ChoiceField, self.fields["unit"]), cast(forms.ChoiceField, self.fields["period"])
        unit.choices = [(u.pk, u.name if not u.parent_id else f"{u.name} ({u.parent.name})") for u in units]
        period.choices = [(p.code, p.code) for p in periods]


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_NARRATIVE,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
