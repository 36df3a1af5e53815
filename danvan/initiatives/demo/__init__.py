"""Demo models from the field notes, with their figures, timelines and copies.

Idempotent: a policy document is found by (number, issuer), an organisation by (unit, name), a
person by (name, organisation) and a model by its natural key (unit, name, year); only what is
missing is created. Models are created and moved through their lifecycle by the services, acting
as the demo users, so each timeline reads as the work went: the Nam Sơn street in Nam Khê was
registered by `namkhe`, recognised by `uongbi` (the level above) and named typical by
`quangninh`. The dates of each timeline are then set to when that step would have happened
(the services stamp "now"); the audit log keeps the real time of the load.

Where no demo account sits at the level above (Ninh Thuận, Bình Dương), the national
administrator recognises. Ninh Sơn district's 2024 models are generated (names from the kinds of
work the district reports, in its communes) so that its statistics read as reported:
29 = 13 economic + 13 cultural-social + 3 defence and security, all at least registered.
"""

from __future__ import annotations

from datetime import date, datetime, time

from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.initiatives.demo.ninh_son import ninh_son
from danvan.initiatives.demo.specs import (
    BINH_DUONG,
    COPIES,
    FIELD_NOTES,
    ORGANIZATIONS,
    POLICY_DOCUMENTS,
    TUYEN_QUANG,
    TZ,
    Spec,
)
from danvan.initiatives.models import Initiative, InitiativeEvent, Kind, TargetGroup
from danvan.initiatives.services import initiative_create, initiative_replicate, initiative_transition
from danvan.org.models import Organization, OrganizationKind, Person, User


class _Loader:
    def __init__(self) -> None:
        self.users: dict[str, User] = {u.username: u for u in User.objects.all()}  # one object each: scope cached
        self.units: dict[tuple[str, str], AdminUnit] = {}
        self.orgs: dict[str, Organization] = {}
        self.created = {"policy documents": 0, "model organisations": 0, "people": 0, "models": 0}

    def unit(self, era: str, code: str) -> AdminUnit:
        if (era, code) not in self.units:
            self.units[(era, code)] = AdminUnit.objects.get(era_id=era, code=code)
        return self.units[(era, code)]

    def documents(self) -> dict[tuple[str, str], PolicyDocument]:
        found = {}
        for key, kind, title, issued_on in POLICY_DOCUMENTS:
            number, issuer = key
            doc, created = PolicyDocument.objects.get_or_create(
                number=number, issuer=issuer, defaults={"kind": kind, "title": title, "issued_on": issued_on}
            )
            found[key] = doc
            self.created["policy documents"] += created
        return found

    def organizations(self) -> None:
        kinds = OrganizationKind.objects.in_bulk()
        for era, code, kind, name in ORGANIZATIONS:
            _org, created = Organization.objects.get_or_create(
                unit=self.unit(era, code), name=name, defaults={"kind": kinds[kind]}
            )
            self.created["model organisations"] += created

    def org(self, spec: Spec) -> Organization:
        if spec.org not in self.orgs:
            self.orgs[spec.org] = Organization.objects.select_related("unit").get(name=spec.org)
        return self.orgs[spec.org]

    def person(self, spec: Spec) -> Person | None:
        if spec.person is None:
            return None
        full_name, position = spec.person
        person, created = Person.objects.get_or_create(
            full_name=full_name, organization=self.org(spec), defaults={"position": position}
        )
        self.created["people"] += created
        return person

    def model(self, spec: Spec, docs: dict[tuple[str, str], PolicyDocument]) -> Initiative | None:
        place = self.unit(spec.era, spec.code)
        if Initiative.objects.filter(unit=place, name=spec.name, year=spec.year).exists():
            return None
        actor = self.users[spec.by]
        if spec.copy_of:
            era, code, name, year = spec.copy_of
            original = Initiative.objects.get(unit=self.unit(era, code), name=name, year=year)
            model = initiative_replicate(
                actor=actor, original=original, unit=place, organization=self.org(spec), year=spec.year
            )
        else:
            person = self.person(spec)
            model = initiative_create(
                actor=actor,
                name=spec.name,
                field=spec.field,
                unit=place,
                organization=self.org(spec),
                year=spec.year,
                kind=Kind.INDIVIDUAL if person else Kind.COLLECTIVE,
                person=person,
                details=spec.details,
                target_groups=TargetGroup.objects.filter(code__in=spec.target_groups),
                policy_documents=[docs[key] for key in spec.documents],
                results=spec.results,
            )
        for step in spec.steps:
            model = initiative_transition(actor=self.users[step.by], initiative=model, to=step.to, comment=step.comment)
        self._date(model, [spec.on, *(step.on for step in spec.steps)])
        self.created["models"] += 1
        return model

    @staticmethod
    def _date(model: Initiative, days: list[date]) -> None:
        """The services stamp "now": put each step of the timeline on its day, in office hours."""
        events = list(InitiativeEvent.objects.filter(initiative=model).order_by("pk"))
        for n, (event, day) in enumerate(zip(events, days, strict=True)):
            event.at = datetime.combine(day, time(8 + n % 8, 30), tzinfo=TZ)
        InitiativeEvent.objects.bulk_update(events, ["at"])
        Initiative.objects.filter(pk=model.pk).update(created_at=events[0].at, updated_at=events[-1].at)


def load() -> dict[str, int]:
    """Create what is missing; returns how many of each were created (all zero on a second run)."""
    loader = _Loader()
    docs = loader.documents()
    loader.organizations()
    for spec in [*FIELD_NOTES, *BINH_DUONG, *TUYEN_QUANG, *ninh_son(), *COPIES]:
        loader.model(spec, docs)
    return loader.created
