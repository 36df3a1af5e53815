"""Fields of the periodic-reporting API: figures as JSON numbers, catalogue references, periods, eras and units.

A unit is written era/code ("2024/06823"), as everywhere in the API; the older form, a bare code
beside `era`, is still read (deprecated). References resolve through the selectors, so what the
caller may not see is "unknown" exactly like what does not exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.fields import REQUIRED, Choice
from danvan.api.serializers import TOO_LONG, known_era
from danvan.core.errors import DomainError, NotFound
from danvan.geo import selectors as geo_selectors
from danvan.reporting import selectors
from danvan.reporting.models import PeriodType, Submission
from danvan.reporting.periods import period_parse


def number(value: Decimal | None) -> int | float | None:
    """A stored figure as a JSON number: an int when whole (money in đồng stays exact), else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@extend_schema_field({"type": "number"})
class NumberField(serializers.Field):
    """A Decimal figure out as a JSON number."""

    def to_representation(self, value: Any) -> Any:
        return number(Decimal(value))


def flat_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested errors as {"values.0.value": [...]}: each message under the dotted path of its part."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, inner in detail.items():
            name = "non_field_errors" if key == "non_field_errors" and prefix else str(key)
            out.update(flat_errors(inner, f"{prefix}{name}."))
        return out
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        out = {}
        for i, inner in enumerate(detail):
            if inner:
                out.update(flat_errors(inner, f"{prefix}{i}."))
        return out
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip(".") or "non_field_errors": [str(m) for m in messages]}


# Named components of their own: drf-spectacular names an enum by its field otherwise, and a report's
# "status" would collide with the models' StatusEnum, which other fields refer to by that name.
@extend_schema_field({"type": "string", "enum": PeriodType.values}, component_name="ReportPeriodTypeEnum")
class PeriodTypeChoice(Choice):
    """A period type: the same set appears as "type" and "period_type"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(PeriodType.choices, **kwargs)


@extend_schema_field({"type": "string", "enum": Submission.Status.values}, component_name="ReportStatusEnum")
class ReportStatusChoice(Choice):
    """A report's status; other parts of the API have a "status" of their own."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Submission.Status.choices, **kwargs)


# --- references --------------------------------------------------------------------------------


def _request_user(field: serializers.Field) -> Any:
    return field.context["request"].user


class _CodeRefField(serializers.CharField):
    """A catalogue code, turned into its row by `lookup` (a selector taking user and code)."""

    lookup: Any = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=60, **kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        code = super().run_validation(data)  # a string of the right length first
        if code is None:
            return None
        try:
            return type(self).lookup(user=_request_user(self), code=code)
        except NotFound:
            self.fail("unknown", input=code)


class FormRefField(_CodeRefField):
    """A report form's code, e.g. dvk-commune-year."""

    default_error_messages = {"unknown": _("there is no report form “{input}”."), **REQUIRED, **TOO_LONG}
    lookup = staticmethod(selectors.form_get)


class IndicatorRefField(_CodeRefField):
    default_error_messages = {"unknown": _("there is no indicator “{input}”."), **REQUIRED, **TOO_LONG}
    lookup = staticmethod(selectors.indicator_get)


class PeriodCodeField(serializers.CharField):
    """A period code, normalised ("2024-q3" -> "2024-Q3"); a bad one gets the parser's explanation."""

    default_error_messages = {**REQUIRED, **TOO_LONG}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=16, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        try:
            return period_parse(super().to_internal_value(data))[0]
        except DomainError as exc:
            raise serializers.ValidationError(exc.message, code=exc.code) from None


class EraField(serializers.CharField):
    default_error_messages = {**REQUIRED, **TOO_LONG}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=16, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return known_era(super().to_internal_value(data))


def split_unit(value: str, era: str | None) -> tuple[str | None, str]:
    """A unit as written: "2024/06823" (the API's notation), or the deprecated code "06823" beside `era`.

    Returns (era, code); a notation whose era disagrees with `era` is a 400 on `era`.
    """
    unit_era, slash, code = value.strip().strip("/").partition("/")
    if not slash:
        return era, unit_era  # deprecated: era=2024&unit=06823
    if era and era != unit_era:
        raise serializers.ValidationError(
            {"era": [_("the unit is on the map %(unit_era)s, not %(era)s.") % {"unit_era": unit_era, "era": era}]}
        )
    return unit_era, code


def _known_era(era: str, name: str) -> str:
    """`known_era`, its refusal filed under the parameter the era was read from."""
    try:
        return known_era(era)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None


class UnitFilterMixin(serializers.Serializer):
    """`unit` written era/code as a query filter (or, deprecated, a code beside `era`); a unit the caller
    cannot see is unknown."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        raw = attrs.pop("unit", None)
        if raw:
            era, code = split_unit(raw, attrs.get("era"))
            if not era:
                raise serializers.ValidationError({"unit": [_("write the unit as era/code, e.g. 2024/06823.")]})
            _known_era(era, "unit")
            try:
                attrs["unit"] = geo_selectors.unit_get(user=self.context["request"].user, era=era, code=code)
            except NotFound:
                raise serializers.ValidationError(
                    {"unit": [_("there is no administrative unit “{input}”.").format(input=f"{era}/{code}")]}
                ) from None
        return attrs


def _era_param() -> EraField:
    return EraField(required=False, help_text=_("Map era: 2024 (63 provinces) or 2025 (34 provinces)."))


UNIT_NOTATION = _(
    "written era/code, e.g. 2024/06823 (the old form, era=2024&unit=06823, still works but is deprecated)"
)


def _unit_param(help_text: Any) -> serializers.CharField:
    return serializers.CharField(required=False, max_length=40, error_messages=TOO_LONG, help_text=help_text)
