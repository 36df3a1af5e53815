"""REST API v1 for emulation and commendation: campaigns, registrations, evaluations, decisions, conferences,
certificates.

Thin: the serializers check shapes (400); the recognition selectors decide what the caller sees
(anything else is 404); its services what the caller may do (a `DomainError` becomes 400/403/409).
The certificate check by code is public, like the printed page it stands behind.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import path, re_path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import recognition_serializers as s
from danvan.api.responses import BAD_REQUEST, CONFLICT, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED
from danvan.api.views import ApiView, Pagination
from danvan.core.errors import NotFound
from danvan.org import selectors as org_selectors
from danvan.org.access import Action
from danvan.org.models import Organization
from danvan.recognition.models import Evaluation, EvaluationStatus, Registration
from danvan.recognition.selectors import campaigns as campaign_selectors
from danvan.recognition.selectors import certificates as certificate_selectors
from danvan.recognition.selectors import register as register_selectors
from danvan.recognition.services import campaigns as campaign_services
from danvan.recognition.services import conferences as conference_services
from danvan.recognition.services import decisions as decision_services
from danvan.recognition.services import evaluations as evaluation_services

TAGS = ["emulation and commendation"]
_MAX_ID = 2**63 - 1
WRITE = {400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT}


def _id(pk: int, message: str) -> int:
    if pk > _MAX_ID:
        raise NotFound(message)
    return pk


def _page(view: ApiView, request: Request, queryset: Any, serializer: Any) -> Response:
    paginator = Pagination()
    page: list[Any] | None = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True, context={"request": request}).data)


# --- campaigns and registrations ---------------------------------------------------------------


class CampaignListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="campaigns_list",
        summary=_("Campaigns"),
        description=_("Campaigns launched in the caller's scope or above it (those it may join), newest first."),
        responses={200: s.CampaignSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return _page(self, request, campaign_selectors.campaign_list(user=request.user), s.CampaignSerializer)


class CampaignDetailView(ApiView):
    @extend_schema(
        operation_id="campaigns_retrieve",
        summary=_("A campaign"),
        responses={200: s.CampaignSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        campaign = campaign_selectors.campaign_get(user=request.user, pk=_id(pk, gettext("No such campaign.")))
        return Response(s.CampaignSerializer(campaign).data)


class RegistrationListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="campaigns_registrations_list",
        summary=_("Registrations of a campaign"),
        description=_("Those the caller may see: its own scope's, or all of them for the standing body and council."),
        responses={200: s.RegistrationSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        campaign = campaign_selectors.campaign_get(user=request.user, pk=_id(pk, gettext("No such campaign.")))
        rows = campaign_selectors.registration_list(user=request.user, campaign=campaign)
        return _page(self, request, rows, s.RegistrationSerializer)

    @extend_schema(
        operation_id="campaigns_registrations_create",
        summary=_("Register to take part"),
        description=_(
            "A collective (unit, or an organisation at it) or an individual (person, registered at their "
            "organisation). A person the caller may not register for is 404, like one that does not exist."
        ),
        request=s.RegistrationInSerializer,
        responses={201: s.RegistrationSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = campaign_selectors.campaign_get(user=request.user, pk=_id(pk, gettext("No such campaign.")))
        data = s.RegistrationInSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        # a person the caller may not register answers like one that does not exist
        person = (
            org_selectors.person_get(user=request.user, pk=d["person"], action=Action.REPORT)
            if d.get("person")
            else None
        )
        unit = d.get("unit") or person.organization.unit  # type: ignore[union-attr]  # the serializer wants one
        organization = None
        if d.get("organization"):
            organization = Organization.objects.filter(pk=d["organization"], unit=unit).first()
            if organization is None:
                raise NotFound(gettext("No such organisation at this unit."))
        reg = campaign_services.registration_create(
            actor=request.user,
            campaign=campaign,
            unit=unit,
            organization=organization,
            person=person,
            commitments_text=d.get("commitments_text", ""),
        )
        return Response(s.RegistrationSerializer(reg).data, status=201)


# --- evaluations --------------------------------------------------------------------------------


def _registration(request: Request, pk: int) -> Registration:
    reg = Registration.objects.select_related("campaign").filter(pk=_id(pk, gettext("No such registration."))).first()
    if (
        reg is None
        or not campaign_selectors.registration_list(user=request.user, campaign=reg.campaign).filter(pk=reg.pk).exists()
    ):
        raise NotFound(gettext("No such registration."))
    return reg


def evaluation_body(user: Any, evaluation: Evaluation) -> dict[str, Any]:
    """Self scores for whoever sees the evaluation; the council's only for its steering body, or once published."""
    campaign = evaluation.registration.campaign
    insider = campaign_services.may_manage_campaign(user, campaign) or campaign_selectors.is_council_member(
        user=user, campaign=campaign
    )
    council_seen = insider or evaluation.status == EvaluationStatus.PUBLISHED
    own = {x.criterion_id: x.score for x in evaluation.self_scores.all()}
    council: dict[int, list[Any]] = {}
    if council_seen:  # the scores that count: not those of a member removed before the result was approved
        counted = [row.member.pk for row in campaign_selectors.member_scores(evaluation=evaluation) if row.counted]
        for cs in evaluation.council_scores.filter(member_id__in=counted).order_by("member_id"):
            council.setdefault(cs.criterion_id, []).append(cs.score)
    scores = [
        {
            "criterion": c.pk,
            "title": c.title,
            "max_score": c.max_score,
            "self_score": own.get(c.pk),
            "council": council.get(c.pk, []),
        }
        for c in evaluation.criteria_set.criteria.order_by("position", "pk")
    ]
    body = {
        "id": evaluation.pk,
        "registration_id": evaluation.registration_id,
        "status": evaluation.status,
        "self_total": evaluation.self_total,
        "result": evaluation.result if council_seen else None,
        "scores": scores,
    }
    return s.EvaluationSerializer(body).data


class EvaluationDetailView(ApiView):
    @extend_schema(
        operation_id="evaluations_retrieve",
        summary=_("An evaluation with the scores the caller may see"),
        responses={200: s.EvaluationSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        evaluation = campaign_selectors.evaluation_get(user=request.user, pk=_id(pk, gettext("No such evaluation.")))
        return Response(evaluation_body(request.user, evaluation))


class SelfAssessmentView(ApiView):
    @extend_schema(
        operation_id="registrations_self_assessment",
        summary=_("Assess oneself against the standards"),
        description=_(
            "Starts the evaluation if needed, then records the scores (each at most the criterion's maximum)."
        ),
        request=s.ScoresInSerializer,
        responses={200: s.EvaluationSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        reg = _registration(request, pk)
        data = s.ScoresInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation = Evaluation.objects.filter(registration=reg).first() or evaluation_services.evaluation_start(
            actor=request.user, registration=reg
        )
        evaluation = evaluation_services.evaluation_self_score(
            actor=request.user, evaluation=evaluation, scores=data.validated_data["scores"]
        )
        return Response(
            evaluation_body(request.user, campaign_selectors.evaluation_get(user=request.user, pk=evaluation.pk))
        )


class CouncilScoreView(ApiView):
    @extend_schema(
        operation_id="evaluations_council_score",
        summary=_("A council member's scores"),
        description=_("Never for one's own unit or organisation (code conflict_of_interest)."),
        request=s.ScoresInSerializer,
        responses={200: s.EvaluationSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        evaluation = campaign_selectors.evaluation_get(user=request.user, pk=_id(pk, gettext("No such evaluation.")))
        data = s.ScoresInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation_services.council_score(
            actor=request.user, evaluation=evaluation, scores=data.validated_data["scores"]
        )
        return Response(evaluation_body(request.user, evaluation))


STEPS = {
    "submit": evaluation_services.evaluation_submit,
    "open-review": evaluation_services.evaluation_open_review,
    "approve": evaluation_services.evaluation_approve,
    "publish": evaluation_services.evaluation_publish,
}


class EvaluationStepView(ApiView):
    @extend_schema(
        operation_id="evaluations_step",
        summary=_("Move an evaluation on"),
        description=_(
            "submit (the registrant), open-review (the council), approve and publish (the standing body); "
            "a published result never changes."
        ),
        parameters=[
            OpenApiParameter("pk", int, OpenApiParameter.PATH),
            OpenApiParameter("step", str, OpenApiParameter.PATH, enum=list(STEPS)),
        ],
        request=None,
        responses={
            200: s.EvaluationSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
            400: BAD_REQUEST,
            409: CONFLICT,
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: str, step: str) -> Response:
        evaluation = campaign_selectors.evaluation_get(
            user=request.user, pk=_id(int(pk), gettext("No such evaluation."))
        )
        STEPS[step](actor=request.user, evaluation=evaluation)
        fresh = campaign_selectors.evaluation_get(user=request.user, pk=evaluation.pk)
        return Response(evaluation_body(request.user, fresh))


class EvaluationReturnView(ApiView):
    @extend_schema(
        operation_id="evaluations_return",
        summary=_("Return an evaluation to its registrant"),
        description=_(
            "The council's chair or secretary, or the standing body; with a reason. The council's scores are cleared."
        ),
        request=s.ReasonInSerializer,
        responses={200: s.EvaluationSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        evaluation = campaign_selectors.evaluation_get(user=request.user, pk=_id(pk, gettext("No such evaluation.")))
        data = s.ReasonInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evaluation_services.evaluation_return(
            actor=request.user, evaluation=evaluation, reason=data.validated_data["reason"]
        )
        fresh = campaign_selectors.evaluation_get(user=request.user, pk=evaluation.pk)
        return Response(evaluation_body(request.user, fresh))


# --- decisions and certificates -----------------------------------------------------------------


def _decision_detail(request: Request, pk: int) -> dict[str, Any]:
    decision = certificate_selectors.decision_get(user=request.user, pk=_id(pk, gettext("No such decision.")))
    decision.certificate_rows = list(certificate_selectors.certificate_list(decision=decision))  # type: ignore[attr-defined]
    for cert in decision.certificate_rows:  # type: ignore[attr-defined]
        cert.decision = decision
    return s.DecisionDetailSerializer(decision).data


class DecisionListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="decisions_list",
        summary=_("Award decisions"),
        responses={200: s.DecisionSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return _page(self, request, certificate_selectors.decision_list(user=request.user), s.DecisionSerializer)

    @extend_schema(
        operation_id="decisions_create",
        summary=_("Draft a decision"),
        description=_(
            "The issuer awards only what its level may decide (code award_not_allowed); an individual "
            "recipient becomes a person in DanVan. Numbered only when issued."
        ),
        request=s.DecisionInSerializer,
        responses={201: s.DecisionDetailSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = s.DecisionInSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        issuer = d["issuer"]
        recipients = [
            decision_services.RecipientSpec(
                unit=r.get("unit") or issuer.unit,
                name=r["name"],
                position=r.get("position", ""),
                new_person=r.get("individual", False),
            )
            for r in d["recipients"]
        ]
        decision = decision_services.decision_create(
            actor=request.user,
            issuer=issuer,
            award=d["award"],
            year=d["year"],
            title=d["title"],
            reason=d["reason"],
            signer_name=d["signer_name"],
            signer_title=d.get("signer_title", ""),
            suffix=d["suffix"],
            place=d.get("place", ""),
            campaign=d.get("campaign"),
            recipients=recipients,
        )
        return Response(_decision_detail(request, decision.pk), status=201)


class DecisionDetailView(ApiView):
    @extend_schema(
        operation_id="decisions_retrieve",
        summary=_("A decision with its certificates"),
        responses={200: s.DecisionDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_decision_detail(request, pk))


class DecisionIssueView(ApiView):
    @extend_schema(
        operation_id="decisions_issue",
        summary=_("Issue a decision"),
        description=_("Signed on the given day and given the next number in the issuer's series."),
        request=s.IssueInSerializer,
        responses={200: s.DecisionDetailSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = certificate_selectors.decision_get(user=request.user, pk=_id(pk, gettext("No such decision.")))
        data = s.IssueInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision_services.decision_issue(
            actor=request.user, decision=decision, signed_on=data.validated_data["signed_on"]
        )
        return Response(_decision_detail(request, pk))


class DecisionRevokeView(ApiView):
    @extend_schema(
        operation_id="decisions_revoke",
        summary=_("Revoke a decision"),
        description=_("With a reason; its certificates then verify as revoked, and its number stays taken."),
        request=s.ReasonInSerializer,
        responses={200: s.DecisionDetailSerializer, **WRITE},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = certificate_selectors.decision_get(user=request.user, pk=_id(pk, gettext("No such decision.")))
        data = s.ReasonInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision_services.decision_revoke(actor=request.user, decision=decision, reason=data.validated_data["reason"])
        return Response(_decision_detail(request, pk))


# --- review conferences -------------------------------------------------------------------------


class ConferenceListView(ApiView):
    pagination_class = Pagination

    @extend_schema(
        operation_id="conferences_list",
        summary=_("Review conferences"),
        description=_("Conferences (hội nghị tổng kết) held in the caller's scope, latest first."),
        responses={200: s.ConferenceSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return _page(self, request, register_selectors.conference_list(user=request.user), s.ConferenceSerializer)

    @extend_schema(
        operation_id="conferences_create",
        summary=_("Record a review conference"),
        description=_(
            "Held by an organisation the caller manages, with the issued decisions handed out there "
            "(a draft is refused, code decision_draft). The review report is a link here; a file is "
            "uploaded through the web page."
        ),
        request=s.ConferenceInSerializer,
        responses={201: s.ConferenceDetailSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = s.ConferenceInSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        d = data.validated_data
        organization = d["organization"]
        conference = conference_services.conference_create(
            actor=request.user,
            unit=organization.unit,
            organization=organization,
            title=d["title"],
            held_on=d["held_on"],
            place=d.get("place", ""),
            report_url=d.get("report_url", ""),
            decisions=list(dict.fromkeys(d.get("decisions", []))),
        )
        return Response(_conference_detail(request, conference.pk), status=201)


def _conference_detail(request: Request, pk: int) -> dict[str, Any]:
    conference = register_selectors.conference_get(user=request.user, pk=_id(pk, gettext("No such conference.")))
    conference.decision_rows = list(  # type: ignore[attr-defined]
        certificate_selectors.decision_list(user=request.user)
        .filter(conferences=conference)
        .annotate(recipients=Count("certificates"))
    )
    return s.ConferenceDetailSerializer(conference).data


class ConferenceDetailView(ApiView):
    @extend_schema(
        operation_id="conferences_retrieve",
        summary=_("A review conference with the decisions handed out"),
        responses={200: s.ConferenceDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_conference_detail(request, pk))


class CertificateVerifyView(ApiView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="certificates_verify",
        summary=_("Verify a certificate"),
        description=_(
            "Public: exactly what the printed certificate shows, and whether its decision was revoked. "
            "Spaces, hyphens and case in the code do not matter; an unknown code is 404."
        ),
        responses={200: s.VerifiedSerializer, 404: NOT_FOUND},
        tags=TAGS,
        auth=[],
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(s.VerifiedSerializer(certificate_selectors.certificate_verify(code=code)).data)


urlpatterns = [
    path("v1/campaigns/", CampaignListView.as_view(), name="campaign-list"),
    path("v1/campaigns/<int:pk>/", CampaignDetailView.as_view(), name="campaign-detail"),
    path("v1/campaigns/<int:pk>/registrations/", RegistrationListView.as_view(), name="campaign-registrations"),
    path("v1/registrations/<int:pk>/self-assessment/", SelfAssessmentView.as_view(), name="self-assessment"),
    path("v1/evaluations/<int:pk>/", EvaluationDetailView.as_view(), name="evaluation-detail"),
    path("v1/evaluations/<int:pk>/council-scores/", CouncilScoreView.as_view(), name="council-score"),
    path("v1/evaluations/<int:pk>/return/", EvaluationReturnView.as_view(), name="evaluation-return"),
    re_path(
        r"^v1/evaluations/(?P<pk>[0-9]+)/(?P<step>submit|open-review|approve|publish)/$",
        EvaluationStepView.as_view(),
        name="evaluation-step",
    ),
    path("v1/decisions/", DecisionListView.as_view(), name="decision-list"),
    path("v1/decisions/<int:pk>/", DecisionDetailView.as_view(), name="decision-detail"),
    path("v1/decisions/<int:pk>/issue/", DecisionIssueView.as_view(), name="decision-issue"),
    path("v1/decisions/<int:pk>/revoke/", DecisionRevokeView.as_view(), name="decision-revoke"),
    path("v1/conferences/", ConferenceListView.as_view(), name="conference-list"),
    path("v1/conferences/<int:pk>/", ConferenceDetailView.as_view(), name="conference-detail"),
    path("v1/certificates/<str:code>/", CertificateVerifyView.as_view(), name="certificate-verify"),
]
