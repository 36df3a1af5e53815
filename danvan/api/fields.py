"""Input fields every write of the API shares: closed sets, whole numbers, days, texts, ids, strict objects.

Each refusal is a short message in the caller's language that names no field: `errors.exception_handler`
puts the field's name in front. References resolve through the selectors, so what the caller may
not see is "unknown", exactly like what does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.serializers import TOO_LONG
from danvan.core.errors import NotFound
from danvan.org import selectors as org_selectors

REQUIRED: dict[str, Any] = {
    "required": _("this field is required."),
    "blank": _("this field may not be blank."),
    "null": _("this field may not be null."),
}
MAX_VND = 10**15  # a thousand trillion đồng: far above any model, far below the column's limit
MAX_TEXT = 20_000


# --- fields ----------------------------------------------------------------------------------


class Choice(serializers.ChoiceField):
    """A closed set whose error lists the accepted values."""

    default_error_messages = {"invalid_choice": _("“{input}” is not accepted here; use one of: {values}.")}

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", REQUIRED)
        super().__init__(choices, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        try:
            return self.choice_strings_to_values[str(data)]
        except KeyError:
            self.fail("invalid_choice", input=data, values=", ".join(self.choice_strings_to_values))


class WholeNumber(serializers.IntegerField):
    default_error_messages = {
        "invalid": _("a whole number is required."),
        "min_value": _("must be at least {min_value}."),
        "max_value": _("must be at most {max_value}."),
        "max_string_length": _("the number is too long."),
        **REQUIRED,
    }


class Day(serializers.DateField):
    default_error_messages = {
        "invalid": _("not a date; write it as YYYY-MM-DD, e.g. 2025-07-01."),
        "datetime": _("a date is expected, not a date and time."),
        **REQUIRED,
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)


def text_field(max_length: int = MAX_TEXT, **kwargs: Any) -> serializers.CharField:
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    return serializers.CharField(max_length=max_length, error_messages={**REQUIRED, **TOO_LONG}, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class RefField(serializers.Field):
    """An id, resolved to the object through a selector; anything the caller cannot see is unknown."""

    default_error_messages = {"invalid": _("an id (a whole number) is required."), **REQUIRED}
    unknown_message: Any = ""  # a translatable message with {input}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not str(data).isdigit() or len(str(data)) > 18:
            self.fail("invalid")
        found = self.lookup(int(data))
        if found is None:
            raise serializers.ValidationError(str(self.unknown_message).format(input=data), code="unknown")
        return found

    def to_representation(self, value: Any) -> Any:
        return value.pk

    def lookup(self, pk: int) -> Any:
        raise NotImplementedError


class OrganizationRefField(RefField):
    unknown_message = _("there is no organisation {input}.")

    def lookup(self, pk: int) -> Any:
        try:
            return org_selectors.organization_get(user=self.context["request"].user, pk=pk)
        except NotFound:
            return None


# --- input -----------------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer):
    """Refuses keys it does not know, each named, along with the errors of the keys it does."""

    default_error_messages = {"invalid": _("send a JSON object of named values.")}

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        if isinstance(data, Mapping):
            for key in data:
                if key not in self.fields and key != "csrfmiddlewaretoken":  # a session's form sends the token
                    if key == "status":
                        hint = _("the status changes only through POST …/transition/.")
                    else:
                        hint = _("unknown or read-only; /api/schema/ lists what can be sent.")
                    errors[str(key)] = [str(hint)]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            errors.update({str(key): detail for key, detail in exc.detail.items()})
            value = None
        if errors:
            raise serializers.ValidationError(errors)
        return value
