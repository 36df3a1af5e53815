"""Forms of the petition pages: they check the shape of input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError, NotFound
from danvan.engagement.models.petitions import Complexity, Instance, PetitionKind, PetitionStatus, Topic
from danvan.engagement.petition_rules import abuse
from danvan.engagement.selectors.petitions import PetitionFilters, public_place, public_places
from danvan.engagement.services.petitions import MAX_SUBJECT, SenderData, identity_problem
from danvan.geo.models import AdminUnit


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in items]


def _unit_choices(units: Any) -> list[tuple[str, str]]:
    return [("", "—"), *((f"{u.era_id}/{u.code}", u.name) for u in units)]


class PublicPetitionForm(forms.Form):
    """The public form: place chosen by cascading selects (today's map, down to villages)."""

    kind = forms.ChoiceField(label=_("Kind of petition"), choices=PetitionKind.choices, widget=forms.RadioSelect)
    province = forms.ChoiceField(label=_("Province or city"), choices=())
    commune = forms.ChoiceField(label=_("Commune or ward"), choices=(), required=False)
    village = forms.ChoiceField(label=_("Village or residential group"), choices=(), required=False)
    place_detail = forms.CharField(label=_("Address or place (optional)"), max_length=255, required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.filter(active=True), empty_label="—")
    subject = forms.CharField(label=_("Subject"), max_length=MAX_SUBJECT)
    text = forms.CharField(label=_("Content"), max_length=abuse.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("Up to 5 files: PDF or photos (JPEG, PNG, WebP), at most 10 MB each."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    id_number = forms.CharField(label=_("ID card number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that my contact details are kept and used only to handle this petition; they are shown only "
            "to the people handling it and erased after the retention period."
        ),
        required=False,
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)  # the honeypot

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = _unit_choices(public_places())
        data = self.data
        self.fields["commune"].choices = self._children(data.get("province"))
        self.fields["village"].choices = self._children(data.get("commune"))
        self.fields["topic"].label_from_instance = lambda t: t.label  # type: ignore[attr-defined]
        for field in self.fields.values():  # marked before any submit: screen readers hear it, the label shows "*"
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"

    @staticmethod
    def _children(key: str | None) -> list[tuple[str, str]]:
        if not key:
            return [("", "—")]
        try:
            return _unit_choices(public_places(parent=public_place(key)))
        except NotFound:
            return [("", "—")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = data.get("village") or data.get("commune") or data.get("province")
        if key:
            try:
                data["unit"] = public_place(key)
            except NotFound as exc:
                self.add_error("province", exc.message)
        try:
            abuse.check_files(data.get("attachments") or [])
        except DomainError as exc:
            self.add_error("attachments", exc.message)
        for upload in data.get("attachments") or []:
            upload.seek(0)  # read again by the service
        if data.get("kind"):
            field, problem = identity_problem(data["kind"], self.sender())
            if problem:
                self.add_error(field, problem)
        return data

    def sender(self) -> SenderData:
        d = self.cleaned_data
        return SenderData(
            full_name=d.get("full_name", ""),
            id_number=d.get("id_number", ""),
            phone=d.get("phone", ""),
            email=d.get("email", "") or "",
            address=d.get("address", ""),
            consent=bool(d.get("consent")),
        )


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=30)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


OVERDUE_CHOICES = [("", "—"), ("any", _("any deadline")), ("accept", _("acceptance")), ("settle", _("settling"))]


class PetitionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—"), *PetitionStatus.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *PetitionKind.choices], required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False, empty_label="—")
    unit = forms.CharField(label=_("Unit (era/code)"), required=False, max_length=40)
    overdue = forms.ChoiceField(label=_("Overdue"), choices=OVERDUE_CHOICES, required=False)
    q = forms.CharField(label=_("Code or subject"), required=False, max_length=100)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    unassigned = forms.BooleanField(label=_("Open, without a handler"), required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["topic"].label_from_instance = lambda t: t.label  # type: ignore[attr-defined]
        for field in self.fields.values():  # marked before any submit: screen readers hear it, the label shows "*"
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"

    def clean_unit(self) -> AdminUnit | None:
        from danvan.geo.selectors import unit_get

        raw = self.cleaned_data.get("unit", "").strip().strip("/")
        if not raw:
            return None
        era, _sep, code = raw.partition("/")
        try:
            return unit_get(user=self.user, era=era, code=code)
        except NotFound as exc:
            raise ValidationError(exc.message) from exc

    def filters(self) -> PetitionFilters:
        d = self.cleaned_data
        return PetitionFilters(
            status=d.get("status", ""),
            kind=d.get("kind", ""),
            topic=d["topic"].pk if d.get("topic") else "",
            unit=d.get("unit"),
            overdue=d.get("overdue", ""),
            q=d.get("q", ""),
            mine=bool(d.get("mine")),
            unassigned=bool(d.get("unassigned")),
        )


class ActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("accept", "reject", "start", "answer", "close", "reopen", "extend", "not_duplicate")]
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer = forms.CharField(
        label=_("Answer to the sender"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(label=_("Internal note"), required=False, max_length=2000)
    complex = forms.BooleanField(label=_("Complicated case (longer time limit)"), required=False)
    complexity = forms.ChoiceField(
        label=_("Complexity of the case"), required=False, choices=[("", "—"), *Complexity.choices]
    )
    instance = forms.TypedChoiceField(
        label=_("Complaint"), required=False, coerce=int, empty_value=None, choices=Instance.choices
    )
    decision_number = forms.CharField(label=_("Number of the extension decision"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Date of the extension decision"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_complexity(self) -> str | None:
        return self.cleaned_data.get("complexity") or None


class AssignForm(forms.Form):
    handler = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class TransferForm(forms.Form):
    organization = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    reason = forms.CharField(label=_("Reason"), max_length=2000)
