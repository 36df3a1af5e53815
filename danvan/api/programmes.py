"""REST API v1 of programmes and their targets' progress: read-only.

Thin: the reporting selectors decide what the caller sees (a programme outside the caller's area
is 404, like one that does not exist) and compute progress from the live roll-ups, as the pages do.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import programme_serializers as s
from danvan.api.responses import BAD_REQUEST, NOT_FOUND, UNAUTHENTICATED
from danvan.api.views import ApiView, Pagination
from danvan.core.errors import NotFound
from danvan.reporting import selectors

TAGS = ["programmes"]
_MAX_ID = 2**63 - 1


class ProgrammeListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="programmes_list",
        summary=_("Programmes"),
        description=_("Programmes of units the caller sees, on either map, newest first."),
        responses={200: s.ProgrammeSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        queryset = selectors.programme_list(user=request.user)
        page: list[Any] | None = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(s.ProgrammeSerializer(page, many=True).data)


class ProgrammeDetailView(ApiView):
    @extend_schema(
        operation_id="programmes_retrieve",
        summary=_("A programme and its targets' progress"),
        description=_(
            "Each target's goal, figure so far, expected figure and status on `as_of` (today by default), read "
            "from the live roll-ups; for a target per unit below, the units that reach it and those that do not."
        ),
        parameters=[s.AsOfSerializer],
        responses={200: s.ProgrammeProgressSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        if pk > _MAX_ID:
            raise NotFound(gettext("This programme does not exist or is not in your area."))
        params = s.AsOfSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        programme = selectors.programme_get(user=request.user, pk=pk)
        as_of = params.validated_data.get("as_of") or timezone.localdate()
        progress = selectors.programme_progress(user=request.user, programme=programme, as_of=as_of)
        data = {
            **s.ProgrammeSerializer(programme).data,
            "as_of": as_of.isoformat(),
            "targets": s.TargetProgressSerializer(progress.targets, many=True).data,
        }
        return Response(data)


urlpatterns = [
    path("v1/programmes/", ProgrammeListView.as_view(), name="programme-list"),
    path("v1/programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="programme-detail"),
]
