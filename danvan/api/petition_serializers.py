"""Shapes of the petitions API: what a submission must look like (400 otherwise), and what is shown.

The public shapes (`PetitionSubmitSerializer`, `PublicPetitionSerializer`) carry no handler, no
internal note and no identity beyond what the sender sends in. Rules live in the services.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.serializers import boolean_filter
from danvan.core.errors import NotFound
from danvan.engagement.models.petitions import Complexity, Instance, Petition, PetitionKind, PetitionStatus, Topic
from danvan.engagement.petition_rules import abuse
from danvan.engagement.selectors.petitions import public_place
from danvan.engagement.services.petitions import MAX_SUBJECT, SenderData, identity_problem


class PetitionSenderInSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(required=False, default=False)


class PetitionSubmitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PetitionKind.choices)
    unit = serializers.CharField(max_length=60, help_text=_("The place, written era/code, e.g. 2025/06820."))
    topic = serializers.SlugRelatedField(slug_field="code", queryset=Topic.objects.filter(active=True))
    subject = serializers.CharField(max_length=MAX_SUBJECT)
    text = serializers.CharField(max_length=abuse.MAX_TEXT)
    place_detail = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    sender = PetitionSenderInSerializer(required=False)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    website = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Leave empty."))

    def validate_unit(self, value: str) -> Any:
        try:
            return public_place(value)
        except NotFound as exc:
            raise serializers.ValidationError(exc.message) from exc

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        data["sender"] = SenderData(**(data.get("sender") or {}))
        field, problem = identity_problem(data["kind"], data["sender"])
        if problem:
            raise serializers.ValidationError({"sender": {field: [problem]}})
        return data


class PetitionReceiptSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    accept_due = serializers.DateField()


class PublicPetitionEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    verb = serializers.CharField()
    status = serializers.CharField(source="to_status")
    note = serializers.CharField()


class PublicPetitionSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    kind = serializers.ChoiceField(choices=PetitionKind.choices)
    topic = serializers.CharField()
    place = serializers.CharField()
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    status_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    accept_due = serializers.DateField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    settle_due = serializers.DateField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    public_answer = serializers.CharField()
    rejection_reason = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    may_rate = serializers.BooleanField()
    events = PublicPetitionEventSerializer(many=True)


class PetitionRatingSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PetitionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PetitionStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=PetitionKind.choices, required=False)
    topic = serializers.CharField(max_length=40, required=False)
    unit = serializers.CharField(
        max_length=60, required=False, help_text=_("Only this unit's whole area, written era/code, e.g. 2025/06820.")
    )
    overdue = serializers.ChoiceField(choices=["any", "accept", "settle"], required=False)
    q = serializers.CharField(max_length=100, required=False)
    mine = boolean_filter(_("Only the petitions the caller handles."))

    def validate_unit(self, value: str) -> Any:
        from danvan.geo.selectors import unit_get

        era, _sep, code = value.strip("/").partition("/")
        try:
            return unit_get(user=self.context["request"].user, era=era, code=code)
        except NotFound as exc:
            raise serializers.ValidationError(exc.message) from exc


class PetitionUnitSerializer(serializers.Serializer):
    era = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()


class IdNameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PetitionSerializer(serializers.ModelSerializer):
    """The back office's view: no sender (that is a separate, audited endpoint)."""

    unit = serializers.SerializerMethodField()
    topic = serializers.CharField(source="topic_id")
    organization = serializers.SerializerMethodField()
    handler = serializers.SerializerMethodField()
    duplicate_of = serializers.SlugRelatedField(slug_field="tracking_code", read_only=True, allow_null=True)

    class Meta:
        model = Petition
        fields = [
            "id",
            "tracking_code",
            "kind",
            "topic",
            "unit",
            "place_detail",
            "subject",
            "text",
            "source",
            "status",
            "organization",
            "handler",
            "received_at",
            "accept_due",
            "accepted_at",
            "settle_due",
            "complex",
            "especially_complex",
            "instance",
            "remote",
            "extensions",
            "answered_at",
            "closed_at",
            "public_answer",
            "rejection_reason",
            "duplicate_of",
            "rating",
            "anonymised_at",
        ]

    @extend_schema_field(PetitionUnitSerializer)
    def get_unit(self, obj: Petition) -> dict[str, str]:
        return {"era": obj.unit.era_id, "code": obj.unit.code, "name": obj.unit.name}

    @extend_schema_field(IdNameSerializer(allow_null=True))
    def get_organization(self, obj: Petition) -> dict[str, Any] | None:
        return {"id": obj.organization_id, "name": obj.organization.name} if obj.organization else None

    @extend_schema_field(IdNameSerializer(allow_null=True))
    def get_handler(self, obj: Petition) -> dict[str, Any] | None:
        return {"id": obj.handler_id, "name": str(obj.handler)} if obj.handler else None


class PetitionEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    verb = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    note = serializers.CharField(
        help_text=_(
            "The internal note; for a “routed” event, the routing rule that chose the organisation, "
            "as the page shows it."
        )
    )
    public = serializers.BooleanField()
    public_note = serializers.CharField()


class PetitionDetailSerializer(PetitionSerializer):
    events = PetitionEventSerializer(many=True, source="timeline")
    allowed_actions = serializers.ListField(child=serializers.CharField())

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "events", "allowed_actions"]


class PetitionSenderSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    id_number = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    consent_at = serializers.DateTimeField(allow_null=True)


class PetitionTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["accept", "reject", "start", "answer", "close", "reopen", "extend", "not_duplicate"]
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    answer = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    complex = serializers.BooleanField(required=False, default=False)
    complexity = serializers.ChoiceField(
        choices=Complexity.choices,
        required=False,
        help_text=_("How complicated the case is (accept, extend): only a complicated denunciation is extended."),
    )
    instance = serializers.ChoiceField(
        choices=Instance.choices, required=False, help_text=_("A complaint's instance (accept): 1 first, 2 second.")
    )
    decision_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default="", help_text=_("The extension decision's number.")
    )
    decision_date = serializers.DateField(required=False, help_text=_("The extension decision's date."))
