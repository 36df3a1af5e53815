"""REST API v1: thin views over the selectors. Scope comes from the selectors, never from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.authentication import BaseAuthentication
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from danvan.api import serializers as s
from danvan.api.authentication import API_AUTHENTICATION
from danvan.api.responses import BAD_REQUEST, TOO_MANY_SIGN_INS, UNAUTHENTICATED, error
from danvan.geo import selectors as geo_selectors
from danvan.org import selectors as org_selectors
from danvan.org.services.accounts import api_token_issue

NOT_FOUND = error(_("No such unit, or not one the caller may see."))


class Pagination(LimitOffsetPagination):
    max_limit = 1000  # the whole map is 14,000 units: no unbounded pages


class _NoFormatOverride:
    """DRF's settings, but `?format=` picks no renderer: it is a filter here (a dialogue's format)."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name: str) -> Any:
        return getattr(api_settings, name)


class Negotiation(DefaultContentNegotiation):
    """Answers are JSON whatever `?format=` says; DRF would answer 404 to ?format=conference."""

    settings = _NoFormatOverride()  # type: ignore[assignment]  # reads like DRF's settings object


class ApiView(APIView):
    authentication_classes = API_AUTHENTICATION
    content_negotiation_class = Negotiation


class ListView(ApiView):
    """GET a paginated list of a selector's queryset, filtered by a validated query string."""

    pagination_class = Pagination
    filter_serializer: type[Serializer]
    serializer_class: type[Serializer]

    def get(self, request: Request) -> Response:
        given = {name: value for name, value in request.query_params.items() if value != ""}  # ?level= is no filter
        filters = self.filter_serializer(data=given, context={"request": request})
        filters.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(self.select(request, filters), request, view=self)
        return paginator.get_paginated_response(
            self.serializer_class(page, many=True, context={"request": request}).data
        )

    def select(self, request: Request, filters: Any) -> Any:
        """The selector's queryset for these validated filters: scope is the selector's business."""
        raise NotImplementedError


class TokenView(ApiView):
    """Exchange a username and password for the account's API token."""

    authentication_classes: list[
        type[BaseAuthentication]
    ] = []  # a stale token header must not stop someone from logging in again
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_token_create",
        summary=_("Get an API token"),
        description=_(
            "Send it afterwards as the header “Authorization: Token <token>”. The same token is returned "
            "until it is revoked; a token got before the account's one-time codes were set up stops working, "
            "and the next sign-in here (with a code) returns a new one."
        ),
        request=s.CredentialsSerializer,
        responses={200: s.TokenSerializer, 400: BAD_REQUEST, 429: TOO_MANY_SIGN_INS},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        form = s.CredentialsSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        token = api_token_issue(actor=form.validated_data["user"])
        return Response({"token": token.key})


@extend_schema_view(
    get=extend_schema(
        operation_id="units_list",
        summary=_("Administrative units"),
        description=_(
            "Units of the administrative map the caller may see (their subtrees in every era, and the "
            "units above them), ordered by place in the tree."
        ),
        parameters=[s.UnitFilterSerializer],
        responses={200: s.UnitSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=["map"],
    )
)
class UnitListView(ListView):
    filter_serializer = s.UnitFilterSerializer
    serializer_class = s.UnitSerializer

    def select(self, request: Request, filters: Any) -> Any:
        # each row names its parent's code: joined here, so a page is one query whatever its size
        return geo_selectors.unit_list(user=request.user, **filters.validated_data).select_related("parent")


@dataclass(frozen=True)
class UnitDetail:
    """A unit with its neighbours on the map; its own fields are read from `unit`."""

    unit: Any
    ancestors: list[Any]
    children: list[Any]
    predecessors: list[dict[str, Any]]
    successors: list[dict[str, Any]]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "unit":  # copy/pickle probe dunders before `unit` exists
            raise AttributeError(name)
        return getattr(self.unit, name)


def _links(pairs: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    return [
        {"unit": unit, "is_default": succession.is_default, "weight": succession.weight} for unit, succession in pairs
    ]


class UnitDetailView(ApiView):
    @extend_schema(
        operation_id="units_retrieve",
        summary=_("One administrative unit"),
        description=_(
            "A unit with its ancestors, children, and the units of the other map it came from or went "
            "into. A unit the caller may not see answers 404 exactly like one that does not exist."
        ),
        parameters=[
            OpenApiParameter("era", str, OpenApiParameter.PATH, description=_("Map era, e.g. 2024 or 2025.")),
            OpenApiParameter("code", str, OpenApiParameter.PATH, description=_("Statistics-office code, e.g. 06823.")),
        ],
        responses={200: s.UnitDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=["map"],
    )
    def get(self, request: Request, era: str, code: str) -> Response:
        user = request.user
        # PostgreSQL refuses NUL in a text value; no code has one, so ask for one that cannot exist instead
        era, code = era.replace("\x00", "\ufffd"), code.replace("\x00", "\ufffd")
        unit = geo_selectors.unit_get(user=user, era=era, code=code)
        detail = UnitDetail(
            unit=unit,
            ancestors=list(geo_selectors.unit_ancestors(user=user, unit=unit)),
            children=list(geo_selectors.unit_list(user=user, parent=unit)),
            predecessors=_links(geo_selectors.unit_predecessors(user=user, unit=unit)),
            successors=_links(geo_selectors.unit_successors(user=user, unit=unit)),
        )
        return Response(s.UnitDetailSerializer(detail, context={"request": request}).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="organizations_list",
        summary=_("Organisations"),
        description=_("Organisations placed in the caller's scope, ordered by place on the map, then name."),
        parameters=[s.OrganizationFilterSerializer],
        responses={200: s.OrganizationSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=["organisations"],
    )
)
class OrganizationListView(ListView):
    filter_serializer = s.OrganizationFilterSerializer
    serializer_class = s.OrganizationSerializer

    def select(self, request: Request, filters: Any) -> Any:
        return org_selectors.organization_list(user=request.user, **filters.validated_filters())


class DocsView(TemplateView):
    """Swagger UI from the vendored files, reading /api/schema/. Public, like the schema."""

    template_name = "api/docs.html"
