"""Shapes of the programmes API: a programme, its targets and their progress on a day (read-only)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from danvan.api.fields import Day
from danvan.api.reporting_fields import NumberField
from danvan.reporting.models import ProgressStatus, Target


def _unit(unit: Any) -> str:
    return f"{unit.era_id}/{unit.code}"


class ProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    document_number = serializers.CharField()
    document_title = serializers.CharField()
    issuer = serializers.CharField(source="issuer.name", allow_null=True, default=None)
    unit = serializers.SerializerMethodField(help_text=_("The unit it covers, as era/code."))
    unit_name = serializers.CharField(source="unit.name")
    start = serializers.DateField()
    end = serializers.DateField()
    rule = serializers.CharField()
    on_track_percent = serializers.IntegerField()
    at_risk_percent = serializers.IntegerField()

    def get_unit(self, obj: Any) -> str:
        return _unit(obj.unit)


class UnitFigureSerializer(serializers.Serializer):
    unit = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name")
    value = NumberField()
    reported = serializers.SerializerMethodField()

    def get_unit(self, obj: Any) -> str:
        return _unit(obj.unit)

    def get_reported(self, obj: Any) -> bool:
        return bool(obj.count)


class TargetProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.pk")
    kind = serializers.ChoiceField(source="target.kind", choices=Target.Kind.choices)
    indicator = serializers.CharField(source="target.indicator.code")
    denominator = serializers.CharField(source="target.denominator.code", allow_null=True, default=None)
    unit = serializers.SerializerMethodField()
    level = serializers.CharField(source="target.level")
    value = NumberField(source="target.value", help_text=_("A total, the minimum per unit, or a percent, by kind."))
    due = serializers.DateField()
    goal = NumberField(help_text=_("A total, the number of units below, or a percent."))
    actual = NumberField(allow_null=True, help_text=_("So far, in the goal's terms; null for a share with no base."))
    expected = NumberField(help_text=_("What the rule expects by the day asked."))
    percent = NumberField(allow_null=True, help_text=_("Actual over expected, in percent."))
    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    met = UnitFigureSerializer(many=True, help_text=_("Per unit below: the units that reach the minimum."))
    short = UnitFigureSerializer(many=True, help_text=_("Per unit below: the units that do not yet."))

    def get_unit(self, obj: Any) -> str:
        return _unit(obj.target.unit)


class ProgrammeProgressSerializer(ProgrammeSerializer):
    """A programme with each target's progress on `as_of` (only the schema's: the view joins the two)."""

    as_of = serializers.DateField()
    targets = TargetProgressSerializer(many=True)


class AsOfSerializer(serializers.Serializer):
    as_of = Day(required=False, help_text=_("The day progress is read on (YYYY-MM-DD); today by default."))
