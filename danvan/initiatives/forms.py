"""Shape checks for model input; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import NotFound
from danvan.geo.selectors import unit_get
from danvan.initiatives.models import Field, Kind, Status, TargetGroup
from danvan.initiatives.selectors import InitiativeFilters
from danvan.org.models import OrganizationKind


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


class InitiativeFilterForm(forms.Form):
    """The list's filters, shared by the back office, the Excel export and the API."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_blank(Field.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_blank(Status.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_blank(Kind.choices))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    unit = forms.CharField(
        label=_("Administrative unit"), required=False, max_length=40, help_text=_("era/code, e.g. 2025/22")
    )
    organization_kind = forms.ModelChoiceField(
        label=_("Organisation kind"), required=False, queryset=OrganizationKind.objects.all(), to_field_name="code"
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), required=False, queryset=TargetGroup.objects.all(), to_field_name="code"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_unit(self) -> Any:
        raw = (self.cleaned_data.get("unit") or "").strip().strip("/")
        if not raw:
            return None
        era, _sep, code = raw.partition("/")
        if not code:
            raise forms.ValidationError(_("Give the unit as era/code, e.g. 2025/22."))
        try:
            return unit_get(user=self.user, era=era, code=code)
        except NotFound as exc:
            raise forms.ValidationError(exc.message) from exc

    def filters(self) -> InitiativeFilters:
        """Call after is_valid()."""
        d = self.cleaned_data
        return InitiativeFilters(
            q=d.get("q") or None,
            field=d.get("field") or None,
            status=d.get("status") or None,
            kind=d.get("kind") or None,
            year=d.get("year"),
            unit=d.get("unit"),
            organization_kind=d["organization_kind"].code if d.get("organization_kind") else None,
            target_group=d["target_group"].code if d.get("target_group") else None,
        )
