"""Forms of the decision pages: a draft (header, recipients as lines or from published results), issue, revoke."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.geo.models import AdminUnit, Era, Level
from danvan.initiatives.models import Field
from danvan.org.access import Action, organizations_usable, visible_units
from danvan.org.models import Organization
from danvan.recognition.models import Award, AwardDecision, Campaign, DecisionStatus, Evaluation, EvaluationStatus
from danvan.recognition.selectors.awards import award_list
from danvan.recognition.selectors.campaigns import campaign_list
from danvan.recognition.selectors.certificates import decision_list
from danvan.recognition.selectors.register import RegisterFilter
from danvan.recognition.services.decisions import RecipientSpec

MAX_LINES = 20_000


def issuers_for(user: Any) -> QuerySet[Organization]:
    """The organisations the user may manage: those he may issue decisions for."""
    return organizations_usable(user, Action.MANAGE).select_related("unit", "kind").order_by("unit__path", "name")


def published_evaluations(campaign: Campaign) -> QuerySet[Evaluation]:
    """The nomination list from the published results, best result first."""
    return (
        Evaluation.objects.filter(registration__campaign=campaign, status=EvaluationStatus.PUBLISHED)
        .select_related("registration__unit", "registration__organization", "registration__person")
        .order_by("-result", "registration__unit__path", "pk")
    )


def _lines(text: str) -> list[list[str]]:
    rows = [[part.strip() for part in line.split("|")] for line in text.splitlines() if line.strip()]
    if len(rows) > MAX_LINES:
        raise ValidationError(_("At most %(n)s lines.") % {"n": MAX_LINES})
    return rows


class EvaluationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Evaluation) -> str:
        reg = obj.registration
        return f"{reg.who_label} · {reg.unit} · {obj.result}"


class DecisionForm(forms.Form):
    issuer = forms.ModelChoiceField(label=gettext_lazy("Issued by"), queryset=Organization.objects.none())
    award = forms.ModelChoiceField(label=gettext_lazy("Form of commendation"), queryset=Award.objects.none())
    campaign = forms.ModelChoiceField(label=gettext_lazy("Campaign"), queryset=Campaign.objects.none(), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    suffix = forms.CharField(
        label=gettext_lazy("Issuer's abbreviation"), max_length=30, help_text=gettext_lazy("e.g. UBND, BDVTU")
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500)
    reason = forms.CharField(label=gettext_lazy("Commended for"), widget=forms.Textarea(attrs={"rows": 3}))
    signer_name = forms.CharField(label=gettext_lazy("Signed by"), max_length=150)
    signer_title = forms.CharField(label=gettext_lazy("Signer's position"), max_length=150)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=100, required=False)
    evaluations = EvaluationChoice(
        label=gettext_lazy("From the published results"),
        queryset=Evaluation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    collectives = forms.CharField(
        label=gettext_lazy("Collectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("One a line: name | unit code (optional: the issuer's unit)."),
    )
    individuals = forms.CharField(
        label=gettext_lazy("Individuals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("One a line: full name | position and unit | unit code (optional)."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast(forms.ModelChoiceField, self.fields["issuer"]).queryset = issuers_for(user)
        cast(forms.ModelChoiceField, self.fields["award"]).queryset = award_list(user=user, category="commendation")
        cast(forms.ModelChoiceField, self.fields["campaign"]).queryset = campaign_list(user=user)
        campaign = self._campaign()
        if campaign is not None:
            cast(forms.ModelChoiceField, self.fields["evaluations"]).queryset = published_evaluations(campaign)

    def _campaign(self) -> Campaign | None:
        raw = self.data.get("campaign") if self.is_bound else self.initial.get("campaign")
        if isinstance(raw, Campaign):
            return raw
        try:
            return campaign_list(user=self.user).filter(pk=int(raw)).first() if raw else None
        except (TypeError, ValueError):
            return None

    def clean_collectives(self) -> list[list[str]]:
        return _lines(self.cleaned_data.get("collectives", ""))

    def clean_individuals(self) -> list[list[str]]:
        return _lines(self.cleaned_data.get("individuals", ""))

    def _unit(self, issuer: Organization, code: str, n: int) -> AdminUnit:
        if not code:
            return issuer.unit
        found = AdminUnit.objects.filter(era_id=issuer.unit.era_id, code=code).first()
        if found is None:
            raise ValidationError(_("Line %(n)s: no unit has the code %(code)s.") % {"n": n, "code": code})
        return found

    def recipients(self) -> list[RecipientSpec]:
        """The selected published results first, then the typed lines; the service checks each."""
        d = self.cleaned_data
        issuer: Organization = d["issuer"]
        out: list[RecipientSpec] = []
        for e in d.get("evaluations") or []:
            reg = e.registration
            out.append(
                RecipientSpec(
                    unit=reg.unit,
                    organization=reg.organization,
                    person=reg.person,
                    name=str(reg.person or reg.organization or reg.unit),
                    evaluation=e,
                )
            )
        for n, parts in enumerate(d.get("collectives") or [], start=1):
            unit = self._unit(issuer, parts[1] if len(parts) > 1 else "", n)
            out.append(RecipientSpec(unit=unit, name=parts[0]))
        for n, parts in enumerate(d.get("individuals") or [], start=1):
            unit = self._unit(issuer, parts[2] if len(parts) > 2 else "", n)
            position = parts[1] if len(parts) > 1 else ""
            out.append(RecipientSpec(unit=unit, name=parts[0], position=position, new_person=True))
        return out


class IssueForm(forms.Form):
    signed_on = forms.DateField(label=gettext_lazy("Signed on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"signed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_signed_on(self) -> date:
        value: date = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("A decision cannot be signed in the future."))
        return value


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for revoking"), widget=forms.Textarea(attrs={"rows": 3}))


class ConferenceForm(forms.Form):
    organization = forms.ModelChoiceField(label=gettext_lazy("Held by"), queryset=Organization.objects.none())
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    held_on = forms.DateField(label=gettext_lazy("Date"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    report_url = forms.URLField(label=gettext_lazy("Review report (link)"), required=False, assume_scheme="https")
    report_file = forms.FileField(label=gettext_lazy("Review report (file)"), required=False)
    decisions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Decisions handed out"),
        queryset=AwardDecision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = issuers_for(user)
        handed = decision_list(user=user).exclude(status=DecisionStatus.DRAFT)
        cast(forms.ModelChoiceField, self.fields["decisions"]).queryset = handed


class RegisterFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=gettext_lazy("Level of the issuer"), choices=[("", gettext_lazy("All"))], required=False
    )
    award = forms.ModelChoiceField(
        label=gettext_lazy("Form of commendation"), queryset=Award.objects.none(), required=False
    )
    field = forms.ChoiceField(label=gettext_lazy("Field of the model"), choices=[], required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False)
    era = forms.ModelChoiceField(label=gettext_lazy("Map"), queryset=Era.objects.all(), required=False)
    unit = forms.CharField(
        label=gettext_lazy("Place (unit code)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("e.g. 08 for Tuyên Quang on the 2024 map; its area on either map is included."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["level"]).choices = [("", _("All")), *Level.choices[:3]]
        cast(forms.ModelChoiceField, self.fields["award"]).queryset = award_list(user=user, category="commendation")
        cast(forms.ChoiceField, self.fields["field"]).choices = [("", _("All")), *Field.choices]
        self.user = user

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        code = (d.get("unit") or "").strip()
        d["unit"] = None
        if code:
            units = visible_units(self.user).filter(code=code).select_related("era").order_by("-era_id")
            if d.get("era") is not None:
                units = units.filter(era=d["era"])
            d["unit"] = units.first()
            if d["unit"] is None:
                self.add_error("unit", _("No unit you may see has this code."))
        return d

    def filter(self) -> RegisterFilter:
        d = self.cleaned_data
        return RegisterFilter(
            level=d.get("level") or "",
            award=d.get("award"),
            field=d.get("field") or "",
            year=d.get("year"),
            unit=d.get("unit"),
        )
