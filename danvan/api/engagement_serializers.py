"""Shapes of the API for dialogues (and their issues), Three Together activities and prestigious persons.

Input: shapes checked here (400), references resolved among what the caller may see (anything
else is "unknown"); what the caller may do is the services' decision. Output: a prestigious
person's ethnic group, religion, phone and address appear only for callers who may see them (a
reviewer or manager of the place); for anyone else the keys are absent, not empty.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.fields import (
    MAX_VND,
    REQUIRED,
    Choice,
    Day,
    OrganizationRefField,
    RefField,
    StrictSerializer,
    WholeNumber,
    text_field,
)
from danvan.api.initiative_serializers import OrganizationBriefSerializer
from danvan.api.serializers import UnitBriefSerializer, UnitRefField
from danvan.engagement.models import (
    Dialogue,
    EthnicGroup,
    GrassrootsActivity,
    PersonEngagement,
    PetitionKind,
    PetitionStatus,
    PrestigiousPerson,
    Topic,
)

MAX_COUNT = 10_000_000


def _url(serializer: Any, name: str, **kwargs: Any) -> str:
    url = reverse(f"api:{name}", kwargs=kwargs)
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class UserRefField(RefField):
    """An account by id; whether it may handle the issue is the service's decision."""

    unknown_message = _("there is no account {input}.")

    def lookup(self, pk: int) -> Any:
        return get_user_model().objects.filter(pk=pk, is_active=True).first()


class TopicRefField(serializers.SlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Topic.objects.filter(active=True), **kwargs)


class EthnicGroupRefField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("“{pk_value}” is not a code of the official list of 54 groups.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=EthnicGroup.objects.all(), **kwargs)


# --- dialogues ----------------------------------------------------------------------------------


class DialogueCreateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=255, error_messages=REQUIRED)
    format = Choice(Dialogue.Format.choices)
    held_on = Day()
    unit = UnitRefField(help_text=_("Where it was held, written era/code, e.g. 2024/06823."), error_messages=REQUIRED)
    place_detail = text_field(255)
    host = OrganizationRefField()
    participants_count = WholeNumber(min_value=0, max_value=MAX_COUNT, required=False, default=0)
    participants = text_field()
    summary = text_field()


class IssueCreateSerializer(StrictSerializer):
    subject = serializers.CharField(max_length=200, error_messages=REQUIRED)
    text = text_field()
    owner = OrganizationRefField(help_text=_("The organisation that owns the issue."))
    handler = UserRefField(required=False, allow_null=True, default=None)
    deadline = Day(help_text=_("The date promised for settling it."))
    kind = Choice(PetitionKind.choices, required=False, default=PetitionKind.RECOMMENDATION)
    topic = TopicRefField(required=False, allow_null=True, default=None)


class IssueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tracking_code = serializers.CharField()
    subject = serializers.CharField()
    kind = serializers.ChoiceField(choices=PetitionKind.choices)
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    status_name = serializers.CharField(source="get_status_display")
    owner = OrganizationBriefSerializer(source="organization")
    handler = serializers.CharField(source="handler.username", default=None, allow_null=True)
    settle_due = serializers.DateField()
    overdue = serializers.BooleanField()
    public_answer = serializers.CharField()


class DialogueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = serializers.CharField()
    format = serializers.ChoiceField(choices=Dialogue.Format.choices)
    held_on = serializers.DateField()
    unit = UnitBriefSerializer()
    place_detail = serializers.CharField()
    host = OrganizationBriefSerializer()
    participants_count = serializers.IntegerField()
    issue_count = serializers.IntegerField(default=0)
    open_count = serializers.IntegerField(default=0)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Any) -> str:
        return _url(self, "dialogue-detail", pk=obj.pk)


class DialogueDetailSerializer(DialogueSerializer):
    participants = serializers.CharField()
    summary = serializers.CharField()
    has_minutes = serializers.SerializerMethodField()
    issues = IssueSerializer(many=True)
    previous = DialogueSerializer(allow_null=True)
    previous_issues = IssueSerializer(many=True)

    def get_has_minutes(self, obj: Any) -> bool:
        return bool(obj.minutes)


# --- Three Together -----------------------------------------------------------------------------


class ActivityCreateSerializer(StrictSerializer):
    organization = OrganizationRefField()
    unit = UnitRefField(help_text=_("The village or commune, written era/code."), error_messages=REQUIRED)
    start_date = Day()
    end_date = Day()
    cadres_count = WholeNumber(min_value=0, max_value=MAX_COUNT)
    people_count = WholeNumber(min_value=0, max_value=MAX_COUNT, required=False, default=0)
    activities = serializers.ListField(child=Choice(GrassrootsActivity.Activity.choices), allow_empty=False)
    description = text_field()
    houses_built = WholeNumber(min_value=0, max_value=MAX_COUNT, required=False, default=0)
    houses_repaired = WholeNumber(min_value=0, max_value=MAX_COUNT, required=False, default=0)
    money = WholeNumber(min_value=0, max_value=MAX_VND, required=False, default=0)
    workdays = WholeNumber(min_value=0, max_value=2_147_483_647, required=False, default=0)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError({"end_date": [_("The last day cannot be before the first day.")]})
        return attrs


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    organization = OrganizationBriefSerializer()
    unit = UnitBriefSerializer()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    cadres_count = serializers.IntegerField()
    people_count = serializers.IntegerField()
    activities = serializers.ListField(child=serializers.ChoiceField(choices=GrassrootsActivity.Activity.choices))
    description = serializers.CharField()
    houses_built = serializers.IntegerField()
    houses_repaired = serializers.IntegerField()
    money = serializers.IntegerField()
    workdays = serializers.IntegerField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Any) -> str:
        return _url(self, "grassroots-activity-detail", pk=obj.pk)


# --- prestigious persons ------------------------------------------------------------------------


class PersonCreateSerializer(StrictSerializer):
    full_name = serializers.CharField(max_length=150, error_messages=REQUIRED)
    birth_year = WholeNumber(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)
    gender = Choice([("male", "male"), ("female", "female")], required=False, default="")
    village = UnitRefField(help_text=_("The village or commune, written era/code."), error_messages=REQUIRED)
    standing = Choice(PrestigiousPerson.Standing.choices)
    since = Day()
    until = Day(required=False, allow_null=True, default=None)
    notes = text_field()
    ethnic_group = EthnicGroupRefField(
        required=False, allow_null=True, help_text=_("Code of the official list, e.g. 02 (Tày). Sensitive.")
    )
    religion = text_field(60, help_text=_("Sensitive."))
    phone = text_field(30, help_text=_("Sensitive."))
    address = text_field(255, help_text=_("Sensitive."))


class EngagementSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=PersonEngagement.Kind.choices)
    notes = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    """Sensitive keys are present only when `context["sensitive"]` holds the person's values."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    full_name = serializers.CharField()
    birth_year = serializers.IntegerField(allow_null=True)
    gender = serializers.ChoiceField(choices=[("", ""), ("male", "male"), ("female", "female")], allow_blank=True)
    village = UnitBriefSerializer()
    standing = serializers.ChoiceField(  # a religious dignitary reveals a religion: "other" unless he may see it
        choices=PrestigiousPerson.Standing.choices, source="visible_standing"
    )
    since = serializers.DateField()
    until = serializers.DateField(allow_null=True)
    ethnic_group = serializers.CharField(
        required=False, allow_null=True, help_text=_("Only for reviewers and managers of the place.")
    )
    ethnic_group_name = serializers.CharField(required=False, allow_null=True)
    religion = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    address = serializers.CharField(required=False)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Any) -> str:
        return _url(self, "prestigious-person-detail", pk=obj.pk)

    def to_representation(self, obj: Any) -> dict[str, Any]:
        plain = ("id", "url", "full_name", "birth_year", "gender", "village", "standing", "since", "until")
        out: dict[str, Any] = {}
        for name in plain:
            field = self.fields[name]
            attribute = field.get_attribute(obj)
            out[name] = None if attribute is None else field.to_representation(attribute)
        values = self.context.get("sensitive", {}).get(obj.pk)
        if values is not None:
            group = values["ethnic_group"]
            out["ethnic_group"] = group.code if group else None
            out["ethnic_group_name"] = group.name if group else None
            out["religion"] = values["religion"]
            out["phone"] = values["phone"]
            out["address"] = values["address"]
        return out


class PersonDetailSerializer(PersonSerializer):
    notes = serializers.CharField()
    engagements = EngagementSerializer(many=True)

    def to_representation(self, obj: Any) -> dict[str, Any]:
        out = super().to_representation(obj)
        out["notes"] = obj.notes
        out["engagements"] = EngagementSerializer(self.context.get("engagements", []), many=True).data
        return out
