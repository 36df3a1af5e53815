"""REST API v1 for models (mô hình, `Initiative` in code): list, register, read with the timeline, edit,
move through the lifecycle, count, and fetch evidence files.

Thin: the shared filter form and the serializers check shapes (400); the `danvan.initiatives`
selectors decide what the caller sees (anything else is 404, like something missing) and its
services what the caller may do (their `DomainError` becomes 400, 403 or 409 in errors.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import initiative_serializers as s
from danvan.api.responses import BAD_REQUEST, UNAUTHENTICATED, error
from danvan.api.views import ApiView, Pagination
from danvan.core.errors import NotFound
from danvan.initiatives import selectors, services
from danvan.initiatives.forms import InitiativeFilterForm
from danvan.initiatives.models import Field, Initiative, Kind, Status
from danvan.org.access import is_national, scope_roots

MODEL_NOT_FOUND = error(_("No such model, or not one the caller may see."))
INVALID = error(
    _("Malformed input, or a rule of the model broken (the service's message; e.g. code reason_required)."),
)
FORBIDDEN = error(_("The caller sees the model but may not do this (code forbidden)."))
CONFLICT = error(
    _("The lifecycle does not lead from the current status to that one (code invalid_transition)."),
)
TAGS = ["models"]
_MAX_ID = 2**63 - 1  # a bigger id names nothing, and the databases would refuse to compare with it

# what PUT leaves in a field it is not sent: the empty value of that field
_CLEARED: dict[str, Any] = {
    "kind": Kind.COLLECTIVE,
    "person": None,
    **{name: (None if Initiative._meta.get_field(name).null else "") for name in services.DETAIL_FIELDS},
}


def _get(request: Request, pk: int) -> Initiative:
    if pk > _MAX_ID:
        raise NotFound(gettext("No such model."))
    return selectors.initiative_get(user=request.user, pk=pk)


@dataclass(frozen=True)
class InitiativeDetail:
    """A model with what the caller may see around it; its own fields are read from `initiative`."""

    initiative: Any
    copies: list[Any]
    allowed_transitions: list[str]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "initiative":
            raise AttributeError(name)
        return getattr(self.initiative, name)


def _detail(request: Request, pk: int) -> dict[str, Any]:
    user = request.user
    initiative = _get(request, pk)
    detail = InitiativeDetail(
        initiative=initiative,
        copies=list(selectors.initiative_copies(user=user, initiative=initiative)),
        allowed_transitions=services.allowed_transitions(actor=user, initiative=initiative),
    )
    return s.InitiativeDetailSerializer(detail, context={"request": request}).data


LIST_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description=_(
            "Search the name, the texts, the organisation and the place, diacritics optional: every word must "
            "start a word, so “tu quan nam son” finds “Tuyến phố tự quản Nam Sơn”."
        ),
    ),
    OpenApiParameter("field", str, enum=Field.values, description=_("Field of work.")),
    OpenApiParameter("status", str, enum=Status.values, description=_("Status in the lifecycle.")),
    OpenApiParameter("kind", str, enum=Kind.values, description=_("Collective or individual model.")),
    OpenApiParameter("year", int, description=_("Registration year, 1990–2100.")),
    OpenApiParameter(
        "unit",
        str,
        description=_(
            "Only models in this unit's whole area, written era/code, e.g. 2025/22: on today's map that includes "
            "the models recorded under the old units it covers."
        ),
    ),
    OpenApiParameter("organization_kind", str, description=_("Organisation kind code, e.g. mttq.")),
    OpenApiParameter("target_group", str, description=_("Target group code, e.g. dan-toc-thieu-so.")),
]


class InitiativeListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="initiatives_list",
        summary=_("Models"),
        description=_(
            "The models the caller may see, newest year first, then by name. The filters are the back "
            "office's (same form, same rules) and combine with AND; a malformed one answers 400 naming it."
        ),
        parameters=LIST_PARAMETERS,
        responses={200: s.InitiativeSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        form = InitiativeFilterForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise serializers.ValidationError(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        paginator = self.pagination_class()
        # a row shows its unit's era and organisation's kind by code: joining their tables too leads
        # SQLite's planner to start from the organisations and read every model (27 times slower)
        queryset = selectors.initiative_list(user=request.user, filters=form.filters())
        queryset = queryset.select_related(None).select_related("unit", "organization")
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            s.InitiativeSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="initiatives_create",
        summary=_("Register a model"),
        description=_(
            'Saves a new model as a draft, or registers it at once with "register": true. The caller must '
            "be allowed to report at the unit for the organisation (403 otherwise); nothing is saved unless "
            "everything is."
        ),
        request=s.InitiativeCreateSerializer,
        responses={201: s.InitiativeDetailSerializer, 400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = s.InitiativeCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        initiative = services.initiative_create(actor=request.user, **data.service_kwargs())
        body = _detail(request, initiative.pk)
        return Response(body, status=201, headers={"Location": body["url"]})


class InitiativeDetailView(ApiView):
    @extend_schema(
        operation_id="initiatives_retrieve",
        summary=_("One model"),
        description=_(
            "A model with its timeline, results, evidence, the copies the caller may see and the statuses "
            "the caller may move it to. A model the caller may not see answers 404 like a missing one."
        ),
        responses={200: s.InitiativeDetailSerializer, 401: UNAUTHENTICATED, 404: MODEL_NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))

    @extend_schema(
        operation_id="initiatives_partial_update",
        summary=_("Change some of a model"),
        description=_(
            'Changes only what is sent. Once the model has been recognised a "reason" is required; the '
            "change and the reason go on the timeline. The status changes only through …/transition/."
        ),
        request=s.InitiativeUpdateSerializer,
        responses={
            200: s.InitiativeDetailSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: MODEL_NOT_FOUND,
        },
        tags=TAGS,
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=True)

    @extend_schema(
        operation_id="initiatives_update",
        summary=_("Replace a model's content"),
        description=_(
            "As PATCH, but what is not sent is cleared: empty texts and numbers, no target groups, policy "
            "documents or results."
        ),
        request=s.InitiativeUpdateSerializer,
        responses={
            200: s.InitiativeDetailSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: MODEL_NOT_FOUND,
        },
        tags=TAGS,
    )
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    def _update(self, request: Request, pk: int, *, partial: bool) -> Response:
        initiative = _get(request, pk)
        data = s.InitiativeUpdateSerializer(data=request.data, partial=partial, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason", "")
        related = {k: values.pop(k) for k in ("target_groups", "policy_documents", "results") if k in values}
        if not partial:
            values = {**_CLEARED, **values}
            related.setdefault("target_groups", [])
            related.setdefault("policy_documents", [])
            related["results"] = {
                **dict.fromkeys(r.metric_id for r in initiative.results.all()),
                **related.get("results", {}),
            }
        services.initiative_update(actor=request.user, initiative=initiative, values=values, reason=reason, **related)
        return Response(_detail(request, pk))


class InitiativeTransitionView(ApiView):
    @extend_schema(
        operation_id="initiatives_transition",
        summary=_("Move a model through its lifecycle"),
        description=_(
            "draft → registered (the reporter) → recognised (the level above) → typical → commended (a "
            "manager); the level above may return a registered model with a comment; a manager may "
            "discontinue one with a comment. Answers the model as it is afterwards."
        ),
        request=s.TransitionSerializer,
        responses={
            200: s.InitiativeDetailSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: MODEL_NOT_FOUND,
            409: CONFLICT,
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        initiative = _get(request, pk)
        data = s.TransitionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.initiative_transition(
            actor=request.user,
            initiative=initiative,
            to=data.validated_data["to"],
            comment=data.validated_data.get("comment", ""),
        )
        return Response(_detail(request, pk))


class InitiativeStatsView(ApiView):
    @extend_schema(
        operation_id="initiatives_stats",
        summary=_("Statistics of models"),
        description=_(
            "Counts by field, status and kind, within what the caller may see. With “unit”: that unit's whole "
            "area on its own map — on today's map the models recorded under the old units it covers count "
            "too (a model of the old Ninh Sơn district counts under today's Khánh Hòa), and on the old map "
            "the newer models inside it. With “era” alone: the caller's own areas on that map (the roots of "
            "their memberships there), each counted as with “unit” and added up; for a national "
            "administrator, the whole country. With neither: everything the caller may see. “total” and the "
            "breakdowns by field and kind count the models registered and working; “by_status” counts all."
        ),
        parameters=[s.InitiativeStatsFilterSerializer],
        responses={200: s.InitiativeStatsSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        given = {name: value for name, value in request.query_params.items() if value != ""}
        params = s.InitiativeStatsFilterSerializer(data=given, context={"request": request})
        params.is_valid(raise_exception=True)
        unit, era, year = (params.validated_data.get(k) for k in ("unit", "era", "year"))
        areas = [unit] if unit is not None else _roots(request.user, era) if era else None
        parts = [
            selectors.initiative_stats(user=request.user, unit=area, year=year)
            for area in (areas if areas is not None else [None])
        ]
        body = {"era": unit.era_id if unit is not None else era, "year": year, "areas": areas, **_added(parts)}
        return Response(s.InitiativeStatsSerializer(body, context={"request": request}).data)


def _roots(user: Any, era: str) -> list[Any] | None:
    """The highest units of the caller's memberships on the map `era`; None for the whole country."""
    if is_national(user):
        return None
    roots = list(scope_roots(user, era=era))
    if not roots:
        raise serializers.ValidationError(
            {"era": [gettext("you have no area of your own on the map %(era)s; ask for a unit.") % {"era": era}]}
        )
    return roots


def _added(parts: list[Any]) -> dict[str, Any]:
    total: dict[str, Any] = {"total": 0, "by_field": {}, "by_status": {}, "by_kind": {}}
    for part in parts:
        total["total"] += part.total
        for key in ("by_field", "by_status", "by_kind"):
            for name, n in getattr(part, key).items():
                total[key][name] = total[key].get(name, 0) + n
    return total


FILE_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"]


class EvidenceFileView(ApiView):
    """An evidence file (or its thumbnail), to those who may see the model."""

    thumbnail = False

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # the file is sent as what it is, whatever the client accepts; errors stay JSON
        return super().perform_content_negotiation(request, force=True)

    def get(self, request: Request, pk: int, evidence: int) -> FileResponse:
        initiative = _get(request, pk)
        found = next((e for e in initiative.evidence.all() if e.pk == evidence), None)
        stored = None if found is None else found.thumbnail if self.thumbnail else found.file
        if not stored:
            raise NotFound(gettext("No such file."))
        try:
            handle = stored.open("rb")
        except FileNotFoundError as exc:
            raise NotFound(gettext("No such file.")) from exc
        content_type = "image/jpeg" if self.thumbnail else found.content_type
        name = found.original_name.rsplit(".", 1)[0] + ".jpg" if self.thumbnail else found.original_name
        response = FileResponse(
            handle, content_type=content_type, as_attachment=not content_type.startswith("image/"), filename=name
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, max-age=3600"
        return response


def _file_schema(operation_id: str, summary: Any, types: list[str]) -> Any:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=_(
            "The bytes of the file, with the type sniffed when it was uploaded. A model the caller may not "
            "see answers 404, as does a file that is not there."
        ),
        responses={
            **{(200, t): OpenApiResponse(OpenApiTypes.BINARY) for t in types},
            401: UNAUTHENTICATED,
            404: MODEL_NOT_FOUND,
        },
        tags=TAGS,
    )


class EvidenceOriginalView(EvidenceFileView):
    @_file_schema("initiatives_evidence_file", _("An evidence file"), FILE_TYPES)
    def get(self, request: Request, pk: int, evidence: int) -> FileResponse:
        return super().get(request, pk, evidence)


class EvidenceThumbnailView(EvidenceFileView):
    thumbnail = True

    @_file_schema("initiatives_evidence_thumbnail", _("The thumbnail of an evidence photo"), ["image/jpeg"])
    def get(self, request: Request, pk: int, evidence: int) -> FileResponse:
        return super().get(request, pk, evidence)
