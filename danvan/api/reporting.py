"""REST API v1 for periodic reporting: values in and out, reports up the chain, roll-ups, and the routes.

The catalogue (indicators, periods, forms) is in `reporting_catalogue.py`. Thin, like the models'
API: serializers check shapes (400); `reporting.selectors` decide what the caller sees (anything
else is 404, like something missing) and `reporting.services` what the caller may do (their
`DomainError` keeps its status: 400, 403 or 409). A POST of values is one transaction for the whole
body, however many reports it carries: one bad cell and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from danvan.api import reporting_catalogue as catalogue
from danvan.api import reporting_serializers as s
from danvan.api.reporting_fields import flat_errors
from danvan.api.responses import BAD_REQUEST, UNAUTHENTICATED, error
from danvan.api.views import ApiView, ListView
from danvan.core.errors import DomainError, NotFound
from danvan.geo import selectors as geo_selectors
from danvan.org import selectors as org_selectors
from danvan.reporting import selectors, services
from danvan.reporting.models import DataValue, Period, Submission
from danvan.reporting.periods import period_get

TAGS = ["reporting"]
_MAX_ID = 2**63 - 1  # a bigger id names nothing, and the databases would refuse to compare with it

INVALID = error(
    _(
        "Malformed input, or figures the rules refuse: “errors” names each cell (indicator or indicator.category, "
        "led by the report's index when the body is a list, e.g. 1.tt_people). Nothing was saved."
    ),
)
FORBIDDEN = error(_("The caller sees the unit or report but may not do this (code forbidden)."))
LOCKED = error(
    _("The report is submitted or approved and cannot change, or is not in a status for this step."),
)
REPORT_NOT_FOUND = error(_("No such report, or not one the caller may see."))
UNIT_NOT_FOUND = error(
    _("No such unit or organisation, or not one the caller may see; the whole country to a non-national."),
)


def _stored_period(user: Any, code: str | None) -> Period | None:
    """A stored period by its (normalised) code; reading never stores one."""
    return selectors.period_list(user=user).filter(code=code).first() if code else None


# --- values ------------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="datavalues_list",
        summary=_("Reported values"),
        description=_(
            "The typed figures of the reports the caller may see, whatever their status (each row says it), newest "
            "period first. A period nobody has used yet has no values."
        ),
        parameters=[s.DataValueFilterSerializer],
        responses={200: s.DataValueSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
)
class DataValueView(ListView):
    filter_serializer = s.DataValueFilterSerializer
    serializer_class = s.DataValueSerializer

    def select(self, request: Request, filters: Any) -> Any:
        data = filters.validated_data
        period = _stored_period(request.user, data.get("period"))
        if data.get("period") and period is None:
            return DataValue.objects.none()
        reports = selectors.submission_list(
            user=request.user, form=data.get("form"), period=period, unit=data.get("unit")
        )
        if data.get("era"):
            reports = reports.filter(unit__era_id=data["era"])
        qs = DataValue.objects.filter(submission__in=reports.values("pk"))
        if data.get("indicator") is not None:
            qs = qs.filter(indicator=data["indicator"])
        return qs.select_related("indicator", "unit", "period", "submission__form").order_by(
            "-period__start", "unit__path", "submission_id", "indicator__position", "indicator__code", "category", "pk"
        )

    @extend_schema(
        operation_id="datavalues_upsert",
        summary=_("Save reported values"),
        description=_(
            "One report's figures as an object, or several reports' as a list of such objects, saved in one "
            "transaction: any error and nothing is saved. Each report is opened the first time (a draft), its cells "
            "are saved (null clears one; cells not sent stay), and it is submitted if “submit” is true. Values are "
            "JSON numbers, or text as typed in the caller's language (“1.234” is 1234 in Vietnamese). The unit must "
            "be one the caller may see (404 otherwise) and report for (403)."
        ),
        request=s.ReportInSerializer,
        responses={
            200: s.UpsertResultSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: UNIT_NOT_FOUND,
            409: LOCKED,
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        body = request.data
        many = isinstance(body, list)
        items = body if many else [body]
        if many and not 1 <= len(items) <= s.MAX_REPORTS:
            raise serializers.ValidationError(
                {"non_field_errors": [gettext("send from 1 to %(n)d reports.") % {"n": s.MAX_REPORTS}]}
            )
        context = {"request": request}
        saved, warnings = [], []
        with transaction.atomic():  # periods stored while reading the body go too if anything fails
            parsed, errors = [], {}
            for index, item in enumerate(items):
                data = s.ReportInSerializer(data=item, context=context)
                if data.is_valid():
                    parsed.append(data.validated_data)
                else:
                    errors.update(flat_errors(data.errors, f"{index}." if many else ""))
            if errors:
                raise serializers.ValidationError(errors)
            for index, data in enumerate(parsed):
                try:
                    submission, result = _upsert(request.user, data)
                except DomainError as exc:
                    raise (ItemError(index, exc) if many else exc) from None
                saved.append(
                    {"index": index, "submission": submission, "saved": result.saved, "deleted": result.deleted}
                )
                warnings += [
                    {
                        "index": index,
                        "submission": submission.pk,
                        "cell": services.cell_name(w.indicator, w.category),
                        **w.as_dict(),
                    }
                    for w in result.warnings
                ]
        return Response(s.UpsertResultSerializer({"submissions": saved, "warnings": warnings}, context=context).data)


def _upsert(user: Any, data: dict[str, Any]) -> tuple[Submission, Any]:
    unit = geo_selectors.unit_get(user=user, era=data["era"], code=data["unit"])
    organization = data.get("organization")
    if organization is not None:
        if organization > _MAX_ID:
            raise NotFound(gettext("No such organisation."))
        organization = org_selectors.organization_get(user=user, pk=organization)
    return services.values_upsert(
        actor=user,
        form=data["form"],
        unit=unit,
        period=data["period"],
        organization=organization,
        values=data["values"],
        submit=data["submit"],
    )


class ItemError(DomainError):
    """A report of a list body failed: the same error, led by the report's index in the body."""

    def __init__(self, index: int, error: DomainError) -> None:
        super().__init__(f"{index}: {error.message}", code=error.code, status=error.status)
        self.index, self.error = index, error

    def by_cell(self) -> dict[str, list[str]]:
        by_cell = getattr(self.error, "by_cell", None)
        inner = by_cell() if callable(by_cell) else {"non_field_errors": [self.error.message]}
        return {f"{self.index}.{name}": messages for name, messages in inner.items()}


# --- reports -----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="submissions_list",
        summary=_("Reports"),
        description=_("The reports the caller may see, newest period first, then by place on the map."),
        parameters=[s.SubmissionFilterSerializer],
        responses={200: s.SubmissionSerializer(many=True), 400: BAD_REQUEST, 401: UNAUTHENTICATED},
        tags=TAGS,
    )
)
class SubmissionListView(ListView):
    filter_serializer = s.SubmissionFilterSerializer
    serializer_class = s.SubmissionSerializer

    def select(self, request: Request, filters: Any) -> Any:
        data = filters.validated_data
        period = _stored_period(request.user, data.get("period"))
        if data.get("period") and period is None:
            return Submission.objects.none()
        qs = selectors.submission_list(
            user=request.user, form=data.get("form"), period=period, unit=data.get("unit"), status=data.get("status")
        )
        if data.get("era"):
            qs = qs.filter(unit__era_id=data["era"])
        return qs.order_by("-period__start", "unit__path", "form__code", "organization_id", "pk")


def _submission(request: Request, pk: int) -> Submission:
    if pk > _MAX_ID:
        raise NotFound(gettext("This report does not exist or is not yours to see."))
    return selectors.submission_get(user=request.user, pk=pk)


def _detail(request: Request, pk: int) -> dict[str, Any]:
    submission = _submission(request, pk)
    submission.cells = list(  # type: ignore[attr-defined]
        submission.values.select_related("indicator").order_by("indicator__position", "indicator__code", "category")
    )
    return s.SubmissionDetailSerializer(submission, context={"request": request}).data


class SubmissionDetailView(ApiView):
    @extend_schema(
        operation_id="submissions_retrieve",
        summary=_("One report"),
        description=_(
            "A report with its typed values. A report the caller may not see answers 404 like a missing one."
        ),
        responses={200: s.SubmissionDetailSerializer, 401: UNAUTHENTICATED, 404: REPORT_NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))


class SubmissionTransitionView(ApiView):
    @extend_schema(
        operation_id="submissions_transition",
        summary=_("Move a report up the chain"),
        description=_(
            "submit (a reporter of the unit; its values reach every roll-up above at once), approve (a reviewer of "
            "the level above; locks it), return a submitted report or reopen an approved one (a reviewer of the level "
            "above, with a reason; its values leave the roll-ups). Answers the report as it is afterwards."
        ),
        request=s.SubmissionTransitionSerializer,
        responses={
            200: s.SubmissionDetailSerializer,
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: REPORT_NOT_FOUND,
            409: LOCKED,
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = _submission(request, pk)
        data = s.SubmissionTransitionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        action, reason = data.validated_data["action"], data.validated_data["reason"]
        if action == "submit":
            services.submission_submit(actor=request.user, submission=submission)
        elif action == "approve":
            services.submission_approve(actor=request.user, submission=submission)
        elif action == "return":
            services.submission_return(actor=request.user, submission=submission, reason=reason)
        else:
            services.submission_reopen(actor=request.user, submission=submission, reason=reason)
        return Response(_detail(request, pk))


# --- roll-ups ----------------------------------------------------------------------------------


class RollupView(ApiView):
    @extend_schema(
        operation_id="rollup_retrieve",
        summary=_("Roll-up of an indicator"),
        description=_(
            "The sum of an indicator over a unit's whole area (or the whole country) on one era's map, the moment a "
            "report is submitted: figures recorded on the old map count under today's units and the other way "
            "round. A longer period than the indicator's sums its periods (a stock takes the latest). With “by”, "
            "the rows split the figure by child unit, by period or by field."
        ),
        parameters=[s.RollupParamsSerializer],
        responses={200: s.RollupSerializer, 400: BAD_REQUEST, 401: UNAUTHENTICATED, 404: UNIT_NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        given = {name: value for name, value in request.query_params.items() if value != ""}
        params = s.RollupParamsSerializer(data=given, context={"request": request})
        params.is_valid(raise_exception=True)
        data = params.validated_data
        unit = selectors.node_unit(user=request.user, era=data["era"], code=data.get("unit"))
        result = selectors.rollup(
            user=request.user,
            unit=unit,
            era=data["era"],
            indicator=data["indicator"],
            period=period_get(data["period"]),
            by=data.get("by"),
            approved_only=data["approved_only"],
        )
        return Response(s.RollupSerializer(result, context={"request": request}).data)


urlpatterns = [
    path("v1/indicators/", catalogue.IndicatorListView.as_view(), name="indicator-list"),
    path("v1/indicators/<str:code>/", catalogue.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("v1/periods/", catalogue.PeriodListView.as_view(), name="period-list"),
    path("v1/periods/<str:code>/", catalogue.PeriodDetailView.as_view(), name="period-detail"),
    path("v1/forms/", catalogue.FormListView.as_view(), name="form-list"),
    path("v1/datavalues/", DataValueView.as_view(), name="datavalue-list"),
    path("v1/submissions/", SubmissionListView.as_view(), name="submission-list"),
    path("v1/submissions/<int:pk>/", SubmissionDetailView.as_view(), name="submission-detail"),
    path("v1/submissions/<int:pk>/transition/", SubmissionTransitionView.as_view(), name="submission-transition"),
    path("v1/rollup/", RollupView.as_view(), name="rollup"),
]
