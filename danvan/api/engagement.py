"""REST API v1 for dialogues (with their issues), Three Together activities and prestigious persons.

Thin: the serializers check shapes (400); the engagement selectors decide what the caller sees
(anything else is 404, like something missing); the services what the caller may do. A person's
sensitive fields (ethnic group, religion, phone, address) are sent only to reviewers and managers
of the place, and each such read is audited by `person_selectors.person_sensitive`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import engagement_serializers as s
from danvan.api.responses import BAD_REQUEST, UNAUTHENTICATED, error
from danvan.api.serializers import boolean_filter
from danvan.api.views import ApiView, Pagination
from danvan.engagement.forms.activities import ActivityFilterForm
from danvan.engagement.forms.dialogues import DialogueFilterForm
from danvan.engagement.forms.persons import PersonFilterForm
from danvan.engagement.selectors import activities as activity_selectors
from danvan.engagement.selectors import dialogues as dialogue_selectors
from danvan.engagement.selectors import persons as person_selectors
from danvan.engagement.services import activities as activity_services
from danvan.engagement.services import dialogues as dialogue_services
from danvan.engagement.services import persons as person_services

NOT_FOUND = error(_("Not found, or not something the caller may see."))
INVALID = error(_("Malformed input, or a rule broken (the message says which)."))
FORBIDDEN = error(_("The caller may not record this there (code forbidden)."))
UNIT_PARAM = OpenApiParameter("unit", str, description=_("Only this unit's whole area, written era/code."))


def _filters(form_class: Any, request: Request, **kwargs: Any) -> Any:
    params = request.query_params.copy()
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.BooleanField) and params.get(name):  # a checkbox reads "0" as checked
            params[name] = "true" if _boolean(name, str(params[name])) else "false"
    form = form_class(params, user=request.user)
    if not form.is_valid():
        raise serializers.ValidationError({name: [str(m) for m in msgs] for name, msgs in form.errors.items()})
    return form.filters(**kwargs)


def _boolean(name: str, value: str) -> bool:
    """true/false, 1/0… as every boolean filter of the API reads them; anything else is a 400 naming it."""
    try:
        return bool(boolean_filter(None).run_validation(value))
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None


def _page(view: ApiView, request: Request, queryset: Any) -> tuple[Any, Pagination]:
    paginator = Pagination()
    return paginator.paginate_queryset(queryset, request, view=view), paginator


# --- dialogues ----------------------------------------------------------------------------------


def _dialogue_body(request: Request, pk: int) -> dict[str, Any]:
    user = request.user
    dialogue = dialogue_selectors.dialogue_get(user=user, pk=pk)
    previous = dialogue_selectors.dialogue_previous(user=user, dialogue=dialogue)
    dialogue.issues_list = dialogue_selectors.dialogue_issues(user=user, dialogue=dialogue)
    data = s.DialogueSerializer(dialogue, context={"request": request}).data
    data.update(
        participants=dialogue.participants,
        summary=dialogue.summary,
        has_minutes=bool(dialogue.minutes),
        issues=s.IssueSerializer(dialogue.issues_list, many=True).data,
        previous=s.DialogueSerializer(previous, context={"request": request}).data if previous else None,
        previous_issues=s.IssueSerializer(
            dialogue_selectors.dialogue_issues(user=user, dialogue=previous) if previous else [], many=True
        ).data,
    )
    return data


class DialogueListView(ApiView):
    pagination_class = Pagination  # the schema says so: drf-spectacular wraps the list in its page

    @extend_schema(
        operation_id="dialogues_list",
        summary=_("Dialogues"),
        parameters=[
            OpenApiParameter("q", str, description=_("Search, diacritics optional.")),
            OpenApiParameter("format", str, enum=[c for c, _l in s.Dialogue.Format.choices]),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description=_("From this day on (YYYY-MM-DD).")),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description=_("Up to this day (YYYY-MM-DD).")),
            UNIT_PARAM,
            OpenApiParameter("host", int, description=_("Id of the host organisation.")),
        ],
        responses={200: s.DialogueSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=["dialogues"],
    )
    def get(self, request: Request) -> Response:
        qs = dialogue_selectors.dialogue_list(user=request.user, filters=_filters(DialogueFilterForm, request))
        page, paginator = _page(self, request, qs)
        return paginator.get_paginated_response(
            s.DialogueSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="dialogues_create",
        summary=_("Record a dialogue"),
        description=_("The minutes file is uploaded on the back-office page."),
        request=s.DialogueCreateSerializer,
        responses={201: s.DialogueDetailSerializer, 400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=["dialogues"],
    )
    def post(self, request: Request) -> Response:
        data = s.DialogueCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        dialogue = dialogue_services.dialogue_create(actor=request.user, **data.validated_data)
        body = _dialogue_body(request, dialogue.pk)
        return Response(body, status=201, headers={"Location": body["url"]})


class DialogueDetailView(ApiView):
    @extend_schema(
        operation_id="dialogues_retrieve",
        summary=_("One dialogue, its issues and what the host promised last time"),
        responses={200: s.DialogueDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=["dialogues"],
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_dialogue_body(request, pk))


class DialogueIssuesView(ApiView):
    @extend_schema(
        operation_id="dialogues_issues_list",
        summary=_("A dialogue's issues, with their status and overdue flag"),
        responses={200: s.IssueSerializer(many=True), 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=["dialogues"],
    )
    def get(self, request: Request, pk: int) -> Response:
        dialogue = dialogue_selectors.dialogue_get(user=request.user, pk=pk)
        issues = dialogue_selectors.dialogue_issues(user=request.user, dialogue=dialogue)
        return Response(s.IssueSerializer(issues, many=True).data)

    @extend_schema(
        operation_id="dialogues_issues_create",
        summary=_("Track an issue raised at the dialogue"),
        request=s.IssueCreateSerializer,
        responses={201: s.IssueSerializer, 400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND},
        tags=["dialogues"],
    )
    def post(self, request: Request, pk: int) -> Response:
        dialogue = dialogue_selectors.dialogue_get(user=request.user, pk=pk)
        data = s.IssueCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        issue = dialogue_services.dialogue_issue_add(actor=request.user, dialogue=dialogue, **data.validated_data)
        issue.overdue = dialogue_selectors.is_overdue(issue)
        return Response(s.IssueSerializer(issue).data, status=201)


# --- Three Together -----------------------------------------------------------------------------


class ActivityListView(ApiView):
    pagination_class = Pagination  # the schema says so: drf-spectacular wraps the list in its page

    @extend_schema(
        operation_id="grassroots_activities_list",
        summary=_("Three Together activities"),
        parameters=[
            UNIT_PARAM,
            OpenApiParameter("organization", int, description=_("Id of the organisation.")),
            OpenApiParameter("activity", str, enum=[c for c, _l in s.GrassrootsActivity.Activity.choices]),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description=_("From this day on (YYYY-MM-DD).")),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description=_("Up to this day (YYYY-MM-DD).")),
        ],
        responses={200: s.ActivitySerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=["three-together"],
    )
    def get(self, request: Request) -> Response:
        qs = activity_selectors.activity_list(user=request.user, filters=_filters(ActivityFilterForm, request))
        page, paginator = _page(self, request, qs)
        return paginator.get_paginated_response(
            s.ActivitySerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="grassroots_activities_create",
        summary=_("Record a Three Together activity"),
        request=s.ActivityCreateSerializer,
        responses={201: s.ActivitySerializer, 400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=["three-together"],
    )
    def post(self, request: Request) -> Response:
        data = s.ActivityCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        activity = activity_services.activity_create(actor=request.user, **data.validated_data)
        body = s.ActivitySerializer(activity, context={"request": request}).data
        return Response(body, status=201, headers={"Location": body["url"]})


class ActivityDetailView(ApiView):
    @extend_schema(
        operation_id="grassroots_activities_retrieve",
        summary=_("One Three Together activity"),
        responses={200: s.ActivitySerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=["three-together"],
    )
    def get(self, request: Request, pk: int) -> Response:
        activity = activity_selectors.activity_get(user=request.user, pk=pk)
        return Response(s.ActivitySerializer(activity, context={"request": request}).data)


# --- prestigious persons ------------------------------------------------------------------------


class PersonListView(ApiView):
    pagination_class = Pagination  # the schema says so: drf-spectacular wraps the list in its page

    @extend_schema(
        operation_id="prestigious_persons_list",
        summary=_("Prestigious persons"),
        description=_(
            "Ethnic group, religion, phone and address are included only for the persons of places the caller "
            "reviews or manages, and each such read is recorded in the audit log."
        ),
        parameters=[
            OpenApiParameter("q", str, description=_("Search, diacritics optional.")),
            UNIT_PARAM,
            OpenApiParameter("standing", str, enum=[c for c, _l in s.PrestigiousPerson.Standing.choices]),
            OpenApiParameter(
                "current", bool, description=_("true (or 1): only those recognised today; false (or 0): everyone.")
            ),
        ],
        responses={200: s.PersonSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=["prestigious-persons"],
    )
    def get(self, request: Request) -> Response:
        filters = _filters(PersonFilterForm, request, today=timezone.localdate())
        qs = person_selectors.person_list(user=request.user, filters=filters)
        page, paginator = _page(self, request, qs)
        page = list(page)
        sensitive = person_selectors.person_sensitive(user=request.user, persons=page, purpose="api")
        context = {"request": request, "sensitive": sensitive}
        return paginator.get_paginated_response(s.PersonSerializer(page, many=True, context=context).data)

    @extend_schema(
        operation_id="prestigious_persons_create",
        summary=_("Record a prestigious person"),
        description=_("Sensitive fields may be sent only by a reviewer or manager of the place (403 otherwise)."),
        request=s.PersonCreateSerializer,
        responses={201: s.PersonDetailSerializer, 400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN},
        tags=["prestigious-persons"],
    )
    def post(self, request: Request) -> Response:
        data = s.PersonCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        person = person_services.person_create(actor=request.user, **data.validated_data)
        body = _person_body(request, person.pk)
        return Response(body, status=201, headers={"Location": body["url"]})


def _person_body(request: Request, pk: int) -> dict[str, Any]:
    person = person_selectors.person_get(user=request.user, pk=pk)
    sensitive = person_selectors.person_sensitive(user=request.user, persons=[person], purpose="api")
    engagements = list(person_selectors.person_engagements(user=request.user, person=person))
    context = {"request": request, "sensitive": sensitive, "engagements": engagements}
    return s.PersonDetailSerializer(person, context=context).data


class PersonDetailView(ApiView):
    @extend_schema(
        operation_id="prestigious_persons_retrieve",
        summary=_("One prestigious person with the engagements log"),
        responses={200: s.PersonDetailSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
        tags=["prestigious-persons"],
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_person_body(request, pk))


urlpatterns = [
    path("v1/dialogues/", DialogueListView.as_view(), name="dialogue-list"),
    path("v1/dialogues/<int:pk>/", DialogueDetailView.as_view(), name="dialogue-detail"),
    path("v1/dialogues/<int:pk>/issues/", DialogueIssuesView.as_view(), name="dialogue-issues"),
    path("v1/grassroots-activities/", ActivityListView.as_view(), name="grassroots-activity-list"),
    path("v1/grassroots-activities/<int:pk>/", ActivityDetailView.as_view(), name="grassroots-activity-detail"),
    path("v1/prestigious-persons/", PersonListView.as_view(), name="prestigious-person-list"),
    path("v1/prestigious-persons/<int:pk>/", PersonDetailView.as_view(), name="prestigious-person-detail"),
]
