"""Writes of programmes and their targets: only a manager of the programme's unit, each in one audited step.

Every rule is checked before anything is written, so a refused change leaves nothing behind.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import audit
from danvan.core.errors import DomainError, NotFound
from danvan.geo.models import LEVEL_DEPTH, AdminUnit, Level
from danvan.org.access import Action, can
from danvan.org.models import Organization
from danvan.reporting.models import Indicator, Period, Programme, Target
from danvan.reporting.services.common import MAX_VALUE
from danvan.reporting.services.submissions import period_ensure


class _Unset:
    """An argument left out of an update (None is a value for the issuer)."""


UNSET: Final = _Unset()


def _may_manage(actor: Any, unit: AdminUnit) -> None:
    """Managers of the unit only; whoever does not even see the unit is told it does not exist."""
    if can(actor, Action.MANAGE, unit):
        return
    if not can(actor, Action.VIEW, unit):
        raise NotFound(_("This unit does not exist or is not in your area."))
    raise DomainError(
        _("Only a manager of %(unit)s may set its programmes and targets.") % {"unit": unit.name},
        code="forbidden",
        status=403,
    )


def _check_programme(
    *,
    name: str,
    unit: AdminUnit,
    start: date,
    end: date,
    issuer: Organization | None,
    on_track_percent: int,
    at_risk_percent: int,
) -> None:
    if not name.strip():
        raise DomainError(_("Give the programme a name."), code="name_required")
    if end < start:
        raise DomainError(_("The programme cannot end before it starts."), code="bad_dates")
    if not 0 < at_risk_percent <= on_track_percent <= 100:
        raise DomainError(
            _("The thresholds must satisfy 0 < “at risk” ≤ “on track” ≤ 100 (percent of the expected progress)."),
            code="bad_thresholds",
        )
    if issuer is not None and not unit.path.startswith(issuer.unit.path):
        raise DomainError(
            _("The issuing organisation must be at %(unit)s or above it.") % {"unit": unit.name}, code="bad_issuer"
        )


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    name: str,
    unit: AdminUnit,
    start: date,
    end: date,
    document_number: str = "",
    document_title: str = "",
    issuer: Organization | None = None,
    rule: str = Programme.Rule.LINEAR,
    on_track_percent: int = 100,
    at_risk_percent: int = 80,
) -> Programme:
    _may_manage(actor, unit)
    _check_programme(
        name=name,
        unit=unit,
        start=start,
        end=end,
        issuer=issuer,
        on_track_percent=on_track_percent,
        at_risk_percent=at_risk_percent,
    )
    if rule not in Programme.Rule.values:
        raise DomainError(_("Choose a status rule from the list."), code="bad_rule")
    programme = Programme.objects.create(
        name=name.strip(),
        unit=unit,
        start=start,
        end=end,
        document_number=document_number.strip(),
        document_title=document_title.strip(),
        issuer=issuer,
        rule=rule,
        on_track_percent=on_track_percent,
        at_risk_percent=at_risk_percent,
    )
    audit(actor=actor, verb="programme.create", target=programme, name=programme.name, unit=unit.path)
    return programme


_FIELDS = (
    "name",
    "unit",
    "start",
    "end",
    "document_number",
    "document_title",
    "issuer",
    "rule",
    "on_track_percent",
    "at_risk_percent",
)


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: Programme,
    name: str | None = None,
    unit: AdminUnit | None = None,
    start: date | None = None,
    end: date | None = None,
    document_number: str | None = None,
    document_title: str | None = None,
    issuer: Organization | _Unset | None = UNSET,
    rule: str | None = None,
    on_track_percent: int | None = None,
    at_risk_percent: int | None = None,
) -> Programme:
    """Change what is given; moving the programme to another unit needs managing both, and every target inside."""
    _may_manage(actor, programme.unit)
    new: dict[str, Any] = {
        "name": name.strip() if name is not None else programme.name,
        "unit": unit if unit is not None else programme.unit,
        "start": start if start is not None else programme.start,
        "end": end if end is not None else programme.end,
        "document_number": document_number.strip() if document_number is not None else programme.document_number,
        "document_title": document_title.strip() if document_title is not None else programme.document_title,
        "issuer": programme.issuer if isinstance(issuer, _Unset) else issuer,
        "rule": rule if rule is not None else programme.rule,
        "on_track_percent": on_track_percent if on_track_percent is not None else programme.on_track_percent,
        "at_risk_percent": at_risk_percent if at_risk_percent is not None else programme.at_risk_percent,
    }
    if new["unit"].pk != programme.unit_id:
        _may_manage(actor, new["unit"])
        outside = [t for t in programme.targets.select_related("unit") if not _inside(t.unit, new["unit"])]
        if outside:
            raise DomainError(
                _("%(count)d targets lie outside %(unit)s: move or delete them first.")
                % {"count": len(outside), "unit": new["unit"].name},
                code="targets_outside",
            )
    _check_programme(
        name=new["name"],
        unit=new["unit"],
        start=new["start"],
        end=new["end"],
        issuer=new["issuer"],
        on_track_percent=new["on_track_percent"],
        at_risk_percent=new["at_risk_percent"],
    )
    late = [
        t.due_period.code
        for t in programme.targets.select_related("due_period").filter(due_period__isnull=False)
        if t.due_period is not None and not new["start"] <= t.due_period.end <= new["end"]
    ]
    if late:
        raise DomainError(
            _("Targets are due at the end of %(periods)s, outside the new dates: change them first.")
            % {"periods": ", ".join(sorted(set(late)))},
            code="targets_outside",
        )
    if new["rule"] not in Programme.Rule.values:
        raise DomainError(_("Choose a status rule from the list."), code="bad_rule")
    changes: dict[str, list[str]] = {}
    for f in _FIELDS:
        old_value, new_value = getattr(programme, f), new[f]
        if old_value != new_value:
            changes[f] = [_audit_text(old_value), _audit_text(new_value)]
            setattr(programme, f, new_value)
    if changes:
        programme.save()
        audit(actor=actor, verb="programme.update", target=programme, changes=changes)
    return programme


def _audit_text(value: Any) -> str:
    if isinstance(value, AdminUnit):
        return value.path
    if isinstance(value, Organization):
        return f"{value.pk}: {value.name}"
    return "" if value is None else str(value)


@transaction.atomic
def programme_delete(*, actor: Any, programme: Programme) -> None:
    """The programme and its targets (nothing else: the figures are the reports')."""
    _may_manage(actor, programme.unit)
    targets = programme.targets.count()
    audit(
        actor=actor,
        verb="programme.delete",
        target=programme,
        name=programme.name,
        unit=programme.unit.path,
        targets=targets,
    )
    programme.delete()


def _inside(unit: AdminUnit, outer: AdminUnit) -> bool:
    return unit.path.startswith(outer.path)


def _amount(value: Decimal | int | str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise DomainError(_("The target must be a number."), code="bad_value") from None
    if not amount.is_finite():
        raise DomainError(_("The target must be a number."), code="bad_value")
    if amount < 0:
        raise DomainError(_("A target cannot be negative."), code="negative_value")
    if amount == 0:
        raise DomainError(_("A target must be more than zero."), code="zero_value")
    if amount > MAX_VALUE:
        raise DomainError(_("This target is too large."), code="bad_value")
    return amount


@transaction.atomic
def target_set(
    *,
    actor: Any,
    programme: Programme,
    indicator: Indicator,
    value: Decimal | int | str,
    kind: str = Target.Kind.ABSOLUTE,
    unit: AdminUnit | None = None,
    level: str = "",
    denominator: Indicator | None = None,
    due_period: Period | None = None,
) -> Target:
    """Set a target (programme, kind, indicator, unit, due period): created, or its value and details updated."""
    _may_manage(actor, programme.unit)
    unit = unit if unit is not None else programme.unit
    amount = _amount(value)
    if kind not in Target.Kind.values:
        raise DomainError(_("Choose the kind of target from the list."), code="bad_kind")
    if not _inside(unit, programme.unit):
        raise DomainError(
            _("%(unit)s is outside %(programme_unit)s, which the programme covers.")
            % {"unit": unit.name, "programme_unit": programme.unit.name},
            code="unit_outside",
        )
    if kind == Target.Kind.SHARE:
        if denominator is None:
            raise DomainError(_("A share needs the indicator it is taken of."), code="denominator_required")
        if denominator.pk == indicator.pk:
            raise DomainError(_("A share is taken of another indicator than its own."), code="bad_denominator")
        if amount > 100:
            raise DomainError(_("A share cannot be more than 100%."), code="bad_value")
    elif denominator is not None:
        raise DomainError(_("Only a share is taken of another indicator."), code="bad_denominator")
    if kind == Target.Kind.PER_UNIT_BELOW:
        _check_level(unit, level)
    elif level:
        raise DomainError(_("Only a target per unit below names a level."), code="bad_level")
    if due_period is not None:
        if not programme.start <= due_period.end <= programme.end:
            raise DomainError(
                _("A target is due within the programme, from %(start)s to %(end)s; %(period)s ends outside it.")
                % {"start": programme.start.isoformat(), "end": programme.end.isoformat(), "period": due_period.code},
                code="bad_due_period",
            )
        due_period = period_ensure(period=due_period)
    target, created = Target.objects.get_or_create(
        programme=programme,
        kind=kind,
        indicator=indicator,
        unit=unit,
        due_period=due_period,
        defaults={"value": amount, "level": level, "denominator": denominator},
    )
    old = {"value": str(target.value), "level": target.level, "denominator": target.denominator_id}
    if not created:
        target.value, target.level, target.denominator = amount, level, denominator
        target.save()
    audit(
        actor=actor,
        verb="target.set",
        target=target,
        programme=programme.pk,
        indicator=indicator.code,
        kind=kind,
        unit=unit.path,
        level=level,
        denominator=denominator.code if denominator is not None else "",
        due=due_period.code if due_period is not None else "",
        value=str(amount),
        before=None if created else old,
    )
    return target


def _check_level(unit: AdminUnit, level: str) -> None:
    if level not in Level.values:
        raise DomainError(_("Choose the level of the units below that must each reach the target."), code="bad_level")
    label = Level(level).label
    if LEVEL_DEPTH[Level(level)] <= LEVEL_DEPTH[Level(unit.level)]:
        raise DomainError(
            _("The %(level)s level is not below %(unit)s.") % {"level": label, "unit": unit.name}, code="bad_level"
        )
    if not AdminUnit.objects.filter(era_id=unit.era_id, level=level, path__prefix=unit.path).exists():
        raise DomainError(
            _("There is no unit of the %(level)s level below %(unit)s on its map.")
            % {"level": label, "unit": unit.name},
            code="bad_level",
        )


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    programme = target.programme
    _may_manage(actor, programme.unit)
    audit(
        actor=actor,
        verb="target.delete",
        target=target,
        programme=programme.pk,
        indicator=target.indicator.code,
        kind=target.kind,
        unit=target.unit.path,
        value=str(target.value),
    )
    target.delete()


class TargetsRefused(DomainError):
    """A batch of targets with some refused: `refused` holds (index in the batch, the service's error)."""

    def __init__(self, refused: list[tuple[int, DomainError]]) -> None:
        super().__init__(
            _("%(count)d targets were refused: nothing was saved.") % {"count": len(refused)}, code="targets_refused"
        )
        self.refused = refused


@transaction.atomic
def targets_set(*, actor: Any, programme: Programme, targets: list[dict[str, Any]]) -> list[Target]:
    """Set many targets at once (an import): each through `target_set`, all or none.

    Every target is tried, so that one answer lists every refusal; any refusal rolls the whole batch
    back. Each item holds `target_set`'s keyword arguments less the actor and the programme.
    """
    _may_manage(actor, programme.unit)
    saved: list[Target] = []
    refused: list[tuple[int, DomainError]] = []
    for index, item in enumerate(targets):
        try:
            saved.append(target_set(actor=actor, programme=programme, **item))
        except DomainError as exc:  # the savepoint of target_set is rolled back; the batch goes on
            refused.append((index, exc))
    if refused:
        raise TargetsRefused(refused)
    return saved
