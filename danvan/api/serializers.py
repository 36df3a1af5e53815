"""Shapes of the API: query filters in (checked here, 400), records out. No rules, no scope.

Filter serializers only check the form of a parameter and resolve references through the
selectors, so a unit the caller may not see is "unknown" exactly like one that does not exist.
Every message names no parameter itself: `errors.exception_handler` puts the parameter's name
in front, so "level: …" reads the same in every language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.core.errors import NotFound
from danvan.geo import selectors as geo_selectors
from danvan.geo.models import Level
from danvan.org.access import requires_second_factor
from danvan.org.services.accounts import second_factor_devices, second_factor_verify

# --- errors ----------------------------------------------------------------------------------


def known_era(value: str) -> str:
    """A map era code that exists, or a 400 naming the ones that do."""
    known = list(geo_selectors.era_list().values_list("code", flat=True))
    if value not in known:
        raise serializers.ValidationError(
            _("“%(era)s” is not a map era; use one of: %(eras)s.") % {"era": value, "eras": ", ".join(known)},
            code="invalid_choice",
        )
    return value


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (documentation only: errors.exception_handler builds it)."""

    detail = serializers.CharField(help_text=_("What went wrong, in the caller's language (Accept-Language)."))
    code = serializers.CharField(help_text=_("A stable machine name, e.g. invalid, not_found, not_authenticated."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Only for 400: the messages of each parameter or field, by its name."),
    )


# --- authentication --------------------------------------------------------------------------


class CredentialsSerializer(serializers.Serializer):
    _required = {"required": _("this field is required."), "blank": _("this field may not be blank.")}

    username = serializers.CharField(label=_("username"), write_only=True, error_messages=_required)
    password = serializers.CharField(
        label=_("password"),
        write_only=True,
        trim_whitespace=False,
        style={"input_type": "password"},
        error_messages=_required,
    )

    otp_token = serializers.CharField(
        label=_("one-time code"),
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=20,
        help_text=_(
            "For an account with one-time codes (required for reviewers, managers and administrators): "
            "the code from the authenticator app, or a recovery code."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Django's request, not DRF's: django-axes marks a throttled request on it, and its middleware
        # then answers 429 (org.views.accounts.locked_out) whatever the account name was
        request = self.context.get("request")
        http_request = getattr(request, "_request", request)
        # an inactive account fails exactly like a wrong password: nothing to learn by probing
        user = authenticate(http_request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Wrong username or password."), code="authorization")
        devices = second_factor_devices(user)
        if devices or requires_second_factor(user):
            if not devices:
                raise serializers.ValidationError(
                    _(
                        "This account needs one-time codes: set them up in the web app "
                        "(your profile, sign-in security) first."
                    ),
                    code="second_factor_missing",
                )
            code = attrs.get("otp_token", "")
            if not code:
                raise serializers.ValidationError(
                    {"otp_token": [_("this account needs a one-time code.")]}, code="second_factor_required"
                )
            if second_factor_verify(user=user, code=code) is None:
                user_login_failed.send(
                    sender=__name__, credentials={"username": attrs["username"]}, request=http_request
                )
                raise serializers.ValidationError({"otp_token": [_("this code is not right.")]}, code="invalid")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as the header “Authorization: Token <token>”."))


# --- filters ---------------------------------------------------------------------------------

TOO_LONG: dict[str, Any] = {"max_length": _("at most {max_length} characters.")}


def boolean_filter(help_text: Any, **kwargs: Any) -> serializers.BooleanField:
    """A yes/no query filter: true/false, 1/0 (also yes/no, on/off); anything else is a 400."""
    kwargs.setdefault("required", False)
    return serializers.BooleanField(
        help_text=help_text, error_messages={"invalid": _("write true or false (or 1 or 0).")}, **kwargs
    )


@extend_schema_field(OpenApiTypes.STR)
class UnitRefField(serializers.CharField):
    """ "2024/22" -> the AdminUnit, looked up among the units the caller may see."""

    default_error_messages = {
        "format": _("write the unit as era/code, e.g. 2025/22."),
        "unknown": _("there is no administrative unit “{input}”."),
    }

    def run_validation(self, data: Any = serializers.empty) -> Any:
        value = super().run_validation(data).strip("/")  # a string free of NUL, as CharField checks
        era, _slash, code = value.partition("/")
        if not era or not code or "/" in code:
            self.fail("format")
        try:
            return geo_selectors.unit_get(user=self.context["request"].user, era=era, code=code)
        except NotFound:
            self.fail("unknown", input=value)


class UnitFilterSerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/units/; all optional, all combined with AND."""

    era = serializers.CharField(
        required=False,
        max_length=16,
        error_messages=TOO_LONG,
        help_text=_("Map era: 2024 (63 provinces, until 30 June 2025) or 2025 (34 provinces, from 1 July 2025)."),
    )
    level = serializers.ChoiceField(
        choices=Level.choices,
        required=False,
        help_text=_("Administrative level."),
        error_messages={"invalid_choice": _("“{input}” is not a level; use province, district, commune or village.")},
    )
    parent = UnitRefField(
        required=False,
        help_text=_("Only the direct children of this unit, written era/code, e.g. 2024/22."),
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        error_messages=TOO_LONG,
        help_text=_("Name search, diacritics optional: “uong bi” finds Thành phố Uông Bí."),
    )
    as_of = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=_("Only units in force on this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("not a date; write it as YYYY-MM-DD, e.g. 2025-07-01.")},
    )

    def validate_era(self, value: str) -> str:
        return known_era(value)


class OrganizationFilterSerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/organizations/; all optional, all combined with AND."""

    unit = UnitRefField(
        required=False,
        help_text=_("Only organisations placed in this unit or below it, written era/code, e.g. 2024/196."),
    )
    kind = serializers.SlugField(
        required=False,
        max_length=40,
        help_text=_("Organisation kind code, e.g. ban-dan-van or mttq. A kind nobody uses matches nothing."),
        error_messages={"invalid": _("not a kind code; kind codes look like ban-dan-van.")},
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        error_messages=TOO_LONG,
        help_text=_("Name search, diacritics optional: “nam khe” finds Ủy ban MTTQ Việt Nam phường Nam Khê."),
    )

    def validated_filters(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        unit = data.pop("unit", None)
        return {**data, "unit_path": unit.path if unit is not None else None}


# --- records ---------------------------------------------------------------------------------


def _unit_url(serializer: serializers.Serializer, era: str, code: str) -> str:
    url = reverse("api:unit-detail", kwargs={"era": era, "code": code})
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class UnitBriefSerializer(serializers.Serializer):
    era = serializers.CharField(source="era_id")
    code = serializers.CharField()
    level = serializers.ChoiceField(choices=Level.choices)
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, unit: Any) -> str:
        return _unit_url(self, unit.era_id, unit.code)


class UnitSerializer(UnitBriefSerializer):
    type_name = serializers.CharField(help_text=_("Tỉnh, Thành phố, Huyện, Xã, Phường…"))
    short_name = serializers.CharField()
    parent = serializers.CharField(
        source="parent.code", allow_null=True, help_text=_("Code of the parent unit (same era); null for provinces.")
    )
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    official = serializers.BooleanField(help_text=_("False for villages added by users."))


class SuccessionLinkSerializer(serializers.Serializer):
    """The unit at the other end of a succession, with how the figures follow it."""

    era = serializers.CharField(source="unit.era_id")
    code = serializers.CharField(source="unit.code")
    level = serializers.ChoiceField(source="unit.level", choices=Level.choices)
    name = serializers.CharField(source="unit.name")
    is_default = serializers.BooleanField(
        help_text=_("True if the newer unit is the one the older unit's figures follow by default.")
    )
    weight = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        min_value=Decimal(0),
        max_value=Decimal(1),
        coerce_to_string=False,
        help_text=_("Share of the old unit's figures that goes to the new one (0 < weight ≤ 1)."),
    )
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, link: Any) -> str:
        return _unit_url(self, link["unit"].era_id, link["unit"].code)


class UnitDetailSerializer(UnitSerializer):
    ancestors = UnitBriefSerializer(many=True, help_text=_("From the province down to the parent."))
    children = UnitBriefSerializer(many=True)
    predecessors = SuccessionLinkSerializer(many=True, help_text=_("Units of the earlier map this one came from."))
    successors = SuccessionLinkSerializer(many=True, help_text=_("Units of the later map this one went into."))


class OrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField(source="kind_id")
    kind_name = serializers.CharField(source="kind.name")
    unit = UnitBriefSerializer()
    parent = serializers.IntegerField(
        source="parent_id", allow_null=True, help_text=_("Id of the parent organisation.")
    )
