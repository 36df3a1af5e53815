"""The shape of what the model pages accept: registration and edit, replication, transitions, evidence.

What is allowed is decided by `initiatives.services` (through `org.access`); these forms check that
input has the right shape and offer each user the choices of their own scope. Numbers are typed the
way the user's language writes them (`core.numbers`): "185.000.000" or "185 000 000" is 185 million
đồng in Vietnamese, "185,000,000" in English.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.documents.models import PolicyDocument
from danvan.geo.forms import unit_key, unit_label
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import unit_list, unit_search
from danvan.initiatives import evidence
from danvan.initiatives.models import LOCKED_STATUSES, Field, Initiative, Kind, ResultMetric, Status, TargetGroup
from danvan.org.access import Action, home_organization, home_unit, is_national, may_anywhere, scope_roots, units_where
from danvan.org.models import Organization, Person
from danvan.org.selectors import organization_list

UNIT_OPTIONS_LIMIT = 50  # a search is for finding one unit: past this many, type more letters
MAX_VND = 10**15  # a thousand trillion đồng: anything above is a typing slip (and would overflow the column)
MAX_WHOLE = 2_147_483_647  # the workdays column
MAX_METRIC = Decimal(10) ** 16  # the results column holds 16 digits before the decimal point

# The paper registration form: the name, then nine numbered sections (ten fields in all).
SECTIONS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (_("1. Current situation and reason for the model"), ("situation",)),
    (_("2. Objectives and evaluation criteria"), ("objectives",)),
    (_("3. Content and methods"), ("content",)),
    (_("4. Area and target group"), ("area_and_targets", "target_groups")),
    (_("5. Lead and partner forces and their roles"), ("forces",)),
    (_("6. Resources"), ("money_vnd", "in_kind", "workdays", "social_contributions_vnd")),
    (_("7. Timeline"), ("start_date", "milestones", "evaluation_date")),
    (_("8. Verifiable outputs"), ("outputs",)),  # followed by the result metrics
    (_("9. Sustainability and replicability"), ("sustainability",)),
)
TEXT_FIELDS = ("situation", "objectives", "content", "area_and_targets", "forces", "in_kind", "milestones")
TEXT_FIELDS += ("outputs", "sustainability")


class BaseForm(forms.Form):
    """Labels without a trailing colon: the templates lay labels out above their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# --- numbers as officials type them: danvan.core.numbers, through danvan.core.fields -------------


class NumberField(fields.NumberField):
    """A figure of a model: 185.000.000 đồng in Vietnamese; negative numbers pass (services refuse them)."""

    def __init__(self, *, whole: bool = False, maximum: Decimal | int = MAX_METRIC, **kwargs: Any) -> None:
        super().__init__(whole=whole, places=2, maximum=maximum, **kwargs)


class TextField(forms.CharField):
    """Free text from a textarea; browsers send CRLF line ends, stored as LF."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


# --- administrative units -----------------------------------------------------------------------


def report_units(user: Any) -> QuerySet[AdminUnit]:
    """The units where `user` may register models (REPORT): their scope's subtrees, in either era."""
    return units_where(user, Action.REPORT)


def may_report_somewhere(user: Any) -> bool:
    return may_anywhere(user, Action.REPORT)


def unit_options(*, user: Any, action: Action, q: str = "", selected: AdminUnit | None = None) -> list[AdminUnit]:
    """What a unit picker offers: the search's matches, or the user's scope roots and the units just below.

    `action=Action.REPORT` offers where the user may register models, `Action.VIEW` what they may see.
    The selected unit always stays among the options, so a search never changes the choice by itself.
    """
    base = (report_units(user) if action == Action.REPORT else unit_list(user=user)).select_related("parent")
    if q:
        found = list(unit_search(base, q).order_by("-era_id", "path")[:UNIT_OPTIONS_LIMIT])
    else:
        roots = list(scope_roots(user, action))
        if is_national(user):
            found = sorted(roots, key=lambda u: u.era_id, reverse=True)  # roots come in path order
        else:
            below = list(base.filter(parent__in=roots)) if roots else []
            found = sorted(sorted({*roots, *below}, key=lambda u: u.path), key=lambda u: u.era_id, reverse=True)
    if selected is not None and selected not in found:
        found.insert(0, selected)
    return found


def default_unit(user: Any) -> AdminUnit | None:
    """The unit of the user's first membership that lets them report (Nam Khê for its reporter)."""
    return home_unit(user, action=Action.REPORT)


def default_organization(user: Any, unit: AdminUnit | None) -> Organization | None:
    """The organisation a membership is narrowed to, else the first one at the unit itself."""
    if unit is None:
        return None
    narrowed = home_organization(user, unit)
    if narrowed is not None:
        return narrowed
    return organization_list(user=user, unit_path=unit.path).filter(unit=unit).first()


class UnitField(forms.Field):
    """A unit given as "era/code" (codes repeat across eras), looked up in `queryset`.

    The widget's choices are set by the form to a short list (`unit_options`), never the whole
    queryset: a national administrator's scope has 14,000 units.
    """

    widget = forms.Select
    default_error_messages = {
        "invalid": _("Give the unit as era/code, e.g. 2025/22."),
        "invalid_choice": _("Choose an administrative unit in your scope."),
    }

    def __init__(self, *, queryset: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.queryset = queryset
        self.validators.append(ProhibitNullCharactersValidator())
        self._cache: dict[str, AdminUnit] = {}

    def to_python(self, value: Any) -> AdminUnit | None:
        if isinstance(value, AdminUnit):
            return value
        raw = str(value or "").strip().strip("/")
        if not raw:
            return None
        if "\x00" in raw:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        if raw in self._cache:
            return self._cache[raw]
        era, _sep, code = raw.partition("/")
        if not code:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        unit = self.queryset.filter(era_id=era, code=code).select_related("parent", "era").first()
        if unit is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        self._cache[raw] = unit
        return unit

    def prepare_value(self, value: Any) -> Any:
        return unit_key(value) if isinstance(value, AdminUnit) else value

    def set_options(self, units: Iterable[AdminUnit], *, blank: str = "—") -> None:
        self.widget.choices = [("", blank), *((unit_key(u), unit_label(u)) for u in units)]


def people_of(*, user: Any, organization: Organization | int | None) -> QuerySet[Person]:
    """The people of one organisation the user can see (for an individual model)."""
    if organization is None:
        return Person.objects.none()
    return Person.objects.filter(organization=organization, organization__in=organization_list(user=user)).order_by(
        "full_name"
    )


def _chosen_organization(form: forms.Form) -> int | None:
    """The organisation picked so far (bound data or initial), as an id; None if there is none yet."""
    value = form.data.get(form.add_prefix("organization")) if form.is_bound else form.initial.get("organization")
    if isinstance(value, Organization):
        return value.pk
    raw = str(value or "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _selected_unit(form: forms.Form, field: UnitField) -> AdminUnit | None:
    raw = form.data.get(form.add_prefix("unit")) if form.is_bound else form.initial.get("unit")
    try:
        return field.to_python(raw)
    except forms.ValidationError:
        return None


# --- forms --------------------------------------------------------------------------------------


class _PlaceMixin:
    """Unit, organisation and year, offered from the user's scope (registration and replication)."""

    fields: dict[str, forms.Field]

    def _setup_place(self, user: Any) -> None:
        form: Any = self
        unit_field = UnitField(
            label=_("Administrative unit"),
            queryset=unit_list(user=user),  # anything visible parses; the service says where one may report
            help_text=_("Where the model is carried out. Type in the search box to find another unit of your scope."),
        )
        self.fields["unit"] = unit_field
        self.fields["organization"] = forms.ModelChoiceField(
            label=_("Owning organisation"),
            queryset=organization_list(user=user, action=Action.REPORT),
            empty_label="—",
            error_messages={"invalid_choice": _("Choose an organisation in your scope.")},
        )
        self.fields["organization"].label_from_instance = lambda org: f"{org.name} · {org.unit.name}"
        unit_field.set_options(unit_options(user=user, action=Action.REPORT, selected=_selected_unit(form, unit_field)))


class InitiativeEntryForm(_PlaceMixin, BaseForm):
    """The registration form on paper, as a web form: the name, nine sections, and where and whose."""

    name = forms.CharField(label=_("Name of the model"), max_length=300)
    field = forms.ChoiceField(label=_("Field"), choices=[("", "—"), *((v, capfirst(n)) for v, n in Field.choices)])
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(v, capfirst(label)) for v, label in Kind.choices],
        widget=forms.RadioSelect,
        initial=Kind.COLLECTIVE,
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        required=False,
        queryset=Person.objects.none(),
        empty_label="—",
        help_text=_("For an individual model: one of the owning organisation's people."),
        error_messages={"invalid_choice": _("Choose one of the owning organisation's people.")},
    )
    year = forms.IntegerField(label=_("Registration year"), min_value=1990, max_value=2100)
    policy_documents = forms.ModelMultipleChoiceField(
        label=_("Policy documents"),
        required=False,
        queryset=PolicyDocument.objects.order_by("number", "issuer"),
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("The resolutions or projects the model carries out (hold Ctrl to choose several)."),
    )
    situation = TextField(label=_("Current situation and reason"))
    objectives = TextField(label=_("Objectives and evaluation criteria"))
    content = TextField(label=_("Content and methods"), widget=forms.Textarea(attrs={"rows": 5}))
    area_and_targets = TextField(label=_("Area and target group"))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        required=False,
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    forces = TextField(label=_("Lead and partner forces and their roles"))
    money_vnd = NumberField(label=_("Money (VND)"), whole=True, maximum=MAX_VND)
    in_kind = TextField(label=_("In kind"), widget=forms.Textarea(attrs={"rows": 2}))
    workdays = NumberField(label=_("Workdays"), whole=True, maximum=MAX_WHOLE)
    social_contributions_vnd = NumberField(label=_("Social contributions (VND)"), whole=True, maximum=MAX_VND)
    start_date = fields.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    milestones = TextField(label=_("Milestones"))
    evaluation_date = fields.DateField(
        label=_("Evaluation date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    outputs = TextField(label=_("Verifiable outputs"))
    sustainability = TextField(label=_("Sustainability and replicability"))
    reason = TextField(
        label=_("Reason for the change"),
        max_length=2000,
        help_text=_(
            "This model has already been recognised: say why it is changed. The reason is kept on its timeline."
        ),
    )

    PLACE_FIELDS = ("field", "kind", "person", "organization", "unit", "year", "policy_documents")

    def __init__(self, *args: Any, user: Any, initiative: Initiative | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.initiative = initiative
        self.locked = initiative is not None and initiative.status in LOCKED_STATUSES
        if not self.locked:
            del self.fields["reason"]
        self._setup_place(user)
        self.fields["person"].queryset = people_of(user=user, organization=_chosen_organization(self))
        # choosing another organisation reloads its people into the person list
        self.fields["organization"].widget.attrs.update(
            {
                "hx-get": reverse("initiatives:person_choices"),
                "hx-trigger": "change",
                "hx-target": f"#{self['person'].auto_id}",
                "hx-swap": "innerHTML",
            }
        )
        self.metrics = list(ResultMetric.objects.all())
        for metric in self.metrics:
            label = metric.label + (f" ({metric.unit})" if metric.unit else "")
            self.fields[self.metric_field(metric)] = NumberField(label=label, whole=metric.integer)

    @staticmethod
    def metric_field(metric: ResultMetric) -> str:
        return f"result_{metric.code}"

    @classmethod
    def initial_for(cls, initiative: Initiative) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(initiative, name)
            for name in ("name", "field", "kind", "person", "organization", "unit", "year", *TEXT_FIELDS)
        }
        for name in ("money_vnd", "workdays", "social_contributions_vnd", "start_date", "evaluation_date"):
            initial[name] = getattr(initiative, name)
        initial["target_groups"] = [g.pk for g in initiative.target_groups.all()]
        initial["policy_documents"] = [d.pk for d in initiative.policy_documents.all()]
        for result in initiative.results.all():
            initial[f"result_{result.metric_id}"] = result.value
        return initial

    # layout for the template: (legend, [bound fields]) in the paper form's order
    def place_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PLACE_FIELDS]

    def sections(self) -> list[tuple[Any, list[forms.BoundField], bool]]:
        """(legend, fields, whether the legend alone names the one field) for each numbered section."""
        return [(legend, [self[name] for name in names], len(names) == 1) for legend, names in SECTIONS]

    def metric_fields(self) -> list[forms.BoundField]:
        return [self[self.metric_field(m)] for m in self.metrics]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == Kind.COLLECTIVE:
            data["person"] = None  # the person box is hidden for a collective model: what it held does not count
        return data

    # what the services take, after is_valid()
    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        out = {name: d.get(name) for name in ("name", "field", "kind", "person", "organization", "unit", "year")}
        out.update(self.details())
        return out

    def details(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = (*TEXT_FIELDS, "money_vnd", "workdays", "social_contributions_vnd", "start_date", "evaluation_date")
        return {name: d.get(name) for name in names}

    def results(self, *, only_changed: bool = False) -> dict[str, Any]:
        """{metric code: value}; on an edit, the changed ones, with None for a value that was cleared."""
        out = {}
        for metric in self.metrics:
            name = self.metric_field(metric)
            value = self.cleaned_data.get(name)
            if only_changed:
                if name in self.changed_data:
                    out[metric.code] = value
            elif value is not None:
                out[metric.code] = value
        return out

    def edited(self) -> bool:
        return bool(set(self.changed_data) - {"reason"})


class ReplicateForm(_PlaceMixin, BaseForm):
    """Where the copy goes: a unit and organisation the user may register models for, and the year."""

    year = forms.IntegerField(label=_("Registration year"), min_value=1990, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup_place(user)
        self.order_fields(["unit", "organization", "year"])


def initial_place(user: Any) -> dict[str, Any]:
    """The user's own unit and organisation, and this year: a new or copied model starts there."""
    unit = default_unit(user)
    return {"unit": unit, "organization": default_organization(user, unit), "year": timezone.localdate().year}


class TransitionForm(BaseForm):
    to = forms.ChoiceField(choices=Status.choices)
    comment = TextField(label=_("Comment"), max_length=2000)


class EvidenceForm(BaseForm):
    file = forms.FileField(
        label=_("Photo or PDF"),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(evidence.MAX_BYTES)
        self.fields["file"].help_text = _("JPEG, PNG or WebP photos and PDF files, up to %(size)s.") % {"size": limit}
