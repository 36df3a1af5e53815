"""Form fields that read numbers and dates through `core.numbers` and `core.dates`.

Django's own IntegerField reads "1.000" as 1 (it strips a trailing ".000") and its DecimalField
refuses "1.000.000" and "12,5" unless localised: every form that takes a number or a date as
text uses these instead, so a figure typed on any page means what it means in the report grid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.utils.translation import gettext_lazy as _

from danvan.core.dates import DateError, parse_date
from danvan.core.numbers import NumberError, format_number, parse_number

MAX_NUMBER = Decimal(10) ** 16  # a results column holds 16 digits before the decimal point


class NumberField(forms.Field):
    """A number typed the way the user's language writes it (1.234,5 in Vietnamese).

    `whole` refuses fractions and cleans to int; `places` is the most decimals allowed; bounds
    are checked here, business rules stay in the services.
    """

    widget = forms.TextInput
    default_error_messages = {
        "whole": _("Enter a whole number."),
        "too_large": _("This number is too large."),
        "precision": _("Give at most %(places)d digits after the decimal point."),
    }

    def __init__(
        self,
        *,
        whole: bool = False,
        places: int = 2,
        maximum: Decimal | int = MAX_NUMBER,
        min_value: Decimal | int | None = None,
        max_value: Decimal | int | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        self.whole, self.places, self.maximum = whole, places, maximum
        super().__init__(**kwargs)
        if min_value is not None:  # Django's own validators and messages, as IntegerField has them
            self.validators.append(validators.MinValueValidator(min_value))
        if max_value is not None:
            self.validators.append(validators.MaxValueValidator(max_value))

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric" if self.whole else "decimal", "autocomplete": "off"})
        attrs["class"] = "input--number"
        return attrs

    def to_python(self, value: Any) -> Decimal | int | None:
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except NumberError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None
        if number is None:
            return None
        if abs(number) >= self.maximum:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        if self.whole:
            if number != number.to_integral_value():
                raise forms.ValidationError(self.error_messages["whole"], code="whole")
            return int(number)
        if number != number.quantize(Decimal(1).scaleb(-self.places)):
            raise forms.ValidationError(
                self.error_messages["precision"], code="precision", params={"places": self.places}
            )
        return number

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
            return format_number(value)
        return value


class DateField(forms.DateField):
    """A date as day/month/year (15/03/2024) or ISO (what `<input type="date">` sends)."""

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            raise forms.ValidationError(exc.message, code="invalid") from None
