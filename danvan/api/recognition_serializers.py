"""Shapes of the emulation and commendation API: campaigns, registrations, evaluations, decisions, certificates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.api.fields import REQUIRED, Day, RefField, StrictSerializer, WholeNumber, text_field
from danvan.api.serializers import TOO_LONG, UnitRefField
from danvan.core.errors import NotFound
from danvan.org.access import Action, organizations_usable
from danvan.recognition.models import Award, DecisionStatus
from danvan.recognition.selectors.campaigns import campaign_get
from danvan.recognition.selectors.certificates import decision_list

MAX_ID = 2**63 - 1


def unit_text(unit: Any) -> str:
    return f"{unit.era_id}/{unit.code}"


class CampaignSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    theme = serializers.CharField()
    organization = serializers.CharField(source="organization.name")
    unit = serializers.SerializerMethodField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    levels = serializers.ListField(child=serializers.CharField())
    result_rule = serializers.CharField()
    status = serializers.CharField()
    registered = serializers.IntegerField(required=False)

    def get_unit(self, obj: Any) -> str:
        return unit_text(obj.unit)


class RegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    campaign = serializers.IntegerField(source="campaign_id")
    subject = serializers.CharField()
    unit = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name")
    organization = serializers.CharField(source="organization.name", allow_null=True, default=None)
    person = serializers.CharField(source="person.full_name", allow_null=True, default=None)
    person_id = serializers.IntegerField(allow_null=True, help_text=_("For an individual: the person's id."))
    commitments_text = serializers.CharField()
    evaluation = serializers.SerializerMethodField()

    def get_unit(self, obj: Any) -> str:
        return unit_text(obj.unit)

    @extend_schema_field(OpenApiTypes.INT)
    def get_evaluation(self, obj: Any) -> int | None:
        ev = getattr(obj, "evaluation", None)
        return ev.pk if ev is not None else None


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    title = serializers.CharField()
    max_score = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=True)
    self_score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=True)
    council = serializers.ListField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=True),
        help_text=_(
            "The council members' scores, shown to the campaign's standing body and council, or once published."
        ),
    )


class EvaluationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    registration = serializers.IntegerField(source="registration_id")
    status = serializers.CharField()
    self_total = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, coerce_to_string=True)
    result = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        coerce_to_string=True,
        help_text=_("The council's result: shown once published, or to the standing body and the council."),
    )
    scores = ScoreSerializer(many=True)


class ScoresInSerializer(StrictSerializer):
    scores = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=2000, allow_blank=True), max_length=2),
        allow_empty=False,
        help_text=_('Criterion id -> [score, explanation], e.g. {"12": ["18.5", "minh chứng"]}.'),
        error_messages=REQUIRED,
    )

    def validate_scores(self, value: dict[str, list[str]]) -> dict[int, tuple[str, str]]:
        out: dict[int, tuple[str, str]] = {}
        for key, pair in value.items():
            if not key.isdigit() or len(key) > 18 or not pair:
                raise serializers.ValidationError(_("each key is a criterion id with [score, explanation]."))
            out[int(key)] = (pair[0], pair[1] if len(pair) > 1 else "")
        return out


class ReasonSerializer(StrictSerializer):
    reason = text_field(required=True, allow_blank=False)


class CampaignRefField(RefField):
    unknown_message = _("there is no campaign {input}.")

    def lookup(self, pk: int) -> Any:
        try:
            return campaign_get(user=self.context["request"].user, pk=pk)
        except NotFound:
            return None


class RegistrationInSerializer(StrictSerializer):
    """A collective (a unit, or an organisation at it) or an individual (a person, placed at their organisation)."""

    unit = UnitRefField(
        required=False, help_text=_("The unit taking part, era/code; for a person, their organisation's unit.")
    )
    organization = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("An individual taking part: the id of a person of an organisation the caller reports for."),
    )
    commitments_text = text_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("unit") and not attrs.get("person"):
            raise serializers.ValidationError({"unit": [_("give the unit taking part, or a person.")]})
        return attrs


class CertificateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    subject = serializers.CharField()
    name = serializers.CharField()
    position = serializers.CharField()
    unit = serializers.SerializerMethodField()
    code = serializers.CharField(allow_blank=True, help_text=_("Empty while the decision is a draft."))

    def get_unit(self, obj: Any) -> str:
        return unit_text(obj.unit)

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        if instance.decision.status == "draft":
            data["code"] = ""
        return data


class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(source="number_text", help_text=_("Empty while a draft, e.g. 12/QĐ-BDVTU."))
    status = serializers.CharField()
    issuer = serializers.IntegerField(source="issuer_id")
    issuer_name = serializers.CharField(source="issuer.name")
    award = serializers.CharField(source="award_id")
    award_name = serializers.CharField(source="award.name")
    campaign = serializers.IntegerField(source="campaign_id", allow_null=True)
    year = serializers.IntegerField()
    title = serializers.CharField()
    reason = serializers.CharField()
    signer_name = serializers.CharField()
    signer_title = serializers.CharField()
    signed_on = serializers.DateField(allow_null=True)
    revoked_reason = serializers.CharField()


class DecisionDetailSerializer(DecisionSerializer):
    certificates = CertificateSerializer(many=True, source="certificate_rows")


class IssuerRefField(RefField):
    unknown_message = _("there is no organisation {input} you may manage.")

    def lookup(self, pk: int) -> Any:
        user = self.context["request"].user
        return organizations_usable(user, Action.MANAGE).select_related("unit").filter(pk=pk).first()


class RecipientInSerializer(StrictSerializer):
    name = text_field(max_length=255, required=True, allow_blank=False)
    individual = serializers.BooleanField(default=False)
    position = text_field(max_length=255)
    unit = UnitRefField(required=False, help_text=_("era/code; the issuer's unit when left out."))


class DecisionInSerializer(StrictSerializer):
    issuer = IssuerRefField()
    award = serializers.SlugRelatedField(slug_field="code", queryset=Award.objects.filter(active=True))
    campaign = CampaignRefField(required=False, allow_null=True)
    year = WholeNumber(min_value=2000, max_value=2100)
    suffix = text_field(max_length=30, required=True, allow_blank=False)
    title = text_field(max_length=500, required=True, allow_blank=False)
    reason = text_field(required=True, allow_blank=False)
    signer_name = text_field(max_length=150, required=True, allow_blank=False)
    signer_title = text_field(max_length=150)
    place = text_field(max_length=100)
    recipients = serializers.ListField(child=RecipientInSerializer(), allow_empty=False, max_length=20_000)


class IssueInSerializer(StrictSerializer):
    signed_on = Day()


class ReasonInSerializer(StrictSerializer):
    """Returning an evaluation or revoking a decision always says why."""

    reason = text_field(required=True, allow_blank=False)


class VerifiedSerializer(serializers.Serializer):
    code = serializers.CharField()
    award = serializers.CharField()
    recipient = serializers.CharField()
    position = serializers.CharField()
    reason = serializers.CharField()
    issuer = serializers.CharField()
    number = serializers.CharField()
    signed_on = serializers.DateField()
    signer_title = serializers.CharField()
    signer_name = serializers.CharField()
    revoked = serializers.BooleanField()


# --- review conferences ---------------------------------------------------------------------------


class ConferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    held_on = serializers.DateField()
    place = serializers.CharField()
    unit = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name")
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    organization_name = serializers.CharField(source="organization.name", allow_null=True, default=None)
    report_url = serializers.CharField(help_text=_("The review report's link; empty when none."))
    has_report_file = serializers.SerializerMethodField(
        help_text=_("Whether a review report file was uploaded (through the web page).")
    )
    decisions_handed_out = serializers.IntegerField(source="handed", help_text=_("How many decisions were handed out."))

    def get_unit(self, obj: Any) -> str:
        return unit_text(obj.unit)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_has_report_file(self, obj: Any) -> bool:
        return bool(obj.report_file)


class ConferenceDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(source="number_text")
    status = serializers.CharField()
    award_name = serializers.CharField(source="award.name")
    issuer_name = serializers.CharField(source="issuer.name")
    recipients = serializers.IntegerField()


class ConferenceDetailSerializer(ConferenceSerializer):
    decisions = ConferenceDecisionSerializer(
        many=True,
        source="decision_rows",
        help_text=_("The decisions handed out there that the caller may see."),
    )


class HandedDecisionField(RefField):
    """An issued (or revoked) decision the caller may see."""

    unknown_message = _("there is no issued decision {input}.")

    def lookup(self, pk: int) -> Any:
        rows = decision_list(user=self.context["request"].user).exclude(status=DecisionStatus.DRAFT)
        return rows.filter(pk=pk).first()


class ConferenceInSerializer(StrictSerializer):
    organization = IssuerRefField(help_text=_("The organisation holding it: one the caller manages."))
    title = text_field(max_length=300, required=True, allow_blank=False)
    held_on = Day()
    place = text_field(max_length=200)
    report_url = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=200,
        error_messages={"invalid": _("not a web address; write it as https://…"), **REQUIRED, **TOO_LONG},
    )
    decisions = serializers.ListField(
        child=HandedDecisionField(),
        required=False,
        max_length=500,
        help_text=_("Ids of the issued decisions handed out there."),
    )
