"""The back office of periodic reports: my reports, opening one, the entry grid, its buttons and the review queue.

Thin on purpose: reads go through `reporting.selectors` and `reporting.entry`, writes through
`reporting.services`, whose `DomainError` message is shown to the user. A report the user may not
see answers 404 like a missing one; a button pressed by someone who sees the report but may not
press it (a reporter approving their own report) gets the service's refusal as a message on the
grid. The grid saves through HTMX (the grid alone is sent back) and without JavaScript (a plain
POST and a redirect).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.dates import format_date
from danvan.core.errors import DomainError, NotFound
from danvan.org.access import is_national
from danvan.reporting import selectors, services
from danvan.reporting.entry import (
    TRANSITIONS,
    cells_of_post,
    grid_rows,
    may_review_somewhere,
    permissions,
    reopenable_list,
    submission_history,
)
from danvan.reporting.forms import OpenForm, ReasonForm, SubmissionFilterForm
from danvan.reporting.models import Submission

PER_PAGE = 50
_MAX_ID = 2**63 - 1  # a bigger id names nothing, and the databases refuse to compare with it

DONE = {
    "submit": gettext_lazy("The report was submitted to the level above."),
    "approve": gettext_lazy("The report was approved."),
    "return": gettext_lazy("The report was returned for correction."),
    "reopen": gettext_lazy("The report was reopened for correction."),
}
# where a DomainError of `submission_open` belongs on the form
OPEN_ERROR_FIELDS = {
    "bad_period": "period",
    "bad_level": "unit",
    "forbidden": "unit",
    "organization_required": "organization",
    "bad_organization": "organization",
    "inactive_form": "form",
}


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")


def _submission_or_404(request: HttpRequest, pk: int) -> Submission:
    try:
        if pk > _MAX_ID:
            raise NotFound(_("This report does not exist or is not yours to see."))
        return selectors.submission_get(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


# --- my reports ---------------------------------------------------------------------------------


@login_required
@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    """The reports the user may see, filtered by form, period and status."""
    user = request.user
    form = SubmissionFilterForm(request.GET, user=user)
    status = 200
    if form.is_valid():
        d = form.cleaned_data
        period = d["period"]
        reports = selectors.submission_list(user=user, form=d["form"], status=d["status"] or None)
        if period is not None:
            reports = reports.filter(period=period) if period.pk else reports.none()
    else:
        reports, status = Submission.objects.none(), 400
    reports = reports.order_by("-period__start", "unit__path", "form__code", "pk")
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if v and k != "page"])
    context = {
        "form": form,
        "page": page,
        "query": query,
        "may_review": may_review_somewhere(user),
        "may_remap": is_national(user),
    }
    return render(request, "reporting/list.html", context, status=status)


# --- opening a report ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_open(request: HttpRequest) -> HttpResponse:
    """Choose a form, a unit and a period; the report is created as a draft the first time, then its grid."""
    user = request.user
    q = request.GET.get("q", "")[:100].replace("\x00", "")
    if request.method != "POST":
        initial = {k: request.GET[k] for k in ("form", "unit", "period") if request.GET.get(k)}
        form = OpenForm(user=user, q=q, initial=initial)
        return _open_page(request, form, q=q)
    if request.POST.get("show") == "unit":
        # without JavaScript, "Show the forms of this unit": the same page, its choices now those of
        # the unit chosen (as open.js does as it is picked); what was chosen is kept, nothing is written
        keep = {k: request.POST[k] for k in ("unit", "form", "period", "organization") if request.POST.get(k)}
        return _open_page(request, OpenForm(user=user, initial=keep))
    form = OpenForm(request.POST, user=user)
    if not form.is_valid():
        return _open_page(request, form, status=400)
    d = form.cleaned_data
    try:
        submission = services.submission_open(
            actor=user, form=d["form"], unit=d["unit"], period=d["period"], organization=d["organization"]
        )
    except DomainError as exc:
        form.add_error(OPEN_ERROR_FIELDS.get(exc.code), exc.message)
        return _open_page(request, form, status=exc.status)
    return redirect("reporting:grid", pk=submission.pk)


def _open_page(request: HttpRequest, form: OpenForm, *, q: str = "", status: int = 200) -> HttpResponse:
    context = {"form": form, "q": q, "nothing": not form.units and not q and not form.is_bound}
    return render(request, "reporting/open.html", context, status=status)


# --- the grid -----------------------------------------------------------------------------------


def _grid(
    request: HttpRequest,
    submission: Submission,
    *,
    status: int = 200,
    typed: dict[tuple[str, str], str] | None = None,
    errors: dict[str, list[str]] | None = None,
    warnings: dict[str, list[str]] | None = None,
    problem: str = "",
    saved: bool = False,
    confirm_submit: bool = False,
) -> HttpResponse:
    user = request.user
    grid = grid_rows(user=user, submission=submission, typed=typed, errors=errors, warnings=warnings)
    may = permissions(user=user, submission=submission)
    context: dict[str, Any] = {
        "confirm_submit": confirm_submit,
        "late": submission.editable and timezone.localdate() > submission.due,
        "submitted_late": _submitted_late(submission),
        "submission": submission,
        "rows": grid.rows,
        "previous_period": grid.previous_period,
        "may": may,
        "problem": problem,
        "saved": saved,
        "warning_count": sum(len(v) for v in (warnings or {}).values()),
        "error_count": sum(len(v) for v in (errors or {}).values()),
    }
    if _htmx(request):
        response = render(request, "reporting/_grid.html", context, status=status)
    else:
        context["history"] = submission_history(user=user, submission=submission)
        context["reason_form"] = ReasonForm()
        response = render(request, "reporting/grid.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry grid of one report; a POST saves every cell at once, or nothing."""
    submission = _submission_or_404(request, pk)
    if request.method != "POST":
        return _grid(request, submission)
    values = cells_of_post(request.POST)
    try:
        result = services.values_save(actor=request.user, submission=submission, values=values)
    except services.CellErrors as exc:
        return _grid(request, submission, status=400, typed=values, errors=exc.by_cell(), problem=exc.message)
    except DomainError as exc:
        return _grid(request, submission, status=exc.status, typed=values, problem=exc.message)
    warnings: dict[str, list[str]] = {}
    for w in result.warnings:
        warnings.setdefault(services.cell_name(w.indicator, w.category), []).append(w.message)
    if _htmx(request):
        return _grid(request, submission, warnings=warnings, saved=True)
    messages.success(request, _("Saved."))
    labels = {i.code: i.label for i in selectors.form_indicators(submission.form)}
    for w in result.warnings:
        messages.warning(request, f"{labels.get(w.indicator, w.indicator)}: {w.message}")
    return redirect("reporting:grid", pk=submission.pk)


@login_required
@require_POST
def report_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit, approve, return or reopen. Submitting from the grid saves its cells first, in the same transaction."""
    if action not in TRANSITIONS:
        raise Http404(_("There is no such step."))
    user = request.user
    submission = _submission_or_404(request, pk)
    from_queue = request.POST.get("from") == "review"
    values = cells_of_post(request.POST) if action == "submit" else {}
    if action == "submit" and request.POST.get("confirm") != "yes" and (values or submission.editable):
        return _ask_before_submitting(request, submission, values)
    try:
        with transaction.atomic():
            if action == "submit":
                if values:
                    services.values_save(actor=user, submission=submission, values=values)
                submission = services.submission_submit(actor=user, submission=submission)
            elif action == "approve":
                submission = services.submission_approve(actor=user, submission=submission)
            else:
                form = ReasonForm(request.POST)
                reason = form.cleaned_data["reason"] if form.is_valid() else ""
                step = services.submission_return if action == "return" else services.submission_reopen
                submission = step(actor=user, submission=submission, reason=reason)
    except services.CellErrors as exc:
        if values:  # the grid comes back with its cells as typed and each problem beside its cell
            return _grid(request, submission, status=400, typed=values, errors=exc.by_cell(), problem=exc.message)
        return _refused(request, submission, [e.message for e in exc.errors], from_queue=from_queue, status=400)
    except DomainError as exc:
        return _refused(request, submission, [exc.message], from_queue=from_queue, status=exc.status)
    done = str(DONE[action])
    if action == "submit" and _submitted_late(submission):
        messages.warning(request, _late_message(submission))
    if from_queue and _htmx(request):  # the row, the queue's count beside it, and the menu badge told to reload
        queue_count = selectors.review_queue(user=user).count()
        context = {"s": submission, "done": done, "queue_count": queue_count}
        response = render(request, "reporting/_queue_row.html", context)
        response["HX-Trigger"] = "inbox-changed"
        return response
    messages.success(request, done)
    target = reverse("reporting:review") if from_queue else reverse("reporting:grid", args=[submission.pk])
    if _htmx(request):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _ask_before_submitting(request: HttpRequest, submission: Submission, values: dict[Any, Any]) -> HttpResponse:
    """The first press of "Save and submit": the cells are saved, then the grid asks to confirm (no JavaScript needed).

    Submitting locks the report until a reviewer returns it, so it is never done by one click; a late report
    says so here, before it goes.
    """
    try:
        if values:
            services.values_save(actor=request.user, submission=submission, values=values)
    except services.CellErrors as exc:
        return _grid(request, submission, status=400, typed=values, errors=exc.by_cell(), problem=exc.message)
    except DomainError as exc:
        return _refused(request, submission, [exc.message], from_queue=False, status=exc.status)
    return _grid(request, submission, confirm_submit=True)


def _submitted_late(submission: Submission) -> bool:
    submitted = submission.submitted_at
    return submitted is not None and timezone.localdate(submitted) > submission.due


def _late_message(submission: Submission) -> str:
    return _("This report was submitted after its due date (%(due)s).") % {"due": format_date(submission.due)}


def _refused(
    request: HttpRequest, submission: Submission, problems: list[str], *, from_queue: bool, status: int
) -> HttpResponse:
    """A refused step: the message on the queue row (HTMX), else on the grid or the queue after a redirect."""
    if from_queue and _htmx(request):
        context = {"s": submission, "problem": " ".join(problems)}
        return render(request, "reporting/_queue_row.html", context, status=status)
    for problem in problems:
        messages.error(request, problem)
    target = reverse("reporting:review") if from_queue else reverse("reporting:grid", args=[submission.pk])
    if _htmx(request):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


# --- the review queue ---------------------------------------------------------------------------


@login_required
@require_safe
def review(request: HttpRequest) -> HttpResponse:
    """Submitted reports below the user waiting for approval, and the approved ones they may reopen."""
    user = request.user
    queue = selectors.review_queue(user=user).order_by("submitted_at", "pk")
    page = Paginator(queue, PER_PAGE).get_page(request.GET.get("page"))
    reopenable = list(reopenable_list(user=user).order_by("-reviewed_at", "-pk")[:PER_PAGE])
    context = {"page": page, "reopenable": reopenable, "may_review": may_review_somewhere(user)}
    return render(request, "reporting/review.html", context)


urlpatterns = [
    path("", report_list, name="list"),
    path("open/", report_open, name="open"),
    path("review/", review, name="review"),
    path("<int:pk>/", report_grid, name="grid"),
    path("<int:pk>/<str:action>/", report_transition, name="transition"),
]
