"""Register many models at once (Excel imports): the rules of `services.initiative_create`, in few queries.

`BulkChecker.check` applies to one new model the very checks `initiative_create` makes — the place
through `org.access.can` and the organisation's scope, `services._clean` field by field, a named
person for an individual model, results neither negative nor fractional where the metric counts
whole things — and returns every problem instead of stopping at the first, so an import can
report all of them. `initiatives_bulk_create` checks everything again and writes it in one
transaction with bulk inserts: the people newly named, the models, their target groups, policy
documents and results, a draft event on each timeline and an audit row for each model.

Callers check the shape of values first (text lengths, numbers that fit their columns); this
module decides what is allowed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.geo.unit_paths import fill_unit_paths
from danvan.initiatives.models import (
    Initiative,
    InitiativeEvent,
    InitiativeResult,
    Kind,
    ResultMetric,
    Status,
    TargetGroup,
)
from danvan.initiatives.services import _clean, _refresh_search
from danvan.org.access import Action, can, organizations_usable
from danvan.org.models import AuditEvent, Organization, Person

BATCH_SIZE = 500  # rows per INSERT: well under SQLite's 32,766 parameters with every column filled


@dataclass
class NewInitiative:
    """What `initiative_create` takes, as one value; `person_name` names a person found or created on save."""

    name: str
    field: str
    unit: AdminUnit
    organization: Organization
    year: int
    kind: str = Kind.COLLECTIVE
    person: Person | None = None
    person_name: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    target_groups: list[TargetGroup] = field(default_factory=list)
    policy_documents: list[PolicyDocument] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)  # metric code -> value


Problem = tuple[str, str]  # (the field it is about: "unit", "money_vnd", "result:<metric code>", …; message)


class BulkRejected(DomainError):
    """Nothing was saved; `problems` lists (index of the item, field, message) for every problem found."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        super().__init__(_("Nothing was saved: %(count)d problems were found.") % {"count": len(problems)})
        self.problems = problems


def person_key(name: str) -> str:
    """How two spellings of one full name compare: composed Unicode, single spaces, any case."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


class BulkChecker:
    """Checks new models for one actor; remembers what it looked up (metrics, organisations in scope)."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self._metrics: dict[str, ResultMetric] | None = None
        self._org_in_scope: dict[int, bool] = {}

    @property
    def metrics(self) -> dict[str, ResultMetric]:
        if self._metrics is None:
            self._metrics = {m.code: m for m in ResultMetric.objects.all()}
        return self._metrics

    def _org_visible(self, organization: Organization) -> bool:
        if organization.pk not in self._org_in_scope:
            qs = organizations_usable(self.actor, Action.REPORT).filter(pk=organization.pk)
            self._org_in_scope[organization.pk] = qs.exists()
        return self._org_in_scope[organization.pk]

    def check(self, item: NewInitiative) -> list[Problem]:
        return self.check_fields(
            values=self._values(item),
            results=item.results,
            person_named=item.person is not None or bool(item.person_name.strip()),
        )

    def check_fields(
        self, *, values: Mapping[str, Any], results: Mapping[str, Any], person_named: bool
    ) -> list[Problem]:
        """The checks of `check` on whichever fields are given: a half-read row still has its other problems found."""
        problems: list[Problem] = []
        unit, organization = values.get("unit"), values.get("organization")
        # the place: services._check_place
        if unit is not None and organization is not None:
            if not can(self.actor, Action.REPORT, unit, organization):
                problems.append(
                    (
                        "unit",
                        _("You may not register models in %(unit)s for %(org)s.") % {"unit": unit, "org": organization},
                    )
                )
            elif not self._org_visible(organization):
                problems.append(("organization", _("That organisation is not in your scope.")))
        # the values: services._clean, one field at a time so that every bad field is named
        for key, value in values.items():
            try:
                _clean({key: value})
            except DomainError as exc:
                problems.append((key, exc.message))
        dates = {k: values[k] for k in ("start_date", "evaluation_date") if values.get(k) is not None}
        if len(dates) == 2 and not any(key in dates for key, _m in problems):
            try:
                _clean(dates)
            except DomainError as exc:
                problems.append(("evaluation_date", exc.message))
        # services._check_person
        if values.get("kind") == Kind.INDIVIDUAL and not person_named:
            problems.append(("person", _("An individual model must name its person.")))
        # services._set_related
        for code, raw in results.items():
            metric = self.metrics.get(code)
            if metric is None:
                problems.append((f"result:{code}", _("Unknown result metric %(code)s.") % {"code": code}))
                continue
            if raw in (None, ""):
                continue
            value = Decimal(str(raw))
            if value < 0:
                problems.append((f"result:{code}", _("%(metric)s cannot be negative.") % {"metric": metric.name}))
            elif metric.integer and value != value.to_integral_value():
                problems.append((f"result:{code}", _("%(metric)s must be a whole number.") % {"metric": metric.name}))
        return problems

    @staticmethod
    def _values(item: NewInitiative) -> dict[str, Any]:
        return {
            "name": item.name,
            "field": item.field,
            "unit": item.unit,
            "organization": item.organization,
            "year": item.year,
            "kind": item.kind,
            **item.details,
        }


def _people(actor: Any, items: Sequence[NewInitiative]) -> list[Person]:
    """Each named person: the organisation's person of that name if there is one, else a new one."""
    wanted = {(i.organization.pk, person_key(i.person_name)): i for i in items if i.person is None and i.person_name}
    if not wanted:
        return []
    known: dict[tuple[int, str], Person] = {}
    org_ids = {org_id for org_id, _key in wanted}
    for person in Person.objects.filter(organization_id__in=org_ids).order_by("pk"):
        known.setdefault((person.organization_id, person_key(person.full_name)), person)  # type: ignore[arg-type]
    new = [
        Person(full_name=" ".join(item.person_name.split()), organization=item.organization)
        for key, item in wanted.items()
        if key not in known
    ]
    Person.objects.bulk_create(new, batch_size=BATCH_SIZE)
    for person in new:
        known[(person.organization.pk, person_key(person.full_name))] = person  # type: ignore[union-attr]
    for item in items:
        if item.person is None and item.person_name:
            item.person = known[(item.organization.pk, person_key(item.person_name))]
    return new


def _audit_rows(actor: Any, verb: str, objs: Sequence[Any], data: Mapping[str, Any] | None = None) -> list[AuditEvent]:
    """What `core.audit.audit` writes for each object, as rows for one bulk insert."""
    who = actor if getattr(actor, "is_authenticated", False) else None
    return [
        AuditEvent(
            actor=who,
            verb=verb,
            target_type=obj._meta.label_lower,
            target_id=str(obj.pk),
            data={"name": str(obj), **(data or {})},
        )
        for obj in objs
    ]


@transaction.atomic
def initiatives_bulk_create(*, actor: Any, items: Sequence[NewInitiative], source: str = "") -> list[Initiative]:
    """Register every item as a draft, or none: raises `BulkRejected` listing every problem."""
    checker = BulkChecker(actor)
    problems = [(index, key, message) for index, item in enumerate(items) for key, message in checker.check(item)]
    if problems:
        raise BulkRejected(problems)
    people = _people(actor, items)
    models = []
    for item in items:
        values = _clean({**BulkChecker._values(item), "person": item.person})
        initiative = Initiative(**values, created_by=actor if getattr(actor, "is_authenticated", False) else None)
        _refresh_search(initiative)
        models.append(initiative)
    fill_unit_paths(models)  # bulk_create skips save(), which keeps the copy of the unit's path
    Initiative.objects.bulk_create(models, batch_size=BATCH_SIZE)

    groups = Initiative.target_groups.through
    documents = Initiative.policy_documents.through
    groups.objects.bulk_create(
        [
            groups(initiative_id=m.pk, targetgroup_id=g.pk)
            for m, i in zip(models, items, strict=True)
            for g in i.target_groups
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,  # a group named twice in one row
    )
    documents.objects.bulk_create(
        [
            documents(initiative_id=m.pk, policydocument_id=d.pk)
            for m, i in zip(models, items, strict=True)
            for d in i.policy_documents
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    InitiativeResult.objects.bulk_create(
        [
            InitiativeResult(initiative=m, metric_id=code, value=Decimal(str(raw)))
            for m, i in zip(models, items, strict=True)
            for code, raw in i.results.items()
            if raw not in (None, "")
        ],
        batch_size=BATCH_SIZE,
    )
    InitiativeEvent.objects.bulk_create(
        [
            InitiativeEvent(initiative=m, kind=InitiativeEvent.Kind.TRANSITION, to_status=Status.DRAFT, actor=actor)
            for m in models
        ],
        batch_size=BATCH_SIZE,
    )
    extra = {"source": source} if source else None
    AuditEvent.objects.bulk_create(
        _audit_rows(actor, "person.create", people, extra) + _audit_rows(actor, "initiative.create", models, extra),
        batch_size=BATCH_SIZE,
    )
    return models
