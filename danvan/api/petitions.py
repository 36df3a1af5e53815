"""REST API v1 for petitions.

Public (no authentication, no CSRF, like a paper letter): `POST /api/v1/petitions/` files a petition
with the same checks and rate limit as the public form and answers `{"tracking_code", "status",
"accept_due"}` once it is stored; `GET /api/v1/petitions/track/{code}/` shows its public view;
`POST /api/v1/petitions/track/{code}/rating/` rates a closed one. Authenticated: the list in the
caller's scope (`GET` on the same address), one petition with its timeline, its sender (audited;
handler and managers only) and its lifecycle transitions.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import petition_serializers as s
from danvan.api.responses import BAD_REQUEST, CONFLICT, FORBIDDEN, TOO_MANY, UNAUTHENTICATED, UNAVAILABLE, error
from danvan.api.views import ApiView, Pagination
from danvan.core.clients import client_address
from danvan.engagement.selectors import petitions as sel
from danvan.engagement.selectors.petitions import PetitionFilters
from danvan.engagement.services import petitions as svc

TAGS = ["petitions"]
NOT_FOUND = error(_("No such petition, or not one the caller may see."))
TOO_LARGE = error(_("The attachments are too large."))


class PetitionListView(ApiView):
    """GET (authenticated): the caller's petitions. POST (public): file one."""

    pagination_class = Pagination

    def get_authenticators(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return []  # public: a stale token or session must not stand in the way, and no CSRF applies
        return super().get_authenticators()

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    @extend_schema(
        operation_id="petitions_list",
        summary=_("Petitions"),
        parameters=[s.PetitionFilterSerializer],
        responses={200: s.PetitionSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        given = {k: v for k, v in request.query_params.items() if v != "" and k not in ("limit", "offset")}
        form = s.PetitionFilterSerializer(data=given, context={"request": request})
        form.is_valid(raise_exception=True)
        d = form.validated_data
        filters = PetitionFilters(
            status=d.get("status", ""),
            kind=d.get("kind", ""),
            topic=d.get("topic", ""),
            unit=d.get("unit"),
            overdue=d.get("overdue", ""),
            q=d.get("q", ""),
            mine=d.get("mine", False),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(sel.petition_list(user=request.user, filters=filters), request, view=self)
        return paginator.get_paginated_response(s.PetitionSerializer(page, many=True).data)

    @extend_schema(
        operation_id="petitions_submit",
        summary=_("File a petition (public)"),
        description=_(
            "No account needed. Identity (full_name and an address, phone or ID number) is required for "
            "complaints and denunciations; consent is required when any contact detail is given. JSON, or "
            "multipart with up to 5 `attachments` (PDF, JPEG, PNG, WebP; 10 MB each)."
        ),
        request=s.PetitionSubmitSerializer,
        responses={
            201: s.PetitionReceiptSerializer,
            400: BAD_REQUEST,
            413: TOO_LARGE,
            429: TOO_MANY,
            503: UNAVAILABLE,
        },
        auth=[],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = request.data
        if hasattr(data, "getlist"):  # multipart: the files and the sender's fields arrive flat
            flat = {k: data.get(k) for k in data if k != "attachments" and not k.startswith("sender.")}
            flat["sender"] = {k[7:]: data.get(k) for k in data if k.startswith("sender.")}
            flat["attachments"] = request.FILES.getlist("attachments")
            data = flat
        form = s.PetitionSubmitSerializer(data=data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        petition = svc.petition_submit(
            kind=d["kind"],
            topic=d["topic"],
            unit=d["unit"],
            subject=d["subject"],
            text=d["text"],
            place_detail=d["place_detail"],
            sender=d["sender"],
            uploads=d["attachments"],
            source="api",
            client=client_address(request._request),
            honeypot=d["website"],
        )
        receipt = {
            "tracking_code": petition.tracking_code,
            "status": petition.status,
            "accept_due": petition.accept_due,
        }
        return Response(s.PetitionReceiptSerializer(receipt).data, status=201)


class PublicView(ApiView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


class PetitionTrackView(PublicView):
    @extend_schema(
        operation_id="petitions_track",
        summary=_("Follow a petition by its tracking code (public)"),
        responses={200: s.PublicPetitionSerializer, 404: NOT_FOUND},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request, code: str) -> Response:
        response = Response(s.PublicPetitionSerializer(sel.petition_track(code=code)).data)
        response["Cache-Control"] = "no-store"
        return response


class PetitionRatingView(PublicView):
    @extend_schema(
        operation_id="petitions_rate",
        summary=_("Rate the answer of a closed petition, once (public)"),
        request=s.PetitionRatingSerializer,
        responses={200: s.PublicPetitionSerializer, 400: BAD_REQUEST, 404: NOT_FOUND, 409: CONFLICT},
        auth=[],
        tags=TAGS,
    )
    def post(self, request: Request, code: str) -> Response:
        form = s.PetitionRatingSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        svc.petition_rate(code=code, rating=form.validated_data["rating"], comment=form.validated_data["comment"])
        return Response(s.PublicPetitionSerializer(sel.petition_track(code=code)).data)


def _detail(request: Request, pk: int) -> dict[str, Any]:
    petition = sel.petition_get(user=request.user, pk=pk)
    petition.timeline = [  # type: ignore[attr-defined]
        {
            "at": e.at,
            "verb": e.verb,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "actor": str(e.actor) if e.actor else None,
            "note": e.note_label,  # type: ignore[attr-defined]  # as on the page: a routing rule's words, not its key
            "public": e.public,
            "public_note": e.public_note,
        }
        for e in sel.petition_timeline(user=request.user, petition=petition)
    ]
    petition.allowed_actions = svc.allowed_actions(actor=request.user, petition=petition)  # type: ignore[attr-defined]
    return s.PetitionDetailSerializer(petition).data


class PetitionDetailView(ApiView):
    @extend_schema(
        operation_id="petitions_detail",
        summary=_("One petition with its timeline (no sender)"),
        responses={200: s.PetitionDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))


class PetitionSenderView(ApiView):
    @extend_schema(
        operation_id="petitions_sender",
        summary=_("Who sent it: the handler and managers of its place only; every read is audited"),
        responses={200: s.PetitionSenderSerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        petition = sel.petition_get(user=request.user, pk=pk)
        sender = sel.petition_sender(user=request.user, petition=petition)
        empty = {"full_name": "", "id_number": "", "phone": "", "email": "", "address": "", "consent_at": None}
        response = Response(s.PetitionSenderSerializer(sender).data if sender else empty)
        response["Cache-Control"] = "no-store"
        return response


class PetitionTransitionView(ApiView):
    @extend_schema(
        operation_id="petitions_transition",
        summary=_("Move a petition through its lifecycle"),
        request=s.PetitionTransitionSerializer,
        responses={
            200: s.PetitionDetailSerializer,
            400: BAD_REQUEST,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            409: CONFLICT,
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        petition = sel.petition_get(user=request.user, pk=pk)
        form = s.PetitionTransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        svc.petition_act(actor=request.user, petition=petition, **form.validated_data)
        return Response(_detail(request, pk))


urlpatterns = [
    path("v1/petitions/", PetitionListView.as_view(), name="petition-list"),
    path("v1/petitions/track/<str:code>/", PetitionTrackView.as_view(), name="petition-track"),
    path("v1/petitions/track/<str:code>/rating/", PetitionRatingView.as_view(), name="petition-rating"),
    path("v1/petitions/<int:pk>/", PetitionDetailView.as_view(), name="petition-detail"),
    path("v1/petitions/<int:pk>/sender/", PetitionSenderView.as_view(), name="petition-sender"),
    path("v1/petitions/<int:pk>/transition/", PetitionTransitionView.as_view(), name="petition-transition"),
]
