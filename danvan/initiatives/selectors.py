"""Reads of models, always through `org.access`: a user sees only the models in their scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.errors import NotFound
from danvan.core.text import fold
from danvan.documents.models import PolicyDocument
from danvan.documents.selectors import policy_document_list
from danvan.geo.models import AdminUnit
from danvan.geo.selectors import area_q
from danvan.initiatives.models import Field, Initiative, InitiativeEvent, Kind, Status, TargetGroup
from danvan.initiatives.sheets import workbook as sheets
from danvan.org.access import Action, scope_filter, scope_q, units_where
from danvan.org.selectors import organization_list


@dataclass(frozen=True)
class InitiativeFilters:
    field: str | None = None
    status: str | None = None
    kind: str | None = None
    year: int | None = None
    unit: AdminUnit | None = None  # the whole area of this unit, on either map
    organization_kind: str | None = None
    organization: int | None = None
    target_group: str | None = None
    q: str | None = None


def _scoped(user: Any) -> QuerySet[Initiative]:
    return scope_filter(Initiative.objects.all(), user, unit_field="unit", org_field="organization")


def search_q(q: str) -> Q:
    """Every word of the query must start a word of the model's texts, with or without diacritics."""
    cond = Q()
    for word in fold(q).split():
        cond &= Q(search_text__contains=" " + word)
    return cond


def initiative_list(*, user: Any, filters: InitiativeFilters | None = None) -> QuerySet[Initiative]:
    f = filters or InitiativeFilters()
    qs = _scoped(user)
    if f.field:
        qs = qs.filter(field=f.field)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.unit is not None:
        qs = qs.filter(area_q(f.unit))
    if f.organization_kind:
        qs = qs.filter(organization__kind_id=f.organization_kind)
    if f.organization:
        qs = qs.filter(organization_id=f.organization)
    if f.target_group:
        qs = qs.filter(target_groups__code=f.target_group)
    if f.q and fold(f.q):
        qs = qs.filter(search_q(f.q))
    # no era or kind join: at 500,000 models SQLite then starts from the organisations table (bench/initiatives.py)
    return qs.select_related("unit", "organization").order_by("-year", "name", "pk")


def initiative_get(*, user: Any, pk: int) -> Initiative:
    initiative = (
        _scoped(user)
        .filter(pk=pk)
        .select_related("unit", "unit__era", "organization", "organization__kind", "person", "replicated_from")
        .prefetch_related(
            "target_groups",
            "policy_documents",
            "results__metric",
            "evidence",
            Prefetch("events", queryset=InitiativeEvent.objects.select_related("actor")),
        )
        .first()
    )
    if initiative is None:
        raise NotFound(_("No such model."))
    return initiative


def initiative_to_replicate(*, user: Any, pk: int) -> Initiative:
    """A model `user` may copy: any in their scope, and a recognised (typical, commended) one anywhere,
    as `services.initiative_replicate` allows (the portal's "Replicate this model" leads here)."""
    spreadable = Q(status__in=(Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED))
    if not getattr(user, "is_authenticated", False):
        raise NotFound(_("No such model."))
    scoped = scope_q(user, unit_field="unit", org_field="organization")
    initiative = (
        Initiative.objects.filter(scoped | spreadable, pk=pk)
        .select_related("unit", "unit__era", "organization", "organization__kind")
        .first()
    )
    if initiative is None:
        raise NotFound(_("No such model."))
    return initiative


def initiative_copies(*, user: Any, initiative: Initiative) -> QuerySet[Initiative]:
    return _scoped(user).filter(replicated_from=initiative).select_related("unit", "organization")


@dataclass
class InitiativeStats:
    unit: AdminUnit | None
    year: int | None
    total: int = 0
    by_field: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)


def initiative_stats(*, user: Any, unit: AdminUnit | None = None, year: int | None = None) -> InitiativeStats:
    """Counts by field, status and kind for a unit's whole area in its own era (old records included).

    Drafts, returned and discontinued models are counted in `by_status` but not in `total` or the other
    breakdowns: a report counts the models that are registered and working.
    """
    qs = initiative_list(user=user, filters=InitiativeFilters(unit=unit, year=year)).order_by()
    stats = InitiativeStats(unit=unit, year=year)
    stats.by_status = dict.fromkeys(Status.values, 0)
    stats.by_field = dict.fromkeys(Field.values, 0)
    stats.by_kind = dict.fromkeys(Kind.values, 0)
    rows = qs.values("status", "field", "kind").annotate(n=Count("pk"))
    for row in rows:
        stats.by_status[row["status"]] += row["n"]
        if row["status"] in (Status.DRAFT, Status.DISCONTINUED, Status.RETURNED):
            continue
        stats.total += row["n"]
        stats.by_field[row["field"]] += row["n"]
        stats.by_kind[row["kind"]] += row["n"]
    return stats


def report_unit_list(*, user: Any) -> QuerySet[AdminUnit]:
    """The units where `user` may register models (REPORT), in both eras, in map order."""
    return units_where(user, Action.REPORT).order_by("path")


def sheet_lists(*, user: Any, documents: list[PolicyDocument] | None = None) -> sheets.Lists:
    """The dropdowns and reference lists of `user`'s models template and exports."""
    units = report_unit_list(user=user).only("era_id", "code", "name")
    organizations = organization_list(user=user).values_list("name", flat=True)
    documents = policy_document_list() if documents is None else documents
    labels = sheets.document_labels(documents)
    return sheets.Lists(
        units=[sheets.unit_label(u) for u in units],
        organizations=sorted(set(organizations), key=fold),
        target_groups=sheets.target_group_names(TargetGroup.objects.all()),
        documents=[labels[d.pk] for d in documents],
    )


def recognition_queue_q(user: Any) -> Q:
    """Registered models the user may recognise (or return): exactly the rule `initiative_transition` applies
    to registered → recognised, through `org.access`.
    """
    from danvan.initiatives.services import TRANSITIONS

    rule = TRANSITIONS[(Status.REGISTERED, Status.RECOGNISED)]
    allowed = scope_q(user, org_field="organization", action=rule.action, above=rule.above, path_field="unit_path")
    return Q(status=Status.REGISTERED) & allowed


def recognition_queue(*, user: Any) -> QuerySet[Initiative]:
    """The recognition queue (see `recognition_queue_q`)."""
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    return Initiative.objects.filter(recognition_queue_q(user)).select_related("unit", "unit__parent", "organization")
