"""Shapes of the models' API (mô hình, `Initiative` in code): input checked here (400), records out.

Input serializers check the form of each value and resolve references among what the caller may
see (an organisation, person, unit or original model out of scope is "unknown", exactly like one
that does not exist). Whether the caller may do what they ask — register at that place, change a
recognised model, move it through its lifecycle — is decided by `danvan.initiatives.services`.
A key the endpoint does not accept is refused, so a misspelt name is never silently dropped.
"""

from __future__ import annotations

from typing import Any

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
from danvan.api.serializers import TOO_LONG, UnitBriefSerializer, UnitRefField, known_era
from danvan.documents.models import PolicyDocument
from danvan.initiatives import selectors as initiative_selectors
from danvan.initiatives.models import Field, Kind, Status, TargetGroup
from danvan.initiatives.services import DETAIL_FIELDS
from danvan.org import selectors as org_selectors


def _url(serializer: serializers.Field | serializers.Serializer, name: str, **kwargs: Any) -> str:
    url = reverse(f"api:{name}", kwargs=kwargs)
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


# --- fields ----------------------------------------------------------------------------------


class PersonRefField(RefField):
    """A person of an organisation the caller may see."""

    unknown_message = _("there is no person {input}.")

    def lookup(self, pk: int) -> Any:
        return org_selectors.person_list(user=self.context["request"].user).filter(pk=pk).first()


class InitiativeRefField(RefField):
    unknown_message = _("there is no model {input}.")

    def lookup(self, pk: int) -> Any:
        return initiative_selectors.initiative_list(user=self.context["request"].user).filter(pk=pk).first()


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TargetGroupsField(serializers.ListField):
    """Codes, e.g. ["dan-toc-thieu-so", "thanh-nien"], resolved in one query."""

    default_error_messages = {
        "not_a_list": _('a list of target group codes is expected, e.g. ["thanh-nien"].'),
        "unknown": _("unknown target groups: {codes}."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.SlugField(max_length=40, error_messages=REQUIRED), **kwargs)

    def to_internal_value(self, data: Any) -> list[TargetGroup]:
        codes = super().to_internal_value(data)
        found = TargetGroup.objects.in_bulk(codes)
        missing = [c for c in codes if c not in found]
        if missing:
            self.fail("unknown", codes=", ".join(missing))
        return [found[c] for c in dict.fromkeys(codes)]


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class PolicyDocumentsField(serializers.ListField):
    default_error_messages = {
        "not_a_list": _("a list of policy document ids is expected, e.g. [1, 2]."),
        "unknown": _("unknown policy documents: {ids}."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=WholeNumber(min_value=1, max_value=2**63 - 1), **kwargs)

    def to_internal_value(self, data: Any) -> list[PolicyDocument]:
        ids = super().to_internal_value(data)
        found = PolicyDocument.objects.in_bulk(ids)
        missing = [str(i) for i in ids if i not in found]
        if missing:
            self.fail("unknown", ids=", ".join(missing))
        return [found[i] for i in dict.fromkeys(ids)]


class ResultsField(serializers.DictField):
    """{metric code: value}; null removes a result. Which metrics exist and their rules: the service."""

    default_error_messages = {"not_a_dict": _("results are an object of metric codes and numbers.")}

    def __init__(self, **kwargs: Any) -> None:
        child = serializers.DecimalField(
            max_digits=18,
            decimal_places=2,
            allow_null=True,
            error_messages={
                "invalid": _("a number is required."),
                "max_digits": _("at most {max_digits} digits."),
                "max_decimal_places": _("at most {max_decimal_places} decimal places."),
                "max_whole_digits": _("at most {max_whole_digits} digits before the decimal point."),
                "max_string_length": _("the number is too long."),
            },
        )
        super().__init__(child=child, **kwargs)


# --- input -----------------------------------------------------------------------------------


class InitiativeWriteSerializer(StrictSerializer):
    """What registers or changes a model: the place, the field, and the ten registration fields."""

    name = text_field(max_length=300, required=True, allow_blank=False, help_text=_("Name of the model."))
    field = Choice(Field.choices, help_text=_("Field of work."))
    kind = Choice(Kind.choices, required=False, help_text=_("collective (default) or individual."))
    person = PersonRefField(
        required=False, allow_null=True, help_text=_("Id of the person, required for an individual model.")
    )
    organization = OrganizationRefField(help_text=_("Id of the owning organisation, one the caller may see."))
    unit = UnitRefField(help_text=_("Where the model is, written era/code, e.g. 2024/06823."), error_messages=REQUIRED)
    year = WholeNumber(min_value=1990, max_value=2100, help_text=_("Registration year."))
    # the ten registration fields of the paper form
    situation = text_field(help_text=_("Current situation and reason."))
    objectives = text_field(help_text=_("Objectives and evaluation criteria."))
    content = text_field(help_text=_("Content and methods."))
    area_and_targets = text_field(help_text=_("Area and target group."))
    forces = text_field(help_text=_("Lead and partner forces and their roles."))
    money_vnd = WholeNumber(
        required=False, allow_null=True, min_value=0, max_value=MAX_VND, help_text=_("Money (VND).")
    )
    in_kind = text_field(help_text=_("Resources in kind."))
    workdays = WholeNumber(required=False, allow_null=True, min_value=0, max_value=2_147_483_647)
    social_contributions_vnd = WholeNumber(
        required=False, allow_null=True, min_value=0, max_value=MAX_VND, help_text=_("Social contributions (VND).")
    )
    start_date = Day(required=False, allow_null=True)
    milestones = text_field()
    evaluation_date = Day(required=False, allow_null=True)
    outputs = text_field(help_text=_("Verifiable outputs."))
    sustainability = text_field(help_text=_("Sustainability and replicability."))
    target_groups = TargetGroupsField(required=False, help_text=_('Target group codes, e.g. ["thanh-nien"].'))
    policy_documents = PolicyDocumentsField(required=False, help_text=_("Ids of the policy documents it carries out."))
    results = ResultsField(
        required=False,
        help_text=_('Results by metric code, e.g. {"ho-gia-dinh": 106}; null removes one.'),
    )


class InitiativeCreateSerializer(InitiativeWriteSerializer):
    replicated_from = InitiativeRefField(
        required=False, allow_null=True, help_text=_("Id of the model this one copies, if any.")
    )
    register = serializers.BooleanField(
        default=False,
        help_text=_("Register it at once (as the reporter's “register”); otherwise it is saved as a draft."),
        error_messages={"invalid": _("true or false is expected.")},
    )

    def service_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of `initiative_create` (call after is_valid())."""
        data = dict(self.validated_data)
        kwargs = {k: data.pop(k) for k in ("name", "field", "unit", "organization", "year", "register")}
        for key in ("kind", "person", "target_groups", "policy_documents", "results", "replicated_from"):
            if key in data:
                kwargs[key] = data.pop(key)
        kwargs["details"] = {k: data.pop(k) for k in DETAIL_FIELDS if k in data}
        return kwargs


class InitiativeUpdateSerializer(InitiativeWriteSerializer):
    reason = text_field(
        help_text=_("Why it is changed: required once the model has been recognised (the service says so)."),
    )


# The statuses' enum is the component the `status` fields make (StatusEnum); other fields holding a
# status point to it, so the schema has one name for the one set (drf-spectacular would warn otherwise).
STATUS_REF = {"$ref": "#/components/schemas/StatusEnum"}


@extend_schema_field(STATUS_REF)
class StatusChoice(Choice):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Status.choices, **kwargs)


class TransitionSerializer(StrictSerializer):
    to = StatusChoice(help_text=_("The status to move the model to."))
    comment = text_field(help_text=_("Comment for the timeline; required to return or discontinue a model."))


class InitiativeStatsFilterSerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/initiatives/stats/."""

    unit = UnitRefField(
        required=False,
        help_text=_("Count this unit's whole area, written era/code, e.g. 2025/56; old records count under it."),
    )
    era = serializers.CharField(
        required=False,
        max_length=16,
        error_messages=TOO_LONG,
        help_text=_(
            "Map era; alone, the caller's own areas on that map (the whole country for a national administrator)."
        ),
    )
    year = WholeNumber(required=False, min_value=1990, max_value=2100, help_text=_("Registration year."))

    def validate_era(self, value: str) -> str:
        return known_era(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unit, era = attrs.get("unit"), attrs.get("era")
        if unit is not None and era and unit.era_id != era:
            raise serializers.ValidationError(
                {
                    "era": [
                        _("the unit is on the map %(unit_era)s, not %(era)s.") % {"unit_era": unit.era_id, "era": era}
                    ]
                }
            )
        return attrs


# --- records ---------------------------------------------------------------------------------


class OrganizationBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField(source="kind_id")


class PersonBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    position = serializers.CharField()


class InitiativeSerializer(serializers.Serializer):
    """A model as listed: what it is, where, and how far it has come."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    field = serializers.ChoiceField(choices=Field.choices)
    field_name = serializers.CharField(source="get_field_display")
    kind = serializers.ChoiceField(choices=Kind.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    status_name = serializers.CharField(source="get_status_display")
    year = serializers.IntegerField()
    unit = UnitBriefSerializer()
    organization = OrganizationBriefSerializer()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, initiative: Any) -> str:
        return _url(self, "initiative-detail", pk=initiative.pk)


class TargetGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PolicyDocumentBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    issuer = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    metric = serializers.CharField(source="metric_id")
    name = serializers.CharField(source="metric.name")
    unit_label = serializers.CharField(source="metric.unit_label")
    value = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False)
    note = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField(
        help_text=_("Sniffed from the file's bytes: image/jpeg, image/png, image/webp or application/pdf.")
    )
    size = serializers.IntegerField(help_text=_("Bytes."))
    caption = serializers.CharField()
    uploaded_at = serializers.DateTimeField(source="created_at")
    file_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField(help_text=_("Photos only; null for a PDF."))

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, evidence: Any) -> str:
        return _url(self, "initiative-evidence-file", pk=evidence.initiative_id, evidence=evidence.pk)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, evidence: Any) -> str | None:
        if not evidence.thumbnail:
            return None
        return _url(self, "initiative-evidence-thumbnail", pk=evidence.initiative_id, evidence=evidence.pk)


class EventSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("transition, edit or evidence."))
    from_status = serializers.CharField(help_text=_("Empty for the first event and for edits."))
    to_status = serializers.CharField()
    actor = serializers.SerializerMethodField()
    at = serializers.DateTimeField()
    comment = serializers.CharField()
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True)),
        help_text=_("For edits: {field: [old, new]}."),
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor(self, event: Any) -> str | None:
        return str(event.actor) if event.actor is not None else None


class OriginSerializer(serializers.Serializer):
    """The model a copy was made from; it may lie outside the caller's scope (its name is in the timeline)."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class CopySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    year = serializers.IntegerField()
    unit = serializers.CharField(source="unit.name")
    organization = serializers.CharField(source="organization.name")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, initiative: Any) -> str:
        return _url(self, "initiative-detail", pk=initiative.pk)


class InitiativeDetailSerializer(InitiativeSerializer):
    person = PersonBriefSerializer(allow_null=True)
    situation = serializers.CharField()
    objectives = serializers.CharField()
    content = serializers.CharField()
    area_and_targets = serializers.CharField()
    forces = serializers.CharField()
    money_vnd = serializers.IntegerField(allow_null=True)
    in_kind = serializers.CharField()
    workdays = serializers.IntegerField(allow_null=True)
    social_contributions_vnd = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    milestones = serializers.CharField()
    evaluation_date = serializers.DateField(allow_null=True)
    outputs = serializers.CharField()
    sustainability = serializers.CharField()
    target_groups = TargetGroupSerializer(many=True, source="target_groups.all")
    policy_documents = PolicyDocumentBriefSerializer(many=True, source="policy_documents.all")
    results = ResultSerializer(many=True, source="results.all")
    evidence = EvidenceSerializer(many=True, source="evidence.all")
    events = EventSerializer(many=True, source="events.all", help_text=_("The timeline, oldest first."))
    replicated_from = OriginSerializer(allow_null=True)
    copies = CopySerializer(many=True, help_text=_("Copies of this model the caller may see."))
    allowed_transitions = serializers.ListField(
        child=StatusChoice(),
        help_text=_("The statuses the caller may move the model to now."),
    )


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text=_("Models registered and working: not drafts, returned or discontinued.")
    )
    by_field = serializers.DictField(child=serializers.IntegerField(), help_text=_("Of the total, by field."))
    by_status = serializers.DictField(child=serializers.IntegerField(), help_text=_("Every model, by status."))
    by_kind = serializers.DictField(child=serializers.IntegerField(), help_text=_("Of the total, by kind."))


class InitiativeStatsSerializer(CountsSerializer):
    era = serializers.CharField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    areas = UnitBriefSerializer(
        many=True,
        allow_null=True,
        help_text=_("The units whose areas are counted; null when everything the caller may see is counted."),
    )
