"""REST API v1 for the reporting catalogue: indicators, periods and report forms. The same for every caller.

Part of the reporting API (`reporting.py` holds the values, reports and roll-ups, and the routes).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import reporting_serializers as s
from danvan.api.responses import BAD_REQUEST, NOT_FOUND, UNAUTHENTICATED
from danvan.api.views import ApiView, ListView
from danvan.core.text import fold
from danvan.reporting import selectors
from danvan.reporting.models import FormIndicator
from danvan.reporting.periods import period_get

TAGS = ["reporting"]


def _code_param(name: str, description: Any) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.PATH, description=description)


# --- catalogue ---------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_list",
        summary=_("Indicators"),
        description=_("The figures reported or computed, in the catalogue's order. The catalogue is the same for all."),
        parameters=[s.IndicatorFilterSerializer],
        responses={200: s.IndicatorSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
)
class IndicatorListView(ListView):
    filter_serializer = s.IndicatorFilterSerializer
    serializer_class = s.IndicatorSerializer

    def select(self, request: Request, filters: Any) -> Any:
        data = filters.validated_data
        qs = selectors.indicator_list(user=request.user, active=False)
        if data.get("source"):
            qs = qs.filter(source=data["source"])
        if data.get("active") is not None:
            qs = qs.filter(active=data["active"])
        words = fold(data.get("q", "")).split()
        if not words:
            return qs
        # a few dozen rows: folded in Python, so "nguoi dan" finds "người dân" on any database
        return [i for i in qs if all(w in fold(f"{i.code} {i.name} {i.name_en}") for w in words)]


class IndicatorDetailView(ApiView):
    @extend_schema(
        operation_id="indicators_retrieve",
        summary=_("One indicator"),
        parameters=[_code_param("code", _("Indicator code, e.g. tt_people."))],
        responses={200: s.IndicatorSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, code: str) -> Response:
        indicator = selectors.indicator_get(user=request.user, code=code.replace("\x00", ""))
        return Response(s.IndicatorSerializer(indicator, context={"request": request}).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="periods_list",
        summary=_("Reporting periods"),
        description=_(
            "The periods stored so far (a period is stored when a report is first opened for it), oldest first."
        ),
        parameters=[s.PeriodFilterSerializer],
        responses={200: s.PeriodSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
)
class PeriodListView(ListView):
    filter_serializer = s.PeriodFilterSerializer
    serializer_class = s.PeriodSerializer

    def select(self, request: Request, filters: Any) -> Any:
        qs = selectors.period_list(user=request.user)
        kind = filters.validated_data.get("type")
        return qs.filter(type=kind) if kind else qs


class PeriodDetailView(ApiView):
    @extend_schema(
        operation_id="periods_retrieve",
        summary=_("One reporting period"),
        description=_(
            "Any valid code: a year (2024), a half (2024-H1), a quarter (2024-Q3), a month (2024-05) or a phase "
            "(2021-2025), with its first and last day. A code that is not a period answers 400 saying why."
        ),
        parameters=[_code_param("code", _("Period code."))],
        responses={200: s.PeriodSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(s.PeriodSerializer(period_get(code.replace("\x00", ""))).data)


def _forms(user: Any) -> QuerySet[Any]:
    rows = FormIndicator.objects.filter(indicator__active=True).select_related("indicator")
    return selectors.form_list(user=user).prefetch_related(Prefetch("rows", queryset=rows, to_attr="active_rows"))


@extend_schema_view(
    get=extend_schema(
        operation_id="forms_list",
        summary=_("Report forms"),
        description=_("The forms in use, each with its indicators in order, who reports it, how often and by when."),
        responses={200: s.FormSerializer(many=True), 401: UNAUTHENTICATED},
        tags=TAGS,
    )
)
class FormListView(ListView):
    filter_serializer = serializers.Serializer
    serializer_class = s.FormSerializer

    def select(self, request: Request, filters: Any) -> Any:
        return _forms(request.user)
