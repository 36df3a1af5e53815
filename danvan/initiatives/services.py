"""Every write to models: register, edit, move through the lifecycle, copy, attach evidence.

Each service is atomic, checks the actor's right through `org.access`, raises `DomainError`
with a message in the user's language, and records the event on the model's timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError
from danvan.core.public_cache import public_content_changed
from danvan.core.text import fold
from danvan.documents.models import PolicyDocument
from danvan.geo.models import AdminUnit
from danvan.initiatives.models import (
    LOCKED_STATUSES,
    Field,
    Initiative,
    InitiativeEvent,
    InitiativeResult,
    Kind,
    ResultMetric,
    Status,
    TargetGroup,
)
from danvan.org.access import Action, can, organizations_usable, scope_filter
from danvan.org.models import Organization, Person
from danvan.org.models.notifications import Kind as NoticeKind
from danvan.org.services.notifications import notify

# the ten registration fields, as free text or numbers/dates on the form
DETAIL_FIELDS = (
    "situation",
    "objectives",
    "content",
    "area_and_targets",
    "forces",
    "money_vnd",
    "in_kind",
    "workdays",
    "social_contributions_vnd",
    "start_date",
    "milestones",
    "evaluation_date",
    "outputs",
    "sustainability",
)
EDITABLE_FIELDS = ("name", "field", "kind", "person", "organization", "unit", "year", *DETAIL_FIELDS)
_TEXTS = ("name", "situation", "objectives", "content", "area_and_targets", "forces", "outputs", "sustainability")


@dataclass(frozen=True)
class Rule:
    action: Action
    above: bool = False  # the level above the model's unit decides
    reason: bool = False  # a comment is required


TRANSITIONS: dict[tuple[str, str], Rule] = {
    (Status.DRAFT, Status.REGISTERED): Rule(Action.REPORT),
    (Status.RETURNED, Status.REGISTERED): Rule(Action.REPORT),
    (Status.DRAFT, Status.DISCONTINUED): Rule(Action.REPORT),
    (Status.REGISTERED, Status.RECOGNISED): Rule(Action.REVIEW, above=True),
    (Status.REGISTERED, Status.RETURNED): Rule(Action.REVIEW, above=True, reason=True),
    (Status.RECOGNISED, Status.TYPICAL): Rule(Action.MANAGE),
    (Status.RECOGNISED, Status.COMMENDED): Rule(Action.MANAGE),
    (Status.TYPICAL, Status.COMMENDED): Rule(Action.MANAGE),
    (Status.REGISTERED, Status.DISCONTINUED): Rule(Action.MANAGE, reason=True),
    (Status.RECOGNISED, Status.DISCONTINUED): Rule(Action.MANAGE, reason=True),
    (Status.TYPICAL, Status.DISCONTINUED): Rule(Action.MANAGE, reason=True),
    (Status.COMMENDED, Status.DISCONTINUED): Rule(Action.MANAGE, reason=True),
}


def allowed_transitions(*, actor: Any, initiative: Initiative) -> list[str]:
    """The statuses `actor` may move `initiative` to now (for buttons and the API)."""
    return [
        to
        for (frm, to), rule in TRANSITIONS.items()
        if frm == initiative.status
        and can(actor, rule.action, initiative.unit, initiative.organization, above=rule.above)
    ]


def _forbidden() -> DomainError:
    return DomainError(_("You may not do this with this model."), code="forbidden", status=403)


def _check_place(actor: Any, unit: AdminUnit, organization: Organization) -> None:
    """The organisation first: a refusal names it only once the actor is known to see it."""
    if not organizations_usable(actor, Action.VIEW).filter(pk=organization.pk).exists():
        raise DomainError(_("That organisation is not in your scope."), code="forbidden", status=403)
    usable = organizations_usable(actor, Action.REPORT).filter(pk=organization.pk).exists()
    if not usable or not can(actor, Action.REPORT, unit, organization):
        raise DomainError(
            _("You may not register models in %(unit)s for %(org)s.") % {"unit": unit, "org": organization},
            code="forbidden",
            status=403,
        )


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    out = dict(values)
    for key in _TEXTS:
        if key in out and out[key] is not None:
            out[key] = str(out[key]).strip()
    if "name" in out and not out["name"]:
        raise DomainError(_("A model needs a name."))
    if "field" in out and out["field"] not in Field.values:
        raise DomainError(_("Unknown field %(value)s.") % {"value": out["field"]})
    if "kind" in out and out["kind"] not in Kind.values:
        raise DomainError(_("Unknown kind %(value)s.") % {"value": out["kind"]})
    for key in ("money_vnd", "social_contributions_vnd", "workdays"):
        if out.get(key) is not None and int(out[key]) < 0:
            raise DomainError(_("%(field)s cannot be negative.") % {"field": _label(key)})
    if "year" in out and not (1990 <= int(out["year"]) <= 2100):
        raise DomainError(_("The registration year must be between 1990 and 2100."))
    if out.get("start_date") and out.get("evaluation_date") and out["evaluation_date"] < out["start_date"]:
        raise DomainError(_("The evaluation date cannot be before the start date."))
    return out


def _label(name: str) -> str:
    return str(getattr(Initiative._meta.get_field(name), "verbose_name", name))


def _check_person(initiative: Initiative) -> None:
    if initiative.kind == Kind.INDIVIDUAL and initiative.person_id is None:
        raise DomainError(_("An individual model must name its person."))
    person = initiative.person
    if person is not None and person.organization_id != initiative.organization_id:
        raise DomainError(_("The person must belong to the owning organisation."))


def _refresh_search(initiative: Initiative) -> None:
    parts = [getattr(initiative, f) or "" for f in _TEXTS]
    parts += [initiative.organization.name, initiative.unit.name]
    initiative.search_text = " " + fold(" ".join(parts)) + " "


def _set_related(
    initiative: Initiative,
    target_groups: Iterable[TargetGroup] | None,
    policy_documents: Iterable[PolicyDocument] | None,
    results: Mapping[str, Any] | None,
) -> None:
    if target_groups is not None:
        initiative.target_groups.set(list(target_groups))
    if policy_documents is not None:
        initiative.policy_documents.set(list(policy_documents))
    if results is not None:
        metrics = ResultMetric.objects.in_bulk(list(results))
        for code, raw in results.items():
            metric = metrics.get(code)
            if metric is None:
                raise DomainError(_("Unknown result metric %(code)s.") % {"code": code})
            if raw in (None, ""):
                InitiativeResult.objects.filter(initiative=initiative, metric=metric).delete()
                continue
            value = Decimal(str(raw))
            if value < 0:
                raise DomainError(_("%(metric)s cannot be negative.") % {"metric": metric.name})
            if metric.integer and value != value.to_integral_value():
                raise DomainError(_("%(metric)s must be a whole number.") % {"metric": metric.name})
            InitiativeResult.objects.update_or_create(initiative=initiative, metric=metric, defaults={"value": value})


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    name: str,
    field: str,
    unit: AdminUnit,
    organization: Organization,
    year: int,
    kind: str = Kind.COLLECTIVE,
    person: Person | None = None,
    details: Mapping[str, Any] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    policy_documents: Iterable[PolicyDocument] | None = None,
    results: Mapping[str, Any] | None = None,
    replicated_from: Initiative | None = None,
    register: bool = False,
) -> Initiative:
    """A new model starts as a draft; `register=True` also submits it (the reporter's "register")."""
    _check_place(actor, unit, organization)
    values = _clean(
        {
            "name": name,
            "field": field,
            "unit": unit,
            "organization": organization,
            "year": year,
            "kind": kind,
            "person": person,
            **(details or {}),
        }
    )
    initiative = Initiative(**values, replicated_from=replicated_from, created_by=actor if actor else None)
    _check_person(initiative)
    _refresh_search(initiative)
    initiative.save()
    _set_related(initiative, target_groups, policy_documents, results)
    InitiativeEvent.objects.create(
        initiative=initiative,
        kind=InitiativeEvent.Kind.TRANSITION,
        to_status=Status.DRAFT,
        actor=actor,
        comment=_("Copied from “%(name)s”") % {"name": replicated_from.name} if replicated_from else "",
    )
    audit(actor=actor, verb="initiative.create", target=initiative, name=initiative.name)
    if register:
        initiative = initiative_transition(actor=actor, initiative=initiative, to=Status.REGISTERED)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: Any,
    initiative: Initiative,
    values: Mapping[str, Any],
    reason: str = "",
    target_groups: Iterable[TargetGroup] | None = None,
    policy_documents: Iterable[PolicyDocument] | None = None,
    results: Mapping[str, Any] | None = None,
) -> Initiative:
    """Anyone who may report at its place edits it; once recognised, only with a recorded reason."""
    initiative = Initiative.objects.select_for_update().select_related("unit", "organization").get(pk=initiative.pk)
    if not can(actor, Action.REPORT, initiative.unit, initiative.organization):
        raise _forbidden()
    cleaned = _clean(values)
    if "unit" in cleaned or "organization" in cleaned:
        _check_place(actor, cleaned.get("unit", initiative.unit), cleaned.get("organization", initiative.organization))
    reason = (reason or "").strip()
    if initiative.status in LOCKED_STATUSES and not reason:
        raise DomainError(
            _("This model has been %(status)s: give a reason for the change.")
            % {"status": initiative.get_status_display()},
            code="reason_required",
        )
    changes = {}
    for key, new in cleaned.items():
        old = getattr(initiative, key)
        if old != new:
            changes[key] = [str(old) if old is not None else None, str(new) if new is not None else None]
            setattr(initiative, key, new)
    _check_person(initiative)
    _refresh_search(initiative)
    initiative.save()
    _set_related(initiative, target_groups, policy_documents, results)
    if changes or reason or results or target_groups is not None or policy_documents is not None:
        InitiativeEvent.objects.create(
            initiative=initiative, kind=InitiativeEvent.Kind.EDIT, actor=actor, comment=reason, changes=changes
        )
    audit(actor=actor, verb="initiative.update", target=initiative, changes=list(changes), reason=reason)
    public_content_changed()  # the portal may show it (core.public_cache)
    return initiative


MODEL_NOTICES: dict[str, str] = {
    Status.RECOGNISED: NoticeKind.MODEL_RECOGNISED,
    Status.RETURNED: NoticeKind.MODEL_RETURNED,
    Status.COMMENDED: NoticeKind.MODEL_COMMENDED,
}


@transaction.atomic
def initiative_transition(*, actor: Any, initiative: Initiative, to: str, comment: str = "") -> Initiative:
    """Move a model through draft → registered → recognised → typical → commended (or returned, discontinued)."""
    initiative = Initiative.objects.select_for_update().select_related("unit", "organization").get(pk=initiative.pk)
    if to not in Status.values:
        raise DomainError(_("Unknown status %(value)s.") % {"value": to})
    rule = TRANSITIONS.get((initiative.status, to))
    if rule is None:
        raise DomainError(
            _("A model that is %(current)s cannot become %(target)s.")
            % {"current": initiative.get_status_display(), "target": Status(to).label},
            code="invalid_transition",
            status=409,
        )
    if not can(actor, rule.action, initiative.unit, initiative.organization, above=rule.above):
        raise _forbidden()
    comment = (comment or "").strip()
    if rule.reason and not comment:
        raise DomainError(_("Give a reason."), code="reason_required")
    frm = initiative.status
    initiative.status = to
    initiative.save(update_fields=["status", "updated_at"])
    InitiativeEvent.objects.create(
        initiative=initiative,
        kind=InitiativeEvent.Kind.TRANSITION,
        from_status=frm,
        to_status=to,
        actor=actor,
        comment=comment,
    )
    audit(actor=actor, verb="initiative.transition", target=initiative, frm=frm, to=to)
    public_content_changed()  # a returned or discontinued model leaves the portal at once
    if to in MODEL_NOTICES:  # tell whoever registered it (the e-mail goes after the commit)
        notify(
            recipients=[initiative.created_by],
            kind=MODEL_NOTICES[to],
            actor=actor,
            params={"name": initiative.name, "actor": str(actor), "reason": comment},
            url=initiative.get_absolute_url(),
        )
    return initiative


@transaction.atomic
def initiative_replicate(
    *, actor: Any, original: Initiative, unit: AdminUnit, organization: Organization, year: int
) -> Initiative:
    """ "Spread models to the people": a draft in the actor's own unit, linked to the original."""
    # a model the level above has vouched for is there to be spread anywhere; others only within scope
    spreadable = original.status in (Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED)
    if (
        not spreadable
        and not scope_filter(Initiative.objects.filter(pk=original.pk), actor, org_field="organization").exists()
    ):
        raise DomainError(_("No such model."), code="not_found", status=404)
    return initiative_create(
        actor=actor,
        name=original.name,
        field=original.field,
        unit=unit,
        organization=organization,
        year=year,
        kind=Kind.COLLECTIVE,
        details={
            f: getattr(original, f) for f in ("objectives", "content", "area_and_targets", "forces", "sustainability")
        },
        target_groups=list(original.target_groups.all()),
        policy_documents=list(original.policy_documents.all()),
        replicated_from=original,
    )


@transaction.atomic
def initiative_commend(*, actor: Any, initiative: Initiative, reference: str) -> Initiative:
    """Commended by an award decision (`reference`, its number): the decision is the authority.

    Called by recognition when a decision is issued, after it checked the issuer's power; a model
    must be recognised (or typical) to be commended, and one already commended keeps its status.
    """
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status not in (Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED):
        raise DomainError(
            _("The model %(name)s is %(status)s: only a recognised model can be commended.")
            % {"name": initiative.name, "status": initiative.get_status_display()},
            code="not_recognised",
            status=409,
        )
    frm = initiative.status
    if frm != Status.COMMENDED:
        initiative.status = Status.COMMENDED
        initiative.save(update_fields=["status", "updated_at"])
    InitiativeEvent.objects.create(
        initiative=initiative,
        kind=InitiativeEvent.Kind.TRANSITION,
        from_status=frm,
        to_status=Status.COMMENDED,
        actor=actor,
        comment=reference,
    )
    audit(actor=actor, verb="initiative.commend", target=initiative, frm=frm, reference=reference)
    public_content_changed()
    if frm != Status.COMMENDED:
        notify(
            recipients=[initiative.created_by],
            kind=MODEL_NOTICES[Status.COMMENDED],
            actor=actor,
            params={"name": initiative.name, "actor": str(actor), "reason": reference},
            url=initiative.get_absolute_url(),
        )
    return initiative
