"""The shape of what the map pages accept; what is allowed is decided by selectors and services."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.core.templatetags.danvan import localized_name
from danvan.geo.models import AdminUnit, Era

# Names of the units below a commune differ by region; they are Vietnamese words, kept as data.
VILLAGE_TYPES = ["Thôn", "Tổ dân phố", "Bản", "Ấp", "Xóm", "Khu phố", "Buôn", "Làng", "Khu"]


class BaseForm(forms.Form):
    """Labels without a trailing colon: the templates lay labels out above their fields."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class MapSearchForm(BaseForm):
    """`?era=2024&q=uong bi`: both optional; the era defaults to the map in force today."""

    era = forms.ChoiceField(
        label=_("Map version"),
        required=False,
        error_messages={"invalid_choice": _("There is no map version “%(value)s”.")},
    )
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        help_text=_("Accents are optional: “uong bi” finds “Uông Bí”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, eras: Iterable[Era], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["era"].choices = [(era.code, localized_name(era)) for era in eras]


class CoveringForm(BaseForm):
    """Which unit covered this place on a given date (`?on=2024-09-07`)."""

    on = fields.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class VillageForm(BaseForm):
    type_name = forms.ChoiceField(
        label=_("Type"),
        choices=[(t, t) for t in VILLAGE_TYPES],
        help_text=_("Thôn, bản, ấp: a village; tổ dân phố, khu phố: a residential group."),
    )
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("Without the type, e.g. “Nam Sơn”."))


def unit_key(unit: AdminUnit) -> str:
    return f"{unit.era_id}/{unit.code}"


def unit_label(unit: AdminUnit) -> str:
    """ "Phường Nam Khê, Thành phố Uông Bí · map 2024": a unit's name alone is often not unique."""
    parent = unit.parent.name if unit.parent is not None else ""
    if parent:
        return _("%(name)s, %(parent)s · map %(era)s") % {"name": unit.name, "parent": parent, "era": unit.era_id}
    return _("%(name)s · map %(era)s") % {"name": unit.name, "era": unit.era_id}
