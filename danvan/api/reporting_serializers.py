"""Shapes of the periodic-reporting API: query filters and bodies in (checked here, 400), records out.

References are resolved through the reporting selectors, so what the caller may not see is
"unknown" exactly like what does not exist. Whether a figure is acceptable (a number, not
negative, a known cell, the report still open) is decided by `reporting.services`, never here.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.fields import REQUIRED, Choice, StrictSerializer
from danvan.api.reporting_fields import (
    UNIT_NOTATION,
    EraField,
    FormRefField,
    IndicatorRefField,
    NumberField,
    PeriodCodeField,
    PeriodTypeChoice,
    ReportStatusChoice,
    UnitFilterMixin,
    _era_param,
    _known_era,
    _unit_param,
    split_unit,
)
from danvan.api.serializers import TOO_LONG, boolean_filter
from danvan.core.errors import DomainError
from danvan.reporting.models import Indicator
from danvan.reporting.periods import period_get
from danvan.reporting.selectors import BY_CHOICES

MAX_REPORTS = 500  # objects in one POST: a province's communes at once, not an unbounded body
MAX_VALUES = 2000  # cells in one object: far above any form
TRANSITION_ACTIONS = ("submit", "approve", "return", "reopen")


# --- catalogue ---------------------------------------------------------------------------------


class IndicatorFilterSerializer(serializers.Serializer):
    source = Choice(Indicator.Source.choices, required=False, help_text=_("Entered, computed from records, or both."))
    active = boolean_filter(
        _("true: only those in use; false: only retired ones; absent: all."), allow_null=True, default=None
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        error_messages=TOO_LONG,
        help_text=_("Search the code and the names, diacritics optional: “nguoi dan” finds “người dân”."),
    )


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text=_("Vietnamese name."))
    name_en = serializers.CharField()
    unit_of_measure = serializers.CharField()
    unit_of_measure_en = serializers.CharField()
    value_type = serializers.ChoiceField(choices=Indicator.ValueType.choices)
    time_aggregation = serializers.ChoiceField(
        choices=Indicator.TimeAggregation.choices, help_text=_("sum: a flow summed over periods; last: a stock.")
    )
    split_rule = serializers.ChoiceField(
        choices=Indicator.SplitRule.choices,
        help_text=_("How an old unit's figures follow it onto the new map when it was split."),
    )
    breakdown = serializers.ChoiceField(choices=Indicator.Breakdown.choices, allow_blank=True)
    categories = serializers.SerializerMethodField(
        help_text=_("The breakdown's categories; a value is typed per category.")
    )
    source = serializers.ChoiceField(choices=Indicator.Source.choices)
    record_key = serializers.CharField(help_text=_("Which records compute it; empty for a typed figure."))
    period_type = PeriodTypeChoice(help_text=_("The period it is reported per."))
    active = serializers.BooleanField()

    @extend_schema_field(CategorySerializer(many=True))
    def get_categories(self, indicator: Indicator) -> list[dict[str, str]]:
        return [{"code": code, "label": str(label)} for code, label in indicator.categories]


class PeriodFilterSerializer(serializers.Serializer):
    type = PeriodTypeChoice(required=False, help_text=_("Only periods of this type."))


class PeriodSerializer(serializers.Serializer):
    code = serializers.CharField()
    type = PeriodTypeChoice()
    start = serializers.DateField()
    end = serializers.DateField()


class FormIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    position = serializers.IntegerField()


class FormSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    period_type = PeriodTypeChoice()
    levels = serializers.ListField(child=serializers.CharField(), help_text=_("Levels of unit that report."))
    organization_kinds = serializers.SerializerMethodField(
        help_text=_("Kinds of organisation that each report; empty: one report per unit.")
    )
    deadline_days = serializers.IntegerField(help_text=_("Days after the period ends that a report is due."))
    active = serializers.BooleanField()
    indicators = FormIndicatorSerializer(source="active_rows", many=True, help_text=_("In the form's order."))

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_organization_kinds(self, form: Any) -> list[str]:
        return sorted(kind.pk for kind in form.organization_kinds.all())


# --- values ------------------------------------------------------------------------------------


class ReportUnitSerializer(serializers.Serializer):
    era = serializers.CharField(source="era_id")
    code = serializers.CharField()
    name = serializers.CharField()


class DataValueFilterSerializer(UnitFilterMixin, serializers.Serializer):
    form = FormRefField(required=False, help_text=_("Report form code, e.g. dvk-commune-year."))
    era = _era_param()
    unit = _unit_param(format_lazy("{} {}.", _("Only values of this unit and the units below it,"), UNIT_NOTATION))
    period = PeriodCodeField(required=False, help_text=_("Period code: 2024, 2024-H1, 2024-Q3, 2024-05, 2021-2025."))
    indicator = IndicatorRefField(required=False, help_text=_("Indicator code, e.g. tt_people."))


class DataValueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField(source="indicator.code")
    category = serializers.CharField(help_text=_("The breakdown's category; empty for a single figure."))
    value = NumberField()
    unit = ReportUnitSerializer()
    period = serializers.CharField(source="period.code")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    form = serializers.CharField(source="submission.form.code")
    submission = serializers.IntegerField(source="submission_id")
    status = ReportStatusChoice(source="submission.status", help_text=_("The status of its report."))
    updated_at = serializers.DateTimeField()


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})
class RawValueField(serializers.Field):
    """A number, or text as people type it ("1.234" in Vietnamese); null or "" clears the cell."""

    default_error_messages = {"invalid": _("a number is expected (or text such as “1.234”, or null).")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        return data[:60] if isinstance(data, str) else data


class CellInSerializer(StrictSerializer):
    indicator = serializers.CharField(max_length=60, error_messages={**REQUIRED, **TOO_LONG})
    category = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", error_messages={**REQUIRED, **TOO_LONG}
    )
    value = RawValueField(error_messages=REQUIRED)


class ValuesField(serializers.ListField):
    default_error_messages = {
        "not_a_list": _('a list of cells is expected, e.g. [{"indicator": "tt_people", "value": 1234}].'),
        "max_length": _("at most {max_length} cells in one report."),
        "twice": _("“{cell}” is given twice."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=CellInSerializer(), max_length=MAX_VALUES, **kwargs)

    def to_internal_value(self, data: Any) -> dict[tuple[str, str], Any]:
        cells = super().to_internal_value(data)
        out: dict[tuple[str, str], Any] = {}
        for cell in cells:
            key = (cell["indicator"], cell.get("category") or "")
            if key in out:
                self.fail("twice", cell=f"{key[0]}.{key[1]}" if key[1] else key[0])
            out[key] = cell["value"]
        return out


class ReportInSerializer(StrictSerializer):
    """One report's figures: where, for what period, and the cells."""

    form = FormRefField(help_text=_("Report form code, e.g. dvk-commune-year."), error_messages=REQUIRED)
    era = EraField(
        required=False,
        help_text=_("Deprecated: the map era of a unit given as a bare code. Write the unit as era/code instead."),
        error_messages=REQUIRED,
    )
    unit = serializers.CharField(
        max_length=40,
        help_text=_(
            "The reporting unit, written era/code, e.g. 2024/06823 (the old form, a bare code beside “era”, still "
            "works but is deprecated)."
        ),
        error_messages=REQUIRED,
    )
    period = serializers.CharField(
        max_length=16, help_text=_("Period code, e.g. 2024."), error_messages={**REQUIRED, **TOO_LONG}
    )
    organization = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_("Id of the reporting organisation, for forms reported per organisation."),
        error_messages={"invalid": _("an id (a whole number) is required.")},
    )
    values = ValuesField(
        required=False,
        default=list,
        help_text=_("Cells to save; a null value clears a cell. Cells not sent are left as they are."),
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Submit the report once its values are saved.")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        era, code = split_unit(attrs["unit"], attrs.get("era"))
        if not era:
            raise serializers.ValidationError({"unit": [_("write the unit as era/code, e.g. 2024/06823.")]})
        attrs["era"], attrs["unit"] = _known_era(era, "unit"), code
        return attrs

    def validate_period(self, value: str) -> Any:
        try:
            return period_get(value)
        except DomainError as exc:
            raise serializers.ValidationError(exc.message, code=exc.code) from None

    def validate_values(self, value: Any) -> dict[tuple[str, str], Any]:
        return value if isinstance(value, dict) else {}


class SubmissionBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    status = ReportStatusChoice()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, submission: Any) -> str:
        url = reverse("api:submission-detail", kwargs={"pk": submission.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class SavedSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text=_("Position of the report in the body (0 for a single object)."))
    submission = SubmissionBriefSerializer()
    saved = serializers.IntegerField(help_text=_("Cells created or changed."))
    deleted = serializers.IntegerField(help_text=_("Cells cleared."))


class WarningSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    submission = serializers.IntegerField()
    cell = serializers.CharField(help_text=_("indicator or indicator.category"))
    indicator = serializers.CharField()
    category = serializers.CharField()
    message = serializers.CharField()


class UpsertResultSerializer(serializers.Serializer):
    submissions = SavedSerializer(many=True, help_text=_("The reports touched, in the order sent."))
    warnings = WarningSerializer(
        many=True, help_text=_("Figures far from the previous period: saved, but worth a second look.")
    )


# --- reports -----------------------------------------------------------------------------------


class SubmissionFilterSerializer(UnitFilterMixin, serializers.Serializer):
    form = FormRefField(required=False, help_text=_("Report form code, e.g. dvk-commune-year."))
    period = PeriodCodeField(required=False, help_text=_("Period code, e.g. 2024."))
    status = ReportStatusChoice(required=False, help_text=_("Status of the report."))
    era = _era_param()
    unit = _unit_param(format_lazy("{} {}.", _("Only reports of this unit and the units below it,"), UNIT_NOTATION))


class ReportOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SubmissionSerializer(SubmissionBriefSerializer):
    form = serializers.CharField(source="form.code")
    unit = ReportUnitSerializer()
    period = serializers.CharField(source="period.code")
    organization = ReportOrganizationSerializer(allow_null=True)
    status_name = serializers.CharField(source="get_status_display")
    due = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField(help_text=_("Why it was returned or reopened."))


class CellOutSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    category = serializers.CharField()
    value = NumberField()


class SubmissionDetailSerializer(SubmissionSerializer):
    values = CellOutSerializer(source="cells", many=True)


class SubmissionTransitionSerializer(StrictSerializer):
    action = Choice(
        [(a, a) for a in TRANSITION_ACTIONS],
        help_text=_("submit (the reporter), approve, return or reopen (a reviewer of the level above)."),
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        error_messages=TOO_LONG,
        help_text=_("Required to return or reopen."),
    )


# --- roll-ups ----------------------------------------------------------------------------------


class RollupParamsSerializer(serializers.Serializer):
    era = EraField(
        required=False,
        help_text=_("Map era the figures are summed on: 2024 or 2025; may be left out when “unit” names it."),
        error_messages=REQUIRED,
    )
    unit = _unit_param(
        format_lazy(
            "{} {}.",
            _("The unit whose area is summed (absent: the whole country, national users only),"),
            UNIT_NOTATION,
        )
    )
    indicator = IndicatorRefField(help_text=_("Indicator code, e.g. tt_people."), error_messages=REQUIRED)
    period = PeriodCodeField(help_text=_("Period code, e.g. 2024 or 2021-2025."), error_messages=REQUIRED)
    by = Choice(
        [(b, b) for b in BY_CHOICES],
        required=False,
        help_text=_("Rows by child unit, by period within the period, or by field (a breakdown's categories)."),
    )
    approved_only = boolean_filter(_("Count only approved reports (default: submitted and approved)."), default=False)

    def to_internal_value(self, data: Any) -> Any:
        """A missing era is named with the other missing parameters, not after them."""
        errors: dict[str, Any] = {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors, value = dict(exc.detail), None  # type: ignore[arg-type]
        if not data.get("era") and "/" not in str(data.get("unit") or ""):
            errors.setdefault("era", [_("give the map era, e.g. era=2025, or a unit written era/code.")])
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """era and the unit's code, as `selectors.node_unit` takes them."""
        raw = attrs.pop("unit", None)
        era, code = split_unit(raw, attrs.get("era")) if raw else (attrs["era"], None)
        attrs["era"] = _known_era(era or "", "unit" if raw and "/" in raw else "era")
        attrs["unit"] = code
        return attrs


class RollupRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The child's path, the period's code or the category."))
    label = serializers.CharField()
    value = NumberField()
    count = serializers.IntegerField(help_text=_("Values summed: 0 means nothing reported, not a reported zero."))
    unit = ReportUnitSerializer(allow_null=True)
    period = serializers.CharField(source="period.code", allow_null=True)


class RollupSerializer(serializers.Serializer):
    era = serializers.CharField()
    unit = ReportUnitSerializer(allow_null=True, help_text=_("null for the whole country."))
    indicator = serializers.CharField(source="indicator.code")
    period = serializers.CharField(source="period.code")
    value = NumberField()
    count = serializers.IntegerField(help_text=_("Values summed: 0 means nothing reported, not a reported zero."))
    approved_only = serializers.BooleanField()
    by = serializers.CharField(allow_null=True)
    rows = RollupRowSerializer(many=True)
