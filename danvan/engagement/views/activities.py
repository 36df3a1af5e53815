"""Back office for dialogues (with their issues) and "Three Together" activities.

Thin: reads through `dialogue_selectors` / `activity_selectors` (scope from `org.access`, anything
out of scope answers 404 like something missing), writes through `dialogue_services` /
`activity_services`, whose `DomainError` message is shown with its status.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from danvan.core.errors import DomainError, NotFound
from danvan.engagement import activity_selectors, activity_services, dialogue_selectors, dialogue_services
from danvan.engagement.exports_activities import table_response
from danvan.engagement.forms_activities import (
    ActivityFilterForm,
    ActivityForm,
    DialogueFilterForm,
    DialogueForm,
    IssueForm,
    SettleForm,
    unit_datalist,
)
from danvan.engagement.minutes import content_type_of
from danvan.engagement.models import Dialogue, GrassrootsActivity, Petition
from danvan.initiatives.forms_entry import unit_key
from danvan.org.access import Action, can

PER_PAGE = 50
_ACTIVITY_LABELS = dict(GrassrootsActivity.Activity.choices)


def _get_or_404(getter: Any, request: HttpRequest, pk: int) -> Any:
    try:
        return getter(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _refused(request: HttpRequest, exc: DomainError, back: str) -> HttpResponse:
    return render(
        request, "engagement/activity_refused.html", {"message": exc.message, "back": back}, status=exc.status
    )


def _query(request: HttpRequest) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in request.GET.items() if v and k not in ("page", "export")])


def _export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("export")
    return fmt if fmt in ("csv", "xlsx") else None


# --- dialogues ----------------------------------------------------------------------------------


@login_required
@require_safe
def dialogue_list(request: HttpRequest) -> HttpResponse:
    form = DialogueFilterForm(request.GET, user=request.user)
    valid = form.is_valid()
    qs = dialogue_selectors.dialogue_list(user=request.user, filters=form.filters() if valid else None)
    if not valid:
        qs = qs.none()
    fmt = _export_format(request)
    if fmt and valid:
        headers = [_("Date"), _("Title"), _("Format"), _("Place"), _("Host organisation"), _("Participants")]
        headers += [_("Issues"), _("Open issues")]
        rows = (
            (
                d.held_on,
                d.title,
                d.get_format_display(),
                d.unit.name,
                d.host.name,
                d.participants_count,
                d.issue_count,
                d.open_count,
            )
            for d in qs
        )
        return table_response(fmt, "dialogues", headers, rows)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request), "units": unit_datalist(request.user, Action.VIEW)}
    return render(request, "engagement/dialogue_list.html", context, status=200 if valid else 400)


def _dialogue_page(request: HttpRequest, dialogue: Dialogue, *, status: int = 200, **extra: Any) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    may_report = can(user, Action.REPORT, dialogue.unit, dialogue.host)
    issues = dialogue_selectors.dialogue_issues(user=user, dialogue=dialogue, today=today)
    previous = dialogue_selectors.dialogue_previous(user=user, dialogue=dialogue)
    previous_issues = dialogue_selectors.dialogue_issues(user=user, dialogue=previous, today=today) if previous else []
    settleable = {i.pk for i in [*issues, *previous_issues] if dialogue_services.may_settle(user, i)}
    context = {
        "dialogue": dialogue,
        "issues": issues,
        "previous": previous,
        "previous_issues": previous_issues,
        "may_report": may_report,
        "settleable": settleable,
        "issue_form": extra.pop("issue_form", None)
        or (
            IssueForm(
                user=user,
                handlers=dialogue_services.handler_choices(dialogue.host),
                initial={"owner": dialogue.host_id},
            )
            if may_report
            else None
        ),
        "error": "",
        **extra,
    }
    return render(request, "engagement/dialogue_detail.html", context, status=status)


@login_required
@require_safe
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _dialogue_page(request, _get_or_404(dialogue_selectors.dialogue_get, request, pk))


def _dialogue_form_page(request: HttpRequest, form: DialogueForm, dialogue: Dialogue | None, **kw: Any) -> HttpResponse:
    context = {"form": form, "dialogue": dialogue, "units": unit_datalist(request.user), "error": kw.get("error", "")}
    return render(request, "engagement/dialogue_form.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dialogue_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = DialogueForm(user=request.user, initial={"held_on": timezone.localdate()})
        return _dialogue_form_page(request, form, None)
    form = DialogueForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _dialogue_form_page(request, form, None, status=400)
    try:
        dialogue = dialogue_services.dialogue_create(
            actor=request.user, minutes=form.cleaned_data.get("minutes"), **form.values()
        )
    except DomainError as exc:
        return _dialogue_form_page(request, form, None, error=exc.message, status=exc.status)
    messages.success(request, _("The dialogue was recorded."))
    return redirect("engagement:dialogue_detail", pk=dialogue.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dialogue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _get_or_404(dialogue_selectors.dialogue_get, request, pk)
    back = reverse("engagement:dialogue_detail", args=[pk])
    if not can(request.user, Action.REPORT, dialogue.unit, dialogue.host):
        return _refused(request, DomainError(_("You may not change this dialogue."), status=403), back)
    initial = {f: getattr(dialogue, f) for f in dialogue_services.DIALOGUE_FIELDS}
    initial["unit"] = unit_key(dialogue.unit)
    if request.method != "POST":
        return _dialogue_form_page(request, DialogueForm(user=request.user, initial=initial), dialogue)
    form = DialogueForm(request.POST, request.FILES, user=request.user, initial=initial)
    if not form.is_valid():
        return _dialogue_form_page(request, form, dialogue, status=400)
    try:
        dialogue_services.dialogue_update(
            actor=request.user, dialogue=dialogue, minutes=form.cleaned_data.get("minutes"), **form.values()
        )
    except DomainError as exc:
        return _dialogue_form_page(request, form, dialogue, error=exc.message, status=exc.status)
    messages.success(request, _("The dialogue was saved."))
    return redirect(back)


@login_required
@require_safe
def dialogue_minutes(request: HttpRequest, pk: int) -> FileResponse:
    """The minutes of a dialogue the user can see, served after the scope check, never from MEDIA_URL."""
    dialogue = _get_or_404(dialogue_selectors.dialogue_get, request, pk)
    if not dialogue.minutes:
        raise Http404(_("No such file."))
    try:
        handle = dialogue.minutes.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("No such file.")) from exc
    name = dialogue.minutes.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, content_type=content_type_of(name), filename=name, as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def dialogue_issue_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = _get_or_404(dialogue_selectors.dialogue_get, request, pk)
    form = IssueForm(request.POST, user=request.user, handlers=dialogue_services.handler_choices(dialogue.host))
    if "owner" in request.POST and request.POST["owner"].isdigit():  # offer the chosen owner's handlers
        owner = form.fields["owner"].queryset.filter(pk=int(request.POST["owner"][:18])).first()
        form.fields["handler"].queryset = dialogue_services.handler_choices(owner)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, status=400, issue_form=form)
    d = form.cleaned_data
    try:
        dialogue_services.dialogue_issue_add(
            actor=request.user,
            dialogue=dialogue,
            subject=d["subject"],
            text=d["text"],
            owner=d["owner"],
            deadline=d["deadline"],
            handler=d["handler"],
            topic=d["topic"],
            kind=d["kind"],
        )
    except DomainError as exc:
        return _dialogue_page(request, dialogue, status=exc.status, issue_form=form, error=exc.message)
    messages.success(request, _("The issue is tracked."))
    return redirect(reverse("engagement:dialogue_detail", args=[pk]) + "#issues")


@login_required
@require_POST
def dialogue_issue_settle(request: HttpRequest, pk: int, issue: int) -> HttpResponse:
    dialogue = _get_or_404(dialogue_selectors.dialogue_get, request, pk)
    visible = {i.pk: i for i in dialogue_selectors.dialogue_issues(user=request.user, dialogue=dialogue)}
    found: Petition | None = visible.get(issue)
    if found is None:
        raise Http404(_("No such issue."))
    form = SettleForm(request.POST)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, status=400, error=_("Say what was done."))
    try:
        dialogue_services.dialogue_issue_settle(actor=request.user, issue=found, answer=form.cleaned_data["answer"])
    except DomainError as exc:
        return _dialogue_page(request, dialogue, status=exc.status, error=exc.message)
    messages.success(request, _("The outcome was recorded."))
    return redirect(reverse("engagement:dialogue_detail", args=[pk]) + "#issues")


# --- Three Together -----------------------------------------------------------------------------


def activity_labels(codes: list[str]) -> str:
    return ", ".join(str(_ACTIVITY_LABELS.get(c, c)) for c in codes)


@login_required
@require_safe
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET, user=request.user)
    valid = form.is_valid()
    qs = activity_selectors.activity_list(user=request.user, filters=form.filters() if valid else None)
    if not valid:
        qs = qs.none()
    fmt = _export_format(request)
    if fmt and valid:
        headers = [_("From"), _("To"), _("Party cell or organisation"), _("Village or commune"), _("Province code")]
        headers += [_("Cadres and Party members"), _("People taking part"), _("What was done")]
        headers += [_("Houses built"), _("Houses repaired"), _("Money given (VND)"), _("Workdays"), _("Description")]
        rows = (
            (
                a.start_date,
                a.end_date,
                a.organization.name,
                a.unit.name,
                unit_key(a.unit),
                a.cadres_count,
                a.people_count,
                activity_labels(a.activities),
                a.houses_built,
                a.houses_repaired,
                int(a.money),
                a.workdays,
                a.description,
            )
            for a in qs
        )
        return table_response(fmt, "three-together", headers, rows)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    for a in page.object_list:
        a.activity_labels = activity_labels(a.activities)
    context = {
        "form": form,
        "page": page,
        "totals": activity_selectors.activity_totals(qs),
        "query": _query(request),
        "units": unit_datalist(request.user, Action.VIEW),
    }
    return render(request, "engagement/activity_list.html", context, status=200 if valid else 400)


@login_required
@require_safe
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_or_404(activity_selectors.activity_get, request, pk)
    context = {
        "activity": activity,
        "labels": [capfirst(_ACTIVITY_LABELS.get(c, c)) for c in activity.activities],
        "cadres": list(activity.cadres.all()),
        "may_report": can(request.user, Action.REPORT, activity.unit, activity.organization),
    }
    return render(request, "engagement/activity_detail.html", context)


def _activity_form_page(request: HttpRequest, form: ActivityForm, activity: Any, **kw: Any) -> HttpResponse:
    context = {"form": form, "activity": activity, "units": unit_datalist(request.user), "error": kw.get("error", "")}
    return render(request, "engagement/activity_form.html", context, status=kw.get("status", 200))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        today = timezone.localdate()
        return _activity_form_page(request, ActivityForm(user=request.user, initial={"start_date": today}), None)
    form = ActivityForm(request.POST, user=request.user)
    if not form.is_valid():
        return _activity_form_page(request, form, None, status=400)
    try:
        activity = activity_services.activity_create(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _activity_form_page(request, form, None, error=exc.message, status=exc.status)
    messages.success(request, _("The activity was recorded."))
    return redirect("engagement:activity_detail", pk=activity.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _get_or_404(activity_selectors.activity_get, request, pk)
    back = reverse("engagement:activity_detail", args=[pk])
    if not can(request.user, Action.REPORT, activity.unit, activity.organization):
        return _refused(request, DomainError(_("You may not change this activity."), status=403), back)
    initial = {f: getattr(activity, f) for f in activity_services.FIELDS}
    initial["unit"] = unit_key(activity.unit)
    if request.method != "POST":
        return _activity_form_page(request, ActivityForm(user=request.user, initial=initial), activity)
    form = ActivityForm(request.POST, user=request.user, initial=initial)
    if not form.is_valid():
        return _activity_form_page(request, form, activity, status=400)
    try:
        activity_services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
    except DomainError as exc:
        return _activity_form_page(request, form, activity, error=exc.message, status=exc.status)
    messages.success(request, _("The activity was saved."))
    return redirect(back)


urlpatterns = [
    path("dialogues/", dialogue_list, name="dialogue_list"),
    path("dialogues/new/", dialogue_create, name="dialogue_create"),
    path("dialogues/<int:pk>/", dialogue_detail, name="dialogue_detail"),
    path("dialogues/<int:pk>/edit/", dialogue_edit, name="dialogue_edit"),
    path("dialogues/<int:pk>/minutes/", dialogue_minutes, name="dialogue_minutes"),
    path("dialogues/<int:pk>/issues/", dialogue_issue_add, name="dialogue_issue_add"),
    path("dialogues/<int:pk>/issues/<int:issue>/settle/", dialogue_issue_settle, name="dialogue_issue_settle"),
    path("three-together/", activity_list, name="activity_list"),
    path("three-together/new/", activity_create, name="activity_create"),
    path("three-together/<int:pk>/", activity_detail, name="activity_detail"),
    path("three-together/<int:pk>/edit/", activity_edit, name="activity_edit"),
]
