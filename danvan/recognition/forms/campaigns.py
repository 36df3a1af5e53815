"""Shapes of what the campaign and evaluation pages accept; the services decide what is allowed.

The standards are pasted as lines "title; maximum score; guidance" (officials copy them from Word);
each bad line is named in the error, and nothing is saved until every line is right.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core import fields
from danvan.documents.models import PolicyDocument
from danvan.geo.models import Level
from danvan.org.access import Action, units_where, users_who_may
from danvan.org.selectors import organization_kind_list, organization_list, person_list
from danvan.recognition.models import Campaign, CouncilMember, CriteriaSet, Criterion, Evidence, ResultRule, Subject
from danvan.recognition.services.campaigns import CommitmentSpec, CriterionSpec

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COMMITMENT_ROWS = 3


class BaseForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _org_label(org: Any) -> str:
    return f"{org.name} · {org.unit.name}"


class CampaignLaunchForm(BaseForm):
    name = forms.CharField(label=_("Name"), max_length=255)
    theme = forms.CharField(label=_("Theme"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = fields.DateField(label=_("Starts on"), widget=DATE)
    ends_on = fields.DateField(label=_("Ends on"), widget=DATE)
    levels = forms.MultipleChoiceField(
        label=_("Levels taking part"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every level below."),
    )
    organization_kinds = forms.ModelMultipleChoiceField(
        label=_("Organisation kinds taking part"),
        queryset=organization_kind_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any kind, and units themselves."),
    )
    result_rule = forms.ChoiceField(label=_("Council result"), choices=ResultRule.choices)
    documents = forms.ModelMultipleChoiceField(
        label=_("Policy documents"),
        queryset=PolicyDocument.objects.order_by("number", "issuer"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = forms.ModelChoiceField(
            label=_("Launched by"),
            queryset=organization_list(user=user, action=Action.MANAGE),
            empty_label="—",
            error_messages={"invalid_choice": _("Choose an organisation you manage.")},
        )
        org.label_from_instance = _org_label  # type: ignore[method-assign,assignment]
        self.fields["organization"] = org
        self.order_fields(["organization", "name", "theme", "starts_on", "ends_on"])

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("starts_on") and d.get("ends_on") and d["ends_on"] < d["starts_on"]:
            self.add_error("ends_on", _("A campaign cannot end before it starts."))
        return d


def parse_criteria(text: str) -> list[CriterionSpec]:
    """One criterion per line: "title; maximum score; guidance" (guidance may be left out)."""
    specs: list[CriterionSpec] = []
    errors: list[ValidationError] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        title = parts[0]
        top_raw = parts[1] if len(parts) > 1 else ""
        guidance = "; ".join(p for p in parts[2:] if p)
        if not title:
            errors.append(ValidationError(_("Line %(n)s: the criterion has no title."), params={"n": n}))
            continue
        if not top_raw:
            errors.append(
                ValidationError(
                    _("Line %(n)s: give the maximum score after a semicolon, e.g. “%(title)s; 20”."),
                    params={"n": n, "title": title[:40]},
                )
            )
            continue
        try:
            top = Decimal(top_raw.replace(",", "."))
        except InvalidOperation:
            top = Decimal("NaN")
        if not top.is_finite() or top <= 0 or top >= 10000:
            errors.append(
                ValidationError(
                    _("Line %(n)s: the maximum score “%(value)s” is not a number above zero."),
                    params={"n": n, "value": top_raw[:20]},
                )
            )
            continue
        if len(title) > 500:
            errors.append(ValidationError(_("Line %(n)s: the title is longer than 500 characters."), params={"n": n}))
            continue
        specs.append(CriterionSpec(title=title, max_score=top, guidance=guidance))
    if errors:
        raise ValidationError(errors)
    if not specs:
        raise ValidationError(_("Write at least one criterion."))
    return specs


class CriteriaSetForm(BaseForm):
    subject = forms.ChoiceField(label=_("For"), choices=Subject.choices)
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    lines = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        max_length=50_000,
        help_text=_("One criterion per line: title; maximum score; guidance. E.g. “Close to the people; 20; visits”."),
    )

    def clean_lines(self) -> list[CriterionSpec]:
        return parse_criteria(self.cleaned_data["lines"])


class CouncilForm(BaseForm):
    """The council's name and, for each account that may see the campaign's unit, a role or none."""

    name = forms.CharField(label=_("Name of the council"), max_length=255)

    def __init__(self, *args: Any, campaign: Campaign, members: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = users_who_may(Action.VIEW, campaign.unit)
        choices = [("", _("not on the council")), *CouncilMember.Role.choices]
        for u in self.candidates:
            self.fields[f"member_{u.pk}"] = forms.ChoiceField(
                label=str(u.full_name or u.username), choices=choices, required=False, initial=members.get(u.pk, "")
            )

    def roster(self) -> list[tuple[Any, str]]:
        d = self.cleaned_data
        return [(u, d[f"member_{u.pk}"]) for u in self.candidates if d[f"member_{u.pk}"]]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        roles = [d.get(f"member_{u.pk}") for u in self.candidates]
        if roles.count(CouncilMember.Role.CHAIR) > 1:
            raise ValidationError(_("A council has one chair."))
        return d

    def member_fields(self) -> list[Any]:
        return [self[f"member_{u.pk}"] for u in self.candidates]


def covered_paths(campaign: Campaign) -> list[str]:
    """The campaign's unit on either map."""
    from danvan.geo.lineage import unit_equivalents

    return [campaign.unit.path, *(u.path for u in unit_equivalents(campaign.unit))]


def _inside(paths: list[str], field: str) -> Q:
    q = Q(pk__in=[])
    for p in paths:
        q |= Q(**{f"{field}__prefix": p})
    return q


def registration_units(user: Any, campaign: Campaign, paths: list[str] | None = None) -> QuerySet[Any]:
    """Units below the campaign where the user may report, at the levels taking part."""
    paths = paths if paths is not None else covered_paths(campaign)
    qs = units_where(user, Action.REPORT).filter(_inside(paths, "path")).exclude(pk=campaign.unit_id)
    if campaign.levels:
        qs = qs.filter(level__in=campaign.levels)
    return qs.select_related("era").order_by("-era_id", "path")


def registration_people(user: Any, campaign: Campaign, paths: list[str] | None = None) -> QuerySet[Any]:
    """People the user may register as individuals: of organisations he reports for, below the campaign."""
    paths = paths if paths is not None else covered_paths(campaign)
    qs = person_list(user=user, action=Action.REPORT).filter(_inside(paths, "organization__unit__path"))
    qs = qs.exclude(organization__unit_id=campaign.unit_id)
    return qs.filter(organization__unit__level__in=campaign.levels) if campaign.levels else qs


def _person_label(p: Any) -> str:
    org = p.organization
    return " · ".join(x for x in (p.full_name, p.position, org.name, f"{org.unit.name} ({org.unit.era_id})") if x)


class RegistrationForm(BaseForm):
    """A collective (the unit itself, or one of its organisations) or an individual (a person of an organisation)."""

    subject = forms.ChoiceField(
        label=_("Who takes part"),
        choices=[
            (Subject.COLLECTIVE, _("A collective: the unit or an organisation")),
            (Subject.INDIVIDUAL, _("An individual: a person of an organisation")),
        ],
        initial=Subject.COLLECTIVE,
        required=False,  # left out: a collective, as before individuals could register here
        widget=forms.RadioSelect,
    )
    commitments_text = forms.CharField(
        label=_("What we commit to"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.initiatives.selectors import initiative_list
        from danvan.reporting.selectors.catalogue import indicator_list

        paths = covered_paths(campaign)

        unit = forms.ModelChoiceField(
            label=_("Unit"),
            queryset=registration_units(user, campaign, paths),
            required=False,
            empty_label="—",
            error_messages={"invalid_choice": _("Choose a unit you report for, inside this campaign.")},
        )
        unit.label_from_instance = lambda u: f"{u.name} ({u.era_id})"  # type: ignore[method-assign,assignment]
        org = forms.ModelChoiceField(
            label=_("Organisation"),
            queryset=organization_list(user=user, action=Action.REPORT),
            required=False,
            empty_label=_("— the unit itself —"),
            error_messages={"invalid_choice": _("Choose an organisation you report for.")},
        )
        org.label_from_instance = _org_label  # type: ignore[method-assign,assignment]
        person = forms.ModelChoiceField(
            label=_("Person"),
            queryset=registration_people(user, campaign, paths),
            required=False,
            empty_label="—",
            help_text=_("For an individual: the unit and organisation are the person's own."),
            error_messages={
                "invalid_choice": _("Choose a person of an organisation you report for, inside this campaign.")
            },
        )
        person.label_from_instance = _person_label  # type: ignore[method-assign,assignment]
        self.fields["unit"] = unit
        self.fields["organization"] = org
        self.fields["person"] = person
        self.order_fields(["subject", "unit", "organization", "person", "commitments_text"])
        # the choices are read once for the three rows (a ModelChoiceField would query per row)
        indicators = [("", "—"), *((i.pk, str(i)) for i in indicator_list(user=user).order_by("code"))]
        models = [("", "—"), *((m.pk, m.name) for m in initiative_list(user=user).filter(_inside(paths, "unit__path")))]
        for i in range(COMMITMENT_ROWS):
            self.fields[f"c{i}_text"] = forms.CharField(label=_("Commitment"), required=False, max_length=500)
            self.fields[f"c{i}_indicator"] = forms.TypedChoiceField(
                label=_("Indicator"), choices=indicators, coerce=int, required=False, empty_value=None
            )
            self.fields[f"c{i}_target"] = fields.NumberField(label=_("Target"), required=False, min_value=0)
            self.fields[f"c{i}_model"] = forms.TypedChoiceField(
                label=_("Model to build or keep"), choices=models, coerce=int, required=False, empty_value=None
            )

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        d["subject"] = d.get("subject") or Subject.COLLECTIVE
        if d["subject"] == Subject.INDIVIDUAL:
            person = d.get("person")
            if person is None:
                if "person" not in self.errors:
                    self.add_error("person", _("Choose the person taking part."))
            else:  # the person's own place: what the unit and organisation fields said does not count
                d["unit"], d["organization"] = person.organization.unit, person.organization
        else:
            d["person"] = None
            if d.get("unit") is None and "unit" not in self.errors:
                self.add_error("unit", _("Choose the unit taking part."))
        for i in range(COMMITMENT_ROWS):
            if d.get(f"c{i}_target") is not None and not d.get(f"c{i}_indicator"):
                self.add_error(f"c{i}_indicator", _("A target needs its indicator."))
        return d

    def commitment_rows(self) -> list[list[Any]]:
        return [[self[f"c{i}_{k}"] for k in ("text", "indicator", "target", "model")] for i in range(COMMITMENT_ROWS)]

    def commitments(self) -> list[CommitmentSpec]:
        d = self.cleaned_data
        out = []
        for i in range(COMMITMENT_ROWS):
            ind, model = d.get(f"c{i}_indicator"), d.get(f"c{i}_model")
            target = d.get(f"c{i}_target")
            out.append(
                CommitmentSpec(
                    text=d.get(f"c{i}_text") or "",
                    indicator_id=ind,
                    target_value=Decimal(str(target)) if target is not None else None,
                    initiative_id=model,
                )
            )
        return out


class ScoresForm(BaseForm):
    """A score (≤ the criterion's maximum) and a note for every criterion; the service checks the maximum too."""

    def __init__(
        self,
        *args: Any,
        criteria_set: CriteriaSet,
        initial_scores: dict[int, tuple[Any, str]],
        note_label: Any,
        required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria_set.criteria.all())
        for c in self.criteria:
            score, note = initial_scores.get(c.pk, (None, ""))
            self.fields[f"score_{c.pk}"] = fields.NumberField(
                label=_("Score for criterion %(n)s (at most %(max)s)") % {"n": c.position, "max": c.max_score},
                required=required,
                min_value=0,
                max_value=c.max_score,
                initial=score,
                error_messages={"required": _("Give a score.")},
            )
            self.fields[f"note_{c.pk}"] = forms.CharField(
                label=note_label, required=False, initial=note, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(c, self[f"score_{c.pk}"], self[f"note_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[Decimal, str]]:
        d = self.cleaned_data
        return {
            c.pk: (d[f"score_{c.pk}"], d.get(f"note_{c.pk}") or "")
            for c in self.criteria
            if d.get(f"score_{c.pk}") is not None
        }


class EvidenceForm(BaseForm):
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=Criterion.objects.none(), empty_label="—")
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    object_id = forms.IntegerField(
        label=_("Record number"),
        required=False,
        min_value=1,
        help_text=_("The number in the record's address, e.g. 12 for /models/12/."),
    )
    label = forms.CharField(label=_("What it shows"), max_length=500, required=False)
    file = forms.FileField(label=_("File"), required=False, help_text=_("PDF, Word, Excel or a photo, at most 10 MB."))

    def __init__(self, *args: Any, criteria_set: CriteriaSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        crit: Any = self.fields["criterion"]
        crit.queryset = criteria_set.criteria.all()
        crit.label_from_instance = lambda c: f"{c.position}. {c.title}"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        kind = d.get("kind")
        if kind == Evidence.Kind.FILE and not d.get("file"):
            self.add_error("file", _("Choose a file."))
        if kind and kind != Evidence.Kind.FILE and not d.get("object_id"):
            self.add_error("object_id", _("Give the number of the record."))
        return d


class ReasonForm(BaseForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": _("Give a reason.")},
    )
