"""Shape checks for the reporting pages; what is allowed is decided by `reporting.services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError, NotFound
from danvan.geo.forms import unit_key, unit_label
from danvan.geo.selectors import unit_get
from danvan.org.access import Action
from danvan.org.selectors import organization_list
from danvan.reporting import selectors
from danvan.reporting.entry import report_units
from danvan.reporting.models import Period, Submission
from danvan.reporting.periods import period_get, period_parse


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class SubmissionFilterForm(forms.Form):
    """The filters of "My reports"."""

    form = forms.ModelChoiceField(label=_("Report form"), required=False, queryset=None, to_field_name="code")
    period = forms.CharField(label=_("Period"), required=False, max_length=16, help_text=_("e.g. 2024"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(Submission.Status.choices))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = selectors.form_list(user=user, active=False)
        self.fields["form"].empty_label = "—"
        self.user = user

    def clean_period(self) -> Period | None:
        code = self.cleaned_data.get("period", "")
        if not code:
            return None
        try:
            norm = period_parse(code)[0]
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        # a period nobody reported yet exists nowhere: filtering by it finds nothing, it creates nothing
        return selectors.period_list(user=self.user).filter(code=norm).first() or Period(code=norm)


class OpenForm(forms.Form):
    """Which report to open: a form, a unit where the user reports, a period and maybe an organisation."""

    form = forms.ModelChoiceField(label=_("Report form"), queryset=None, to_field_name="code")
    unit = forms.CharField(label=_("Administrative unit"), max_length=40, widget=forms.Select)
    period = forms.CharField(
        label=_("Period"),
        max_length=16,
        help_text=_("A year (2024), a half (2024-H1), a quarter (2024-Q3) or a month (2024-05)."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        help_text=_("Only for forms that each organisation reports on."),
    )

    def __init__(self, *args: Any, user: Any, q: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        forms_qs = selectors.form_list(user=user)
        self.fields["form"].queryset = forms_qs
        self.fields["form"].empty_label = "—"
        self.report_forms = list(forms_qs)
        levels = sorted({level for f in self.report_forms for level in (f.levels or [])})
        units = report_units(user=user, levels=levels, q=q)
        self.units = units
        self.fields["unit"].widget.choices = _blank([(unit_key(u), unit_label(u)) for u in units])
        if len(units) == 1 and not self.is_bound:
            self.initial.setdefault("unit", unit_key(units[0]))
        kinds = {k.pk for f in self.report_forms for k in f.organization_kinds.all()}
        usable = organization_list(user=user, action=Action.REPORT)  # where the user may report for it
        orgs = usable.filter(kind_id__in=kinds) if kinds else usable.none()
        self.fields["organization"].queryset = orgs
        self.fields["organization"].empty_label = "—"
        self.has_organizations = bool(kinds)

    def clean_unit(self) -> Any:
        """Any unit the user sees, even one the list did not show (it offers at most 200)."""
        raw = self.cleaned_data.get("unit", "")
        era, _sep, code = raw.partition("/")
        try:
            unit = unit_get(user=self.user, era=era, code=code)
        except NotFound as exc:
            raise forms.ValidationError(exc.message) from exc
        return unit  # whether the user may report there (for which organisation) is the service's to say

    def clean_period(self) -> Period:
        try:
            return period_get(self.cleaned_data.get("period", ""))
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc

    def clean(self) -> dict[str, Any]:
        """Ask for the organisation before the service says "you cannot report here" without one."""
        data = super().clean()
        form = data.get("form")
        if form is not None and not data.get("organization") and form.organization_kinds.all():
            self.add_error("organization", _("Choose the organisation this report is for."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
